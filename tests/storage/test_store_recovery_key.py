"""Making the recovery key again: the new key opens, the old one is refused, the data key and
every table stay as they were, the key file's history says when, and a crash at any step leaves
one whole key file that opens with the old key or the new one, never neither."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.storage import (
    HouseholdStore,
    ReadOnlyStore,
    StoreDamaged,
    WrongRecoveryKey,
    recovery_key_history,
)
from app.storage.keys import FORMAT_VERSION, KEY_FILE, KeyFile, read_key_file

PASSPHRASE = "kettle on, shoes by the door"
PREV = KEY_FILE + ".prev"
Records = dict[tuple[str, str], dict[str, Any]]


def _records(store: HouseholdStore) -> Records:
    return {(c, d["id"]): d for c in store.collections() for d in store.find(c)}


def _other_files(folder: Path) -> dict[str, bytes]:
    """Every file but the key file, its mirror and their temp files: catalogue and tables."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()
            and not p.name.lstrip(".").startswith(KEY_FILE) and p.name != "homeward.lock"}


def _opens(data: bytes, recovery_key: str) -> bytes | None:
    """The data key if ``recovery_key`` unwraps this key file, else None."""
    try:
        return KeyFile.from_bytes(data).unwrap_with_recovery_key(recovery_key)
    except WrongRecoveryKey:
        return None


def _first_key(folder: Path) -> str:
    """The recovery key of ``populated``'s household, made again so the test knows it."""
    with HouseholdStore.open(folder, PASSPHRASE) as store:
        return store.replace_recovery_key()


def test_a_new_recovery_key_opens_the_store_and_the_old_one_is_refused(
    populated: Path,
) -> None:
    old_key = _first_key(populated)
    data_key = read_key_file(populated).unwrap_with_passphrase(PASSPHRASE)
    with HouseholdStore.open(populated, PASSPHRASE, read_only=True) as store:
        expected = _records(store)
    files_before = _other_files(populated)

    with HouseholdStore.open(populated, PASSPHRASE) as store:
        new_key = store.replace_recovery_key()

    assert new_key != old_key
    with pytest.raises(WrongRecoveryKey):
        HouseholdStore.open_with_recovery_key(populated, old_key)
    for name in (KEY_FILE, PREV):  # the mirror holds no copy of the old wrap
        assert _opens((populated / name).read_bytes(), old_key) is None
        assert _opens((populated / name).read_bytes(), new_key) == data_key
    with HouseholdStore.open_with_recovery_key(populated, new_key, read_only=True) as store:
        assert _records(store) == expected
    # The same data key, every table and the catalogue byte for byte, the passphrase as it was.
    assert read_key_file(populated).unwrap_with_passphrase(PASSPHRASE) == data_key
    assert _other_files(populated) == files_before
    assert HouseholdStore.check(populated, PASSPHRASE)


def test_the_key_files_history_says_when_the_key_was_made_and_kept(
    populated: Path,
) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    with HouseholdStore.open(populated, PASSPHRASE) as store:
        old_key = store.replace_recovery_key()
        made = recovery_key_history(populated)
        new_key = store.replace_recovery_key()
        with pytest.raises(WrongRecoveryKey):  # a key made since replaced it: nothing written
            store.recovery_key_kept(old_key)
        assert recovery_key_history(populated).pending
        store.recovery_key_kept(new_key)
    history = recovery_key_history(populated)
    assert made.made is not None and made.kept is None and made.pending
    assert history.made is not None and history.kept is not None and not history.pending
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert before <= made.made <= history.made <= history.kept <= after
    # The history is two times and nothing else: no secret, nothing about the family.
    text = (populated / KEY_FILE).read_text("ascii")
    assert f'"version": {FORMAT_VERSION}' in text
    assert set(KeyFile.from_bytes(text.encode())._body()["history"]) == {
        "recovery_key_made", "recovery_key_kept"}
    assert (populated / PREV).read_bytes() == (populated / KEY_FILE).read_bytes()


def test_a_key_file_from_before_the_history_opens_and_says_it_is_not_recorded(
    populated: Path,
) -> None:
    key_file = read_key_file(populated)
    assert key_file.recovery_made is not None  # a new household records it from the start
    older = dataclasses.replace(key_file, version=4, recovery_made=None, recovery_kept=None)
    assert "history" not in older.to_bytes().decode()
    for name in (KEY_FILE, PREV):
        (populated / name).write_bytes(older.to_bytes())

    with pytest.raises(ReadOnlyStore):  # an upgrade needs a writable open first
        HouseholdStore.check(populated, PASSPHRASE)
    HouseholdStore.open(populated, PASSPHRASE).close()
    assert read_key_file(populated).version == FORMAT_VERSION
    history = recovery_key_history(populated)
    assert history.made is None and history.kept is None and not history.pending


@pytest.mark.parametrize("stamp", ["2026-13-45T99:00:00Z", "yesterday", "2026-11-30 12:00"])
def test_a_history_that_is_not_a_time_is_damage_not_a_wrong_key(
    populated: Path, stamp: str
) -> None:
    # Even with its checksum made good again, so the history's own check is what refuses it.
    forged = dataclasses.replace(read_key_file(populated), recovery_made=stamp)
    (populated / KEY_FILE).write_bytes(forged.to_bytes())
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE, read_only=True)
    assert caught.value.file == KEY_FILE and caught.value.previous_available
    assert "checksum" not in str(caught.value)  # refused for the history itself


def test_a_crash_at_any_step_of_the_rewrap_leaves_one_working_key_file(
    populated: Path, tmp_path: Path
) -> None:
    old_key = _first_key(populated)
    data_key = read_key_file(populated).unwrap_with_passphrase(PASSPHRASE)
    with HouseholdStore.open(populated, PASSPHRASE, read_only=True) as store:
        expected = _records(store)
    files_before = _other_files(populated)

    # What a crash at each step leaves on disk is the folder as it is at that moment (the
    # lock goes with the process): copy it then, and let the rewrap run on, so the new key
    # it returns is known and each copy can be tried with both keys.
    crashes: list[tuple[str, Path]] = []

    def crash_here(step: str) -> None:
        copy = tmp_path / f"crash-{len(crashes) + 1}"
        shutil.copytree(populated, copy)
        crashes.append((step, copy))

    store = HouseholdStore.open(populated, PASSPHRASE)
    store._tables.fault_hook = crash_here
    new_key = store.replace_recovery_key()
    store.close()

    # keys.json then its mirror: temp written, before the rename, renamed, for each.
    assert [step for step, _ in crashes] == ["temp-written", "before-replace", "replaced"] * 2
    outcomes: list[str] = []
    for step, folder in crashes:
        where = f"crash at {step} ({folder.name})"
        key_file = (folder / KEY_FILE).read_bytes()
        KeyFile.from_bytes(key_file)  # whole: never torn, never missing
        opened = {"old": _opens(key_file, old_key), "new": _opens(key_file, new_key)}
        working = [name for name, key in opened.items() if key is not None]
        assert len(working) == 1, where  # exactly one of the two keys, never neither
        outcomes.append(working[0])
        assert opened[working[0]] == data_key, where
        assert read_key_file(folder).unwrap_with_passphrase(PASSPHRASE) == data_key, where
        assert _other_files(folder) == files_before, where

        # The next writable open tidies up: no temp file, and the mirror is the key file, so
        # the retired key opens no copy at all.
        key = old_key if working[0] == "old" else new_key
        with HouseholdStore.open_with_recovery_key(folder, key) as reopened:
            assert _records(reopened) == expected, where
            assert reopened.verify() == reopened.counts(), where
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")], where
        assert (folder / PREV).read_bytes() == (folder / KEY_FILE).read_bytes(), where
        retired = new_key if working[0] == "old" else old_key
        for name in (KEY_FILE, PREV):
            assert _opens((folder / name).read_bytes(), retired) is None, where
        assert HouseholdStore.check(folder, PASSPHRASE), where

    # The rename of keys.json is the one moment the old key gives way to the new.
    assert outcomes == ["old", "old", "new", "new", "new", "new"]
