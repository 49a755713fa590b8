"""The family's plan from its latest family group conference, on the household's hub page.

Read straight from the household's records on the hub (``conferences``, ``conference_ticks``
and ``network_people``): the stage, who was invited, each action with who, by when and
whether it is done, how the bottom lines are met, and the agency's answer with the review date.
"""

from __future__ import annotations

from datetime import date

import flet as ft
from sqlalchemy import Engine, select

from app import theme
from app.domain.programme.conference import Conference
from app.domain.programme.family_plan import PlanTick, done_actions
from app.domain.programme.network import NetworkPerson
from app.hub.caseload import BAD_BODY, body_json, decode_all
from app.hub.db import records
from app.hub.worker import frame
from app.i18n import t
from app.views.chores.parts import date_words

CONFERENCES = "conferences"
TICKS = "conference_ticks"
NETWORK = "network_people"


def _rows(engine: Engine, household_id: str,
          collection: str) -> list[tuple[str, str, dict[str, object] | None]]:
    query = select(records.c.record_id, records.c.collection, records.c.body).where(
        records.c.household_id == household_id, records.c.collection == collection,
        records.c.deleted.is_(False), records.c.sealed.is_(False))
    with engine.connect() as connection:
        return [(row.record_id, row.collection, body_json(row.body))
                for row in connection.execute(query).all()]


def latest_conference(engine: Engine, household_id: str
                      ) -> tuple[Conference | None, set[str], dict[str, str]]:
    """The household's newest conference, the actions done, and network names by id."""
    found, _ = decode_all(_rows(engine, household_id, CONFERENCES), Conference.from_json)
    if not found:
        return None, set(), {}
    newest = max(found, key=lambda c: c.created_at)
    ticks, _ = decode_all(_rows(engine, household_id, TICKS), PlanTick.from_json)
    people, _ = decode_all(_rows(engine, household_id, NETWORK), NetworkPerson.from_json)
    return newest, done_actions(ticks, newest.id), {p.id: p.name for p in people}


def _day(iso: str | None) -> str:
    try:
        return date_words(date.fromisoformat(iso or ""))
    except ValueError:
        return ""


def conference_card(engine: Engine, household_id: str) -> ft.Control:
    """The family's plan, as a card on the household page (nothing when there is none)."""
    try:
        conference, done, names = latest_conference(engine, household_id)
    except BAD_BODY:
        return ft.Container()
    if conference is None:
        return ft.Container()
    rows: list[ft.Control] = [frame.line(t(f"hub.conference.stage.{conference.stage.value}"),
                                         bold=True)]
    if conference.invited:
        rows.append(frame.line(t("conference.invited", names=", ".join(
            names.get(i, "?") for i in conference.invited))))
    for action in conference.plan.actions:
        note = " · ".join(part for part in (action.who, _day(action.by_when),
                                            t("hub.conference.done") if action.id in done
                                            else "") if part)
        rows.append(frame.line(action.what, note=note))
    for line in conference.bottom_lines:
        met = conference.plan.bottom_lines_met.get(line.id)
        rows.append(frame.line(t("hub.conference.bottom_line", line=line.text,
                                 met=met or t("hub.conference.not_met"))))
    if conference.plan.contingencies:
        rows.append(frame.line(t("hub.conference.contingencies",
                                 text=conference.plan.contingencies)))
    if conference.plan.child_voice:
        rows.append(frame.line(t("hub.conference.child_voice",
                                 text=conference.plan.child_voice)))
    if conference.agreed is not None:
        rows.append(frame.line(t("conference.decision.agreed" if conference.agreed
                                 else "conference.decision.not_agreed"),
                               note=conference.decision_why, bold=True))
    if conference.review_on:
        rows.append(frame.line(t("conference.review_on", day=_day(conference.review_on))))
    return frame.card(t("hub.conference.title"), rows,
                      bgcolor=theme.OK_BG if conference.agreed else theme.SURFACE,
                      identifier="hub-conference")
