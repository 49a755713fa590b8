"""Pieces the agreement screens share: a rule card, the signatures, dates in words, ideas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import flet as ft

from app import theme
from app.domain.agreement import AgreedChore, AgreementVersion, Rule, RuleField
from app.domain.people import Member, Role
from app.i18n import t
from app.i18n.dates import long_date
from app.services.agreement import AgreementService, agreement_for
from app.views import widgets as w
from app.views.state import Session, go, guarded
from app.views.text_size import sized

#: How many restorative examples the catalogue has for each part of a rule.
EXAMPLE_COUNTS: dict[RuleField, int] = {
    RuleField.TEXT: 6, RuleField.WHY: 4, RuleField.KEPT: 5, RuleField.BROKEN: 6,
    RuleField.REPAIR: 5,
}
BORDER = "#C9C2B8"


def service_of(session: Session) -> AgreementService:
    """The agreement service of the session's household."""
    return agreement_for(session.require_service())


def examples(part: RuleField) -> list[str]:
    """The restorative examples offered for one part of a rule."""
    return [t(f"agreement.example.{part.value}.{n}")
            for n in range(1, EXAMPLE_COUNTS.get(part, 0) + 1)]


def date_words(day: date) -> str:
    """A date as people say it: "3 February 2027"."""
    return long_date(day)


def when_words(iso: str) -> str:
    """A moment as people say it: "3 February 2027 at 14:05" (this device's time)."""
    moment = datetime.fromisoformat(iso).astimezone()
    return t("agreement.when", date=date_words(moment.date()), time=moment.strftime("%H:%M"))


def review_words(version: AgreementVersion) -> str:
    """The review date in words, or that there is none."""
    if version.review_date is None:
        return t("agreement.review.none")
    return date_words(date.fromisoformat(version.review_date))


def heading(text: str) -> ft.Control:
    """A section heading, marked as one for screen readers."""
    return ft.Semantics(header=True, content=w.para(text, size=20, bold=True))


def idea(text: str, on_click: Callable[..., Any]) -> ft.Control:
    """A tappable suggestion: tapping it puts its words into the box above."""
    return ft.Container(
        w.named(text, ft.Text(text, size=sized(16), color=theme.BRAND_DARK)),
        padding=ft.Padding.symmetric(horizontal=14, vertical=12),
        border=ft.Border.all(1, theme.BRAND),
        border_radius=20,
        bgcolor=theme.SURFACE,
        on_click=on_click,
        ink=True,
    )


def picture_button(label: str, picture: str, on_click: Callable[..., Any], *,
                   filled: bool = False, size: int = 20) -> ft.Control:
    """A big button with a picture and words; its accessible name is just the words."""
    colour = "#FFFFFF" if filled else theme.BRAND_DARK
    return ft.Container(
        w.named(label, ft.Row([w.picture(picture, 36),
                               ft.Text(label, size=sized(size), weight=ft.FontWeight.BOLD,
                                       color=colour, expand=True)],
                              spacing=12, vertical_alignment=ft.CrossAxisAlignment.CENTER)),
        padding=ft.Padding.symmetric(horizontal=18, vertical=14),
        bgcolor=theme.BRAND if filled else theme.SURFACE,
        border=None if filled else ft.Border.all(2, theme.BRAND),
        border_radius=28, ink=True, on_click=on_click,
    )


def ideas_row(session: Session, part: RuleField, choose: Callable[[str], None]) -> ft.Control:
    """"Ideas:" and the examples for one part of a rule, each one tappable."""
    return ft.Column(
        [
            w.para(t("agreement.ideas"), size=15, muted=True),
            ft.Row([idea(text, guarded(session, lambda text=text: choose(text)))
                    for text in examples(part)], wrap=True, spacing=8, run_spacing=8),
        ],
        spacing=6,
    )


def card(content: ft.Control) -> ft.Control:
    """A white rounded box."""
    return ft.Container(content, bgcolor=theme.SURFACE, border_radius=16, padding=14,
                        border=ft.Border.all(1, BORDER))


def rule_card(rule: Rule, *, action: ft.Control | None = None) -> ft.Control:
    """A rule with its picture, and what happens when it is kept or broken."""
    lines: list[ft.Control] = [
        ft.Row([w.picture(rule.picture, 48),
                ft.Text(rule.text, size=sized(18), weight=ft.FontWeight.W_600, color=theme.TEXT,
                        expand=True)],
               vertical_alignment=ft.CrossAxisAlignment.CENTER),
    ]
    for part, value in ((RuleField.CHILD_WORDS, rule.child_words), (RuleField.WHY, rule.why),
                        (RuleField.KEPT, rule.kept), (RuleField.BROKEN, rule.broken),
                        (RuleField.REPAIR, rule.repair)):
        if value:
            lines.append(ft.Text(spans=[
                ft.TextSpan(t(f"agreement.part.{part.value}") + " ",
                            style=ft.TextStyle(weight=ft.FontWeight.BOLD)),
                ft.TextSpan(value),
            ], size=sized(16), color=theme.TEXT))
    if action is not None:
        lines.append(action)
    return card(ft.Column(lines, spacing=8))


def chores_list(chores: list[AgreedChore] | tuple[AgreedChore, ...]) -> list[ft.Control]:
    """The chores an agreement lists, each with its picture."""
    if not chores:
        return [w.para(t("agreement.chores.none"), muted=True)]
    return [ft.Row([w.picture(c.picture, 36), ft.Container(w.para(c.name), expand=True)],
                   vertical_alignment=ft.CrossAxisAlignment.CENTER) for c in chores]


def signature_rows(session: Session, version: AgreementVersion, people: list[Member],
                   *, can_sign: bool, asked: frozenset[str] = frozenset()) -> list[ft.Control]:
    """Each person: signed (and when), or a button to sign now; ``asked`` are invited only."""
    rows: list[ft.Control] = []
    listed = {m.id for m in people}
    for member in people:
        signature = version.signed_by(member.id)
        optional = member.role is Role.WORKER or member.id in asked
        if signature is not None:
            status: ft.Control = w.para(t("agreement.signed_on", when=when_words(
                signature.signed_at)), size=15, muted=True)
        elif can_sign:
            status = w.secondary(t("agreement.sign.button", name=member.name),
                                 guarded(session, lambda m=member: _go_sign(session, m)))
        else:
            key = "agreement.sign.optional" if optional else "agreement.sign.not_yet"
            status = w.para(t(key), size=15, muted=True)
        suffix = t("agreement.asked") if member.id in asked else t("agreement.optional")
        name = member.name + (" " + suffix if optional else "")
        rows.append(_person_row(member.avatar.value, name, signature is not None, status))
    for signature in version.signatures:  # people since removed still show as signed
        if signature.member_id not in listed:
            rows.append(_person_row(
                "person", signature.name, True,
                w.para(t("agreement.signed_on", when=when_words(signature.signed_at)),
                       size=15, muted=True)))
    return rows


def _person_row(picture: str, name: str, signed: bool, status: ft.Control) -> ft.Control:
    icon = ft.Icon(ft.Icons.CHECK_CIRCLE if signed else ft.Icons.RADIO_BUTTON_UNCHECKED,
                   color=theme.BRAND if signed else theme.MUTED)
    return card(ft.Row([
        w.picture(picture, 40),
        ft.Column([ft.Row([icon, ft.Container(w.para(name, bold=True), expand=True)]), status],
                  spacing=6, expand=True),
    ], vertical_alignment=ft.CrossAxisAlignment.START))


def _go_sign(session: Session, member: Member) -> None:
    session.notice = ""  # the last person's "thank you" is not for the next one
    go(f"/agreement/sign/{member.id}")


def version_title(version: AgreementVersion) -> str:
    """ "Version 2 (draft)" or "Version 1 (signed)"."""
    return t(f"agreement.version.{version.status.value}", number=version.number)


def version_summary(version: AgreementVersion, required: list[str]) -> list[ft.Control]:
    """Where a version is: a draft with n of the m who must sign, or agreed (for now: why)."""
    if not (version.frozen and version.signed_at):
        done = len(required) - len(version.missing(required))
        return [w.message(t("agreement.status.draft", number=version.number, done=done,
                            total=len(required)), kind="warn")]
    when = when_words(version.signed_at)
    key = ("agreement.status.for_now" if version.for_now is not None
           else "agreement.status.signed_needed" if version.not_signed
           else "agreement.status.signed")
    rows = [w.message(t(key, number=version.number, when=when), kind="ok")]
    if version.for_now is not None:
        rows.append(ft.Semantics(identifier="agreement-for-now-reason", container=True,
                                 content=w.message(t("agreement.for_now.record",
                                                     name=version.for_now.name,
                                                     reason=version.for_now.reason),
                                                   kind="warn")))
    if version.not_signed:
        rows.append(w.para(t("agreement.not_signed", names=", ".join(version.not_signed))))
    return rows
