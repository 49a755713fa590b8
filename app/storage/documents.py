"""What the store keeps: JSON documents with an ``id``, in collections that may be sharded.

A collection's shard is its own TinyDB table named ``<collection>@<shard>`` (a
``HouseholdTable`` of a ``HouseholdDB``). A ``Tracker`` is told of every change before it is
saved, so it can add documents to the same atomic commit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Protocol

from tinydb import TinyDB
from tinydb.table import Table

from .layout import check_table_name

_COLLECTION = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_SHARD = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$")

Document = dict[str, Any]
Item = tuple[str, Document, str | None]


class Tracker(Protocol):
    """Told of every change before it is saved, so it can add to the same atomic commit.

    Sync uses this to stamp revisions and write its outbox together with the change itself.
    """

    def on_put(
        self, collection: str, doc: Document, before: Document | None, shard: str | None
    ) -> list[Item]:
        """Adjust ``doc`` (the private copy about to be saved); return extra documents to save."""

    def on_remove(self, collection: str, before: Document, shard: str | None) -> list[Item]:
        """Return extra documents to save with the removal of ``before``."""


def json_copy(value: Any) -> Any:
    # Faster than copy.deepcopy for JSON-shaped data, and callers never share our objects.
    if isinstance(value, dict):
        return {k: json_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_copy(v) for v in value]
    return value


def clean(doc: Mapping[str, Any]) -> Document:
    """Return a private, strictly-JSON copy of a document, so memory equals what is saved."""
    try:
        copied = json.loads(json.dumps(dict(doc), allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"A document must be plain JSON data: {exc}") from exc
    if not isinstance(copied.get("id"), str) or not copied["id"]:
        raise ValueError('A document needs a non-empty string "id".')
    return dict(copied)


def table_name(collection: str, shard: str | None) -> str:
    if not _COLLECTION.match(collection):
        raise ValueError(f"Collection names are lower-case letters, digits and _: {collection!r}")
    if shard is None:
        return collection
    if not _SHARD.match(shard):
        raise ValueError(f"Shard names are letters, digits, - and _: {shard!r}")
    return f"{collection}@{shard}"


def shard_of(table: str) -> str | None:
    return table.split("@", 1)[1] if "@" in table else None


def shard_order(table: str) -> tuple[bool, str]:
    # The unsharded table first, then shards in ascending order ("2026-09" < "2026-10").
    return ("@" in table, table)


class HouseholdTable(Table):
    """A TinyDB table that replaces a document whole instead of updating it in place."""

    def replace(self, doc_id: int, document: dict[str, Any]) -> None:
        """Put ``document`` at ``doc_id``, keeping its position in the table."""

        def updater(table: dict[int, Mapping[str, Any]]) -> None:
            table[doc_id] = document

        self._update_table(updater)

    # TinyDB's own updates change documents in place (``HouseholdStore`` never uses them):
    # the file's JSON is then made afresh rather than reused (see ``SealedFiles.forget_json``).
    def update(self, *args: Any, **kwargs: Any) -> list[int]:
        """TinyDB's ``update``."""
        self._changes_in_place()
        return super().update(*args, **kwargs)

    def update_multiple(self, *args: Any, **kwargs: Any) -> list[int]:
        """TinyDB's ``update_multiple``."""
        self._changes_in_place()
        return super().update_multiple(*args, **kwargs)

    def _changes_in_place(self) -> None:
        forget_json = getattr(self._storage, "forget_json", None)  # EncryptedTableStorage's
        if forget_json is not None:
            forget_json(self.name)


class HouseholdDB(TinyDB):
    """TinyDB whose tables are ``HouseholdTable``s, named only as the store can read back."""

    table_class = HouseholdTable

    def table(self, name: str, **kwargs: Any) -> Table:
        """Return the table ``name``; InvalidTableName up front if the store could not save it."""
        return super().table(check_table_name(name), **kwargs)

    def forget(self) -> None:
        """Drop every table object with its cached query results (the store is closing)."""
        self._tables.clear()
