"""One sync with the hub: push everything queued (alerts first), then pull what is new.

Safe to interrupt anywhere: the outbox and base revisions move only after an answer, so a
sync that breaks off is simply repeated, and the hub answers "duplicate" for what it has.
A batch is sized by its bytes, well under the hub's limit for one request, so no batch is
ever too large to be accepted.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from app.storage import HouseholdStore
from app.sync.client import DeviceKeys, HubClient
from app.sync.hlc import HybridClock
from app.sync.inbox import apply_pulled
from app.sync.outbox import Outgoing, mark_sending, pending, settle, waiting
from app.sync.tracker import SyncTracker

#: Records read from the outbox at a time; each is then cut into batches by size.
READ_RECORDS = 200
#: A batch's records, as JSON before compression. The hub takes 2 MiB compressed, and gzip
#: never makes data much larger, so a batch under 1 MiB always fits.
BATCH_BYTES = 1024 * 1024
PULL_PAGE = 500


def batches(queued: list[Outgoing], limit: int | None = None) -> list[list[Outgoing]]:
    """Cut queued records into batches of at most ``limit`` bytes (a lone larger one alone)."""
    limit = BATCH_BYTES if limit is None else limit
    found: list[list[Outgoing]] = []
    current: list[Outgoing] = []
    size = 0
    for out in queued:
        cost = len(json.dumps(out.wire, separators=(",", ":"), ensure_ascii=False).encode())
        if current and size + cost > limit:
            found.append(current)
            current, size = [], 0
        current.append(out)
        size += cost
    if current:
        found.append(current)
    return found


def push_all(store: HouseholdStore, client: HubClient, keys: DeviceKeys,
             now_iso: Callable[[], str], clock: HybridClock | None = None) -> tuple[int, int]:
    """Push until the outbox is empty (or stops shrinking); return (sent, conflicts).

    ``clock`` (the store's) stamps again what the hub refused as stamped in its future.
    """
    sent = crossed = 0
    rounds = waiting(store) // READ_RECORDS + 5  # changes made while sending wait for next time
    for _ in range(rounds):
        queued = pending(store, READ_RECORDS)
        if not queued:
            break
        for batch in batches(queued):
            records = [out.wire for out in batch if out.wire is not None]
            if records:
                mark_sending(store, batch)
            answers = client.push(keys, records) if records else []
            crossed += settle(store, batch, answers, now_iso(), clock)
            sent += len(records)
    return sent, crossed


def pull_all(store: HouseholdStore, tracker: SyncTracker, client: HubClient, keys: DeviceKeys,
             cursor: str, now_iso: Callable[[], str]) -> int:
    """Pull pages until the hub has nothing newer; return how many records changed here."""
    applied = 0
    while True:
        page = client.pull(keys, cursor, PULL_PAGE)
        records, next_cursor = page.get("records"), page.get("cursor")
        if not isinstance(records, list) or not isinstance(next_cursor, str):
            raise ValueError("the hub's pull answer is not in the expected shape")
        cursor = next_cursor
        applied += apply_pulled(store, tracker, records, cursor, now_iso())
        if not page.get("more"):
            return applied
