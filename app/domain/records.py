"""Plain records stored as flat JSON: one key per dataclass field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
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
