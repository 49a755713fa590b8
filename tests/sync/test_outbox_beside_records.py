"""A change queued for sync is saved in one file: its outbox entry lives beside the record.

Format 4 keeps each outbox entry in the file of the record it queues (``layout.BESIDE``), so a
paired household's save writes exactly the files an unpaired one writes, with no journal.
Older entries, kept by day in files of their own, still read and still send.
"""

from __future__ import annotations

from pathlib import Path

from app.storage import HouseholdStore, KdfParams
from app.storage.layout import FileNames, file_key_of, place_of
from app.sync.catalogue import OUTBOX
from app.sync.hlc import HybridClock
from app.sync.outbox import pending
from app.sync.tracker import SyncTracker, outbox_entry, outbox_shard

PASSPHRASE = "kettle on, shoes by the door"


def _paired(folder: Path) -> HouseholdStore:
    store, _ = HouseholdStore.create(folder, PASSPHRASE, kdf=KdfParams.fast_for_tests())
    store.set_tracker(SyncTracker(HybridClock("test"), paired=True))
    return store


def _changed(folder: Path, before: dict[str, bytes]) -> set[str]:
    now = {p.name: p.read_bytes() for p in folder.iterdir()}
    return {name for name in {*before, *now} if before.get(name) != now.get(name)}


def test_an_outbox_table_lives_in_the_file_of_its_records() -> None:
    assert place_of("checkins@2026-11") == "voice--2026-11"
    assert file_key_of("sync_outbox@voice--2026-11") == "voice@2026-11"
    assert file_key_of(f"sync_outbox@{place_of('members')}") == "members"
    assert file_key_of("sync_outbox@2026-11-30") == "sync_outbox@2026-11-30"  # kept by day
    assert place_of(f"{'a' * 30}@2026-11") is None  # cannot be named in a shard
    assert outbox_shard(f"{'a' * 30}", "2026-11", HybridClock("t").now())[:2] == "20"


def test_a_queued_save_writes_only_the_records_file_and_the_catalogue(tmp_path: Path) -> None:
    folder = tmp_path / "household"
    store = _paired(folder)
    try:
        checkin = {"id": "c-1", "member": "m-jo", "feeling": "calm"}
        store.put("checkins", checkin, shard="2026-11")  # makes the file (and its .prev later)
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        store.put("safety_alerts", {"id": "a-1", "member": "m-jo"}, shard="2026-11")
        voice = store._tables.file_name_of("checkins@2026-11")
        assert _changed(folder, before) == {voice, voice + ".prev", "catalogue.hwc"}
        assert store.shard_of(OUTBOX, "safety_alerts:a-1") == "voice--2026-11"
        assert [out.record_id for out in pending(store, 10)] == ["a-1", "c-1"]  # alert first
    finally:
        store.close()
    reopened = HouseholdStore.open(folder, PASSPHRASE)
    try:
        assert reopened.counts()[OUTBOX] == 2
        assert reopened.verify()[OUTBOX] == 2
    finally:
        reopened.close()


def test_entries_kept_by_day_still_send_and_move_beside_their_record(tmp_path: Path) -> None:
    folder = tmp_path / "household"
    store = _paired(folder)
    try:
        store.put_many([("diary", {"id": "d-1", "text": "Park."}, "2026-11")], track=False)
        stamp = HybridClock("old").now()
        collection, entry, _beside = outbox_entry("diary", "d-1", "2026-11", stamp)
        day = outbox_shard("x" * 40, None, stamp)  # how format 3 kept every entry
        store.put_many([(collection, entry, day)], track=False)
        assert FileNames(store._key).of(f"{OUTBOX}@{day}") in {p.name for p in folder.iterdir()}
        assert [out.record_id for out in pending(store, 10)] == ["d-1"]
        store.put("diary", {"id": "d-1", "text": "Park, then tea."}, shard="2026-11")
        assert store.shard_of(OUTBOX, "diary:d-1") == "diary--2026-11"
        assert store.counts()[OUTBOX] == 1
    finally:
        store.close()
