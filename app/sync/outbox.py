"""The store's side of sending: what to send next, and saving what the hub answered.

Everything here reads and writes the household store under its lock and writes untracked
(sync's own writes must not queue themselves). Each function's writes are one atomic commit:
the outbox and the records' base revisions move together, only after the hub has answered.
What the hub sends back is saved by ``inbox``.

Each record's sync bookkeeping (``_sync``) holds its revision, the base revision the hub
acknowledged, its clock stamp, ``sent``: the highest revision this device has sent and not had
answered as a conflict, and ``sent_hashes``: the content hash of each revision it sent since
its base (the newest ``MAX_SENT_HASHES``). Both are saved before a batch goes, so a device that
never heard its last push arrived can still show the hub it built on that very content. A
folder restored from an older copy remembers less, and what it sends under the same revision
numbers is other content: its new edits are filed as conflicts instead of overwriting.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.hub.protocol import FUTURE_STAMP
from app.hub.revisions import MAX_SENT_HASHES, sent_content_hash
from app.storage import HouseholdStore
from app.storage.documents import Document
from app.sync.catalogue import (
    CONFLICTS,
    META,
    OUTBOX,
    SEALED_COLLECTIONS,
    SEALED_FIELD,
    SET_ASIDE,
    agency_may_see,
    is_synced,
    outgoing,
)
from app.sync.hlc import HybridClock
from app.sync.home import roles_at_home, shown_at_home
from app.sync.tracker import SyncTracker, meta, outbox_entry, sent_of

SETTLED = frozenset({"stored", "duplicate"})
CONFLICT = "conflict"
REFUSED = "refused"
#: Sent right after safety alerts: small, and the hub checks authors against the people.
FIRST = frozenset({"members", "household"})
AGENCY_PREFIX = "agency:"


@dataclass(frozen=True)
class Outgoing:
    """One outbox entry, and the record to send for it (None: nothing to send, just drop)."""

    entry_id: str
    entry_hlc: str
    collection: str
    record_id: str
    revision: int
    wire: dict[str, Any] | None = field(default=None, compare=False)
    sent_before: int = 0


def _author(doc: Document) -> str | None:
    # The newest person of this household who changed it; a worker's change that came from
    # the hub is the agency's to sign, never this device's.
    for name in ("updated_by", "created_by", "by"):
        value = doc.get(name)
        if isinstance(value, str) and value and not value.startswith(AGENCY_PREFIX):
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
                     "sent_revision": int(entry.get("sent", 0)), "author": None,
                     "deleted": True, "body": None, **_sent_hashes(entry)}
    rev, base = meta(doc)
    stamp = (doc.get(META) or {}).get("hlc") or entry["hlc"]
    record = {**base_fields, "revision": rev, "base_revision": base, "hlc": stamp,
              "sent_revision": sent_of(doc), "author": _author(doc), "deleted": False,
              **_sent_hashes(doc.get(META) or {})}
    if collection in SEALED_COLLECTIONS:
        sealed = doc.get(SEALED_FIELD)
        if not isinstance(sealed, str):
            return rev, None  # already delivered
        return rev, {**record, "author": None, "body": None, "sealed_body": sealed}
    if not agency_may_see(collection, doc):
        if base == 0 and sent_of(doc) == 0:
            return rev, None  # never sent, never will be while it stays private
        # Shared once, private now: the hub forgets the words and keeps only the withdrawal,
        # signed by its author (the hub takes a shared entry back only for who wrote it).
        return rev, {**record, "deleted": True, "withdrawn": True, "body": None}
    return rev, {**record, "body": outgoing(collection, doc)}


def _sent_hashes(kept: dict[str, Any]) -> dict[str, Any]:
    # Said only once this device keeps them: a record last sent by an older Homeward has none.
    found = kept.get("sent_hashes")
    return {"sent_hashes": dict(found)} if isinstance(found, dict) else {}


def _with_sent(kept: dict[str, Any], out: Outgoing, base: int) -> dict[str, Any]:
    """``kept`` (a record's bookkeeping, or a tombstone's entry) noting ``out`` as sent."""
    assert out.wire is not None
    hashes = {revision: digest for revision, digest in (kept.get("sent_hashes") or {}).items()
              if base < int(revision) < out.revision}
    hashes[str(out.revision)] = sent_content_hash(out.wire)
    newest = sorted(hashes, key=int)[-MAX_SENT_HASHES:]
    return {**kept, "sent": out.revision, "sent_hashes": {r: hashes[r] for r in newest}}


def _order(entry: Document) -> tuple[bool, bool, str]:
    return (not entry.get("urgent"), entry.get("collection") not in FIRST, str(entry.get("hlc")))


def pending(store: HouseholdStore, limit: int) -> list[Outgoing]:
    """Return up to ``limit`` queued records: alerts first, then the people, then oldest first."""
    with store.exclusive():
        entries = store.find(OUTBOX)
        entries.sort(key=_order)
        found: list[Outgoing] = []
        for entry in entries[:limit]:
            doc = store.get(entry["collection"], entry["record_id"])
            rev, wire = _wire(entry, doc)
            found.append(Outgoing(entry["id"], str(entry.get("hlc")), entry["collection"],
                                  entry["record_id"], rev, wire,
                                  int(wire.get("sent_revision", 0)) if wire else 0))
        return found


def mark_sending(store: HouseholdStore, batch: list[Outgoing]) -> None:
    """Note, before a batch goes, that this device has sent these revisions (one commit)."""
    puts: list[tuple[str, Document, str | None]] = []
    with store.exclusive():
        for out in batch:
            if out.wire is None:
                continue
            if out.wire.get("deleted") and not out.wire.get("withdrawn"):
                entry = store.get(OUTBOX, out.entry_id)
                if (entry is not None and entry.get("hlc") == out.entry_hlc
                        and int(entry.get("sent", 0)) < out.revision):
                    entry = _with_sent(entry, out, int(entry.get("base", 0)))
                    puts.append((OUTBOX, entry, store.shard_of(OUTBOX, out.entry_id)))
                continue
            doc = store.get(out.collection, out.record_id)
            if doc is None or meta(doc)[0] != out.revision or sent_of(doc) >= out.revision:
                continue
            doc[META] = _with_sent(doc.get(META) or {}, out, meta(doc)[1])
            puts.append((out.collection, doc, store.shard_of(out.collection, out.record_id)))
        if puts:
            store.write(puts, (), track=False)


def waiting(store: HouseholdStore) -> int:
    """Return how many changes are waiting to be sent."""
    return store.counts().get(OUTBOX, 0)


def waiting_at_home(store: HouseholdStore) -> int:
    """How many changes are waiting, as the family is told: alerts, sealed messages and a
    child's rating that raised an alert are never counted on a screen at home."""
    roles = roles_at_home(store)

    def told(entry: Document) -> bool:
        collection = str(entry.get("collection"))
        # A record taken off the device (its removal waiting) is judged without its words:
        # a rating that can no longer be read is not counted (it may have raised an alert).
        doc = store.get(collection, str(entry.get("record_id"))) or {}
        return shown_at_home(collection, doc, roles)

    return sum(1 for entry in store.find(OUTBOX) if told(entry))


def settle(store: HouseholdStore, sent: list[Outgoing], answers: list[dict[str, Any]],
           now_iso: str, clock: HybridClock | None = None) -> int:
    """Save the hub's answers for a batch in one commit; return how many conflicted.

    ``stored`` and ``duplicate`` move the record's base revision; a ``conflict`` is noted here
    (the hub keeps the family's version in its queue for a person to settle) and this device
    no longer counts that revision as sent; a ``refused`` change is set aside with the hub's
    reason. Anything else, or no answer at all, leaves the change queued for next time.

    A change refused for a stamp ahead of the hub's clock (``future_stamp``) was made while
    this device's clock ran fast: it is never set aside. It stays queued, and with ``clock``
    (this store's) it is stamped again from the hub's time, so it goes on the next push.
    """
    by_id = {(answer.get("id"), answer.get("revision")): answer for answer in answers}
    puts: list[tuple[str, Document, str | None]] = []
    removes: list[tuple[str, str]] = []
    crossed = 0
    hub_times = [answer["hub_time"] for answer in answers
                 if answer.get("reason") == FUTURE_STAMP and type(answer.get("hub_time")) is int]
    if clock is not None and hub_times:
        clock.trust(min(hub_times))
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
            status = None if answer is None else answer.get("status")
            if answer is None or status not in (*SETTLED, CONFLICT, REFUSED):
                continue  # not answered: stays queued
            doc = store.get(out.collection, out.record_id)
            if status == REFUSED and answer.get("reason") == FUTURE_STAMP:
                if clock is not None and entry is not None and unchanged:
                    puts.extend(_stamped_again(store, out, entry, doc, clock.now()))
                continue  # not final: stays queued
            if status == CONFLICT:
                crossed += 1
                puts.append((CONFLICTS, _conflict_note(out, answer, now_iso), None))
                if doc is not None and meta(doc)[0] == out.revision:
                    # Back to what it had sent before this batch (``_wire`` said it).
                    kept = {key: value for key, value in (doc.get(META) or {}).items()
                            if key != "sent_hashes"}
                    doc[META] = {**kept, "sent": out.sent_before,
                                 **_sent_hashes(out.wire or {})}
                    shard = store.shard_of(out.collection, out.record_id)
                    puts.append((out.collection, doc, shard))
            elif status == REFUSED:
                puts.append((SET_ASIDE, set_aside_note(
                    "refused", out.collection, out.record_id, out.revision,
                    str(answer.get("reason") or "refused"), now_iso), None))
            elif doc is not None:
                puts.append((out.collection, _acknowledged(out, doc),
                             store.shard_of(out.collection, out.record_id)))
            current = meta(doc)[0] if doc is not None else out.revision
            if unchanged and current == out.revision:
                removes.append((OUTBOX, out.entry_id))
        store.write(puts, removes, track=False)
    return crossed


def _stamped_again(store: HouseholdStore, out: Outgoing, entry: Document, doc: Document | None,
                   stamp: str) -> list[tuple[str, Document, str | None]]:
    # A tombstone travels with its outbox entry's stamp, anything else with the record's own.
    if entry.get("deleted") or doc is None:
        return [(OUTBOX, {**entry, "hlc": stamp}, store.shard_of(OUTBOX, out.entry_id))]
    if meta(doc)[0] != out.revision:
        return []  # edited again while sending: the newer edit has a newer stamp
    again = {**doc, META: {**(doc.get(META) or {}), "hlc": stamp}}
    return [(out.collection, again, store.shard_of(out.collection, out.record_id))]


def set_aside_note(kind: str, collection: Any, record_id: Any, revision: Any, reason: str,
                   now_iso: str) -> Document:
    """A note, for the worker, of a record this device could not use or could not send."""
    return {"id": str(uuid.uuid4()), "kind": kind, "collection": str(collection)[:64],
            "record_id": str(record_id)[:64], "revision": str(revision)[:20],
            "reason": reason[:64], "at": now_iso}


def _acknowledged(out: Outgoing, doc: Document) -> Document:
    rev, _base = meta(doc)
    changed = dict(doc)
    changed[META] = {**(doc.get(META) or {}), "base": out.revision}
    if rev != out.revision:
        return changed  # edited again while sending: the newer edit stays queued
    if out.collection == "safety_alerts":
        changed["synced"] = True
    if out.collection in SEALED_COLLECTIONS:
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


def queue_everything(store: HouseholdStore, tracker: SyncTracker,
                     also: Sequence[tuple[str, Document, str | None]] = ()) -> int:
    """Queue every record for its first journey to a household's hub; return how many.

    Base revisions start again from nothing: that hub has none of these records yet. ``also``
    (the saved connection) is written in the same commit, so a device is never left connected
    with nothing queued, whatever stops the app in the middle.
    """
    puts: list[tuple[str, Document, str | None]] = list(also)
    with store.exclusive():
        for collection in store.collections():
            if not is_synced(collection):
                continue
            for doc in store.find(collection):
                shard = store.shard_of(collection, doc["id"])
                stamp = tracker.clock.now()
                rev, base = meta(doc)
                if rev == 0 or base or sent_of(doc):
                    kept = {key: value for key, value in (doc.get(META) or {}).items()
                            if key != "sent_hashes"}  # nothing was sent to this hub
                    doc[META] = {**kept, "rev": max(rev, 1), "base": 0,
                                 "sent": 0, "hlc": kept.get("hlc") or stamp}
                    puts.append((collection, doc, shard))
                puts.append(outbox_entry(collection, doc["id"], shard, stamp))
        store.write(puts, (), track=False)
    return sum(1 for c, _d, _s in puts if c == OUTBOX)
