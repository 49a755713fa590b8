"""Signing the agreement: a grown-up with their PIN; a child says "I agree", then taps pictures."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import cast

import flet as ft

from app import theme
from app.domain.agreement import AgreementVersion
from app.domain.people import Member
from app.domain.pins import PICTURE_PIN_LENGTH
from app.i18n import t
from app.services.agreement import SignResult
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.agreement.parts import card, picture_button, rule_card, service_of
from app.views.pickers import picture_pad
from app.views.pin_words import pin_feedback
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session


def _child_rules(version: AgreementVersion) -> list[ft.Control]:
    """The rules in a child's words: a big picture and a few words each."""
    return [
        card(ft.Row([w.picture(rule.picture, 56),
                     ft.Text(rule.for_children, size=20, weight=ft.FontWeight.W_600,
                             color=theme.TEXT, expand=True)],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER))
        for rule in version.rules
    ] + [
        card(ft.Row([w.picture("clock", 48), ft.Text(routine, size=18, expand=True)],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER))
        for routine in version.routines
    ]


def _after_signing(session: Session, member: Member, result: SignResult,
                   was_frozen: bool) -> None:
    """Say thank you, and that the agreement is ready once everyone has signed."""
    assert result.version is not None
    key = "agreement.sign.child_done" if member.uses_picture_pin else "agreement.sign.done"
    notice = t(key, name=member.name)
    if result.version.frozen and not was_frozen:
        notice += " " + t("agreement.sign.everyone")
    session.notice = notice
    go("/agreement")


@ft.component
@signed_in_only
def SignScreen() -> ft.Control:
    """One person signs the newest version of the agreement."""
    session = use_session()
    member_id = ft.use_route_params().get("member_id", "")
    pin, set_pin = ft.use_state("")
    pictures, set_pictures = ft.use_state(cast(list[str], []))
    agreed, set_agreed = ft.use_state(False)
    feedback, set_feedback = ft.use_state("")
    agreement = service_of(session)
    version = agreement.latest()
    back = guarded(session, lambda: go("/agreement"))
    try:
        member: Member | None = session.require_service().member(member_id)
    except KeyError:
        member = None
    if member is None or not member.active or version is None or version.is_empty:
        return w.screen(t("agreement.sign.missing"), [w.para(t("agreement.sign.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="agreement-sign-screen")
    signer = member
    was_frozen = version.frozen

    def after(result: SignResult) -> None:
        if result.ok:
            _after_signing(session, signer, result, was_frozen)
            return
        set_pin("")
        set_pictures([])
        set_feedback(pin_feedback(result.pin, child=signer.uses_picture_pin))

    def failed(exc: InvalidInput | NotAllowed) -> None:
        set_pin("")
        set_pictures([])
        set_feedback(error_message(exc))

    async def sign_adult() -> None:
        if not pin:
            set_feedback(t("pin.error.empty"))
            return
        try:
            result = await asyncio.to_thread(agreement.sign_with_pin, signer.id, pin)
        except (InvalidInput, NotAllowed) as exc:
            failed(exc)
            return
        after(result)

    def picture_chosen(new: list[str]) -> None:
        set_pictures(new)
        if new:
            set_feedback("")
        if len(new) == PICTURE_PIN_LENGTH:
            try:
                result = agreement.sign_with_pictures(signer.id, new)
            except (InvalidInput, NotAllowed) as exc:
                failed(exc)
                return
            after(result)

    if signer.uses_picture_pin:
        body = _child_body(session, signer, version, agreed, set_agreed, pictures,
                           picture_chosen, feedback)
        title = t("pin.title.child", name=signer.name)
    else:
        body = _adult_body(session, signer, version, pin, set_pin, sign_adult,
                           feedback)
        title = t("agreement.sign.title", name=signer.name)
    return w.screen(title, body, on_back=back, on_lock=guarded(session, session.lock),
                    identifier="agreement-sign-screen")


def _adult_body(session: Session, member: Member,
                version: AgreementVersion, pin: str, set_pin: Callable[[str], None],
                sign: Callable[[], Awaitable[None]], feedback: str) -> list[ft.Control]:
    """The rules in full, then the PIN box and "Sign"."""
    return [
        w.para(t("agreement.sign.adult_intro", name=member.name, number=version.number)),
        *[rule_card(rule) for rule in version.rules],
        *[w.para("\u2022 " + routine) for routine in version.routines],
        w.text_field(t("pin.digits.ask"), pin, set_pin, password=True,
                     numeric=True, max_length=6, on_submit=guarded(session, sign)),
        *([w.message(feedback)] if feedback else []),
        w.primary(t("agreement.sign.submit"), guarded(session, sign)),
    ]


def _child_body(session: Session, member: Member, version: AgreementVersion, agreed: bool,
                set_agreed: Callable[[bool], None], pictures: list[str],
                picture_chosen: Callable[[list[str]], None], feedback: str) -> list[ft.Control]:
    """Our rules in the child's words, a big "I agree", then their three pictures."""
    body: list[ft.Control] = [
        ft.Row([w.picture(member.avatar.value, 72)], alignment=ft.MainAxisAlignment.CENTER),
    ]
    if not agreed:
        body += [
            w.para(t("agreement.sign.child_intro"), size=20),
            *_child_rules(version),
            w.para(t("agreement.sign.child_ask"), size=20, bold=True),
            picture_button(t("agreement.sign.i_agree"), "handshake",
                           guarded(session, lambda: set_agreed(True)), filled=True, size=24),
            w.link(t("agreement.sign.child_not_yet"), guarded(session, lambda: go("/agreement"))),
        ]
    else:
        body += [
            w.message(t("agreement.sign.child_pictures"), kind="ok"),
            *([w.message(feedback, kind="warn")] if feedback else []),
            picture_pad(pictures, lambda new: guarded(
                session, lambda: picture_chosen(new))(), hidden=True),
        ]
    return body
