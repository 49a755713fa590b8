"""The sealed catalogue: a table file deleted, rolled back or added while closed is damage."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.storage import HouseholdStore, StoreDamaged
from app.storage.files import CATALOGUE_FILE, SealedFiles
from app.storage.keys import read_key_file
from app.storage.tables import EncryptedTableStorage, HouseholdDB, storage_factory

PASSPHRASE = "kettle on, shoes by the door"
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]
FileOf = Callable[[Path, str], str]
Abandon = Callable[[HouseholdStore], None]


class SimulatedCrash(BaseException):
    """Stands for the process dying: not an Exception, so no cleanup code catches it."""


def _refused(folder: Path, snapshot: SnapshotFn) -> StoreDamaged:
    """Open writable and read-only; both must raise StoreDamaged and change nothing."""
    before = snapshot(folder)
    errors = []
    for read_only in (False, True):
        with pytest.raises(StoreDamaged) as caught:
            HouseholdStore.open(folder, PASSPHRASE, read_only=read_only)
        errors.append(caught.value)
    assert snapshot(folder) == before  # nothing overwritten, renamed or deleted
    assert errors[0].damages == errors[1].damages
    return errors[0]


def test_a_table_file_deleted_while_closed_is_damage_named(
    populated: Path, snapshot: SnapshotFn, file_of: FileOf
) -> None:
    november = file_of(populated, "checkins@2026-11")
    (populated / november).unlink()
    damage = _refused(populated, snapshot)
    assert damage.files == [november]
    assert "missing" in str(damage) and november in str(damage)
    assert damage.previous_available  # its .prev is still there to put back


def test_an_older_generation_put_back_hides_nothing(
    populated: Path, snapshot: SnapshotFn, file_of: FileOf
) -> None:
    # The attack from the issue: with the folder alone, put back the .prev of the file that
    # holds an unsent alert, so the alert (and its outbox entry) would vanish.
    store = HouseholdStore.open(populated, PASSPHRASE)
    store.put_many([
        ("safety_alerts", {"id": "a-1", "source": "checkin"}, "2026-11"),
        ("sync_outbox", {"id": "o-1", "record": "a-1"}, None),
    ])
    store.close()
    voice = file_of(populated, "safety_alerts@2026-11")
    shutil.copyfile(populated / f"{voice}.prev", populated / voice)
    damage = _refused(populated, snapshot)
    assert damage.files == [voice]
    assert "older copy was put back" in str(damage)


def test_a_table_file_added_while_closed_is_damage(
    populated: Path, snapshot: SnapshotFn, file_of: FileOf
) -> None:
    # An authentic file the store no longer holds: a table saved, copied away, then dropped.
    store = HouseholdStore.open(populated, PASSPHRASE)
    store.put("diary", {"id": "d-old", "text": "An old page"}, shard="2026-09")
    old_page = file_of(populated, "diary@2026-09")
    kept = (populated / old_page).read_bytes()
    store._db.drop_table("diary@2026-09")
    store.close()
    assert not (populated / old_page).exists()  # the dropped table's file is gone
    (populated / old_page).write_bytes(kept)
    damage = _refused(populated, snapshot)
    assert damage.files == [old_page]
    assert "does not list it" in str(damage)


def test_junk_named_like_a_table_file_is_damage_too(
    populated: Path, snapshot: SnapshotFn
) -> None:
    junk = "0123456789abcdef0123456789abcdef.tbl"
    (populated / junk).write_bytes(b"not ours")
    assert _refused(populated, snapshot).files == [junk]


def test_every_problem_is_named_at_once(
    populated: Path, snapshot: SnapshotFn, file_of: FileOf
) -> None:
    members, diary = file_of(populated, "members"), file_of(populated, "diary@2026-11")
    (populated / members).unlink()
    shutil.copyfile(populated / f"{diary}.prev", populated / diary)
    assert _refused(populated, snapshot).files == sorted([members, diary])


@pytest.mark.parametrize("harm", ["deleted", "flipped"])
def test_a_missing_or_damaged_catalogue_is_damage_and_can_be_rebuilt_by_hand(
    populated: Path, snapshot: SnapshotFn, harm: str
) -> None:
    catalogue = populated / CATALOGUE_FILE
    if harm == "deleted":
        catalogue.unlink()
    else:
        data = bytearray(catalogue.read_bytes())
        data[100] ^= 1
        catalogue.write_bytes(bytes(data))
    damage = _refused(populated, snapshot)
    assert damage.files == [CATALOGUE_FILE]
    assert not damage.previous_available  # there is deliberately no older catalogue

    # Support, having checked the folder, accepts the table files as they are.
    set_aside = HouseholdStore.rebuild_catalogue(populated, PASSPHRASE)
    assert set_aside == ([] if harm == "deleted" else [f"{CATALOGUE_FILE}.damaged-1"])
    store = HouseholdStore.open(populated, PASSPHRASE)
    assert store.counts() == {"checkins": 5, "diary": 2, "members": 3}
    assert store.verify() == store.counts()
    store.close()


def test_a_catalogue_left_behind_by_a_crash_is_brought_up_to_date(
    populated: Path, abandon: Abandon
) -> None:
    # A one-file save replaces the file, then the catalogue; a crash between the two leaves
    # the catalogue one generation behind, which is not damage (nothing older came back).
    store = HouseholdStore.open(populated, PASSPHRASE)
    steps: list[str] = []

    def crash_at_the_catalogue(step: str) -> None:
        steps.append(step)
        if steps.count("temp-written") == 2:  # the second durable write: the catalogue
            raise SimulatedCrash(step)

    store._tables.fault_hook = crash_at_the_catalogue
    with pytest.raises(SimulatedCrash):
        store.put("checkins", {"id": "c-new"}, shard="2026-11")
    abandon(store)

    reopened = HouseholdStore.open(populated, PASSPHRASE)
    assert reopened.get("checkins", "c-new") == {"id": "c-new"}
    assert reopened.verify() == reopened.counts()
    reopened.close()
    key = read_key_file(populated).unwrap_with_passphrase(PASSPHRASE)
    catalogue = SealedFiles(populated, key).read_catalogue()
    assert catalogue is not None and catalogue.files["voice@2026-11"] == 3


def test_restore_previous_tells_the_catalogue_to_expect_the_earlier_copy(
    populated: Path, file_of: FileOf
) -> None:
    members = file_of(populated, "members")
    os.truncate(populated / members, 10)
    with pytest.raises(StoreDamaged):
        HouseholdStore.open(populated, PASSPHRASE)
    HouseholdStore.restore_previous(populated, members, PASSPHRASE)
    store = HouseholdStore.open(populated, PASSPHRASE)
    assert store.get("members", "m-late") is None  # the earlier generation, knowingly
    assert store.verify() == {"checkins": 5, "diary": 2, "members": 2}
    store.close()


def test_dropped_tables_stay_dropped_and_the_rest_stay_put(tmp_path: Path) -> None:
    key = os.urandom(32)
    EncryptedTableStorage.create(tmp_path, key)
    storage = EncryptedTableStorage(tmp_path, key, read_only=False)
    storage.load()
    db = HouseholdDB(storage=storage_factory(storage))
    db.table("chores").insert({"id": "t-1"})
    db.table("chore_ticks@2026-11").insert({"id": "k-1"})
    db.table("checkins@2026-11").insert({"id": "c-1"})
    db.drop_table("chores")
    db.drop_table("checkins@2026-11")  # its file also holds nothing else: it goes
    db.close()

    again = EncryptedTableStorage(tmp_path, key, read_only=True)
    again.load()
    assert again.read() == {"chore_ticks@2026-11": {"1": {"id": "k-1"}}}
    assert len(SealedFiles(tmp_path, key).disk_names()) == 1

    db = HouseholdDB(storage=storage_factory(EncryptedTableStorage(tmp_path, key, read_only=False)))
    db.storage.load()  # type: ignore[attr-defined]
    db.drop_tables()
    db.close()
    assert SealedFiles(tmp_path, key).disk_names() == []


def test_a_table_dropped_and_made_again_while_its_removal_waits_is_kept(tmp_path: Path) -> None:
    key = os.urandom(32)
    EncryptedTableStorage.create(tmp_path, key)
    storage = EncryptedTableStorage(tmp_path, key, read_only=False)
    storage.load()
    db = HouseholdDB(storage=storage_factory(storage))
    db.table("chores").insert({"id": "t-1"})

    def fail_removing(step: str) -> None:
        if step == "removing-file":
            raise OSError(5, "I/O error")

    storage.fault_hook = fail_removing
    db.drop_table("chores")  # committed in the journal; deleting the file failed
    storage.fault_hook = None
    db.table("chores").insert({"id": "t-2"})  # made again before the removal happened
    db.close()
    again = EncryptedTableStorage(tmp_path, key, read_only=True)
    again.load()
    assert again.read() == {"chores": {"1": {"id": "t-2"}}}
