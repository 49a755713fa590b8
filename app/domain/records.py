"""Plain records stored as flat JSON: one key per dataclass field; and the days they keep."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, Self, TypeVar


class FlatRecord:
    """Mixin for a frozen dataclass whose stored form is exactly its fields.

    Fields missing from an older stored form read as None, so adding an optional field
    needs no migration.
    """

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        """Rebuild the record from its stored form."""
        return cls(**{f.name: data.get(f.name) for f in fields(cls)})  # type: ignore[arg-type]


class Made(Protocol):
    """A mark made at a moment: ``at``, an ISO time written by the device that made it."""

    @property
    def at(self) -> str:
        """When it was made, by its device's clock."""
        ...


M = TypeVar("M", bound=Made)


def made_after_test(made_after: str | Callable[[M], bool] | None) -> Callable[[M], bool]:
    """A test of whether a mark counts as made after some moment.

    ``made_after`` is that moment as an ISO time (compared with ``at``), a test of its own
    (sync's clock stamps, say), or None: every mark counts.
    """
    if made_after is None:
        return lambda _mark: True
    if isinstance(made_after, str):
        moment = made_after
        return lambda mark: mark.at > moment
    return made_after


def iso_day(text: str) -> str:
    """A typed day as the records keep it: "YYYY-MM-DD".

    Every ISO form ``date.fromisoformat`` reads is a day ("2026-11-03", "20261103",
    "2026-W45-2"), with any spaces around it left out; one form is kept, because days are
    put in order, grouped by month and shown from their text.

    Raises:
        ValueError: the words are not a day.
    """
    if not isinstance(text, str):
        raise ValueError(f"not a day: {text!r}")
    return date.fromisoformat(text.strip()).isoformat()


def stored_day(value: Any) -> Any:
    """A day read back from a record: "YYYY-MM-DD" when it is a day in any ISO form (older
    versions kept the form typed, "20261103"); anything else (none, or words that are no
    day) as it was kept, so the record stays readable and nothing in it is lost."""
    if isinstance(value, str):
        with suppress(ValueError):
            return iso_day(value)
    return value


def read_day(value: Any) -> date | None:
    """A day kept in a record, for showing: None when there is none, or the words another
    device kept are no day (a screen then leaves the day out rather than failing)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(iso_day(value))
    except ValueError:
        return None


def local_day(moment: str) -> str:
    """The ISO day an ISO moment falls on, on this device's own clock (its local zone), as
    the family reads the day; a moment with no zone, or one that cannot be read or placed in
    the local zone, keeps the day it starts with."""
    try:
        when = datetime.fromisoformat(moment)
        if when.tzinfo is None:
            return when.date().isoformat()
        return when.astimezone().date().isoformat()
    except (ValueError, OverflowError, OSError):
        return moment[:10]


def after_all(now_iso: str, earlier: Iterable[str]) -> str:
    """``now_iso``, or a moment just after the latest of ``earlier`` if that is not before it.

    A tick or mark that puts an earlier one right is made after seeing it, so it must sort
    after it on every device and at the agency, even on a device whose clock is behind the
    one that made the earlier (all of them order by this time, then by id).
    """
    now = datetime.fromisoformat(now_iso)
    latest = max((moment for moment in map(_moment, earlier)
                  if moment is not None and moment.tzinfo is not None), default=None)
    if latest is None or latest < now:
        return now_iso
    return (latest + timedelta(microseconds=1)).astimezone(UTC).isoformat()


def _moment(text: str) -> datetime | None:
    """The moment ``text`` says, or None for anything else (another device may send that)."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
