"""One household as the worker sees it: its current records on the hub, decoded.

Read-side only, like ``app.hub.caseload``: each record's JSON body is read by its domain type,
and a body that does not decode is logged by id, left out and counted (``skipped``), so the
household's page can say that some records could not be read here. An alert is never left
out, and a check-in only when its body is no JSON object at all (then it is counted with the
rest): each is read in part instead (rule 1). Sealed messages stay sealed here; the
messages screen opens them with the agency key the worker unlocks for the session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, func, or_, select

from app.domain.agreement import AgreementVersion
from app.domain.alerts import AlertSeen, SafetyAlert, unseen
from app.domain.checkins_carer import CarerCheckIn
from app.domain.chores import Chore, TickEvent
from app.domain.circles import Circle, Turn
from app.domain.diary import DiaryEntry, latest_revisions
from app.domain.people import Member, shown_name
from app.domain.programme.network import NetworkPerson
from app.domain.programme.reviews import FamilyGoal, Review
from app.domain.programme.three_houses import HouseItem
from app.domain.programme.visits import Visit
from app.domain.rituals import Ritual, RitualDone
from app.domain.safety import ActionTick, SafetyPlan
from app.domain.safety_child import ChildSafetyPlan
from app.domain.safety_scale import SafetyRating, latest_by_person
from app.domain.strengths import StrengthNote
from app.hub.caseload import (
    ACTION_TICKS,
    AGREEMENTS,
    ALERTS,
    ALERTS_SEEN,
    BAD_BODY,
    CARER_CHECKINS,
    CHECKINS,
    CHILD_PLANS,
    CHORE_TICKS,
    CHORES,
    CIRCLES,
    DIARY,
    GOALS,
    MEMBERS,
    MESSAGES,
    PLANS,
    RATINGS,
    REVIEWS,
    RITUAL_DONE,
    RITUALS,
    STRENGTHS,
    TURNS,
    VISITS,
    body_json,
    decode_all,
    marks_by_the_agency,
    member_from_json,
    parse_time,
    read_alert,
)
from app.hub.casework.names import names_apart
from app.hub.db import households, records, workers
from app.hub.record_checks import checked, made_at, on_hub_clock
from app.hub.worker.household.checkins import HubCheckIn, read_checkin
from app.services.programme.houses import HOUSE_ITEMS
from app.services.programme.network import NETWORK
from app.sync.catalogue import HOUSES_FOR_WORKER

log = logging.getLogger(__name__)


def network_from_json(data: dict[str, Any]) -> NetworkPerson:
    """A person in the family's network as the hub reads them, the name as a sentence says
    it: a device's name is never trusted to be on one line or to keep the words round."""
    person = NetworkPerson.from_json(data)
    return replace(person, details=replace(person.details, name=shown_name(person.name)))


@dataclass(frozen=True)
class StoredDoc:
    """A record's current revision on the hub, with where it lives and its decoded body."""

    record_id: str
    collection: str
    revision: int
    shard: str | None
    received_at: datetime
    author: str | None
    body: dict[str, Any]


@dataclass(frozen=True)
class SealedMessage:
    """A message for the worker that only the agency key opens; kept sealed until then."""

    record_id: str
    received_at: datetime
    sealed: bytes


@dataclass
class HouseholdRecords:
    """One household's current records, decoded; bodies that did not decode are left out
    and counted in ``skipped``."""

    household_id: str
    name: str
    members: dict[str, Member] = field(default_factory=dict)
    alerts: list[SafetyAlert] = field(default_factory=list)
    alerts_seen: list[AlertSeen] = field(default_factory=list)
    checkins: list[HubCheckIn] = field(default_factory=list)  # read whole or in part
    ratings: list[SafetyRating] = field(default_factory=list)
    plan: SafetyPlan | None = None
    plan_doc: StoredDoc | None = None
    child_plans: list[ChildSafetyPlan] = field(default_factory=list)
    action_ticks: list[ActionTick] = field(default_factory=list)
    agreements: list[AgreementVersion] = field(default_factory=list)
    chores: list[Chore] = field(default_factory=list)
    chore_ticks: list[TickEvent] = field(default_factory=list)
    circles: list[Circle] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    diary: list[DiaryEntry] = field(default_factory=list)
    strengths: list[StrengthNote] = field(default_factory=list)
    rituals: list[Ritual] = field(default_factory=list)
    rituals_done: list[RitualDone] = field(default_factory=list)
    carer_checkins: list[CarerCheckIn] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    goals: list[FamilyGoal] = field(default_factory=list)
    house_items: list[HouseItem] = field(default_factory=list)  # what children showed
    network: list[NetworkPerson] = field(default_factory=list)  # the family's network
    sealed: list[SealedMessage] = field(default_factory=list)
    kept_houses: list[SealedMessage] = field(default_factory=list)  # kept for the worker
    skipped: int = 0  # records that could not be read at all (sealed or not decoded)
    closed: bool = False  # the case is closed: its records are read, never added to
    workers: dict[str, str] = field(default_factory=dict)  # "agency:<id>" -> the worker's name
    #: The stretch the ``DAILY`` kinds were read for (None, None: the whole history) ...
    since: datetime | None = None
    until: datetime | None = None
    #: ... and then how many live records of each ``DAILY`` kind there are in all, and when
    #: the newest check-in was made, which the stretch read may not reach.
    totals: dict[str, int] = field(default_factory=dict)
    newest_checkin: datetime | None = None
    #: The members' names as last worked out, by who they were: a timeline names thousands.
    _names: tuple[tuple[tuple[str, str, str], ...], dict[str, str]] = field(
        default=((), {}), init=False, repr=False, compare=False)

    def unseen_alerts(self) -> list[SafetyAlert]:
        """Alerts nobody has marked seen yet, newest first."""
        return list(reversed(unseen(self.alerts, self.alerts_seen)))

    def total(self, collection: str, loaded: list[Any]) -> int:
        """How many live records of a kind the household has (``loaded``: those read)."""
        return self.totals.get(collection, len(loaded)) if self.stretch else len(loaded)

    @property
    def stretch(self) -> bool:
        """True if the ``DAILY`` kinds were read for a stretch, not the whole history."""
        return self.since is not None or self.until is not None

    def last_checkin(self) -> datetime | None:
        """When the newest check-in was made, or None if there is none."""
        if self.stretch:  # the stretch read may end before it: it was looked up beside
            return self.newest_checkin
        made = [moment for checkin in self.checkins
                if (moment := parse_time(checkin.created_at)) is not None]
        return max(made, default=None)

    def names(self) -> dict[str, str]:
        """Every member's name by id, two that look the same told apart ("Sam (1 of 2)")."""
        who = tuple((m.id, m.name, m.created_at) for m in self.members.values())
        if self._names[0] != who:
            self._names = (who, names_apart(self.members.values()))
        return self._names[1]

    def name_of(self, member_id: str | None) -> str | None:
        """A member's name as the worker reads it, or None for an id the hub does not know."""
        return self.names().get(member_id or "")


#: How each collection's bodies are read, and where they go in :class:`HouseholdRecords`.
_READERS: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
    ALERTS_SEEN: ("alerts_seen", AlertSeen.from_json),
    RATINGS: ("ratings", SafetyRating.from_json),
    CHILD_PLANS: ("child_plans", ChildSafetyPlan.from_json),
    ACTION_TICKS: ("action_ticks", ActionTick.from_json),
    AGREEMENTS: ("agreements", AgreementVersion.from_json),
    CHORES: ("chores", Chore.from_json),
    CHORE_TICKS: ("chore_ticks", TickEvent.from_json),
    CIRCLES: ("circles", Circle.from_json),
    TURNS: ("turns", Turn.from_json),
    DIARY: ("diary", DiaryEntry.from_json),
    STRENGTHS: ("strengths", StrengthNote.from_json),
    RITUALS: ("rituals", Ritual.from_json),
    RITUAL_DONE: ("rituals_done", RitualDone.from_json),
    CARER_CHECKINS: ("carer_checkins", CarerCheckIn.from_json),
    VISITS: ("visits", Visit.from_json),
    REVIEWS: ("reviews", Review.from_json),
    GOALS: ("goals", FamilyGoal.from_json),
    HOUSE_ITEMS: ("house_items", HouseItem.from_json),
    NETWORK: ("network", network_from_json),
}


#: Kinds written once and never edited, a few a day in a busy home: what makes a household's
#: history long. A screen that shows only a stretch of days reads these for that stretch.
DAILY = (CHECKINS, CHORE_TICKS, TURNS, RITUAL_DONE, CARER_CHECKINS)
#: Every kind this module reads; others a device may send are not read here at all.
KNOWN = (*_READERS, ALERTS, CHECKINS, MEMBERS, PLANS, MESSAGES, HOUSES_FOR_WORKER)


def from_day(day: date) -> datetime:
    """Where to read the daily kinds from for a screen that shows ``day`` on: a day's margin
    before it, since a record's clock stamp is made with the record, never before it."""
    return datetime.combine(day, time(), UTC) - timedelta(days=1)


def to_day(day: date) -> datetime:
    """Where to stop reading the daily kinds for a screen that shows up to ``day``: a day's
    margin after it, for a device whose clock ran ahead of a family's other devices."""
    return datetime.combine(day, time(), UTC) + timedelta(days=2)


def _stamp(moment: datetime) -> str:
    """The clock-stamp prefix of a moment: stamps sort as text by their milliseconds."""
    return f"{int(moment.timestamp() * 1000):013d}"


def _doc(row: Any, body: dict[str, Any]) -> StoredDoc:
    return StoredDoc(row.record_id, row.collection, int(row.revision), row.shard,
                     row.received_at, row.author, body)


def worker_names(engine: Engine) -> dict[str, str]:
    """The agency's workers by the author id their changes carry (``agency:<id>``)."""
    with engine.connect() as connection:
        rows = connection.execute(select(workers.c.id, workers.c.name)).all()
    return {f"agency:{row.id}": row.name for row in rows}


def household_records(engine: Engine, household_id: str, *, since: datetime | None = None,
                      until: datetime | None = None) -> HouseholdRecords | None:
    """A household's current records, decoded; None if the household is unknown.

    With ``since`` or ``until``, the ``DAILY`` kinds are read only for that stretch (by clock
    stamp, which the records index serves), with their totals and the newest check-in's time
    counted beside; everything else is read whole. Diary entries are the latest revision of
    each entry the author shared (only shared ones are ever sent, and this checks again).
    Lists are oldest first.
    """
    with engine.connect() as connection:
        home = connection.execute(
            select(households.c.name, households.c.closed_at).where(
                households.c.id == household_id, households.c.erased_at.is_(None))
        ).one_or_none()
    if home is None:
        return None
    found = HouseholdRecords(household_id, home.name, workers=worker_names(engine), since=since,
                             until=until, closed=home.closed_at is not None)
    kinds: ColumnElement[bool] = records.c.collection.in_(KNOWN)
    if found.stretch:
        daily: list[ColumnElement[bool]] = [records.c.collection.in_(DAILY)]
        if since is not None:
            daily.append(records.c.hlc >= _stamp(since))
        if until is not None:
            daily.append(records.c.hlc < _stamp(until))
        kinds = or_(records.c.collection.in_(tuple(set(KNOWN) - set(DAILY))), and_(*daily))
    # Only the columns the screens use: the busiest households have tens of thousands of rows.
    query = select(records.c.record_id, records.c.collection, records.c.revision,
                   records.c.shard, records.c.received_at, records.c.author, records.c.sealed,
                   records.c.body, records.c.hlc).where(
        records.c.household_id == household_id, records.c.deleted.is_(False), kinds,
        marks_by_the_agency()).order_by(records.c.seq)
    grouped: dict[str, list[tuple[str, str, dict[str, Any] | None]]] = {}
    with engine.connect() as connection:
        rows = connection.execute(query).all()
        if found.stretch:
            found.totals, found.newest_checkin = _daily_totals(connection, household_id)
    for row in rows:
        if row.sealed:
            if row.body is not None and row.collection in (MESSAGES, HOUSES_FOR_WORKER):
                (found.sealed if row.collection == MESSAGES else found.kept_houses).append(
                    SealedMessage(row.record_id, row.received_at, bytes(row.body)))
            else:  # sealed where no phone seals: nobody here holds a key to read it
                found.skipped += 1
                log.warning("skipped sealed %s record %s", row.collection, row.record_id)
            continue
        body = body_json(row.body)
        if row.collection == ALERTS:  # read whole or in part, never left out (rule 1)
            found.alerts.append(read_alert(row.record_id, body, row.hlc, row.received_at))
            continue
        if row.collection == CHECKINS and body is not None:  # whole or in part, as an alert
            found.checkins.append(read_checkin(row.record_id, body, row.hlc, row.received_at))
            continue
        if row.collection == PLANS:
            try:
                found.plan = checked(SafetyPlan.from_json(body)) if body else None
                found.plan_doc = _doc(row, body) if body else None
            except BAD_BODY:
                found.skipped += 1
                log.warning("skipped %s record %s", row.collection, row.record_id)
            continue
        grouped.setdefault(row.collection, []).append((row.record_id, row.collection, body))
    people, skipped = decode_all(grouped.get(MEMBERS, []), member_from_json)
    found.members = {person.id: person for person in people}
    found.skipped += skipped + len(grouped.get(CHECKINS, []))  # no JSON object to read
    found.checkins.sort(key=_created)
    for collection, (attribute, read) in _READERS.items():
        decoded, skipped = decode_all(grouped.get(collection, []), read)
        setattr(found, attribute, sorted(decoded, key=_created))
        found.skipped += skipped
    found.alerts.sort(key=_created)
    found.reviews = [agency_safety(review, found.ratings) for review in found.reviews]
    latest = latest_revisions(found.diary).values()
    found.diary = sorted((entry for entry in latest if entry.shared), key=_created)
    found.sealed.sort(key=lambda message: message.received_at)
    found.kept_houses.sort(key=lambda kept: kept.received_at)
    return found


def agency_safety(review: Review, ratings: list[SafetyRating]) -> Review:
    """The review with its month's safety figures brought up to date from every rating the
    hub holds.

    The family's phone leaves out of the review it makes a child's rating that raised an
    alert (nothing at home shows it), and a phone that was offline sends its ratings later;
    at the agency each person's latest rating of the month the hub holds counts, a child's
    low one too. Someone the hub holds no rating of that month for keeps the review's figure.
    """
    def month(rating: SafetyRating) -> str:
        moment = parse_time(rating.created_at)
        return "" if moment is None else on_hub_clock(moment).strftime("%Y-%m")

    in_month = [rating for rating in ratings if month(rating) == review.month]
    if not in_month:
        return review
    safety = {**review.figures.safety,
              **{who: rating.score for who, rating in latest_by_person(in_month).items()}}
    return replace(review, figures=replace(review.figures, safety=safety))


def _daily_totals(connection: Connection, household_id: str
                  ) -> tuple[dict[str, int], datetime | None]:
    """How many live records of each ``DAILY`` kind, and when the newest check-in was made
    (both from the records index, without reading the records)."""
    counted = connection.execute(
        select(records.c.collection, func.count().label("n"))
        .where(records.c.collection.in_(DAILY), records.c.household_id == household_id,
               records.c.deleted.is_(False))
        .group_by(records.c.collection)).all()
    newest = connection.execute(
        select(records.c.body, records.c.received_at, records.c.hlc)
        .where(records.c.collection == CHECKINS, records.c.household_id == household_id,
               records.c.deleted.is_(False))
        .order_by(records.c.hlc.desc()).limit(1)).one_or_none()
    made = None
    if newest is not None:  # the time its screens show: its own, or its clock stamp's
        made = made_at((body_json(newest.body) or {}).get("created_at"), newest.hlc,
                       newest.received_at)
    return {row.collection: int(row.n) for row in counted}, made


def _created(item: Any) -> str:
    """When a decoded record was made, as its ISO text (records name it differently)."""
    for name in ("created_at", "at", "started_at", "signed_at"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return ""


def current_doc(engine: Engine, household_id: str, record_id: str) -> StoredDoc | None:
    """One record's current revision on the hub, or None if it is unknown, deleted or unreadable."""
    with engine.connect() as connection:
        row = connection.execute(
            select(records).where(records.c.household_id == household_id,
                                  records.c.record_id == record_id)
        ).one_or_none()
    if row is None or row.deleted or row.sealed:
        return None
    body = body_json(row.body)
    return None if body is None else _doc(row, body)
