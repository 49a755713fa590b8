"""One sync with the hub: push everything queued (alerts first), then pull what is new.

Safe to interrupt anywhere: the outbox and base revisions move only after an answer, so a
sync that breaks off is simply repeated, and the hub answers "duplicate" for what it has.
"""

from __future__ import annotations

from collections.abc import Callable

from app.storage import HouseholdStore
from app.sync.client import DeviceKeys, HubClient
from app.sync.outbox import apply_pulled, pending, settle, waiting
from app.sync.tracker import SyncTracker

BATCH_RECORDS = 200
PULL_PAGE = 500


def push_all(store: HouseholdStore, client: HubClient, keys: DeviceKeys,
             now_iso: Callable[[], str]) -> tuple[int, int]:
    """Push until the outbox is empty (or stops shrinking); return (sent, conflicts)."""
    sent = crossed = 0
    rounds = waiting(store) // BATCH_RECORDS + 5  # changes made while sending wait for next time
    for _ in range(rounds):
        batch = pending(store, BATCH_RECORDS)
        if not batch:
            break
        records = [out.wire for out in batch if out.wire is not None]
        answers = client.push(keys, records) if records else []
        crossed += settle(store, batch, answers, now_iso())
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
