"""A household's timeline: what happened lately, newest first, one plain sentence each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.alerts import AlertSource
from app.domain.chores import TickEvent, TickKind, live_ticks, tick_states
from app.domain.rituals import first_done
from app.hub.caseload import parse_time
from app.hub.record_checks import on_hub_clock
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.words import feeling_words, month_words, person
from app.i18n import plural, t

#: How many moments the timeline shows; a chosen stretch of dates shows more.
TIMELINE_LENGTH = 40
FILTERED_LENGTH = 300


@dataclass(frozen=True)
class Moment:
    """One line of the timeline."""

    at: datetime
    words: str
    urgent: bool = False


def _moment(at: str | None, words: str, urgent: bool = False) -> Moment | None:
    moment = parse_time(at)
    return None if moment is None else Moment(moment, words, urgent)


def timeline(records: HouseholdRecords, limit: int = TIMELINE_LENGTH,
             start: date | None = None, end: date | None = None) -> list[Moment]:
    """The household's latest moments, newest first; from ``start`` to ``end`` (days on the
    hub's clock, as the screens name them; both included) when given."""
    r = records
    found: list[Moment | None] = []
    for alert in r.alerts:
        key = {AlertSource.HELP_BUTTON: "hub.timeline.alert_help",
               AlertSource.UNREADABLE: "hub.alert.unreadable"}.get(
                   alert.source, "hub.timeline.alert_unsafe")
        found.append(_moment(alert.created_at, t(key, name=person(r, alert.child_id)), True))
    for member in r.members.values():  # the day someone was taken off the household
        if member.removed_at:
            found.append(_moment(member.removed_at, t("hub.timeline.member_left",
                                                      name=person(r, member.id))))
    for seen in r.alerts_seen:
        found.append(_moment(seen.created_at,
                             t("hub.timeline.alert_seen", name=person(r, seen.created_by))))
    for checkin in r.checkins:
        found.append(_moment(checkin.created_at, t(
            "hub.timeline.checkin", name=person(r, checkin.created_by),
            feeling=feeling_words(checkin.feeling).lower())))
    for rating in r.ratings:
        found.append(_moment(rating.created_at, t(
            "hub.timeline.rating", name=person(r, rating.created_by), score=rating.score)))
    if r.plan is not None and r.plan.updated_at:
        found.append(_moment(r.plan.updated_at, t(
            "hub.timeline.plan", name=person(r, r.plan.updated_by))))
    for tick in r.action_ticks:
        if tick.done:
            found.append(_moment(tick.created_at, t(
                "hub.timeline.action_done", name=person(r, tick.created_by))))
    for version in r.agreements:
        if version.signed_at:
            found.append(_moment(version.signed_at, t(
                "hub.timeline.agreement_signed", number=version.number)))
    found += chore_moments(r)
    for circle in r.circles:
        kind = t(f"circles.kind.{circle.kind.value}")
        found.append(_moment(circle.started_at, t("hub.timeline.circle", kind=kind)))
    for entry in r.diary:
        found.append(_moment(entry.created_at, t(
            "hub.timeline.diary", name=person(r, entry.author_id))))
    found += programme_moments(r)
    for message in r.sealed:
        found.append(Moment(message.received_at, t("hub.timeline.message")))
    found += houses_moments(r)
    moments = [moment for moment in found if moment is not None
               and (start is None or on_hub_clock(moment.at).date() >= start)
               and (end is None or on_hub_clock(moment.at).date() <= end)]
    return sorted(moments, key=lambda moment: moment.at, reverse=True)[:limit]


def chore_moments(r: HouseholdRecords) -> list[Moment | None]:
    """Each child's job on a day, once, as the family's own screens count it: done, when its
    first tick still stands (a second device's tick of it adds nothing); else, if a parent
    took the tick back, said plainly, at the time they did, so it never reads as done."""
    names = {chore.id: chore.name for chore in r.chores}

    def chore(chore_id: str) -> str:
        return names.get(chore_id, t("hub.timeline.a_chore"))

    standing = live_ticks(r.chore_ticks)
    found: list[Moment | None] = [
        _moment(state.tick.at, t("hub.timeline.chore", name=person(r, state.tick.child_id),
                                 chore=chore(state.tick.chore_id)))
        for state in standing.values()]
    ticks = tick_states(r.chore_ticks)
    taken_back: dict[tuple[str, str, date], tuple[TickEvent, TickEvent]] = {}
    for event in sorted(r.chore_ticks, key=lambda e: (e.at, e.id)):
        state = ticks.get(event.tick_id or "") if event.kind is TickKind.UNDO else None
        if state is not None:
            tick = state.tick
            slot = (tick.chore_id, tick.child_id, tick.day)
            if slot not in standing:
                taken_back.setdefault(slot, (event, tick))
    found += [_moment(undo.at, t("hub.timeline.chore_taken_back", by=person(r, undo.by),
                                 name=person(r, tick.child_id), chore=chore(tick.chore_id)))
              for undo, tick in taken_back.values()]
    return found


def houses_moments(r: HouseholdRecords) -> list[Moment | None]:
    """A child's time in their three houses, one moment a child a day: how many things they
    showed; and, a moment a day, how many things kept for the worker came, sealed (by
    whom, the hub cannot tell)."""
    days: dict[tuple[str, str], list[str]] = {}
    for item in r.house_items:
        days.setdefault((item.child_id, item.sitting), []).append(item.created_at)
    found = [_moment(min(made), plural(len(made), "hub.timeline.houses", name=person(r, child)))
             for (child, _day), made in days.items()]
    kept: dict[date, list[datetime]] = {}
    for sealed in r.kept_houses:
        kept.setdefault(on_hub_clock(sealed.received_at).date(), []).append(sealed.received_at)
    found += [Moment(min(came), plural(len(came), "hub.timeline.houses_kept"))
              for came in kept.values()]
    return found


def programme_moments(r: HouseholdRecords) -> list[Moment | None]:
    """Strengths, rituals, carers' check-ins, visits and reviews, as moments."""
    found: list[Moment | None] = []
    for note in r.strengths:
        found.append(_moment(note.created_at, t(
            f"hub.timeline.strength.{note.kind.value}", name=person(r, note.child_id))))
    ritual_names = {ritual.id: ritual.name for ritual in r.rituals}
    # once a day, by its first mark, however many devices marked it
    for done in first_done(r.rituals_done).values():
        found.append(_moment(done.at, t(
            "hub.timeline.ritual", ritual=ritual_names.get(done.ritual_id,
                                                           t("hub.timeline.a_ritual")))))
    for carer in r.carer_checkins:
        found.append(_moment(carer.created_at, t(
            "hub.timeline.carer", name=person(r, carer.created_by))))
    for visit in r.visits:
        found.append(_moment(visit.started_at, t(
            "hub.timeline.visit", name=person(r, visit.worker_id))))
    for review in r.reviews:
        found.append(_moment(review.created_at, t("hub.timeline.review",
                                                  month=month_words(review.month))))
    return found
