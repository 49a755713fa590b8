"""What the worker reads first: the caseload, households in order of who needs attention.

A worker's caseload is the open households allocated to them, a manager's every open one;
the allocation is a filter in the SQL, so a worker's caseload reads only their own
households' records, however big the agency is. Beside what needs attention, each household
says what is going well and what is due (``app.hub.casework.progress``).

Read-side only: plain queries over the hub database, with each record's JSON body decoded by
its domain type. A body that does not decode (an older or damaged record) is logged by id and
left out, so one bad record never breaks a page. The helpers for decoding bodies are shared
with ``app.hub.worker.household.data`` (one household's records).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import IntEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Engine, Select, and_, func, or_, select

from app.domain.alerts import AlertSeen, AlertSource, SafetyAlert, unseen
from app.domain.people import Member, shown_name
from app.domain.programme.reviews import Review
from app.domain.programme.visits import Visit
from app.domain.safety_scale import SafetyRating, in_time_order, is_low, latest_by_person
from app.hub.casework.names import names_apart
from app.hub.casework.progress import WEEK, Due, GoingWell, Good, due, going_well
from app.hub.casework.this_week import counted_since
from app.hub.casework.unopened import Unopened, unopened_words
from app.hub.db import allocations, households, records
from app.hub.intake import AGENCY_AUTHOR_PREFIX
from app.hub.record_checks import checked, made_at, on_hub_clock, parse_time

log = logging.getLogger(__name__)

T = TypeVar("T")

#: No check-in for this many days (calendar days on the hub's clock) puts a household on the
#: worker's list.
QUIET_AFTER_DAYS = 3

ALERTS = "safety_alerts"
ALERTS_SEEN = "safety_alerts_seen"
RATINGS = "safety_ratings"
CHECKINS = "checkins"
MEMBERS = "members"
PLANS = "safety_plans"
CHILD_PLANS = "child_safety_plans"
ACTION_TICKS = "safety_action_ticks"
AGREEMENTS = "agreement_versions"
CHORES = "chores"
CHORE_TICKS = "chore_ticks"
CIRCLES = "circles"
TURNS = "circle_turns"
DIARY = "diary_entries"
MESSAGES = "worker_messages"
STRENGTHS = "strengths"
RITUALS = "rituals"
RITUAL_DONE = "ritual_done"
CARER_CHECKINS = "carer_checkins"
VISITS = "visits"
REVIEWS = "reviews"
GOALS = "family_goals"

#: Records counted as "this week" on the caseload, by the kind of good news they make.
WEEK_COUNTED = {CHECKINS: Good.CHECKINS, STRENGTHS: Good.STRENGTHS, RITUAL_DONE: Good.RITUALS}
#: Records counted once for each thing they name, not one a row: a ritual done, once a day.
ONCE_EACH = {RITUAL_DONE: ("ritual_id", "day")}

BAD_BODY = (KeyError, ValueError, TypeError, AttributeError)


class Attention(IntEnum):
    """Why a household is where it is on the caseload; lower comes first."""

    ALERT = 0  # a safety alert nobody at the agency has marked seen
    WORDS = 1  # sealed words for the worker (a child's, a parent's) nobody has opened yet
    LOW = 2  # someone's latest safety-scale rating is 0 to 3 (a first rating too)
    FALLING = 3  # someone's latest safety-scale rating is lower than their one before
    QUIET = 4  # no check-in for three days or more (or none yet)
    SETTLED = 5  # nothing asks for attention


@dataclass(frozen=True)
class Reason:
    """One thing about a household a worker should know, with the facts to put in words."""

    kind: Attention
    at: datetime | None = None  # the alert's time, the newest words, or the last check-in
    count: int | None = None  # sealed words: how many wait
    before: int | None = None  # falling scale: the earlier score ...
    after: int | None = None  # ... and the latest (a low rating: the score)
    who: str | None = None  # whose rating fell or is low (a name, or None if unknown)
    days: int | None = None  # quiet: whole days since the last check-in (None: never)


@dataclass(frozen=True)
class CaseloadEntry:
    """A household on the caseload and why it is placed where it is (most pressing first)."""

    household_id: str
    name: str
    reasons: tuple[Reason, ...]
    going_well: tuple[GoingWell, ...] = ()
    due: tuple[Due, ...] = ()

    @property
    def attention(self) -> Attention:
        """The most pressing reason's kind."""
        return self.reasons[0].kind if self.reasons else Attention.SETTLED

    def sort_key(self) -> tuple[Any, ...]:
        """Alerts, then unopened sealed words, newest first; then the lowest rating, the
        biggest fall, the longest quiet; then by name."""
        first = self.reasons[0] if self.reasons else Reason(Attention.SETTLED)
        if first.kind in (Attention.ALERT, Attention.WORDS) and first.at is not None:
            within = -first.at.timestamp()
        elif first.kind is Attention.LOW:
            within = first.after or 0
        elif first.kind is Attention.FALLING:
            within = -((first.before or 0) - (first.after or 0))
        elif first.kind is Attention.QUIET:
            within = -(first.days if first.days is not None else 10**9)
        else:
            within = 0
        return (int(first.kind), within, self.name.casefold(), self.household_id)


# --- decoding -----------------------------------------------------------------------------


def body_json(body: bytes | None) -> dict[str, Any] | None:
    """Decode a stored JSON body; None for a missing or unreadable one."""
    if body is None:
        return None
    try:
        value = json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def member_from_json(data: dict[str, Any]) -> Member:
    """A member as the hub holds it (the PIN hash was stripped before it was sent), with the
    name as a sentence says it: a device's name is never trusted to be on one line."""
    member = Member.from_json(data)
    return replace(member, name=shown_name(member.name))


def decode_all(
    rows: Iterable[tuple[str, str, dict[str, Any] | None]],
    read: Callable[[dict[str, Any]], T],
) -> tuple[list[T], int]:
    """Decode (record_id, collection, body) rows with ``read``; return the good ones and a count
    of the ones skipped (logged by id, never by content): a body that does not decode, or a
    record the hub cannot read (``record_checks``)."""
    found: list[T] = []
    skipped = 0
    for record_id, collection, body in rows:
        try:
            if body is None:
                raise ValueError("no readable JSON body")
            found.append(checked(read(body)))
        except BAD_BODY as exc:
            skipped += 1
            log.warning("skipped %s record %s: %s", collection, record_id, type(exc).__name__)
    return found, skipped


def read_alert(record_id: str, body: dict[str, Any] | None, hlc: str, received_at: datetime
               ) -> SafetyAlert:
    """An alert as the hub reads it, made when its clock stamp says if its own time cannot be
    believed (``made_at``). One it cannot read in full (a kind from a newer Homeward, a
    damaged body) is still an alert, never skipped like other records (rule 1): raised by the
    child it names, if that much can be read, when the hub received it."""
    try:
        if body is None:
            raise ValueError("no readable JSON body")
        alert = checked(SafetyAlert.from_json(body))
        return replace(alert, created_at=made_at(alert.created_at, hlc, received_at).isoformat())
    except BAD_BODY as exc:
        log.warning("alert %s read in part: %s", record_id, type(exc).__name__)
        child = body.get("child_id") if isinstance(body, dict) else None
        return SafetyAlert(record_id, child if isinstance(child, str) else "",
                           AlertSource.UNREADABLE, "", received_at.isoformat())


def _alerts(engine: Engine, homes: Select[tuple[str]]) -> dict[str, list[SafetyAlert]]:
    """Every alert of these households, by household: read whole or in part, never left out."""
    query = select(records.c.household_id, records.c.record_id, records.c.body,
                   records.c.hlc, records.c.received_at).where(
        records.c.collection == ALERTS, records.c.household_id.in_(homes),
        records.c.deleted.is_(False), records.c.sealed.is_(False))
    found: dict[str, list[SafetyAlert]] = {}
    with engine.connect() as connection:
        for row in connection.execute(query):
            found.setdefault(row.household_id, []).append(
                read_alert(row.record_id, body_json(row.body), row.hlc, row.received_at))
    return found


# --- the caseload -------------------------------------------------------------------------


def marks_by_the_agency() -> ColumnElement[bool]:
    """Leaves out the "seen" marks on alerts that a device sent: only a worker at the hub
    takes an alert off the agency's list. A parent can make a "support worker" on the
    family's phone and tap "I've seen this" there; that must never hide a child's alert
    (rule 1). A device cannot write as the agency: the hub refuses such an author."""
    return or_(records.c.collection != ALERTS_SEEN,
               records.c.author.startswith(AGENCY_AUTHOR_PREFIX, autoescape=True))


def _bodies(engine: Engine, collections: tuple[str, ...], homes: Select[tuple[str]]
            ) -> dict[str, dict[str, list[Any]]]:
    """Every live, unsealed body of these collections in these households, by household and
    then collection."""
    query = select(records.c.household_id, records.c.record_id, records.c.collection,
                   records.c.body).where(
        records.c.collection.in_(collections),
        records.c.household_id.in_(homes),
        records.c.deleted.is_(False),
        records.c.sealed.is_(False),
        marks_by_the_agency(),
    )
    grouped: dict[str, dict[str, list[Any]]] = {}
    with engine.connect() as connection:
        for row in connection.execute(query):
            grouped.setdefault(row.household_id, {}).setdefault(row.collection, []).append(
                (row.record_id, row.collection, body_json(row.body)))
    return grouped


def _last_checkins(engine: Engine, homes: Select[tuple[str]]) -> dict[str, datetime]:
    """Each household's latest check-in time, found by the newest clock stamp."""
    newest = (
        select(records.c.household_id, func.max(records.c.hlc).label("hlc"))
        .where(records.c.collection == CHECKINS, records.c.household_id.in_(homes),
               records.c.deleted.is_(False))
        .group_by(records.c.household_id)
        .subquery()
    )
    query = select(records.c.household_id, records.c.body, records.c.received_at,
                   records.c.hlc).join(
        newest,
        and_(records.c.household_id == newest.c.household_id, records.c.hlc == newest.c.hlc,
             records.c.collection == CHECKINS),
    )
    found: dict[str, datetime] = {}
    with engine.connect() as connection:
        for row in connection.execute(query):
            body = body_json(row.body) or {}
            # the time the household's screens show for it: its own, or its clock stamp's
            at = made_at(body.get("created_at"), row.hlc, row.received_at)
            if row.household_id not in found or at > found[row.household_id]:
                found[row.household_id] = at
    return found


def current_ratings(ratings: list[SafetyRating], people: Iterable[Member]
                    ) -> list[SafetyRating]:
    """The ratings that can still say how a household is: all but those of people taken off
    it. Someone who has left can no longer rate, so their last low rating would keep the
    family on the list for ever; their ratings stay in the history and the charts."""
    gone = {person.id for person in people if not person.active}
    return [rating for rating in ratings if rating.created_by not in gone]


def low_scale(ratings: list[SafetyRating]) -> tuple[str, int] | None:
    """The person whose latest rating is lowest, if it is 0 to 3: (who, score)."""
    latest = latest_by_person(ratings)
    low = [(rating.score, person) for person, rating in latest.items() if is_low(rating.score)]
    if not low:
        return None
    score, person = min(low)
    return person, score


def falling_scale(ratings: list[SafetyRating]) -> tuple[str, int, int] | None:
    """The person whose latest rating fell the most from their one before: (who, before, after)."""
    history: dict[str, list[SafetyRating]] = {}
    for rating in in_time_order(ratings):
        history.setdefault(rating.created_by, []).append(rating)
    falls = [
        (earlier.score - latest.score, person, earlier.score, latest.score)
        for person, mine in history.items()
        if len(mine) >= 2
        for earlier, latest in [(mine[-2], mine[-1])]
        if latest.score < earlier.score
    ]
    if not falls:
        return None
    _, person, before, after = max(falls, key=lambda fall: (fall[0], fall[1]))
    return person, before, after


def reasons_for(
    alerts: list[SafetyAlert],
    seen: list[AlertSeen],
    ratings: list[SafetyRating],
    last_checkin: datetime | None,
    names: dict[str, str],
    now: datetime,
    words: Unopened | None = None,
) -> tuple[Reason, ...]:
    """Everything about one household that asks for attention, most pressing first."""
    found: list[Reason] = []
    waiting = unseen(alerts, seen)
    if waiting:
        found.append(Reason(Attention.ALERT, at=parse_time(waiting[-1].created_at)))
    if words is not None:
        found.append(Reason(Attention.WORDS, at=words.newest, count=words.count))
    low = low_scale(ratings)
    if low is not None:
        person, score = low
        found.append(Reason(Attention.LOW, after=score, who=names.get(person)))
    fall = falling_scale(ratings)
    if fall is not None:
        person, before, after = fall
        found.append(Reason(Attention.FALLING, before=before, after=after, who=names.get(person)))
    if last_checkin is None:
        found.append(Reason(Attention.QUIET))
    else:
        # calendar days on the hub's clock, as "4 days ago" beside it counts them; the list and
        # its words count the same days, so the week the clocks go back never says "2 days"
        days = (on_hub_clock(now).date() - on_hub_clock(last_checkin).date()).days
        if days >= QUIET_AFTER_DAYS:
            found.append(Reason(Attention.QUIET, at=last_checkin, days=days))
    return tuple(found)


def _week_counts(engine: Engine, homes: Select[tuple[str]], now: datetime
                 ) -> dict[str, dict[Good, int]]:
    """How many check-ins, strengths and rituals done each household recorded this week: each
    ritual once a day, by its first mark, however many devices marked it."""
    counted = counted_since(engine, homes, now - WEEK, WEEK_COUNTED, ONCE_EACH)
    return {home: {WEEK_COUNTED[collection]: n for collection, n in made.items()}
            for home, made in counted.items()}


def caseload_homes(allocated_to: int | None = None) -> Select[tuple[str]]:
    """The ids of the open households on a caseload: a worker's allocated ones, or (None) all.

    Closed and erased households are left out: the caseload is the work in hand.
    """
    query = select(households.c.id).where(households.c.closed_at.is_(None),
                                          households.c.erased_at.is_(None))
    if allocated_to is not None:
        query = query.where(households.c.id.in_(
            select(allocations.c.household_id).where(allocations.c.worker_id == allocated_to)))
    return query


def caseload(engine: Engine, now: datetime, *, allocated_to: int | None = None
             ) -> list[CaseloadEntry]:
    """The open households on a caseload, the ones that need attention first.

    ``allocated_to`` is a worker's id: only the households allocated to them are read (the
    filter is in the SQL, so a worker's caseload costs the same however big the agency is).
    None reads every open household: a manager's view.
    """
    homes = caseload_homes(allocated_to)
    with engine.connect() as connection:
        found = connection.execute(select(households.c.id, households.c.name).where(
            households.c.id.in_(homes))).all()
    bodies = _bodies(engine, (ALERTS_SEEN, RATINGS, MEMBERS, VISITS, REVIEWS), homes)
    every_alert = _alerts(engine, homes)
    last = _last_checkins(engine, homes)
    weeks = _week_counts(engine, homes, now)
    unopened = unopened_words(engine, homes)
    entries = []
    for home in found:
        mine = bodies.get(home.id, {})
        alerts = every_alert.get(home.id, [])
        seen, _ = decode_all(mine.get(ALERTS_SEEN, []), AlertSeen.from_json)
        ratings, _ = decode_all(mine.get(RATINGS, []), SafetyRating.from_json)
        people, _ = decode_all(mine.get(MEMBERS, []), member_from_json)
        visits, _ = decode_all(mine.get(VISITS, []), Visit.from_json)
        reviews, _ = decode_all(mine.get(REVIEWS, []), Review.from_json)
        names = names_apart(people)
        current = current_ratings(ratings, people)
        reasons = reasons_for(alerts, seen, current, last.get(home.id), names, now,
                              unopened.get(home.id))
        entries.append(CaseloadEntry(
            home.id, home.name, reasons,
            going_well(current, weeks.get(home.id, {}), names), due(reviews, visits, now)))
    return sorted(entries, key=CaseloadEntry.sort_key)
