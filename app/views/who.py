"""'Who's using Homeward?': choose yourself, then your PIN or your three pictures."""

from __future__ import annotations

import asyncio
from typing import cast

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.pins import PICTURE_PIN_LENGTH
from app.i18n import t
from app.services.household import PinResult
from app.views import widgets as w
from app.views.language import language_row
from app.views.pickers import picture_pad
from app.views.pin_words import pin_feedback
from app.views.setup.device import FirstTimeHere
from app.views.setup.forgotten_pin import ForgottenPin
from app.views.state import guarded, sign_in_at_home, use_session
from app.views.text_size import sized, tap_height


def _person_card(member: Member, on_click: object, *, new_here: bool) -> ft.Control:
    """A big card with the person's picture and name; the whole card is the button.

    Someone without a PIN on this device yet is marked "Set up on this phone".
    """
    label = t("who.person", name=member.name, role=t(f"role.{member.role.value}"))
    return ft.Container(
        w.named(
            t("who.person.new_here", person=label) if new_here else label,
            ft.Column(
                [
                    w.picture(member.avatar.value, 56),
                    ft.Text(member.name, size=sized(18), weight=ft.FontWeight.W_600,
                            color=theme.TEXT,
                            text_align=ft.TextAlign.CENTER, max_lines=2),
                    *([ft.Text(t("who.new_here"), size=sized(13), color=theme.MUTED,
                               text_align=ft.TextAlign.CENTER)] if new_here else []),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                alignment=ft.MainAxisAlignment.CENTER,
                spacing=6,
            ),
        ),
        width=150,
        height=tap_height(140),  # bigger words make the card taller, never cut off
        padding=None if tap_height(140) else 12,
        alignment=ft.Alignment.CENTER,
        bgcolor=theme.SURFACE,
        border_radius=20,
        border=ft.Border.all(1, "#C9C2B8"),
        on_click=on_click,  # type: ignore[arg-type]
        ink=True,
    )


@ft.component
def WhoScreen() -> ft.Control:
    """Everyone's avatar; tapping one asks for that person's PIN."""
    session = use_session()
    chosen, set_chosen = ft.use_state(None)
    if session.service is None:
        # a tap on another tab changed the passphrase: this tab is on its way to asking for
        # it, and a render that raised here would stop the tab's updates for good
        return ft.Container()
    service = session.require_service()
    people = service.members()
    with_pin = {m.id for m in people if service.has_pin(m.id)}
    if chosen is not None:
        member = next((m for m in people if m.id == chosen), None)
        if member is not None and member.id in with_pin:
            return PinScreen(member, lambda: set_chosen(None))
        if member is not None:
            return FirstTimeHere(member, lambda: set_chosen(None))
    return w.screen(
        t("who.title"),
        [
            language_row(session.language, session.choose_language),
            ft.Row(
                [_person_card(m, guarded(session, lambda m=m: set_chosen(m.id)),
                              new_here=m.id not in with_pin) for m in people],
                wrap=True,
                spacing=12,
                run_spacing=12,
                alignment=ft.MainAxisAlignment.CENTER,
            ),
        ],
        on_lock=guarded(session, session.lock),
        identifier="who-screen",
    )


@ft.component
def PinScreen(member: Member, on_back: object) -> ft.Control:
    """One person's PIN: digits for grown-ups, three pictures for a child."""
    session = use_session()
    pin, set_pin = ft.use_state("")
    pictures, set_pictures = ft.use_state(cast(list[str], []))
    feedback, set_feedback = ft.use_state("")
    forgot, set_forgot = ft.use_state(False)
    child = member.uses_picture_pin
    if forgot:
        return ForgottenPin(member, lambda: set_forgot(False))

    async def check() -> None:
        if not pin:
            set_feedback(t("pin.error.empty"))
            return
        after(await asyncio.to_thread(session.require_service().try_pin, member.id, pin))

    def after(result: PinResult) -> None:
        if result.ok:
            sign_in_at_home(session, member)
            return
        set_pin("")
        set_pictures([])
        set_feedback(pin_feedback(result, child=child))

    def picture_chosen(new: list[str]) -> None:
        set_pictures(new)
        if new:
            set_feedback("")
        if len(new) == PICTURE_PIN_LENGTH:
            # scrypt on a short secret takes a few tens of milliseconds: fine inline
            result = session.require_service().try_pictures(member.id, new)
            after(result)

    title = t("pin.title.child", name=member.name) if child else t("pin.title", name=member.name)
    body: list[ft.Control] = [
        ft.Row([w.picture(member.avatar.value, 72)],
               alignment=ft.MainAxisAlignment.CENTER),
    ]
    if child:
        body += [
            w.para(t("pin.pictures.ask"), size=20),
            *([w.message(feedback, kind="warn")] if feedback else []),
            picture_pad(pictures, lambda new: guarded(session, lambda: picture_chosen(new))(),
                        hidden=True),
        ]
    else:
        body += [
            w.text_field(t("pin.digits.ask"), pin, set_pin, password=True, numeric=True,
                         autofocus=True, max_length=6, on_submit=guarded(session, check)),
            *([w.message(feedback)] if feedback else []),
            w.primary(t("pin.sign_in"), guarded(session, check)),
            *([w.link(t("pin.forgot"), guarded(session, lambda: set_forgot(True)))]
              if member.role is Role.PARENT else []),
        ]
    return w.screen(title, body, on_back=guarded(session, on_back),  # type: ignore[arg-type]
                    on_lock=guarded(session, session.lock), identifier="pin-screen")
