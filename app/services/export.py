"""Everything Homeward holds about the household, for the family to take away (UK GDPR).

A parent may ask for it all: the archive lists every record of every kind the family keeps,
as it is stored, and a readable PDF says the same in plain words. Three things are left out,
and the archive says so in general terms only: a child's safety alerts and messages sealed for
their worker (they belong to the child's conversations with their worker: the agency answers
for those, and even their number must not be shown at home), this device's own sync
bookkeeping, and PIN hashes and lockouts (keys, not records about anyone).

It is also read as the person asking would read it on the screens: a parent's diary is theirs
alone, a carer's own wellbeing check-in (and its average in a monthly review) is theirs and
their worker's, and a child's "Why?" on the safety scale is for the worker unless the child
said the grown-ups may read it. A parent's download holds their own; the passphrase alone
(``homeward export``) speaks for nobody in particular, so it holds none of them, and the
child's reason reads as if none were given.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from app.domain.people import Member
from app.services.household import HouseholdService
from app.storage import HouseholdStore
from app.sync.catalogue import LOCAL_ONLY, META
from app.sync.home import read_at_home, roles_at_home, shown_at_home

FORMAT = "homeward-household-export"
VERSION = 1


LEFT_OUT = ("Safety alerts, a child's answers on the safety scale that raised one, and messages "
            "sealed for the worker (ask the agency), this device's sync bookkeeping, and PINs.")
LEFT_OUT_FOR_ONE = (" Also what is kept for one person: each parent's or carer's diary and own "
                    "wellbeing check-ins (each can download their own in Homeward's Settings), "
                    "and a child's reasons on the safety scale that are for their worker.")
LEFT_OUT_FOR_READER = (" Also what is kept for someone else: other carers' diaries and "
                       "wellbeing check-ins, and a child's reasons on the safety scale that are "
                       "for their worker.")


def archive_of(store: HouseholdStore, household_name: str, made_at: datetime | None = None,
               reader: Member | None = None) -> dict[str, Any]:
    """The machine-readable archive: every record the family keeps, by kind, as ``reader``
    (a parent) may read it (``read_at_home``); without a reader, nothing private to one
    person."""
    roles = roles_at_home(store)
    reader_id = reader.id if reader is not None else None
    collections: dict[str, list[dict[str, Any]]] = {}
    for collection in store.collections():
        if collection in LOCAL_ONLY:  # see the module docstring
            continue
        docs = [doc for doc in store.find(collection) if shown_at_home(collection, doc, roles)]
        if docs:  # a kind whose every record is hidden is not named either (rule 7)
            collections[collection] = [
                {k: v for k, v in read.items() if k not in (META, "pin_hash")} for doc in docs
                if (read := read_at_home(collection, doc, roles, reader_id)) is not None]
    return {
        "format": FORMAT, "version": VERSION, "household": household_name,
        "made_at": (made_at or datetime.now(UTC)).isoformat(),
        "left_out": LEFT_OUT + (LEFT_OUT_FOR_READER if reader else LEFT_OUT_FOR_ONE),
        "collections": collections,
    }


def archive_pdf(archive: Mapping[str, Any]) -> bytes:
    """The same archive as a readable PDF."""
    from app.reports import household_export  # the PDF library loads only when asked

    return household_export(archive["collections"], str(archive["household"]),
                            datetime.fromisoformat(str(archive["made_at"])))


def export_for(household: HouseholdService, reader: Member) -> dict[str, Any]:
    """The archive of the household a screen is showing, as ``reader`` may read it."""
    return archive_of(household.store, household.household().name, reader=reader)
