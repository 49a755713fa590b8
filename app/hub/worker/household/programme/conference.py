"""The family's plan from its latest family group conference, on the household's hub page.

Read straight from the household's records on the hub (``conferences``, ``conference_ticks``
and ``network_people``): the stage, who was invited, each action with who, by when and
whether it is done, how the bottom lines are met, and the agency's answer with the review date.
The plan is the family's own until they share it: in private family time the card says only
where the conference is, as the worker's device does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import flet as ft
from sqlalchemy import Engine, select

from app import theme
from app.domain.programme.conference import Conference
from app.domain.programme.family_plan import PlanTick, done_actions
from app.hub.caseload import BAD_BODY, body_json, decode_all
from app.hub.db import records
from app.hub.worker import frame
from app.hub.worker.household.data import network_from_json
from app.i18n import plural, t
from app.views import widgets as w
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


@dataclass(frozen=True)
class ConferenceAtHub:
    """What the hub holds of a household's conferences: the newest it can read, the actions
    done in it, network names by id, and how many of these records it could not read."""

    conference: Conference | None
    done: frozenset[str] = frozenset()
    names: dict[str, str] = field(default_factory=dict)
    not_read: int = 0


def latest_conference(engine: Engine, household_id: str) -> ConferenceAtHub:
    """The household's newest conference the hub can read, and what goes with it.

    A conference it cannot read (a newer Homeward's, a damaged one) may be the newest: it is
    counted, so the card says so instead of passing an older plan off as the latest.
    """
    found, skipped = decode_all(_rows(engine, household_id, CONFERENCES), Conference.from_json)
    people, skipped_people = decode_all(_rows(engine, household_id, NETWORK), network_from_json)
    names = {p.id: p.name for p in people}
    if not found:
        return ConferenceAtHub(None, names=names, not_read=skipped + skipped_people)
    newest = max(found, key=lambda c: c.created_at)
    ticks, skipped_ticks = decode_all(_rows(engine, household_id, TICKS), PlanTick.from_json)
    return ConferenceAtHub(newest, frozenset(done_actions(ticks, newest.id)), names,
                           skipped + skipped_people + skipped_ticks)


def _day(iso: str | None) -> str:
    try:
        return date_words(date.fromisoformat(iso or ""))
    except ValueError:
        return ""


def _plan_rows(conference: Conference, done: frozenset[str]) -> list[ft.Control]:
    """The family's plan, once they have shared it; before then, only that it is theirs."""
    if not conference.plan_shared:
        return ([frame.line(t("hub.conference.plan_private"))] if conference.private_time
                else [])
    rows: list[ft.Control] = []
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
    return rows


def conference_card(engine: Engine, household_id: str) -> ft.Control:
    """The family's plan, as a card on the household page (nothing when there is none)."""
    try:
        found = latest_conference(engine, household_id)
    except BAD_BODY:
        return ft.Container()
    conference = found.conference
    rows: list[ft.Control] = []
    if found.not_read:
        rows.append(w.message(plural(found.not_read, "hub.household.not_read"), kind="warn"))
    if conference is None:
        return (frame.card(t("hub.conference.title"), rows, identifier="hub-conference")
                if rows else ft.Container())
    rows.append(frame.line(t(f"hub.conference.stage.{conference.stage.value}"), bold=True))
    if conference.invited:
        rows.append(frame.line(t("conference.invited", names=", ".join(
            found.names.get(i, "?") for i in conference.invited))))
    rows += _plan_rows(conference, found.done)
    # the agency's own answer stays in sight, also while the family rewrites a plan it
    # did not agree
    if conference.agreed is not None:
        rows.append(frame.line(t("conference.decision.agreed" if conference.agreed
                                 else "conference.decision.not_agreed"),
                               note=conference.decision_why, bold=True))
    if conference.review_on:
        rows.append(frame.line(t("conference.review_on", day=_day(conference.review_on))))
    return frame.card(t("hub.conference.title"), rows,
                      bgcolor=theme.OK_BG if conference.agreed else theme.SURFACE,
                      identifier="hub-conference")
