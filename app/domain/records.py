"""Plain records stored as flat JSON: one key per dataclass field."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Self


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
