"""Damaged, altered, swapped and too-new files: detected, named, never overwritten."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app.storage import FormatTooNew, HouseholdStore, StoreDamaged, WrongPassphrase
from app.storage import store as store_module
from app.storage.files import CATALOGUE_FILE
from app.storage.keys import FORMAT_VERSION, KEY_FILE, KeyFile
from app.storage.lock import LOCK_FILE

# The key file and the tables of the populated store; each table's file is named by a keyed
# hash, so the tests look the names up with the key (``file_of``).
FILES = ["keys.json", "members", "checkins@2026-10", "checkins@2026-11", "diary@2026-11"]
PASSPHRASE = "kettle on, shoes by the door"
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]
FileOf = Callable[[Path, str], str]


def _flip(path: Path, where: str) -> None:
    data = bytearray(path.read_bytes())
    index = {"first": 0, "middle": len(data) // 2, "last": len(data) - 1}[where]
    data[index] ^= 0x01
    # Write in place, as bit rot would; the .prev of a table is a different inode.
    with open(path, "r+b") as handle:
        handle.write(data)


def test_populated_store_has_exactly_the_files_the_damage_tests_cover(
    populated: Path, file_of: FileOf
) -> None:
    primary = sorted(p.name for p in populated.iterdir() if not p.name.endswith(".prev"))
    # Besides those: the catalogue (checked in test_store_catalogue) and the empty lock file.
    expected = [file_of(populated, table) for table in FILES] + [CATALOGUE_FILE, LOCK_FILE]
    assert primary == sorted(expected)


@pytest.mark.parametrize("where", ["first", "middle", "last"])
@pytest.mark.parametrize("table", FILES)
def test_flipped_byte_is_reported_as_damage_naming_the_file(
    populated: Path, snapshot: SnapshotFn, file_of: FileOf, table: str, where: str
) -> None:
    name = file_of(populated, table)
    _flip(populated / name, where)
    before = snapshot(populated)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.file == name
    assert caught.value.previous_available is True
    assert name in str(caught.value)
    assert snapshot(populated) == before  # the damaged file is never overwritten


@pytest.mark.parametrize("keep", ["half", "header"])
@pytest.mark.parametrize("table", FILES)
def test_truncated_file_is_reported_as_damage_naming_the_file(
    populated: Path, snapshot: SnapshotFn, file_of: FileOf, table: str, keep: str
) -> None:
    name = file_of(populated, table)
    path = populated / name
    size = path.stat().st_size
    os.truncate(path, size // 2 if keep == "half" else 10)
    before = snapshot(populated)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.file == name
    assert snapshot(populated) == before


def test_damage_without_a_previous_copy_says_so(populated: Path, file_of: FileOf) -> None:
    diary = file_of(populated, "diary@2026-11")
    (populated / f"{diary}.prev").unlink()
    _flip(populated / diary, "middle")
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.previous_available is False


def test_damaged_previous_copy_is_not_offered(populated: Path, file_of: FileOf) -> None:
    diary = file_of(populated, "diary@2026-11")
    _flip(populated / f"{diary}.prev", "middle")
    _flip(populated / diary, "middle")
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.previous_available is False


def test_swapped_table_files_do_not_open(populated: Path, file_of: FileOf) -> None:
    october = populated / file_of(populated, "checkins@2026-10")
    november = populated / file_of(populated, "checkins@2026-11")
    october_bytes = october.read_bytes()
    october.write_bytes(november.read_bytes())
    november.write_bytes(october_bytes)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.file in {october.name, november.name}


def test_renamed_table_file_does_not_open(populated: Path, file_of: FileOf) -> None:
    december = file_of(populated, "diary@2026-12")  # another table's hashed name
    november = file_of(populated, "diary@2026-11")
    os.replace(populated / november, populated / december)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.files == sorted([november, december])  # one missing, one not listed


def test_restore_previous_brings_back_the_earlier_generation(
    populated: Path, snapshot: SnapshotFn, file_of: FileOf
) -> None:
    damaged = populated / file_of(populated, "checkins@2026-11")
    _flip(damaged, "middle")
    damaged_bytes = damaged.read_bytes()

    aside = HouseholdStore.restore_previous(populated, damaged.name, PASSPHRASE)

    assert aside.parent == populated and aside.name != damaged.name
    assert aside.read_bytes() == damaged_bytes  # kept aside, byte for byte
    store = HouseholdStore.open(populated, PASSPHRASE)
    # The earlier generation is the one before "c-late-11" was added.
    assert [d["id"] for d in store.find("checkins")] == ["c-1", "c-2", "c-late-10", "c-3"]
    assert store.verify()["checkins"] == 4
    store.put("checkins", {"id": "c-again"}, shard="2026-11")  # and it can be written again
    store.close()
    assert aside.read_bytes() == damaged_bytes


def test_restore_previous_twice_keeps_both_damaged_copies(
    populated: Path, file_of: FileOf
) -> None:
    name = file_of(populated, "members")
    _flip(populated / name, "middle")
    first = HouseholdStore.restore_previous(populated, name, PASSPHRASE)
    _flip(populated / name, "last")
    second = HouseholdStore.restore_previous(populated, name, PASSPHRASE)
    assert first != second and first.exists() and second.exists()
    HouseholdStore.open(populated, PASSPHRASE).close()


def test_restore_previous_of_the_key_file(populated: Path) -> None:
    _flip(populated / KEY_FILE, "middle")
    HouseholdStore.restore_previous(populated, KEY_FILE)
    store = HouseholdStore.open(populated, PASSPHRASE)
    assert store.counts() == {"checkins": 5, "diary": 2, "members": 3}
    store.close()


def test_verify_names_a_file_damaged_while_open(populated: Path, file_of: FileOf) -> None:
    diary = file_of(populated, "diary@2026-11")
    store = HouseholdStore.open(populated, PASSPHRASE, read_only=True)
    assert store.verify() == {"checkins": 5, "diary": 2, "members": 3}
    _flip(populated / diary, "middle")
    with pytest.raises(StoreDamaged) as caught:
        store.verify()
    assert caught.value.file == diary
    store.close()


def test_verify_notices_an_older_generation_put_back_behind_its_back(
    populated: Path, file_of: FileOf
) -> None:
    members = file_of(populated, "members")
    store = HouseholdStore.open(populated, PASSPHRASE, read_only=True)
    os.replace(populated / f"{members}.prev", populated / members)  # authentic but old
    with pytest.raises(StoreDamaged) as caught:
        store.verify()
    assert caught.value.file == members
    store.close()


def _rewrite_key_file_version(folder: Path, version: int) -> None:
    key_file = KeyFile.from_bytes((folder / KEY_FILE).read_bytes())
    (folder / KEY_FILE).write_bytes(dataclasses.replace(key_file, version=version).to_bytes())


def test_newer_format_raises_format_too_new_and_touches_nothing(
    populated: Path, snapshot: SnapshotFn
) -> None:
    _rewrite_key_file_version(populated, FORMAT_VERSION + 1)
    before = snapshot(populated)
    with pytest.raises(FormatTooNew) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert (caught.value.found, caught.value.supported) == (FORMAT_VERSION + 1, FORMAT_VERSION)
    with pytest.raises(FormatTooNew):
        HouseholdStore.open(populated, PASSPHRASE, read_only=True)
    assert snapshot(populated) == before


def test_migration_hook_runs_for_an_older_format(
    populated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The step from the format before this one runs (a stand-in here: the folder's files are
    # already of this format, which the real earlier steps would rightly call damage).
    _rewrite_key_file_version(populated, FORMAT_VERSION - 1)
    calls: list[tuple[Path, int]] = []
    monkeypatch.setitem(
        store_module.MIGRATIONS, FORMAT_VERSION - 1,
        lambda folder, key: calls.append((folder, len(key))),
    )
    store = HouseholdStore.open(populated, PASSPHRASE)
    assert calls == [(populated, 32)]
    assert KeyFile.from_bytes((populated / KEY_FILE).read_bytes()).version == FORMAT_VERSION
    assert store.counts()["members"] == 3
    store.close()


def test_wrong_passphrase_beats_damage_reporting_of_tables(
    populated: Path, file_of: FileOf
) -> None:
    _flip(populated / file_of(populated, "members"), "middle")
    with pytest.raises(WrongPassphrase):
        HouseholdStore.open(populated, "wrong")
