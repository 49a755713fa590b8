"""Stamps every change with a revision and clock stamp, and queues it in the outbox.

The tracker runs inside the store's commit (``HouseholdStore.set_tracker``), so a change and
its outbox entry are saved together or not at all: a crash can never leave a change that sync
has forgotten. Before the household is paired nothing is queued; pairing queues everything.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from app.storage import HouseholdStore
from app.storage.documents import Document, Item, table_name
from app.storage.layout import place_of
from app.sync.catalogue import META, OUTBOX, STATE, SYNC_AT_ONCE, URGENT, is_synced
from app.sync.hlc import HybridClock, Stamp

STATE_ID = "state"


def outbox_id(collection: str, record_id: str) -> str:
    """The outbox entry of one record (a record is queued at most once)."""
    return f"{collection}:{record_id}"


def outbox_shard(collection: str, shard: str | None, stamp: str) -> str:
    """Where a record's outbox entry is kept: in the file of the record itself.

    Queueing a change then writes no file but the change's own (see ``layout.BESIDE``), and
    the outbox grows with the records, never into one huge table. A record whose file cannot
    be named in a shard has its entry kept by day.
    """
    place = place_of(table_name(collection, shard))
    if place is not None:
        return place
    return datetime.fromtimestamp(Stamp.parse(stamp).millis / 1000, UTC).strftime("%Y-%m-%d")


def outbox_entry(
    collection: str, record_id: str, shard: str | None, stamp: str, *,
    deleted: bool = False, rev: int = 0, base: int = 0, sent: int = 0,
    sent_hashes: dict[str, str] | None = None,
) -> Item:
    """Return the outbox entry (collection, document, shard) that queues one record."""
    entry: dict[str, Any] = {
        "id": outbox_id(collection, record_id), "collection": collection,
        "record_id": record_id, "shard": shard, "urgent": collection in URGENT,
        "hlc": stamp, "deleted": deleted,
    }
    if deleted:
        entry.update(rev=rev, base=base, sent=sent)
        if sent_hashes is not None:
            entry["sent_hashes"] = sent_hashes
    return OUTBOX, entry, outbox_shard(collection, shard, stamp)


def meta(doc: Document | None) -> tuple[int, int]:
    """Return a stored record's (revision, base revision); (0, 0) if it has none yet."""
    found = (doc or {}).get(META) or {}
    return int(found.get("rev", 0)), int(found.get("base", 0))


def sent_of(doc: Document | None) -> int:
    """The highest revision of a record this device has sent (and not had answered crossed)."""
    return int(((doc or {}).get(META) or {}).get("sent", 0))


def sent_fields(doc: Document | None) -> dict[str, Any]:
    """A record's ``sent``, and ``sent_hashes`` (what it sent, by revision) if it keeps them:
    carried to its next revision. ``outbox.mark_sending`` says what they are."""
    found = (doc or {}).get(META) or {}
    kept: dict[str, Any] = {"sent": int(found.get("sent", 0))}
    if isinstance(found.get("sent_hashes"), dict):
        kept["sent_hashes"] = found["sent_hashes"]
    return kept


class SyncTracker:
    """The store's tracker: revisions, clock stamps and the outbox."""

    def __init__(self, clock: HybridClock, *, paired: bool, hub_offset: float = 0.0) -> None:
        #: Seconds from this device's clock to the hub's, once the hub has said the device's
        #: clock is more than five minutes out (kept in the sync state across restarts).
        self.hub_offset = hub_offset
        self._clock = clock
        clock.go_by_hub(hub_offset)
        self.paired = paired
        #: Only one sync runs at a time for a store.
        self.sync_lock = threading.Lock()
        #: Set when a change that syncs at once is queued (an alert, a check-in...): a
        #: periodic sync waiting on it should go now.
        self.urgent = threading.Event()
        self._wakers: list[Callable[[], None]] = []

    @property
    def clock(self) -> HybridClock:
        """The store's hybrid clock (reading the hub's time, once the hub has said it)."""
        return self._clock

    @clock.setter
    def clock(self, clock: HybridClock) -> None:
        clock.go_by_hub(self.hub_offset)
        self._clock = clock

    def go_by_hub(self, offset: float) -> None:
        """Sign and stamp by the hub's time: this device's clock plus ``offset`` seconds."""
        self.hub_offset = offset
        self._clock.go_by_hub(offset)

    def add_waker(self, wake: Callable[[], None]) -> Callable[[], None]:
        """Call ``wake`` (from any thread) whenever a safety alert is queued; return an undo."""
        self._wakers.append(wake)
        return lambda: self._wakers.remove(wake) if wake in self._wakers else None

    def on_put(
        self, collection: str, doc: Document, before: Document | None, shard: str | None
    ) -> list[Item]:
        """Stamp the next revision on ``doc`` and queue it."""
        if not is_synced(collection):
            return []
        rev, base = meta(before)
        stamp = self.clock.now()
        doc[META] = {"rev": rev + 1, "base": base, "hlc": stamp, **sent_fields(before)}
        if not self.paired:
            return []
        if collection in SYNC_AT_ONCE:
            self.urgent.set()
            for wake in list(self._wakers):
                wake()
        return [outbox_entry(collection, doc["id"], shard, stamp)]

    def on_remove(self, collection: str, before: Document, shard: str | None) -> list[Item]:
        """Queue a tombstone for a removed record that the agency may already hold."""
        if not is_synced(collection) or not self.paired:
            return []
        rev, base = meta(before)
        return [outbox_entry(collection, before["id"], shard, self.clock.now(), deleted=True,
                             rev=rev + 1, base=base, **sent_fields(before))]


def track_changes(store: HouseholdStore) -> SyncTracker:
    """Attach a tracker to an open store (once); return the store's tracker."""
    with store.exclusive():
        current = store.tracker
        if isinstance(current, SyncTracker):
            return current
        state = store.get(STATE, STATE_ID) or {}
        paired = bool(state.get("device_id"))
        offset: Any = state.get("hub_offset")
        # After a restart, stamps go on by the hub's time at once: a check-in made before the
        # first sync must not sort before what this device stamped by the hub's time already.
        tracker = SyncTracker(HybridClock(secrets.token_hex(4)), paired=paired,
                              hub_offset=float(offset) if type(offset) in (int, float) else 0.0)
        store.set_tracker(tracker)
        return tracker


def forget_hub_offset(store: HouseholdStore) -> None:
    """Go by this device's own clock again until the hub says otherwise: the folder was put
    back from a backup, and the offset it holds measured another device's clock."""
    with store.exclusive():
        state = store.get(STATE, STATE_ID)
        if state is not None and "hub_offset" in state:
            state.pop("hub_offset")
            store.put_many([(STATE, state, None)], track=False)
        tracker = store.tracker
        if isinstance(tracker, SyncTracker):
            tracker.go_by_hub(0.0)
