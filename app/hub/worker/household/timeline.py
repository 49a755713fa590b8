"""A household's timeline: what happened lately, newest first, one plain sentence each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.alerts import AlertSource
from app.domain.chores import TickKind
from app.hub.caseload import parse_time
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.words import feeling_words, person
from app.i18n import t

#: How many moments the timeline shows.
TIMELINE_LENGTH = 40


@dataclass(frozen=True)
class Moment:
    """One line of the timeline."""

    at: datetime
    words: str
    urgent: bool = False


def _moment(at: str | None, words: str, urgent: bool = False) -> Moment | None:
    moment = parse_time(at)
    return None if moment is None else Moment(moment, words, urgent)


def timeline(records: HouseholdRecords, limit: int = TIMELINE_LENGTH) -> list[Moment]:
    """The household's latest moments, newest first."""
    r = records
    found: list[Moment | None] = []
    for alert in r.alerts:
        key = ("hub.timeline.alert_help" if alert.source is AlertSource.HELP_BUTTON
               else "hub.timeline.alert_unsafe")
        found.append(_moment(alert.created_at, t(key, name=person(r, alert.child_id)), True))
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
    chore_names = {chore.id: chore.name for chore in r.chores}
    for event in r.chore_ticks:
        if event.kind is TickKind.TICK:
            found.append(_moment(event.at, t(
                "hub.timeline.chore", name=person(r, event.child_id),
                chore=chore_names.get(event.chore_id, t("hub.timeline.a_chore")))))
    for circle in r.circles:
        kind = t(f"circles.kind.{circle.kind.value}")
        found.append(_moment(circle.started_at, t("hub.timeline.circle", kind=kind)))
    for entry in r.diary:
        found.append(_moment(entry.created_at, t(
            "hub.timeline.diary", name=person(r, entry.author_id))))
    for message in r.sealed:
        found.append(Moment(message.received_at, t("hub.timeline.message")))
    moments = [moment for moment in found if moment is not None]
    return sorted(moments, key=lambda moment: moment.at, reverse=True)[:limit]
