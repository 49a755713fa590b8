"""One child's week of chores: each day done, without a tick, or not due; stars; jobs done.

Only what was done is ever counted: no streak that a bad day could break (it can shame).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from app.domain.chores import Chore, TickEvent, TickState, due_for, live_ticks, monday_of


class DayMark(StrEnum):
    """How a job stands on one day of the week."""

    DONE = "done"
    NOT_DONE = "not_done"
    NOT_DUE = "not_due"
    LATER = "later"  # due on a day still to come


@dataclass(frozen=True)
class ChoreWeek:
    """One chore's seven days (Monday first) for one child."""

    chore: Chore
    marks: tuple[DayMark, ...]
    ticks: tuple[TickState | None, ...]


@dataclass(frozen=True)
class ChildWeek:
    """One child's week: each chore's days and the stars earned."""

    child_id: str
    monday: date
    rows: tuple[ChoreWeek, ...] = field(default_factory=tuple)
    stars: int = 0

    @property
    def done(self) -> int:
        """How many jobs were done this week: the count a child is shown, never what wasn't."""
        return sum(1 for row in self.rows for mark in row.marks if mark is DayMark.DONE)

    @property
    def days(self) -> tuple[date, ...]:
        """The seven dates of the week, Monday first."""
        return tuple(self.monday + timedelta(days=n) for n in range(7))


def _mark(chore: Chore, child_id: str, day: date, today: date, done: bool) -> DayMark:
    if done:
        return DayMark.DONE
    if not due_for(chore, child_id, day):
        return DayMark.NOT_DUE
    return DayMark.LATER if day > today else DayMark.NOT_DONE


def child_week(
    chores: Sequence[Chore], events: Iterable[TickEvent], child_id: str, day: date, today: date,
) -> ChildWeek:
    """One child's week containing ``day``: each of their chores day by day, and stars."""
    standing = live_ticks(events)
    monday = monday_of(day)
    days = [monday + timedelta(days=n) for n in range(7)]
    rows: list[ChoreWeek] = []
    for chore in chores:
        ticks = tuple(standing.get((chore.id, child_id, d)) for d in days)
        marks = tuple(_mark(chore, child_id, d, today, t is not None) for d, t in zip(days, ticks,
                                                                                  strict=True))
        if any(m is not DayMark.NOT_DUE for m in marks):
            rows.append(ChoreWeek(chore, marks, ticks))
    stars = sum(t.tick.stars for row in rows for t in row.ticks if t is not None)
    return ChildWeek(child_id, monday, tuple(rows), stars)
