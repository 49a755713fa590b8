"""Format 3: households written before the catalogue existed open, and get one on the way."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.storage import HouseholdStore, StoreDamaged
from app.storage.crypto import PREVIOUS_SUFFIX, read_header
from app.storage.files import CATALOGUE_FILE, JOURNAL_FILE, TABLE_MAGIC, SealedFiles
from app.storage.keys import FORMAT_VERSION, KEY_FILE, read_key_file
from app.storage.lock import LOCK_FILE
from app.storage.migration_v3 import migrate_2_to_3

FIXTURES = Path(__file__).parent / "fixtures" / "format-v2"
Key = tuple[str, str | None, str]


class SimulatedCrash(BaseException):
    """Stands for the process dying: not an Exception, so no cleanup code catches it."""


def _expected(name: str) -> tuple[str, dict[Key, Any]]:
    body = json.loads((FIXTURES / f"{name}.expected.json").read_text("utf-8"))
    records = {(r["collection"], r["shard"], r["document"]["id"]): r["document"]
               for r in body["records"]}
    return body["passphrase"], records


def _records(store: HouseholdStore) -> dict[Key, Any]:
    return {(c, store.shard_of(c, d["id"]), d["id"]): d
            for c in store.collections() for d in store.find(c)}


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != LOCK_FILE}


@pytest.mark.parametrize("name", ["household", "household-journal", "household-nfd"])
def test_a_format_2_household_opens_with_every_record_and_gains_a_catalogue(
    tmp_path: Path, name: str
) -> None:
    passphrase, expected = _expected(name)
    folder = _copy(name, tmp_path)
    assert read_key_file(folder).version == 2 and not (folder / CATALOGUE_FILE).exists()

    with HouseholdStore.open(folder, passphrase) as store:
        assert _records(store) == expected
        counts = store.verify()
        assert counts == store.counts()

    assert read_key_file(folder).version == FORMAT_VERSION == 5
    assert not (folder / JOURNAL_FILE).exists()
    data_key = read_key_file(folder).unwrap_with_passphrase(passphrase)
    catalogue = SealedFiles(folder, data_key).read_catalogue()
    assert catalogue is not None
    tables = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tbl"))
    assert sorted(SealedFiles(folder, data_key).names.of(k) for k in catalogue.files) == tables
    for entry in tables + [t + PREVIOUS_SUFFIX for t in tables]:
        assert read_header((folder / entry).read_bytes(), TABLE_MAGIC)[0] == 3, entry  # as is
    assert HouseholdStore.check(folder, passphrase) == counts
    with HouseholdStore.open(folder, passphrase, read_only=True) as reopened:
        assert _records(reopened) == expected


def test_a_crash_anywhere_in_the_upgrade_is_finished_by_the_next_open(tmp_path: Path) -> None:
    passphrase, expected = _expected("household-journal")
    step = 0
    while True:
        step += 1
        folder = _copy("household-journal", tmp_path / str(step))
        key = read_key_file(folder).unwrap_with_passphrase(passphrase)
        seen = {"steps": 0}

        def hook(name: str, *, at: int = step, seen: dict[str, int] = seen) -> None:
            seen["steps"] += 1
            if seen["steps"] == at:
                raise SimulatedCrash(name)

        try:
            migrate_2_to_3(folder, key, hook=hook)
        except SimulatedCrash:
            pass
        else:
            break
        with HouseholdStore.open(folder, passphrase) as store:
            assert _records(store) == expected, f"crash at step {step}"
            assert store.verify() == store.counts()
        shutil.rmtree(folder.parent)
    assert step > 20  # the catalogue, every file and its copy, and the journal's removal


def test_lowering_the_version_to_rebuild_the_catalogue_from_old_files_is_damage(
    tmp_path: Path,
) -> None:
    # An attacker with the folder alone: roll a file back to its .prev, delete the catalogue,
    # and lower keys.json's version (its checksum is not a secret) so the upgrade would
    # write a fresh catalogue for the rolled-back file.
    passphrase, _ = _expected("household")
    folder = _copy("household", tmp_path)
    with HouseholdStore.open(folder, passphrase) as store:
        store.put("safety_alerts", {"id": "a-new", "source": "help_button"}, shard="2026-11")
        voice = store._tables.file_name_of("safety_alerts@2026-11")
    shutil.copyfile(folder / f"{voice}{PREVIOUS_SUFFIX}", folder / voice)
    (folder / CATALOGUE_FILE).unlink()
    (folder / KEY_FILE).write_bytes(replace(read_key_file(folder), version=2).to_bytes())
    before = _files(folder)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(folder, passphrase)
    assert caught.value.files == [CATALOGUE_FILE]
    assert "missing" in str(caught.value)
    assert _files(folder) == before


def test_a_damaged_format_2_journal_stops_the_upgrade_changing_nothing(tmp_path: Path) -> None:
    passphrase, _ = _expected("household-journal")
    folder = _copy("household-journal", tmp_path)
    journal = bytearray((folder / JOURNAL_FILE).read_bytes())
    journal[-5] ^= 1
    (folder / JOURNAL_FILE).write_bytes(bytes(journal))
    before = _files(folder)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(folder, passphrase)
    assert caught.value.files == [JOURNAL_FILE]
    assert _files(folder) == before
    assert read_key_file(folder).version == 2
