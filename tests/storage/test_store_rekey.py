"""Changing every key: an old key file with the old passphrase reads nothing saved after, and a
crash at any step leaves a store that opens with the old or the new credentials, all data kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.i18n import t
from app.storage import (
    HouseholdStore,
    KdfParams,
    StoreDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.storage.backup import Unlock, make_backup, restore_backup
from app.storage.crypto import PREVIOUS_SUFFIX, EnvelopeError
from app.storage.files import CATALOGUE_FILE, SealedFiles
from app.storage.keys import FORMAT_VERSION, KEY_FILE, KeyFile, read_key_file
from app.storage.rekey import STAGING

PROJECT_ROOT = Path(__file__).resolve().parents[2]
OLD = "kettle on, shoes by the door"
NEW = "harbour violet compass meadow"
Abandon = Callable[[HouseholdStore], None]
Records = dict[tuple[str, str], dict[str, Any]]
ALERT = {"id": "a-after", "source": "help_button", "note": "written after the change"}


class SimulatedCrash(BaseException):
    """Stands for the process dying: not an Exception, so no cleanup code catches it."""


def _household(folder: Path) -> str:
    store, recovery_key = HouseholdStore.create(folder, OLD, kdf=KdfParams.fast_for_tests())
    store.put_many([
        ("members", {"id": "m-1", "name": "Alex"}, None),
        ("checkins", {"id": "c-1", "feeling": "calm"}, "2026-10"),
        ("checkins", {"id": "c-2", "feeling": "sad"}, "2026-11"),
        ("safety_alerts", {"id": "a-1", "source": "checkin"}, "2026-11"),
    ])
    store.put("diary", {"id": "d-1", "text": "Park"}, shard="2026-11")
    store.put("members", {"id": "m-2", "name": "Jo"})  # so files have a .prev
    store.close()
    return recovery_key


def _records(store: HouseholdStore) -> Records:
    return {(c, d["id"]): d for c in store.collections() for d in store.find(c)}


def _table_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if ".tbl" in p.name}


def test_after_a_rekey_an_old_key_file_and_the_old_passphrase_read_nothing_new(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "household"
    old_recovery = _household(folder)
    old_key_file = (folder / KEY_FILE).read_bytes()
    old_files = _table_files(folder)

    store = HouseholdStore.open(folder, OLD)
    before = _records(store)
    new_recovery = store.rekey(NEW)
    store.put("safety_alerts", ALERT, shard="2026-11")  # the store carries on, under new keys
    store.close()

    assert new_recovery != old_recovery
    assert not _table_files(folder) & old_files  # every file resealed under new names
    assert not (folder / STAGING).exists()
    with pytest.raises(WrongPassphrase):
        HouseholdStore.open(folder, OLD)
    with pytest.raises(WrongRecoveryKey):
        HouseholdStore.open_with_recovery_key(folder, old_recovery)
    with HouseholdStore.open_with_recovery_key(folder, new_recovery, read_only=True) as viewer:
        assert _records(viewer) == {**before, ("safety_alerts", "a-after"): ALERT}
    with HouseholdStore.open(folder, NEW) as store:
        assert store.verify() == {"checkins": 2, "diary": 1, "members": 2, "safety_alerts": 2}

    # Someone kept the old keys.json and knows the old passphrase: it unwraps the old data
    # key, which opens nothing in the folder any more.
    old_key = KeyFile.from_bytes(old_key_file).unwrap_with_passphrase(OLD)
    old_eyes = SealedFiles(folder, old_key)
    for entry in sorted(p.name for p in folder.iterdir() if ".tbl" in p.name):
        with pytest.raises(EnvelopeError):
            old_eyes.open_bytes((folder / entry).read_bytes(), entry.removesuffix(PREVIOUS_SUFFIX))
    with pytest.raises(EnvelopeError):
        old_eyes.read_catalogue()
    (folder / KEY_FILE).write_bytes(old_key_file)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(folder, OLD, read_only=True)
    assert CATALOGUE_FILE in caught.value.files


def test_changing_only_the_passphrase_keeps_the_data_key_as_documented(tmp_path: Path) -> None:
    # Why the re-key exists: a plain change re-wraps the same data key.
    folder = tmp_path / "household"
    _household(folder)
    old_key_file = (folder / KEY_FILE).read_bytes()
    with HouseholdStore.open(folder, OLD) as store:
        store.change_passphrase(NEW)
        store.put("safety_alerts", ALERT, shard="2026-11")
    (folder / KEY_FILE).write_bytes(old_key_file)
    with HouseholdStore.open(folder, OLD, read_only=True) as store:
        assert store.get("safety_alerts", "a-after") == ALERT


def test_a_new_recovery_key_replaces_the_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "household"
    old_recovery = _household(folder)
    with HouseholdStore.open_with_recovery_key(folder, old_recovery) as store:
        new_recovery = store.replace_recovery_key()
    with pytest.raises(WrongRecoveryKey):
        HouseholdStore.open_with_recovery_key(folder, old_recovery)
    HouseholdStore.open_with_recovery_key(folder, new_recovery).close()
    HouseholdStore.open(folder, OLD).close()  # the passphrase is untouched
    assert (folder / "keys.json.prev").read_bytes() == (folder / KEY_FILE).read_bytes()


def _rekey_crashing_at(folder: Path, occurrence: int, abandon: Abandon) -> bool:
    """Re-key, crashing at the given step; True if it crashed (False: it ran to the end)."""
    store = HouseholdStore.open(folder, OLD)
    seen = {"steps": 0}

    def hook(step: str) -> None:
        seen["steps"] += 1
        if seen["steps"] == occurrence:
            raise SimulatedCrash(step)

    store._tables.fault_hook = hook
    try:
        store.rekey(NEW)
    except SimulatedCrash:
        abandon(store)
        return True
    store.close()
    return False


def test_a_crash_at_any_step_of_a_rekey_keeps_everything_under_old_or_new_keys(
    tmp_path: Path, abandon: Abandon
) -> None:
    template = tmp_path / "template"
    _household(template)
    with HouseholdStore.open(template, OLD, read_only=True) as store:
        expected = _records(store)
    outcomes: list[str] = []
    step = 0
    while True:
        step += 1
        folder = tmp_path / f"crash-{step}"
        shutil.copytree(template, folder)
        if not _rekey_crashing_at(folder, step, abandon):
            break
        try:
            store = HouseholdStore.open(folder, OLD)
            outcomes.append("old")
            with pytest.raises(WrongPassphrase):
                HouseholdStore.open(folder, NEW, read_only=True)
        except WrongPassphrase:
            store = HouseholdStore.open(folder, NEW)  # finishes the re-key
            outcomes.append("new")
        assert _records(store) == expected, f"crash at step {step}"
        assert store.verify() == store.counts()
        store.put("checkins", {"id": "c-after"}, shard="2026-11")  # and it can be written
        store.close()
        assert not (folder / STAGING).exists()
        assert HouseholdStore.check(folder, NEW if outcomes[-1] == "new" else OLD)
        shutil.rmtree(folder)
    # Every durable write of the staged files, the commit and each step of finishing was a
    # crash point; the commit (the key file's rename) divides old from new.
    assert step > 20
    assert outcomes == sorted(outcomes, key=lambda o: o == "new")
    assert {"old", "new"} <= set(outcomes)


def test_homeward_passwd_new_keys_shows_a_new_recovery_key_once(tmp_path: Path) -> None:
    folder = tmp_path / "household"
    old_recovery = _household(folder)
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD + "\n", encoding="utf-8")
    new.write_text(NEW + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", "passwd", "--new-keys", "--data-dir", str(folder),
         "--passphrase-file", str(old), "--new-passphrase-file", str(new)],
        cwd=PROJECT_ROOT, input="", capture_output=True, text=True, timeout=60,
        start_new_session=True,
    )
    assert result.returncode == 0, result.stderr
    assert t("cli.passwd.rekeyed") in result.stdout
    shown = [w for w in result.stdout.split() if w.count("-") == 7 and len(w) == 39]
    assert len(shown) == 1
    HouseholdStore.open_with_recovery_key(folder, shown[0], read_only=True).close()
    with pytest.raises(WrongRecoveryKey):
        HouseholdStore.open_with_recovery_key(folder, old_recovery)
    assert read_key_file(folder).version == FORMAT_VERSION


def test_a_backup_taken_after_a_rekey_crashed_at_any_step_restores_a_working_household(
    tmp_path: Path, abandon: Abandon
) -> None:
    # The backup runs before the app is opened again, so it meets the half-done change itself.
    template = tmp_path / "template"
    _household(template)
    with HouseholdStore.open(template, OLD, read_only=True) as store:
        expected = _records(store)
    step = 0
    while True:
        step += 1
        folder = tmp_path / f"crash-{step}"
        shutil.copytree(template, folder)
        if not _rekey_crashing_at(folder, step, abandon):
            break
        try:
            passphrase, backup = NEW, make_backup(folder, Unlock(passphrase=NEW))
        except WrongPassphrase:
            passphrase, backup = OLD, make_backup(folder, Unlock(passphrase=OLD))
        restored = tmp_path / f"restored-{step}"
        restore_backup(backup, restored, Unlock(passphrase=passphrase))
        assert not (restored / STAGING).exists()
        with HouseholdStore.open(restored, passphrase) as store:
            assert _records(store) == expected, f"crash at step {step}"
            assert store.verify() == store.counts()
        with HouseholdStore.open(folder, passphrase, read_only=True) as store:
            assert _records(store) == expected  # the folder itself is whole too
        shutil.rmtree(folder)
        shutil.rmtree(restored)
    assert step > 20
