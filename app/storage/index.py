"""Where each document lives: its table (collection and shard) and its TinyDB doc id.

The index lets ``get``/``put``/``remove`` go straight to the right shard instead of searching
every table of a collection. It is rebuilt from the tables whenever memory may have moved
(after opening, after a failed save was rolled back).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Location = tuple[str, int]  # (TinyDB table name, TinyDB doc id)


class RecordIndex:
    """Document id -> location, per collection, and the tables of each collection."""

    def __init__(self) -> None:
        """Start empty; call ``rebuild``."""
        self.locations: dict[str, dict[str, Location]] = {}
        self.shards: dict[str, set[str]] = {}

    def rebuild(self, tables: Mapping[str, Mapping[str, Any]]) -> None:
        """Index every document (with a string ``id``) of every table."""
        self.clear()
        for table, docs in tables.items():
            collection = table.split("@", 1)[0]
            self.shards.setdefault(collection, set()).add(table)
            locations = self.locations.setdefault(collection, {})
            for tiny_id, doc in docs.items():
                if isinstance(doc.get("id"), str):
                    locations[doc["id"]] = (table, int(tiny_id))

    def clear(self) -> None:
        """Forget everything (the store is closing)."""
        self.locations = {}
        self.shards = {}

    def find(self, collection: str, doc_id: str) -> Location | None:
        """Return where a document lives, or None."""
        return self.locations.get(collection, {}).get(doc_id)

    def place(self, collection: str, doc_id: str, location: Location) -> None:
        """Record that a document now lives at ``location``."""
        self.locations.setdefault(collection, {})[doc_id] = location
        self.shards.setdefault(collection, set()).add(location[0])

    def drop(self, collection: str, doc_id: str) -> None:
        """Record that a document is gone."""
        del self.locations[collection][doc_id]

    def tables_of(self, collection: str) -> set[str]:
        """Return the tables (shards) a collection has had documents in."""
        return self.shards.get(collection, set())

    def collections(self) -> list[str]:
        """Return the collections holding documents, sorted."""
        return sorted(c for c, docs in self.locations.items() if docs)


def collection_counts(per_table: Mapping[str, int]) -> dict[str, int]:
    """Sum documents per table into documents per collection; empty ones left out."""
    counts: dict[str, int] = {}
    for table, count in per_table.items():
        collection = table.split("@", 1)[0]
        counts[collection] = counts.get(collection, 0) + count
    return {c: n for c, n in sorted(counts.items()) if n}
