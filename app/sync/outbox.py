"""The store's side of sync: what to send next, and saving what the hub answered or sent.

Everything here reads and writes the household store under its lock and writes untracked
(sync's own writes must not queue themselves). Each function's writes are one atomic commit:
the outbox and the records' base revisions move together, only after the hub has answered.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from app.storage import HouseholdStore
from app.storage.documents import Document
from app.sync.catalogue import (
    CONFLICTS,
    META,
    OUTBOX,
    SEALED_FIELD,
    STATE,
    WORKER_MESSAGES,
    agency_may_see,
    is_synced,
    keep_local_fields,
    outgoing,
)
from app.sync.tracker import STATE_ID, SyncTracker, meta, outbox_entry, outbox_id

SETTLED = frozenset({"stored", "duplicate", "stale"})


@dataclass(frozen=True)
class Outgoing:
    """One outbox entry, and the record to send for it (None: nothing to send, just drop)."""

    entry_id: str
    entry_hlc: str
    collection: str
    record_id: str
    revision: int
    wire: dict[str, Any] | None = field(default=None, compare=False)


def _author(doc: Document) -> str | None:
    for name in ("updated_by", "created_by", "by"):
        value = doc.get(name)
        if isinstance(value, str) and value:
            return value[:64]
    return None


def _wire(entry: Document, doc: Document | None) -> tuple[int, dict[str, Any] | None]:
    collection, record_id = entry["collection"], entry["record_id"]
    base_fields = {"id": record_id, "collection": collection, "shard": entry.get("shard"),
                   "schema": 1, "urgent": bool(entry.get("urgent"))}
    if entry.get("deleted") or doc is None:
        if not entry.get("deleted"):
            return 0, None  # removed without tracking: nothing left to send
        rev, base = int(entry["rev"]), int(entry["base"])
        return rev, {**base_fields, "revision": rev, "base_revision": base, "hlc": entry["hlc"],
                     "author": None, "deleted": True, "body": None}
    rev, base = meta(doc)
    stamp = (doc.get(META) or {}).get("hlc") or entry["hlc"]
    record = {**base_fields, "revision": rev, "base_revision": base, "hlc": stamp,
              "author": _author(doc), "deleted": False}
    if collection == WORKER_MESSAGES:
        sealed = doc.get(SEALED_FIELD)
        if not isinstance(sealed, str):
            return rev, None  # already delivered
        return rev, {**record, "author": None, "body": None, "sealed_body": sealed}
    if not agency_may_see(collection, doc):
        if base == 0:
            return rev, None  # never sent, never will be while it stays private
        return rev, {**record, "deleted": True, "body": None}  # was shared, now private
    return rev, {**record, "body": outgoing(collection, doc)}


def pending(store: HouseholdStore, limit: int) -> list[Outgoing]:
    """Return up to ``limit`` queued records: safety alerts first, then oldest change first."""
    with store.exclusive():
        entries = store.find(OUTBOX)
        entries.sort(key=lambda e: (not e.get("urgent"), str(e.get("hlc"))))
        found: list[Outgoing] = []
        for entry in entries[:limit]:
            doc = store.get(entry["collection"], entry["record_id"])
            rev, wire = _wire(entry, doc)
            found.append(Outgoing(entry["id"], str(entry.get("hlc")), entry["collection"],
                                  entry["record_id"], rev, wire))
        return found


def waiting(store: HouseholdStore) -> int:
    """Return how many changes are waiting to be sent."""
    return store.counts().get(OUTBOX, 0)


def settle(store: HouseholdStore, sent: list[Outgoing], answers: list[dict[str, Any]],
           now_iso: str) -> int:
    """Save the hub's answers for a batch in one commit; return how many conflicted."""
    by_id = {(answer.get("id"), answer.get("revision")): answer for answer in answers}
    puts: list[tuple[str, Document, str | None]] = []
    removes: list[tuple[str, str]] = []
    crossed = 0
    with store.exclusive():
        for out in sent:
            entry = store.get(OUTBOX, out.entry_id)
            # Queued again since it was read (changed while sending): keep the newer entry.
            unchanged = entry is not None and entry.get("hlc") == out.entry_hlc
            if out.wire is None:
                if unchanged:
                    removes.append((OUTBOX, out.entry_id))
                continue
            answer = by_id.get((out.record_id, out.revision))
            if answer is None:
                continue  # not answered: stays queued
            status = answer.get("status")
            if status == "conflict":
                crossed += 1
                puts.append((CONFLICTS, _conflict_note(out, answer, now_iso), None))
            elif status not in SETTLED:
                continue
            doc = store.get(out.collection, out.record_id)
            if out.wire.get("deleted") and doc is None:
                if unchanged:
                    removes.append((OUTBOX, out.entry_id))
                continue
            if doc is None:
                continue
            rev, _base = meta(doc)
            if status in SETTLED:
                puts.append((out.collection, _acknowledged(out, doc), store.shard_of(
                    out.collection, out.record_id)))
            if rev == out.revision and unchanged:
                removes.append((OUTBOX, out.entry_id))
        store.write(puts, removes, track=False)
    return crossed


def _acknowledged(out: Outgoing, doc: Document) -> Document:
    rev, _base = meta(doc)
    changed = dict(doc)
    changed[META] = {**(doc.get(META) or {}), "base": out.revision}
    if rev != out.revision:
        return changed  # edited again while sending: the newer edit stays queued
    if out.collection == "safety_alerts":
        changed["synced"] = True
    if out.collection == WORKER_MESSAGES:
        changed.pop(SEALED_FIELD, None)  # the hub has it: nothing sealed stays at home
        changed["delivered"] = True
    return changed


def _conflict_note(out: Outgoing, answer: dict[str, Any], now_iso: str) -> Document:
    wire = out.wire or {}
    return {
        "id": str(uuid.uuid4()), "collection": out.collection, "record_id": out.record_id,
        "revision": out.revision, "hub_revision": int(answer.get("current_revision") or 0),
        "body": wire.get("body"), "at": now_iso, "open": True,
    }


def open_conflicts(store: HouseholdStore) -> list[Document]:
    """Return this device's changes that crossed with another change and are not settled."""
    return store.find(CONFLICTS, lambda doc: bool(doc.get("open")))


def apply_pulled(store: HouseholdStore, tracker: SyncTracker, records: list[dict[str, Any]],
                 cursor: str, now_iso: str) -> int:
    """Save a page of records from the hub and the new cursor in one commit; return how many."""
    puts: list[tuple[str, Document, str | None]] = []
    removes: list[tuple[str, str]] = []
    applied = 0
    with store.exclusive():
        notes = open_conflicts(store)
        for record in records:
            tracker.clock.seen(str(record.get("hlc", "")))
            collection, record_id = record["collection"], record["id"]
            if not is_synced(collection) or collection == WORKER_MESSAGES:
                continue
            revision = int(record["revision"])
            for note in notes:
                if note["record_id"] == record_id and revision > int(note["hub_revision"]):
                    note.update(open=False, settled_at=now_iso)
                    puts.append((CONFLICTS, note, None))
            if store.get(OUTBOX, outbox_id(collection, record_id)) is not None:
                continue  # our own change is queued: it goes to the hub first
            local = store.get(collection, record_id)
            if local is not None and meta(local)[1] >= revision:
                continue  # we have this revision already (often our own, coming back)
            applied += 1
            if record.get("deleted") or not isinstance(record.get("body"), dict):
                if local is not None:
                    removes.append((collection, record_id))
                continue
            doc = keep_local_fields(collection, dict(record["body"]), local)
            doc[META] = {"rev": revision, "base": revision, "hlc": record.get("hlc")}
            if collection == "safety_alerts":
                doc["synced"] = True
            puts.append((collection, doc, record.get("shard")))
        state = store.get(STATE, STATE_ID) or {"id": STATE_ID}
        state["cursor"] = cursor
        puts.append((STATE, state, None))
        store.write(puts, removes, track=False)
    return applied


def queue_everything(store: HouseholdStore, tracker: SyncTracker) -> int:
    """Queue every record for its first journey to a household's hub; return how many.

    Base revisions start again from nothing: that hub has none of these records yet.
    """
    puts: list[tuple[str, Document, str | None]] = []
    with store.exclusive():
        for collection in store.collections():
            if not is_synced(collection):
                continue
            for doc in store.find(collection):
                shard = store.shard_of(collection, doc["id"])
                stamp = tracker.clock.now()
                rev, base = meta(doc)
                if rev == 0 or base:
                    doc[META] = {**(doc.get(META) or {}), "rev": max(rev, 1), "base": 0,
                                 "hlc": (doc.get(META) or {}).get("hlc") or stamp}
                    puts.append((collection, doc, shard))
                puts.append(outbox_entry(collection, doc["id"], shard, stamp))
        store.write(puts, (), track=False)
    return sum(1 for c, _d, _s in puts if c == OUTBOX)
