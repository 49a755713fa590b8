"""Signing the agreement: a grown-up with their PIN; a child says "I agree" or "Not yet", then
taps their pictures so the grown-ups know it was them."""

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
from app.services.agreement_parts import words_stamp
from app.services.errors import ChangedMeanwhile
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.agreement.parts import card, picture_button, rule_card, service_of
from app.views.pickers import picture_pad
from app.views.pin_words import pin_feedback
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized

#: Where a child is on their signing screen: reading and asked, then tapping their pictures.
ASK, AGREE, NOT_YET = "ask", "agree", "not_yet"


def _child_rules(version: AgreementVersion) -> list[ft.Control]:
    """The rules in a child's words: a big picture and a few words each."""
    return [
        card(ft.Row([w.picture(rule.picture, 56),
                     ft.Text(rule.for_children, size=sized(20), weight=ft.FontWeight.W_600,
                             color=theme.TEXT, expand=True)],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER))
        for rule in version.rules
    ] + [
        card(ft.Row([w.picture("clock", 48), ft.Text(routine, size=sized(18), expand=True)],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER))
        for routine in version.routines
    ]


def _after_signing(session: Session, member: Member, result: SignResult,
                   was_frozen: bool) -> None:
    """Say thank you, and that the agreement is ready once everyone needed has signed."""
    version = result.version
    assert version is not None
    key = "agreement.sign.child_done" if member.uses_picture_pin else "agreement.sign.done"
    notice = t(key, name=member.name)
    if version.frozen and not was_frozen:
        notice += " " + (t("agreement.sign.everyone_needed", names=", ".join(version.not_signed))
                         if version.not_signed else t("agreement.sign.everyone"))
    session.notice = notice
    go("/agreement")


def _after_not_yet(session: Session, member: Member) -> None:
    """Thank the child for saying so, and tell them a grown-up will talk with them."""
    session.notice = t("agreement.not_yet.child_done", name=member.name)
    go("/agreement")


@ft.component
@signed_in_only
def SignScreen() -> ft.Control:
    """One person signs the newest version of the agreement."""
    session = use_session()
    member_id = ft.use_route_params().get("member_id", "")
    pin, set_pin = ft.use_state("")
    pictures, set_pictures = ft.use_state(cast(list[str], []))
    step, set_step = ft.use_state(ASK)  # a child: ASK, then AGREE or NOT_YET
    feedback, set_feedback = ft.use_state("")
    changed, set_changed = ft.use_state(False)
    agreement = service_of(session)
    # The words shown stay the words first shown: a change saved in another tab is signed only
    # once this screen has said so and shown it (the service refuses an older stamp).
    shown: ft.MutableRef[AgreementVersion | None] = ft.use_ref(agreement.latest)
    if shown.current is None:
        shown.current = agreement.latest()
    version = shown.current
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
        if result.ok and step == NOT_YET:
            _after_not_yet(session, signer)
            return
        if result.ok:
            _after_signing(session, signer, result, was_frozen)
            return
        set_pin("")
        set_pictures([])
        set_feedback(pin_feedback(result.pin, child=signer.uses_picture_pin))

    def changed_meanwhile() -> None:
        shown.current = agreement.latest()
        set_pin("")
        set_pictures([])
        set_feedback("")
        set_step(ASK)
        set_changed(True)

    def failed(exc: InvalidInput | NotAllowed) -> None:
        set_pin("")
        set_pictures([])
        set_feedback(error_message(exc))

    async def sign_adult() -> None:
        if not pin:
            set_feedback(t("pin.error.empty"))
            return
        try:
            result = await asyncio.to_thread(agreement.sign_with_pin, signer.id, pin,
                                             words_stamp(version))
        except ChangedMeanwhile:
            changed_meanwhile()
            return
        except (InvalidInput, NotAllowed) as exc:
            failed(exc)
            return
        after(result)

    def picture_chosen(new: list[str]) -> None:
        set_pictures(new)
        if new:
            set_feedback("")
        if len(new) == PICTURE_PIN_LENGTH:
            act = agreement.say_not_yet if step == NOT_YET else agreement.sign_with_pictures
            try:
                result = act(signer.id, new, words_stamp(version))
            except ChangedMeanwhile:
                changed_meanwhile()
                return
            except (InvalidInput, NotAllowed) as exc:
                failed(exc)
                return
            after(result)

    def choose(new_step: str) -> None:
        set_pictures([])
        set_feedback("")
        set_changed(False)
        set_step(new_step)

    if signer.uses_picture_pin:
        body = _child_body(session, signer, version, step, choose, pictures,
                           picture_chosen, feedback)
        if changed:
            body.insert(1, w.message(t("agreement.sign.changed.child"), kind="warn"))
        title = t("pin.title.child", name=signer.name)
    else:
        body = _adult_body(session, signer, version, pin, set_pin, sign_adult,
                           feedback)
        if changed:
            body.insert(0, w.message(t("agreement.sign.changed"), kind="warn"))
        title = t("agreement.sign.title", name=signer.name)
    return w.screen(title, body, on_back=back, on_lock=guarded(session, session.lock),
                    identifier="agreement-sign-screen", read_aloud=signer.uses_picture_pin)


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


def _child_body(session: Session, member: Member, version: AgreementVersion, step: str,
                set_step: Callable[[str], None], pictures: list[str],
                picture_chosen: Callable[[list[str]], None], feedback: str) -> list[ft.Control]:
    """Our rules in the child's words, a big "I agree" or "Not yet", then their three pictures."""
    body: list[ft.Control] = [
        ft.Row([w.picture(member.avatar.value, 72)], alignment=ft.MainAxisAlignment.CENTER),
    ]
    said_before = any(n.member_id == member.id for n in version.open_not_yet())
    if step == ASK:
        body += [
            w.para(t("agreement.sign.child_intro"), size=20),
            *_child_rules(version),
            *([w.message(t("agreement.sign.said_not_yet"), kind="ok")] if said_before else []),
            w.para(t("agreement.sign.child_ask"), size=20, bold=True),
            picture_button(t("agreement.sign.i_agree"), "handshake",
                           guarded(session, lambda: set_step(AGREE)), filled=True, size=24),
        ]
        # "Not yet" is for a draft: once agreed, a child who has not signed may still sign
        if not version.frozen and not said_before:
            body.append(picture_button(t("agreement.sign.not_yet_button"), "talk",
                                       guarded(session, lambda: set_step(NOT_YET)), size=24))
    else:
        asked_for = (t("agreement.sign.not_yet_pictures") if step == NOT_YET
                     else t("agreement.sign.child_pictures"))
        body += [
            w.message(asked_for, kind="ok"),
            *([w.message(feedback, kind="warn")] if feedback else []),
            picture_pad(pictures, lambda new: guarded(
                session, lambda: picture_chosen(new))(), hidden=True),
            w.link(t("agreement.sign.choose_again"), guarded(session, lambda: set_step(ASK))),
        ]
    return body
