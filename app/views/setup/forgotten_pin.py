""""Forgotten your PIN?": a parent chooses a new PIN on this device with the household passphrase.

In a one-parent household nobody else can set the parent's PIN, so without this they would be
shut out of their own household's screens. Only a parent is offered it: a child's pictures are
set by a parent, and the worker's PIN guards what a child tells them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from app.domain.people import Member
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.state import error_message, guarded, sign_in_at_home, use_session


@ft.component
def ForgottenPin(member: Member, on_back: Callable[[], None]) -> ft.Control:
    """The household passphrase, then the new PIN twice; saving signs the parent in."""
    session = use_session()
    passphrase, set_passphrase = ft.use_state("")
    pin, set_pin = ft.use_state("")
    pin_again, set_pin_again = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def save() -> None:
        if not passphrase:
            set_error(t("device.approve.empty"))
            return
        if pin != pin_again:
            set_error(t("pin.error.mismatch"))
            return
        set_busy(True)
        try:
            await asyncio.to_thread(session.require_service().new_pin_with_passphrase,
                                    member.id, passphrase, pin)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        finally:
            set_busy(False)
        sign_in_at_home(session, member)
        session.notice = t("pin.changed", name=member.name)

    body: list[ft.Control] = [
        ft.Row([w.picture(member.avatar.value, 72)], alignment=ft.MainAxisAlignment.CENTER),
        w.para(t("pin.forgot.intro")),
        w.text_field(t("device.approve.passphrase_field"), passphrase, set_passphrase,
                     password=True, autofocus=True),
        w.text_field(t("pin.digits.new"), pin, set_pin, password=True, numeric=True,
                     max_length=6),
        w.text_field(t("pin.digits.again"), pin_again, set_pin_again, password=True,
                     numeric=True, max_length=6, on_submit=guarded(session, save)),
        *([w.message(error)] if error else []),
        w.primary(t("device.approve.busy") if busy else t("pin.digits.save"),
                  guarded(session, save), disabled=busy),
        w.para(t("pin.forgot.no_passphrase"), size=14),
    ]
    return w.screen(t("pin.forgot.title", name=member.name), body,
                    on_back=guarded(session, on_back), on_lock=guarded(session, session.lock),
                    identifier="forgotten-pin")
