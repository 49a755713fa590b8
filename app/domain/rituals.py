"""Family rituals: the small repeated things that make a child feel safe.

Pure rules, no storage. A :class:`Ritual` ("Friday film night", "Bedtime story") is a
shared document with a ``revision``; each time the family does it, a :class:`RitualDone`
event is written (once a day is enough). Counts are gentle by design: they only ever
say how often a ritual *was* done ("Done 3 times this week"), never how often it was
not, so a missed day shames nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role
from app.domain.records import made_after_test

MAX_RITUAL_NAME = 40
MAX_RITUAL_WHEN = 40

# pictures a family can choose for a ritual (files in assets/pictures/)
RITUAL_PICTURES: tuple[str, ...] = (
    "film", "book", "pizza", "cooking", "cake", "game", "music", "paint", "walk",
    "football", "bike", "bath", "moon", "hug", "heart", "sun",
)


class RitualProblem(StrEnum):
    """Why a ritual cannot be saved; each has a plain message in the catalogue."""

    NAME_MISSING = "name_missing"
    NAME_LONG = "name_long"
    PICTURE = "picture"
    WHEN_LONG = "when_long"


@dataclass(frozen=True)
class RitualPlan:
    """What a parent chooses: name, picture, when, and who (nobody chosen = everyone)."""

    name: str
    picture: str
    when: str = ""
    who: tuple[str, ...] = ()


def _tidy(text: str) -> str:
    return " ".join(text.split())


def plan_problem(plan: RitualPlan) -> RitualProblem | None:
    """Say what is wrong with a ritual, or None if it can be saved."""
    name = _tidy(plan.name)
    if not name:
        return RitualProblem.NAME_MISSING
    if len(name) > MAX_RITUAL_NAME:
        return RitualProblem.NAME_LONG
    if plan.picture not in RITUAL_PICTURES:
        return RitualProblem.PICTURE
    if len(_tidy(plan.when)) > MAX_RITUAL_WHEN:
        return RitualProblem.WHEN_LONG
    return None


def tidy_plan(plan: RitualPlan) -> RitualPlan:
    """The plan as saved: spaces collapsed, repeated people dropped."""
    return replace(plan, name=_tidy(plan.name), when=_tidy(plan.when),
                   who=tuple(dict.fromkeys(plan.who)))


@dataclass(frozen=True)
class Ritual:
    """A family ritual as stored: a shared document whose revision rises on each change."""

    id: str
    plan: RitualPlan
    created_by: str
    created_at: str
    revision: int = 1
    updated_by: str | None = None
    updated_at: str | None = None
    stopped: bool = False  # stopped rituals leave the lists; their history stays

    @property
    def name(self) -> str:
        """The ritual's name."""
        return self.plan.name

    def is_for(self, member_id: str) -> bool:
        """True if ``member_id`` takes part (a ritual for nobody in particular is for all)."""
        return not self.plan.who or member_id in self.plan.who

    def changed(self, by: str, at: str, *, plan: RitualPlan | None = None,
                stopped: bool | None = None) -> Ritual:
        """A copy with a new plan or stopped state, the next revision, and who changed it."""
        return replace(self, plan=plan or self.plan,
                       stopped=self.stopped if stopped is None else stopped,
                       revision=self.revision + 1, updated_by=by, updated_at=at)

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "id": self.id, "name": self.plan.name, "picture": self.plan.picture,
            "when": self.plan.when, "who": list(self.plan.who),
            "created_by": self.created_by, "created_at": self.created_at,
            "revision": self.revision, "updated_by": self.updated_by,
            "updated_at": self.updated_at, "stopped": self.stopped,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ritual:
        """Rebuild a ritual from its stored record."""
        return cls(
            id=data["id"],
            plan=RitualPlan(name=data["name"], picture=data["picture"],
                            when=data.get("when", ""), who=tuple(data.get("who", ()))),
            created_by=data["created_by"], created_at=data["created_at"],
            revision=int(data.get("revision", 1)), updated_by=data.get("updated_by"),
            updated_at=data.get("updated_at"), stopped=bool(data.get("stopped", False)),
        )


@dataclass(frozen=True)
class RitualDone:
    """The family did a ritual on a day (an event, never changed)."""

    id: str
    ritual_id: str
    day: date
    by: str
    at: str

    @property
    def shard(self) -> str:
        """The month this event is kept under ("2026-11")."""
        return self.day.isoformat()[:7]

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {"id": self.id, "ritual_id": self.ritual_id, "day": self.day.isoformat(),
                "created_by": self.by, "created_at": self.at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RitualDone:
        """Rebuild an event from its stored record."""
        return cls(id=data["id"], ritual_id=data["ritual_id"],
                   day=date.fromisoformat(data["day"]), by=data["created_by"],
                   at=data["created_at"])


@dataclass(frozen=True)
class GentleCounts:
    """How often a ritual was done: only positive numbers, nothing about missed days."""

    this_week: int
    in_all: int
    today: bool


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def first_done(events: Iterable[RitualDone]) -> dict[tuple[str, date], RitualDone]:
    """The first record of each (ritual, day): a ritual is done once a day, however many
    devices said so while apart."""
    found: dict[tuple[str, date], RitualDone] = {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        found.setdefault((event.ritual_id, event.day), event)
    return found


def rituals_done(events: Iterable[RitualDone],
                 made_after: str | Callable[[RitualDone], bool] | None = None) -> int:
    """How many times rituals were done: each ritual once a day, as :func:`gentle_counts`
    counts; with ``made_after`` (an ISO time, or a test that says whether a mark was made
    after some moment), only days none of whose marks was made before it."""
    is_new = made_after_test(made_after)
    days: dict[tuple[str, date], bool] = {}
    for event in events:
        key = (event.ritual_id, event.day)
        days[key] = days.get(key, True) and is_new(event)
    return sum(days.values())


def gentle_counts(events: Iterable[RitualDone], ritual_id: str, today: date) -> GentleCounts:
    """Count the days a ritual was done, up to and including ``today``."""
    days = {day for ritual, day in first_done(events) if ritual == ritual_id and day <= today}
    monday = week_start(today)
    # No "weeks in a row": a run that a hard week could break is a way to feel ashamed.
    return GentleCounts(this_week=sum(1 for d in days if d >= monday), in_all=len(days),
                        today=today in days)


def may_plan(member: Member) -> bool:
    """Parents and carers add and change the family's rituals."""
    return member.role is Role.PARENT and member.active


def may_tick(ritual: Ritual, member: Member) -> bool:
    """A parent, or a child the ritual is for, may say it was done; the worker only reads."""
    if not member.active or ritual.stopped:
        return False
    if member.role is Role.PARENT:
        return True
    return member.role is Role.CHILD and ritual.is_for(member.id)
