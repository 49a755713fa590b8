"""Chores: who does which job on which day, and the ticks that say a job is done.

Pure rules, no storage: a :class:`Chore` says who does it and how often; :func:`due_on`
and :func:`who_on` answer "is it due on this date, and for whom?". Ticks are events
(:class:`TickEvent`): a child ticks a job, a parent may confirm the tick or undo a mistaken
one; an undo is a new event, so the tick stays in the history. A child's week and streak
are in ``chore_week``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.domain.records import made_after_test

MAX_CHORE_NAME = 40
MAX_STARS = 5

# pictures a parent can choose for a chore (files in assets/pictures/)
CHORE_PICTURES: tuple[str, ...] = (
    "broom", "rest", "plate", "sponge", "toothbrush", "bath", "clothes", "shoes",
    "school_bag", "books", "toys", "laundry", "bin", "plant", "dog_walk", "cat", "shopping",
)


class Who(StrEnum):
    """Who does a chore."""

    ONE = "one"  # one child
    SEVERAL = "several"  # each of several children
    ROTATE = "rotate"  # one child a week, taking turns


class Often(StrEnum):
    """How often a chore is due."""

    DAILY = "daily"
    WEEKDAYS = "weekdays"  # chosen days of the week
    WEEKLY = "weekly"  # one chosen day a week
    ONCE = "once"  # on one date


class ChoreStatus(StrEnum):
    """Whether a chore is in use; paused and retired chores are never due, history stays."""

    ACTIVE = "active"
    PAUSED = "paused"
    RETIRED = "retired"


class ChoreProblem(StrEnum):
    """Why a chore cannot be saved; each has a plain message in the catalogue."""

    NAME_MISSING = "name_missing"
    NAME_LONG = "name_long"
    PICTURE = "picture"
    NOBODY = "nobody"
    ROTATE_NEEDS_TWO = "rotate_needs_two"
    DAYS_MISSING = "days_missing"
    DATE_MISSING = "date_missing"
    STARS = "stars"


@dataclass(frozen=True)
class ChorePlan:
    """What a parent chooses for a chore: the part of a :class:`Chore` a form edits."""

    name: str
    picture: str
    who: Who
    children: tuple[str, ...]
    often: Often
    weekdays: tuple[int, ...] = ()  # 0 = Monday; for WEEKLY the first is the day
    on_date: date | None = None  # for ONCE
    stars: int = 0


def plan_problem(plan: ChorePlan) -> ChoreProblem | None:
    """Say what is wrong with a chore plan, or None if it can be saved."""
    name = " ".join(plan.name.split())
    if not name:
        return ChoreProblem.NAME_MISSING
    if len(name) > MAX_CHORE_NAME:
        return ChoreProblem.NAME_LONG
    if plan.picture not in CHORE_PICTURES:
        return ChoreProblem.PICTURE
    if not plan.children:
        return ChoreProblem.NOBODY
    if plan.who is Who.ROTATE and len(set(plan.children)) < 2:
        return ChoreProblem.ROTATE_NEEDS_TWO
    valid_days = [d for d in plan.weekdays if 0 <= d <= 6]
    if plan.often in (Often.WEEKDAYS, Often.WEEKLY) and not valid_days:
        return ChoreProblem.DAYS_MISSING
    if plan.often is Often.ONCE and plan.on_date is None:
        return ChoreProblem.DATE_MISSING
    if not 0 <= plan.stars <= MAX_STARS:
        return ChoreProblem.STARS
    return None


def tidy_plan(plan: ChorePlan) -> ChorePlan:
    """The plan as saved: spaces collapsed, repeats dropped, "who" matching the children."""
    children = tuple(dict.fromkeys(plan.children))
    who = plan.who
    if who is not Who.ROTATE:
        who = Who.ONE if len(children) == 1 else Who.SEVERAL
    valid = [d for d in plan.weekdays if 0 <= d <= 6]
    days = tuple(sorted(set(valid)))
    if plan.often is Often.WEEKLY:
        days = tuple(valid[:1])
    elif plan.often is not Often.WEEKDAYS:
        days = ()
    return replace(
        plan,
        name=" ".join(plan.name.split()),
        who=who,
        children=children,
        weekdays=days,
        on_date=plan.on_date if plan.often is Often.ONCE else None,
    )


@dataclass(frozen=True)
class Chore:
    """A household job: its picture, who does it, how often, and its stars."""

    id: str
    name: str
    picture: str
    who: Who
    children: tuple[str, ...]
    often: Often
    starts_on: date  # nothing is due before it; turns are counted in weeks from it
    created_by: str
    created_at: str
    weekdays: tuple[int, ...] = ()
    on_date: date | None = None
    stars: int = 0
    status: ChoreStatus = ChoreStatus.ACTIVE
    revision: int = 1
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def plan(self) -> ChorePlan:
        """The choices a form shows for this chore."""
        return ChorePlan(self.name, self.picture, self.who, self.children, self.often,
                         self.weekdays, self.on_date, self.stars)

    def changed(self, by: str, at: str, **fields: Any) -> Chore:
        """A copy with ``fields`` changed, who changed it recorded and the revision moved on."""
        return replace(self, updated_by=by, updated_at=at, revision=self.revision + 1, **fields)

    def with_plan(self, plan: ChorePlan, by: str, at: str) -> Chore:
        """A copy with a parent's new choices."""
        return self.changed(by, at, name=plan.name, picture=plan.picture, who=plan.who,
                            children=plan.children, often=plan.often, weekdays=plan.weekdays,
                            on_date=plan.on_date, stars=plan.stars)

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "id": self.id,
            "name": self.name,
            "picture": self.picture,
            "who": self.who.value,
            "children": list(self.children),
            "often": self.often.value,
            "starts_on": self.starts_on.isoformat(),
            "weekdays": list(self.weekdays),
            "on_date": self.on_date.isoformat() if self.on_date else None,
            "stars": self.stars,
            "status": self.status.value,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "revision": self.revision,
            "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chore:
        """Rebuild a chore from its stored record."""
        return cls(
            id=data["id"],
            name=data["name"],
            picture=data["picture"],
            who=Who(data["who"]),
            children=tuple(data["children"]),
            often=Often(data["often"]),
            starts_on=date.fromisoformat(data["starts_on"]),
            weekdays=tuple(data.get("weekdays", ())),
            on_date=date.fromisoformat(data["on_date"]) if data.get("on_date") else None,
            stars=int(data.get("stars", 0)),
            status=ChoreStatus(data.get("status", ChoreStatus.ACTIVE.value)),
            created_by=data["created_by"],
            created_at=data["created_at"],
            revision=int(data.get("revision", 1)),
            updated_by=data.get("updated_by"),
            updated_at=data.get("updated_at"),
        )


def monday_of(day: date) -> date:
    """The Monday of the ISO week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def due_on(chore: Chore, day: date) -> bool:
    """True when the chore is due on ``day`` (for whoever's turn it is)."""
    if chore.status is not ChoreStatus.ACTIVE or day < chore.starts_on:
        return False
    if chore.often is Often.DAILY:
        return True
    if chore.often is Often.WEEKDAYS:
        return day.weekday() in chore.weekdays
    if chore.often is Often.WEEKLY:
        return bool(chore.weekdays) and day.weekday() == chore.weekdays[0]
    return day == chore.on_date


def who_on(chore: Chore, day: date) -> tuple[str, ...]:
    """The children the chore is for in ``day``'s week.

    A rotating chore passes to the next child each ISO week, counted from the week it
    starts in, so the answer never depends on when it is asked.
    """
    if chore.who is not Who.ROTATE or not chore.children:
        return chore.children
    weeks = (monday_of(day) - monday_of(chore.starts_on)).days // 7
    return (chore.children[weeks % len(chore.children)],)


def due_for(chore: Chore, child_id: str, day: date) -> bool:
    """True when ``child_id`` should do the chore on ``day``."""
    return due_on(chore, day) and child_id in who_on(chore, day)


class TickKind(StrEnum):
    """What a chore event says."""

    TICK = "tick"  # the job is done
    CONFIRM = "confirm"  # a parent saw it was done
    UNDO = "undo"  # a parent took back a mistaken tick


@dataclass(frozen=True)
class TickEvent:
    """One thing that happened to a job on a day. Events are never changed or deleted."""

    id: str
    kind: TickKind
    chore_id: str
    child_id: str
    day: date  # the day the job counts for
    by: str
    at: str
    tick_id: str | None = None  # for CONFIRM and UNDO: the tick they are about
    stars: int = 0  # for TICK: the stars the job was worth that day

    @property
    def shard(self) -> str:
        """The month the event is kept under ("2026-11")."""
        return self.day.strftime("%Y-%m")

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "chore_id": self.chore_id,
            "child_id": self.child_id,
            "day": self.day.isoformat(),
            "created_by": self.by,
            "created_at": self.at,
            "tick_id": self.tick_id,
            "stars": self.stars,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TickEvent:
        """Rebuild an event from its stored record."""
        return cls(
            id=data["id"],
            kind=TickKind(data["kind"]),
            chore_id=data["chore_id"],
            child_id=data["child_id"],
            day=date.fromisoformat(data["day"]),
            by=data["created_by"],
            at=data["created_at"],
            tick_id=data.get("tick_id"),
            stars=int(data.get("stars", 0)),
        )


@dataclass(frozen=True)
class TickState:
    """A tick with what happened to it since."""

    tick: TickEvent
    confirmed_by: str | None = None
    undone_by: str | None = None

    @property
    def live(self) -> bool:
        """True unless a parent undid it."""
        return self.undone_by is None


def tick_states(events: Iterable[TickEvent]) -> dict[str, TickState]:
    """Every tick by id, with its confirmation or undo applied (events in any order)."""
    ordered = sorted(events, key=lambda e: (e.kind is not TickKind.TICK, e.at))
    states: dict[str, TickState] = {}
    for event in ordered:
        if event.kind is TickKind.TICK:
            states[event.id] = TickState(event)
            continue
        state = states.get(event.tick_id or "")
        if state is None:
            continue
        if event.kind is TickKind.CONFIRM and state.confirmed_by is None:
            states[state.tick.id] = replace(state, confirmed_by=event.by)
        elif event.kind is TickKind.UNDO and state.undone_by is None:
            states[state.tick.id] = replace(state, undone_by=event.by)
    return states


def live_ticks(events: Iterable[TickEvent]) -> dict[tuple[str, str, date], TickState]:
    """The standing tick for each (chore, child, day): the first one not undone."""
    found: dict[tuple[str, str, date], TickState] = {}
    for state in sorted(tick_states(events).values(), key=lambda s: s.tick.at):
        key = (state.tick.chore_id, state.tick.child_id, state.tick.day)
        if state.live and key not in found:
            found[key] = state
    return found


def live_in_slot(events: Iterable[TickEvent], tick: TickEvent) -> list[TickState]:
    """Every tick not undone for ``tick``'s chore, child and day, oldest first.

    Two devices apart can each tick the same job (a child on the tablet, a parent on a
    phone); taking the job back must undo them all, or the next one stands in its place.
    """
    return sorted((s for s in tick_states(events).values()
                   if s.live and (s.tick.chore_id, s.tick.child_id, s.tick.day)
                   == (tick.chore_id, tick.child_id, tick.day)),
                  key=lambda s: s.tick.at)


def jobs_done(events: Iterable[TickEvent],
              made_after: str | Callable[[TickEvent], bool] | None = None) -> Counter[str]:
    """How many jobs were done among ``events``, by chore id, as the child's week counts them.

    Each (chore, child, day) counts once however many devices ticked it, and not at all once
    a parent took it back. With ``made_after`` (an ISO time, or a test that says whether a
    tick was made after some moment), only jobs with no tick still standing made before it: a
    second device's later tick does not make an old job new, whatever either clock said.
    """
    is_new = made_after_test(made_after)
    slots: dict[tuple[str, str, date], bool] = {}
    for state in tick_states(events).values():
        if state.live:
            key = (state.tick.chore_id, state.tick.child_id, state.tick.day)
            slots[key] = slots.get(key, True) and is_new(state.tick)
    return Counter(chore_id for (chore_id, _, _), new in slots.items() if new)


def jobs_for(chores: Sequence[Chore], child_id: str, day: date) -> list[Chore]:
    """The chores a child should do on ``day``."""
    return [c for c in chores if due_for(c, child_id, day)]
