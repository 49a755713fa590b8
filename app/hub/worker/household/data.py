"""One household as the worker sees it: its current records on the hub, decoded.

Read-side only, like ``app.hub.caseload``: each record's JSON body is read by its domain type,
and a body that does not decode is logged by id and left out. Sealed messages stay sealed here;
the messages screen opens them with the agency key the worker unlocks for the session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from app.domain.agreement import AgreementVersion
from app.domain.alerts import AlertSeen, SafetyAlert, unseen
from app.domain.checkins import CheckIn
from app.domain.checkins_carer import CarerCheckIn
from app.domain.chores import Chore, TickEvent
from app.domain.circles import Circle, Turn
from app.domain.diary import DiaryEntry, latest_revisions
from app.domain.people import Member
from app.domain.programme.reviews import FamilyGoal, Review
from app.domain.programme.visits import Visit
from app.domain.rituals import Ritual, RitualDone
from app.domain.safety import ActionTick, SafetyPlan
from app.domain.safety_child import ChildSafetyPlan
from app.domain.safety_scale import SafetyRating
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
    member_from_json,
)
from app.hub.db import households, records, workers

log = logging.getLogger(__name__)


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
    """One household's current records, decoded; bodies that did not decode are left out."""

    household_id: str
    name: str
    members: dict[str, Member] = field(default_factory=dict)
    alerts: list[SafetyAlert] = field(default_factory=list)
    alerts_seen: list[AlertSeen] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
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
    sealed: list[SealedMessage] = field(default_factory=list)
    skipped: int = 0  # records whose bodies could not be read
    workers: dict[str, str] = field(default_factory=dict)  # "agency:<id>" -> the worker's name

    def unseen_alerts(self) -> list[SafetyAlert]:
        """Alerts nobody has marked seen yet, newest first."""
        return list(reversed(unseen(self.alerts, self.alerts_seen)))

    def name_of(self, member_id: str | None) -> str | None:
        """A member's name, or None when the id is not a member the hub knows."""
        member = self.members.get(member_id or "")
        return member.name if member is not None else None


#: How each collection's bodies are read, and where they go in :class:`HouseholdRecords`.
_READERS: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
    ALERTS: ("alerts", SafetyAlert.from_json),
    ALERTS_SEEN: ("alerts_seen", AlertSeen.from_json),
    CHECKINS: ("checkins", CheckIn.from_json),
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
}


def _doc(row: Any, body: dict[str, Any]) -> StoredDoc:
    return StoredDoc(row.record_id, row.collection, int(row.revision), row.shard,
                     row.received_at, row.author, body)


def worker_names(engine: Engine) -> dict[str, str]:
    """The agency's workers by the author id their changes carry (``agency:<id>``)."""
    with engine.connect() as connection:
        rows = connection.execute(select(workers.c.id, workers.c.name)).all()
    return {f"agency:{row.id}": row.name for row in rows}


def household_name(engine: Engine, household_id: str) -> str | None:
    """The household's name, or None if the hub has no such household."""
    with engine.connect() as connection:
        return connection.execute(
            select(households.c.name).where(households.c.id == household_id,
                                            households.c.erased_at.is_(None))
        ).scalar_one_or_none()


def household_records(engine: Engine, household_id: str) -> HouseholdRecords | None:
    """All of a household's current records, decoded; None if the household is unknown.

    Diary entries are the latest revision of each entry the author shared (only shared ones
    are ever sent, and this checks again). Lists are oldest first.
    """
    name = household_name(engine, household_id)
    if name is None:
        return None
    found = HouseholdRecords(household_id, name, workers=worker_names(engine))
    query = select(records).where(records.c.household_id == household_id,
                                  records.c.deleted.is_(False)).order_by(records.c.seq)
    grouped: dict[str, list[tuple[str, str, dict[str, Any] | None]]] = {}
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    for row in rows:
        if row.sealed:
            if row.collection == MESSAGES and row.body is not None:
                found.sealed.append(SealedMessage(row.record_id, row.received_at, bytes(row.body)))
            continue
        body = body_json(row.body)
        if row.collection == PLANS:
            try:
                found.plan = SafetyPlan.from_json(body or {}) if body else None
                found.plan_doc = _doc(row, body) if body else None
            except BAD_BODY:
                found.skipped += 1
                log.warning("skipped %s record %s", row.collection, row.record_id)
            continue
        grouped.setdefault(row.collection, []).append((row.record_id, row.collection, body))
    people, skipped = decode_all(grouped.get(MEMBERS, []), member_from_json)
    found.members = {person.id: person for person in people}
    found.skipped += skipped
    for collection, (attribute, read) in _READERS.items():
        decoded, skipped = decode_all(grouped.get(collection, []), read)
        setattr(found, attribute, sorted(decoded, key=_created))
        found.skipped += skipped
    latest = latest_revisions(found.diary).values()
    found.diary = sorted((entry for entry in latest if entry.shared), key=_created)
    found.sealed.sort(key=lambda message: message.received_at)
    return found


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
