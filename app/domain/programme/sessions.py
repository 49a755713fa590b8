"""The programme plan: sessions planned with the family, who came, and what they took away.

Seed 001: "activities are planned with the family members through using circle
communication … each programme schedule is individual and tailor made". A session has a
topic (the family's own words, or one of the programme's topics), a day and who is expected;
afterwards the worker or a parent records who came and what the family took from it.
Counts are plain and kind: sessions held and who came, never a score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from app.domain.people import Member, Role
from app.domain.records import iso_day

MAX_TOPIC = 120
MAX_TOOK_AWAY = 1000
MAX_SESSIONS = 200
EARLIEST_DAY = date(2000, 1, 1)
FURTHEST_AHEAD = timedelta(days=2 * 366)  # a programme is planned months ahead, not years


class SessionProblem:
    """Why a session change is refused; each has words in the catalogue."""

    TOPIC_MISSING = "topic_missing"
    TOPIC_LONG = "topic_long"
    DAY = "day"
    NOBODY_EXPECTED = "nobody_expected"
    NOT_YET = "not_yet"  # attendance for a session still to come
    TOOK_AWAY_LONG = "took_away_long"
    NOT_FOUND = "not_found"
    CANCELLED = "cancelled"
    HELD = "held"  # already filled in: kept as recorded
    DAY_OLD = "day_old"  # before EARLIEST_DAY
    DAY_FAR = "day_far"  # more than FURTHEST_AHEAD from today


class SessionRefused(ValueError):
    """A session change that breaks a rule; ``problem`` says which."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class SessionPlan:
    """What is planned: the topic, the day, and who is expected (member ids)."""

    topic: str
    day: str  # a day, "YYYY-MM-DD" once checked
    expected: tuple[str, ...]
    topic_key: str | None = None  # a programme topic, when one was chosen


def check_plan(plan: SessionPlan) -> SessionPlan:
    """The plan as saved.

    Raises:
        SessionRefused: no topic, a topic too long, no day, or nobody expected.
    """
    topic = " ".join(plan.topic.split())
    if not topic:
        raise SessionRefused(SessionProblem.TOPIC_MISSING)
    if len(topic) > MAX_TOPIC:
        raise SessionRefused(SessionProblem.TOPIC_LONG)
    try:
        day = iso_day(plan.day)  # months and the order of sessions are read from the text
    except ValueError as exc:
        raise SessionRefused(SessionProblem.DAY) from exc
    if not plan.expected:
        raise SessionRefused(SessionProblem.NOBODY_EXPECTED)
    return replace(plan, topic=topic, day=day, expected=tuple(dict.fromkeys(plan.expected)))


def check_day_in_reach(day: str, today: date) -> None:
    """Refuse a planned day that cannot be meant: before 2000, or over two years ahead.

    Raises:
        SessionRefused: the day is too long ago or too far ahead.
    """
    planned = date.fromisoformat(day)
    if planned < EARLIEST_DAY:
        raise SessionRefused(SessionProblem.DAY_OLD)
    if planned > today + FURTHEST_AHEAD:
        raise SessionRefused(SessionProblem.DAY_FAR)


@dataclass(frozen=True)
class ProgrammeSession:
    """One session of the family's programme, as stored (a shared document)."""

    id: str
    plan: SessionPlan
    created_by: str
    created_at: str
    attended: tuple[str, ...] | None = None  # None until attendance is recorded
    took_away: str = ""
    recorded_by: str | None = None
    recorded_at: str | None = None
    cancelled: bool = False
    revision: int = 1
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def day(self) -> date:
        """The day of the session."""
        return date.fromisoformat(self.plan.day)

    @property
    def held(self) -> bool:
        """True once who came has been recorded."""
        return self.attended is not None and not self.cancelled

    def replanned(self, by: str, at: str, plan: SessionPlan) -> ProgrammeSession:
        """A copy with a new topic, day or people."""
        return replace(self, plan=plan, revision=self.revision + 1, updated_by=by,
                       updated_at=at)

    def recorded(self, by: str, at: str, today: date, attended: tuple[str, ...],
                 took_away: str) -> ProgrammeSession:
        """A copy with who came and what the family took from it.

        Raises:
            SessionRefused: the session is still to come, was cancelled, is already filled in
                (what was recorded is kept), or the words are long.
        """
        if self.cancelled:
            raise SessionRefused(SessionProblem.CANCELLED)
        if self.held:
            raise SessionRefused(SessionProblem.HELD)
        if self.day > today:
            raise SessionRefused(SessionProblem.NOT_YET)
        words = "\n".join(" ".join(line.split()) for line in took_away.strip().splitlines())
        if len(words) > MAX_TOOK_AWAY:
            raise SessionRefused(SessionProblem.TOOK_AWAY_LONG)
        return replace(self, attended=tuple(dict.fromkeys(attended)), took_away=words.strip(),
                       recorded_by=by, recorded_at=at, revision=self.revision + 1,
                       updated_by=by, updated_at=at)

    def cancel(self, by: str, at: str) -> ProgrammeSession:
        """A copy marked cancelled; it stays in the plan's history.

        Raises:
            SessionRefused: the session was held (it happened; it stays in the plan).
        """
        if self.held:
            raise SessionRefused(SessionProblem.HELD)
        return replace(self, cancelled=True, revision=self.revision + 1, updated_by=by,
                       updated_at=at)

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "id": self.id, "topic": self.plan.topic, "topic_key": self.plan.topic_key,
            "day": self.plan.day, "expected": list(self.plan.expected),
            "attended": None if self.attended is None else list(self.attended),
            "took_away": self.took_away, "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at, "cancelled": self.cancelled,
            "created_by": self.created_by, "created_at": self.created_at,
            "revision": self.revision, "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProgrammeSession:
        """Rebuild a session from its stored record."""
        attended = data.get("attended")
        session = cls(
            id=str(data["id"]),
            # a day kept in another ISO form before days were kept as YYYY-MM-DD reads as one
            plan=SessionPlan(topic=str(data["topic"]),
                             day=iso_day(str(data["day"])),
                             expected=tuple(str(m) for m in data.get("expected") or ()),
                             topic_key=data.get("topic_key")),
            created_by=str(data["created_by"]), created_at=str(data["created_at"]),
            attended=None if attended is None else tuple(str(m) for m in attended),
            took_away=str(data.get("took_away") or ""), recorded_by=data.get("recorded_by"),
            recorded_at=data.get("recorded_at"), cancelled=bool(data.get("cancelled", False)),
            revision=int(data.get("revision", 1)), updated_by=data.get("updated_by"),
            updated_at=data.get("updated_at"))
        return session


@dataclass(frozen=True)
class PersonAttendance:
    """How many held sessions a person was expected at, and how many they came to."""

    member_id: str
    expected: int
    came: int


@dataclass(frozen=True)
class Attendance:
    """The plan in numbers: planned, held, still to come, and each person's attendance."""

    planned: int
    held: int
    to_come: int
    waiting_for_record: int  # past sessions whose attendance is not recorded yet
    people: tuple[PersonAttendance, ...]


def count_attendance(sessions: Iterable[ProgrammeSession], today: date,
                     month: str | None = None) -> Attendance:
    """Count sessions (of one month "2026-11", or all) and who came to the held ones."""
    chosen = [s for s in sessions
              if not s.cancelled and (month is None or s.day.isoformat()[:7] == month)]
    held = [s for s in chosen if s.held]
    expected: dict[str, int] = {}
    came: dict[str, int] = {}
    for s in held:
        for member in s.plan.expected:
            expected[member] = expected.get(member, 0) + 1
        for member in s.attended or ():
            came[member] = came.get(member, 0) + 1
            expected.setdefault(member, 0)
    people = tuple(PersonAttendance(m, expected[m], came.get(m, 0)) for m in expected)
    return Attendance(
        planned=len(chosen), held=len(held),
        to_come=sum(1 for s in chosen if s.day >= today and not s.held),
        waiting_for_record=sum(1 for s in chosen if s.day < today and not s.held),
        people=people)


def in_month(sessions: Iterable[ProgrammeSession], month: str) -> list[ProgrammeSession]:
    """The month's sessions (cancelled ones left out), by day."""
    return sorted((s for s in sessions
                   if s.day.isoformat()[:7] == month and not s.cancelled), key=lambda s: s.day)


def may_plan_sessions(member: Member) -> bool:
    """Parents and the worker plan the programme together; children are not asked to."""
    return member.active and member.role in (Role.PARENT, Role.WORKER)
