"""Someone's first time on this phone or tablet: a grown-up says it's OK, then they choose a PIN.

PINs (and a child's pictures) belong to each device and never travel, so a person who joined
with the household, or who was added on another device, chooses theirs here. A parent who
already uses this device approves with their PIN; when nobody has a PIN here yet (a device
that has just joined), the household passphrase of this device approves instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import cast

import flet as ft

from app.domain.people import Member
from app.domain.pins import PICTURE_PIN_LENGTH
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.pickers import picture_pad
from app.views.pin_words import pin_feedback
from app.views.state import error_message, guarded, sign_in_at_home, use_session

PASSPHRASE = "passphrase"  # approved by the household passphrase rather than a parent's PIN


@ft.component
def FirstTimeHere(member: Member, on_back: Callable[[], None]) -> ft.Control:
    """Approval by a grown-up of this device, then the person's own PIN or pictures."""
    session = use_session()
    service = session.require_service()
    approvers = service.parents_with_pin()
    approver, set_approver = ft.use_state(cast(str, "" if approvers else PASSPHRASE))
    proof, set_proof = ft.use_state("")
    approved, set_approved = ft.use_state(False)
    pin, set_pin = ft.use_state("")
    pin_again, set_pin_again = ft.use_state("")
    pictures, set_pictures = ft.use_state(cast(list[str], []))
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    child = member.uses_picture_pin

    async def approve() -> None:
        if not proof:
            set_error(t("device.approve.empty"))
            return
        set_busy(True)
        try:
            if approver == PASSPHRASE:
                ok = await asyncio.to_thread(service.passphrase_matches, proof)
                feedback = "" if ok else t("device.error.approval_wrong")
            else:
                result = await asyncio.to_thread(service.try_pin, approver, proof)
                ok, feedback = result.ok, "" if result.ok else pin_feedback(result, child=False)
        finally:
            set_busy(False)
        set_error(feedback)
        set_approved(ok)

    async def save() -> None:
        if not child and pin != pin_again:
            set_error(t("pin.error.mismatch"))
            return
        set_busy(True)
        try:
            await asyncio.to_thread(
                service.set_up_on_this_device, member.id, list(pictures) if child else pin,
                approver_id=None if approver == PASSPHRASE else approver, approval=proof)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        finally:
            set_busy(False)
        sign_in_at_home(session, member)

    def choose(who: str) -> None:
        set_approver(who)
        set_proof("")
        set_error("")

    title = t("device.new_here.title", name=member.name)
    body: list[ft.Control] = [ft.Row([w.picture(member.avatar.value, 72)],
                                     alignment=ft.MainAxisAlignment.CENTER)]
    if not approved:
        body.append(w.para(t("device.approve.intro", name=member.name)))
        if approver == PASSPHRASE:
            body += [
                w.para(t("device.approve.passphrase")),
                w.text_field(t("device.approve.passphrase_field"), proof, set_proof,
                             password=True, on_submit=guarded(session, approve)),
            ]
        elif approver:
            parent = service.member(approver)
            body.append(w.text_field(t("device.approve.pin_field", name=parent.name), proof,
                                     set_proof, password=True, numeric=True, max_length=6,
                                     autofocus=True, on_submit=guarded(session, approve)))
        else:
            body += [w.secondary(t("device.approve.me", name=parent.name),
                                 guarded(session, lambda p=parent: choose(p.id)))
                     for parent in approvers]
        if error:
            body.append(w.message(error))
        if approver:
            body.append(w.primary(t("device.approve.busy") if busy else t("device.approve.ok"),
                                  guarded(session, approve), disabled=busy))
        if approvers and approver != PASSPHRASE:
            body.append(w.link(t("device.approve.use_passphrase"),
                               guarded(session, lambda: choose(PASSPHRASE))))
    elif child:
        body += [
            w.para(t("device.choose.pictures", name=member.name), size=20),
            picture_pad(pictures, set_pictures),
            *([w.message(error)] if error else []),
            w.primary(t("device.choose.save"), guarded(session, save),
                      disabled=busy or len(pictures) != PICTURE_PIN_LENGTH),
        ]
    else:
        body += [
            w.para(t("pin.digits.set_intro")),
            w.text_field(t("pin.digits.new"), pin, set_pin, password=True, numeric=True,
                         max_length=6, autofocus=True),
            w.text_field(t("pin.digits.again"), pin_again, set_pin_again, password=True,
                         numeric=True, max_length=6, on_submit=guarded(session, save)),
            *([w.message(error)] if error else []),
            w.primary(t("device.choose.save"), guarded(session, save), disabled=busy),
        ]
    return w.screen(title, body, on_back=guarded(session, on_back),
                    on_lock=guarded(session, session.lock), identifier="first-time-here")
