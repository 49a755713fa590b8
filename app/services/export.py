"""Everything Homeward holds about the household, for the family to take away (UK GDPR).

A parent may ask for it all: the archive lists every record of every kind the family keeps,
as it is stored, and a readable PDF says the same in plain words. Three things are left out,
and the archive says so in general terms only: a child's safety alerts and messages sealed for
their worker (they belong to the child's conversations with their worker: the agency answers
for those, and even their number must not be shown at home), this device's own sync
bookkeeping, and PIN hashes and lockouts (keys, not records about anyone).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from app.services.household import HouseholdService
from app.storage import HouseholdStore
from app.sync.catalogue import LEFT_OUT_AT_HOME, META

FORMAT = "homeward-household-export"
VERSION = 1


def archive_of(store: HouseholdStore, household_name: str,
               made_at: datetime | None = None) -> dict[str, Any]:
    """The machine-readable archive: every record the family keeps, by kind."""
    collections: dict[str, list[dict[str, Any]]] = {}
    for collection in store.collections():
        if collection in LEFT_OUT_AT_HOME:  # see the module docstring
            continue
        docs = [{k: v for k, v in doc.items() if k not in (META, "pin_hash")}
                for doc in store.find(collection)]
        collections[collection] = docs
    return {
        "format": FORMAT, "version": VERSION, "household": household_name,
        "made_at": (made_at or datetime.now(UTC)).isoformat(),
        "left_out": "Safety alerts and messages sealed for the worker (ask the agency), "
                    "this device's sync bookkeeping, and PINs.",
        "collections": collections,
    }


def archive_pdf(archive: Mapping[str, Any]) -> bytes:
    """The same archive as a readable PDF."""
    from app.reports import household_export  # the PDF library loads only when asked

    return household_export(archive["collections"], str(archive["household"]),
                            datetime.fromisoformat(str(archive["made_at"])))


def export_for(household: HouseholdService) -> dict[str, Any]:
    """The archive of the household a screen is showing."""
    return archive_of(household.store, household.household().name)
