"""What the programme screens share: the service, the programme's topics, a session's card, the
attendance summary, and the month's sessions as the monthly review shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.programme.sessions import Attendance, ProgrammeSession
from app.i18n import t
from app.services.programme.learning import learning_for
from app.services.programme.sessions import ProgrammeService, programme_for
from app.views import widgets as w
from app.views.agreement.parts import date_words
from app.views.chores.parts import and_list, heading
from app.views.state import Session

BORDER = "#E2DBD2"
def service(session: Session) -> ProgrammeService:
    """The programme plan of the household this session has unlocked."""
    return programme_for(session.require_service())


def names_by_id(session: Session) -> dict[str, str]:
    """Everyone's name, people who have left included."""
    return {m.id: m.name for m in session.require_service().members(include_removed=True)}


def topics(session: Session) -> list[tuple[str, str]]:
    """The programme's topics (the learning cards) as (topic, title), offered as ideas."""
    return [(card.topic, card.title)
            for card in learning_for(session.require_service()).cards()]


def session_card(found: ProgrammeSession, names: dict[str, str],
                 on_fill_in: Callable[..., Any] | None = None,
                 link_key: str = "programme.card.fill_in") -> ft.Control:
    """One session: topic, day, who is coming or who came, and what the family took from it."""
    rows: list[ft.Control] = [w.para(found.plan.topic, bold=True),
                              w.para(date_words(found.day), size=16, muted=True)]
    if found.attended is None:
        rows.append(w.para(t("programme.card.expected", names=and_list(
            [names.get(m, "?") for m in found.plan.expected])), size=16))
    elif found.attended:
        rows.append(w.para(t("programme.card.came", names=and_list(
            [names.get(m, "?") for m in found.attended])), size=16))
    else:
        rows.append(w.para(t("programme.card.nobody_came"), size=16))
    if found.took_away:
        rows.append(w.para(t("programme.card.took_away", words=found.took_away), size=16))
    if on_fill_in is not None:
        rows.append(w.link(t(link_key, topic=found.plan.topic), on_fill_in))
    return ft.Semantics(identifier=f"session-{found.id}", container=True, content=ft.Container(
        ft.Column(rows, spacing=6), bgcolor=theme.SURFACE, border_radius=14, padding=12,
        border=ft.Border.all(1, BORDER)))


def attendance_lines(counted: Attendance, names: dict[str, str]) -> list[str]:
    """"2 of 3 sessions held so far." and each person's "Jo came to 2 of 2"."""
    lines = [t("programme.summary", held=counted.held, planned=counted.planned)]
    for person in counted.people:
        name = names.get(person.member_id, "?")
        lines.append(t("programme.person", name=name, came=person.came, expected=person.expected)
                     if person.expected else
                     t("programme.person.extra", name=name, came=person.came))
    return lines


def review_part(session: Session, month: str) -> list[ft.Control]:
    """The month's sessions and attendance, for the monthly review screen."""
    plan = service(session)
    found = plan.in_month(month)
    names = names_by_id(session)
    rows: list[ft.Control] = [heading(t("programme.review.title"))]
    if not found:
        rows.append(w.para(t("programme.review.none"), size=16, muted=True))
        return [ft.Semantics(identifier=f"review-programme-{month}", container=True,
                             content=ft.Column(rows, spacing=6))]
    rows += [w.para(line, size=16) for line in attendance_lines(plan.attendance(month), names)]
    for s in found:
        rows.append(w.para(t("programme.review.session", day=date_words(s.day), topic=s.plan.topic),
                           size=16, bold=True))
        if s.took_away:
            rows.append(w.para(t("programme.card.took_away", words=s.took_away), size=16))
    return [ft.Semantics(identifier=f"review-programme-{month}", container=True,
                         content=ft.Column(rows, spacing=6))]
