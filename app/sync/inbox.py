"""The store's side of receiving: saving a page of records from the hub, one by one.

Every record is checked before it is saved. One that cannot be used (not a record of a kind
that travels, a body that is not an object or names another record, a shard or stamp that is
not one) is set aside in a local list the worker can see, and the rest of the page is saved:
one bad record from anywhere must never stop this device from syncing. Alerts, the worker's
seen marks and sealed messages are not saved at all (``NOT_PULLED``): they are read at the
agency, and keeping another device's would write this one's files (rule 7). The page and
the cursor after it are saved in one commit.
"""

from __future__ import annotations

import re
from typing import Any

from app.storage import HouseholdStore
from app.storage.documents import Document, table_name
from app.sync.catalogue import (
    CONFLICTS,
    DEVICE_PINS,
    META,
    NOT_PULLED,
    OUTBOX,
    SEALED_COLLECTIONS,
    SET_ASIDE,
    STATE,
    WITHDRAWABLE,
    agency_may_see,
    is_synced,
    keep_local_fields,
)
from app.sync.hlc import Stamp
from app.sync.outbox import open_conflicts, set_aside_note
from app.sync.readers import readable
from app.sync.tracker import STATE_ID, SyncTracker, meta, outbox_entry, outbox_id, sent_fields

_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class Unusable(ValueError):
    """A pulled record this device cannot save; the message is a short reason code."""


def _checked(record: Any) -> tuple[str, str, int, str | None]:
    """Return (collection, id, revision, shard) of a usable record; raise Unusable if not."""
    if not isinstance(record, dict):
        raise Unusable("not_a_record")
    collection, record_id = record.get("collection"), record.get("id")
    revision, shard = record.get("revision"), record.get("shard")
    if not isinstance(collection, str) or not isinstance(record_id, str) or not _ID.match(
            record_id):
        raise Unusable("no_id")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise Unusable("bad_revision")
    if shard is not None and not isinstance(shard, str):
        raise Unusable("bad_shard")
    try:
        table_name(collection, shard)
        Stamp.parse(record.get("hlc", ""))
    except ValueError as exc:
        raise Unusable("bad_name_or_stamp") from exc
    if not is_synced(collection):
        raise Unusable("local_only")
    body = record.get("body")
    if not record.get("deleted") and collection not in SEALED_COLLECTIONS:
        if not isinstance(body, dict):
            raise Unusable("body_not_object")
        if body.get("id") != record_id:
            raise Unusable("body_id_mismatch")
        if not readable(collection, body):
            raise Unusable("unreadable_body")
    return collection, record_id, revision, shard


def apply_pulled(store: HouseholdStore, tracker: SyncTracker, records: list[Any],
                 cursor: str, now_iso: str) -> int:
    """Save a page of records from the hub and the new cursor in one commit; return how many.

    A withdrawal (a shared record its author made private again) removes the copy on a device
    its author does not use; where they do (their own phone, even one restored from a backup
    made before the withdrawal), the words are kept, made private (``withdrawn_at``): only
    they read them, and they never go back to the agency as shared.
    """
    puts: list[tuple[str, Document, str | None]] = []
    removes: list[tuple[str, str]] = []
    applied = 0
    with store.exclusive():
        notes = open_conflicts(store)
        for record in records:
            if isinstance(record, dict) and record.get("collection") in NOT_PULLED:
                # An older hub sends alerts, seen marks and sealed rows too: kept here they
                # would write the family's files when a child told (rule 7). Not even set
                # aside if they are damaged, as a list entry would tell the same.
                continue
            try:
                collection, record_id, revision, shard = _checked(record)
            except Unusable as exc:
                puts.append((SET_ASIDE, _pulled_note(record, str(exc), now_iso), None))
                continue
            tracker.clock.seen(record["hlc"])
            for note in notes:
                if note["record_id"] == record_id and revision > int(note["hub_revision"]):
                    note.update(open=False, settled_at=now_iso)
                    puts.append((CONFLICTS, note, None))
            if store.get(OUTBOX, outbox_id(collection, record_id)) is not None:
                continue  # our own change is queued: it goes to the hub first
            local = store.get(collection, record_id)
            if local is not None and meta(local)[1] >= revision:
                continue  # we have this revision already (often our own, coming back)
            if (record.get("deleted") and record.get("withdrawn") and local is not None
                    and collection in WITHDRAWABLE):
                if not agency_may_see(collection, local):
                    continue  # already private here
                if store.get(DEVICE_PINS, str(local.get("created_by"))) is not None:
                    # the author uses this device (their phone, maybe restored from a backup
                    # made before they took it back): their words stay, for them alone
                    puts.append((collection, _withdrawn(local, revision, record["hlc"],
                                                        now_iso), shard))
                else:  # nobody here wrote them: the copy goes, as the agency's did
                    removes.append((collection, record_id))
                applied += 1
                continue
            if record.get("deleted"):
                if local is not None:
                    removes.append((collection, record_id))
                    applied += 1
                continue
            if (local is not None and collection in WITHDRAWABLE
                    and not agency_may_see(collection, local)):
                # A shared wording crossed with the private one its author wrote here at the
                # same revision (the entry changed on two devices before either synced).
                # Private wins (rule 2), whichever clock was ahead: the words here stay, and
                # go to the hub as a withdrawal of its shared wording.
                stamp = tracker.clock.now()
                kept = {**local, META: {"rev": revision + 1, "base": revision, "hlc": stamp,
                                        **sent_fields(local)}}
                here = store.shard_of(collection, record_id)
                puts += [(collection, kept, here), outbox_entry(collection, record_id, here, stamp)]
                applied += 1
                continue
            applied += 1
            doc = keep_local_fields(collection, dict(record["body"]), local)
            doc[META] = {"rev": revision, "base": revision, "hlc": record["hlc"],
                         **sent_fields(local)}
            puts.append((collection, doc, shard))
        state = store.get(STATE, STATE_ID) or {"id": STATE_ID}
        state["cursor"] = cursor
        puts.append((STATE, state, None))
        store.write(puts, removes, track=False)
    return applied


def _withdrawn(local: Document, revision: int, stamp: str, now_iso: str) -> Document:
    """This device's copy of a withdrawn record, kept private at the hub's revision."""
    kept = {**local, "withdrawn_at": local.get("withdrawn_at") or now_iso}
    kept[META] = {"rev": revision, "base": revision, "hlc": stamp, **sent_fields(local)}
    return kept


def _pulled_note(record: Any, reason: str, now_iso: str) -> Document:
    found = record if isinstance(record, dict) else {}
    return set_aside_note("pulled", found.get("collection", "?"), found.get("id", "?"),
                          found.get("revision", "?"), reason, now_iso)
