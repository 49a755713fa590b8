"""``verify`` reads every file, ``.prev`` copies, ``keys.json.prev`` and the journal included,
and names each damaged one; it never calls a folder sound while a file goes unreported."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.i18n import t
from app.storage import HouseholdStore, StoreDamaged, StoreInUse
from app.storage.files import JOURNAL_FILE

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "kettle on, shoes by the door"
FileOf = Callable[[Path, str], str]
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]
Abandon = Callable[[HouseholdStore], None]
COUNTS = {"checkins": 5, "diary": 2, "members": 3}


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    with open(path, "r+b") as handle:  # in place, as bit rot would
        handle.write(data)


def test_damaged_copies_do_not_stop_the_store_opening_but_verify_names_each(
    populated: Path, file_of: FileOf, snapshot: SnapshotFn
) -> None:
    members, diary = file_of(populated, "members"), file_of(populated, "diary@2026-11")
    for name in (f"{members}.prev", f"{diary}.prev", "keys.json.prev"):
        _flip(populated / name)
    before = snapshot(populated)
    store = HouseholdStore.open(populated, PASSPHRASE, read_only=True)
    assert store.counts() == COUNTS  # copies are not read to open
    expected = sorted([f"{members}.prev", f"{diary}.prev", "keys.json.prev"])
    with pytest.raises(StoreDamaged) as from_store:
        store.verify()
    store.close()
    with pytest.raises(StoreDamaged) as from_folder:
        HouseholdStore.check(populated, PASSPHRASE)
    assert from_store.value.files == from_folder.value.files == expected
    for name in expected:
        assert name in str(from_folder.value)
    assert snapshot(populated) == before


def test_verify_names_a_damaged_table_together_with_damaged_copies(
    populated: Path, file_of: FileOf
) -> None:
    members, diary = file_of(populated, "members"), file_of(populated, "diary@2026-11")
    _flip(populated / diary)
    _flip(populated / f"{members}.prev")
    (populated / file_of(populated, "checkins@2026-10")).unlink()
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.check(populated, PASSPHRASE)
    assert caught.value.files == sorted(
        [diary, f"{members}.prev", file_of(populated, "checkins@2026-10")]
    )
    by_file = {d.file: d for d in caught.value.damages}
    assert by_file[diary].previous_available  # its own .prev is sound
    assert "missing" in by_file[file_of(populated, "checkins@2026-10")].detail


def test_a_copy_of_a_file_the_store_does_not_hold_is_named(populated: Path) -> None:
    stray = populated / "0123456789abcdef0123456789abcdef.tbl.prev"
    stray.write_bytes(b"left by someone")
    HouseholdStore.open(populated, PASSPHRASE).close()  # not read to open
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.check(populated, PASSPHRASE)
    assert caught.value.files == [stray.name]


def test_verify_reads_a_pending_journal_and_names_it_when_damaged(
    populated: Path, abandon: Abandon
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)

    def fail_between_tables(step: str) -> None:
        if step == "between-tables":
            raise OSError(errno.EIO, "I/O error")

    store._tables.fault_hook = fail_between_tables
    store.put_many([
        ("members", {"id": "m-new"}, None),
        ("checkins", {"id": "c-new"}, "2026-12"),
    ])  # committed in the journal, not yet applied
    store._tables.fault_hook = None
    assert (populated / JOURNAL_FILE).exists()
    assert store.verify() == {"checkins": 6, "diary": 2, "members": 4}
    abandon(store)  # the journal stays pending, as after a crash
    assert HouseholdStore.check(populated, PASSPHRASE) == {"checkins": 6, "diary": 2, "members": 4}

    _flip(populated / JOURNAL_FILE)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.check(populated, PASSPHRASE)
    assert caught.value.files == [JOURNAL_FILE]


def test_a_damaged_key_file_is_named_and_its_mirror_still_unlocks_the_check(
    populated: Path, file_of: FileOf
) -> None:
    members = file_of(populated, "members")
    _flip(populated / members)
    _flip(populated / "keys.json")
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.check(populated, PASSPHRASE)
    assert caught.value.files == sorted(["keys.json", members])


def test_a_read_only_verify_waits_for_no_writer_and_says_so(
    populated: Path,
) -> None:
    writer = HouseholdStore.open(populated, PASSPHRASE)
    viewer = HouseholdStore.open(populated, PASSPHRASE, read_only=True)  # beside it: fine
    assert viewer.counts() == COUNTS
    with pytest.raises(StoreInUse):
        viewer.verify()  # a writer could be half way through a save
    with pytest.raises(StoreInUse):
        HouseholdStore.check(populated, PASSPHRASE)
    assert writer.verify() == COUNTS  # the writer itself holds the lock
    writer.close()
    assert viewer.verify() == COUNTS
    viewer.close()


def test_verify_of_a_sound_folder_leaves_it_byte_identical(
    populated: Path, snapshot: SnapshotFn
) -> None:
    before = snapshot(populated)
    assert HouseholdStore.check(populated, PASSPHRASE) == COUNTS
    assert sorted(os.listdir(populated)) == sorted(before.keys() - {"."})
    assert snapshot(populated) == before


def test_homeward_verify_lists_every_damaged_file_and_exits_3(
    populated: Path, file_of: FileOf, tmp_path: Path, snapshot: SnapshotFn
) -> None:
    members = file_of(populated, "members")
    _flip(populated / f"{members}.prev")
    _flip(populated / "keys.json.prev")
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    before = snapshot(populated)
    result = subprocess.run(
        [sys.executable, "-m", "app", "verify", "--data-dir", str(populated),
         "--passphrase-file", str(pass_file)],
        cwd=PROJECT_ROOT, input="", capture_output=True, text=True, timeout=60,
        start_new_session=True,
    )
    assert result.returncode == 3, result.stderr
    assert f"  - {members}.prev" in result.stderr
    assert "  - keys.json.prev" in result.stderr
    assert t("cli.verify.sound", folder=populated) not in result.stdout
    assert "every file was checked" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(populated) == before
