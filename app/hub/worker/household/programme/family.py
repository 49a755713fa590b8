"""Strengths first, read-only for the worker: strengths and proud moments, rituals, carers.

Counts are gentle as the family app's are: they say how often something was done, never how
often it was not.
"""

from __future__ import annotations

from datetime import datetime

import flet as ft

from app import theme
from app.domain.checkins_carer import CarerCheckIn
from app.domain.people import Role
from app.domain.rituals import Ritual, gentle_counts
from app.domain.strengths import StrengthNote, newest_first
from app.hub.record_checks import on_hub_clock
from app.hub.worker import frame
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.parts import Unreadable, section_page, use_household
from app.hub.worker.words import ago_iso, day_words_iso, person
from app.i18n import plural, t

NOTES_PER_CHILD = 20
CARER_CHECKINS_SHOWN = 20


def strength_line(records: HouseholdRecords, note: StrengthNote) -> ft.Control:
    """One note: what kind, the words, and who noted it when."""
    kind = t(f"strengths.kind.{note.kind.value}.short")
    words = note.words or t("hub.strengths.picture_only")
    return frame.line(f"{kind}: {words}", note=t(
        "hub.strengths.noted", name=person(records, note.created_by),
        day=day_words_iso(note.created_at)))


def children_of(records: HouseholdRecords) -> list[str]:
    """The household's children at home, as the family's own screen lists them; then anyone
    else a note is about (a child taken off the household, or one the hub has no member record
    for yet), so no note is hidden."""
    children = [m.id for m in records.members.values() if m.role is Role.CHILD and m.active]
    return list(dict.fromkeys([*children, *(note.child_id for note in records.strengths)]))


def child_title(records: HouseholdRecords, child: str) -> str:
    """A child's card title: their name, and that they were taken off the household if so."""
    member = records.members.get(child)
    if member is not None and not member.active:
        return t("hub.strengths.child_left", name=person(records, child))
    return t("hub.strengths.child", name=person(records, child))


@ft.component
def StrengthsScreen() -> ft.Control:
    """Each child's strengths, interests and proud moments, newest first."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    cards: list[ft.Control] = []
    for child in children_of(records):
        notes = newest_first(n for n in records.strengths if n.child_id == child)
        rows = [strength_line(records, note) for note in notes[:NOTES_PER_CHILD]]
        cards.append(frame.card(child_title(records, child),
                                rows or [frame.empty(t("hub.strengths.none_child"))],
                                bgcolor=theme.OK_BG if rows else theme.SURFACE))
    body: list[ft.Control] = [frame.empty(t("hub.strengths.intro"))]
    body += frame.grid(cards, wide=session.desk) or [frame.empty(t("hub.strengths.none"))]
    return section_page(session, records, t("hub.section.strengths"), body,
                        identifier="hub-strengths")


def ritual_card(records: HouseholdRecords, ritual: Ritual, now: datetime) -> ft.Control:
    """A ritual: when and for whom, and how often it was done (never how often it was not)."""
    # today as the family's phone says it: at 00:30 in a UK summer, UTC is still on yesterday
    counts = gentle_counts(records.rituals_done, ritual.id, on_hub_clock(now).date())
    rows: list[ft.Control] = []
    if ritual.plan.when:
        rows.append(frame.line(t("hub.rituals.when", when=ritual.plan.when)))
    who = ", ".join(person(records, member) for member in ritual.plan.who)
    rows.append(frame.line(t("hub.rituals.who", who=who) if who else t("hub.rituals.everyone")))
    if counts.this_week:
        rows.append(frame.line(plural(counts.this_week, "hub.rituals.week"), bold=True))
    if counts.in_all:
        done = [d for d in records.rituals_done if d.ritual_id == ritual.id]
        latest = max(done, key=lambda d: d.day)
        rows.append(frame.line(plural(counts.in_all, "hub.rituals.all"),
                               note=t("hub.rituals.last", when=ago_iso(latest.at, now))))
    else:
        rows.append(frame.empty(t("hub.rituals.not_yet")))
    return frame.card(ritual.name, rows)


@ft.component
def RitualsScreen() -> ft.Control:
    """The family's rituals, and gently how often each was done."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    now = session.now()
    kept = sorted((r for r in records.rituals if not r.stopped), key=lambda r: r.name.casefold())
    stopped = [r for r in records.rituals if r.stopped]
    body: list[ft.Control] = [frame.empty(t("hub.rituals.intro"))]
    body += frame.grid([ritual_card(records, r, now) for r in kept], wide=session.desk) or [
        frame.empty(t("hub.rituals.none"))]
    if stopped:
        body.append(frame.card(t("hub.rituals.stopped"), [
            frame.line(r.name, note=t("hub.rituals.stopped_by", name=person(
                records, r.updated_by), day=day_words_iso(r.updated_at))) for r in stopped]))
    return section_page(session, records, t("hub.section.rituals"), body,
                        identifier="hub-rituals")


def carer_line(records: HouseholdRecords, checkin: CarerCheckIn, now: datetime) -> ft.Control:
    """One carer's check-in: the score out of 20, whether to offer support, their words."""
    words = t("hub.carers.score", name=person(records, checkin.created_by), score=checkin.score)
    notes = [ago_iso(checkin.created_at, now)]
    if checkin.needs_support:
        notes.insert(0, t("hub.carers.offer_support"))
    if checkin.words:
        notes.append(f"“{checkin.words}”")
    return frame.line(words, note=" · ".join(notes), bold=checkin.needs_support,
                      colour=theme.ERROR if checkin.needs_support else theme.TEXT)


@ft.component
def CarersScreen() -> ft.Control:
    """How the parents and carers say they are: each one's latest, then the check-ins."""
    session, _, records = use_household()
    if records is None:
        return Unreadable()
    now = session.now()
    latest: dict[str, CarerCheckIn] = {}
    for checkin in records.carer_checkins:  # oldest first: the last one kept is the latest
        latest[checkin.created_by] = checkin
    body: list[ft.Control] = [frame.empty(t("hub.carers.intro"))]
    if not records.carer_checkins:
        body.append(frame.empty(t("hub.carers.none")))
    else:
        body.append(frame.card(t("hub.carers.latest"), [
            carer_line(records, checkin, now) for checkin in latest.values()],
            identifier="hub-carers-latest"))
        recent = list(reversed(records.carer_checkins))[:CARER_CHECKINS_SHOWN]
        body.append(frame.card(t("hub.carers.history"),
                               [carer_line(records, c, now) for c in recent]))
    return section_page(session, records, t("hub.section.carers"), body,
                        identifier="hub-carers")
