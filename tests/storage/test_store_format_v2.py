"""Format 2 and on: file names and file writes tell nothing; format-1 households upgrade intact."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.i18n import t
from app.storage import HouseholdStore, KdfParams, ReadOnlyStore, StoreDamaged
from app.storage.crypto import seal_file
from app.storage.files import CATALOGUE_FILE, PAD_BLOCK, TABLE_MAGIC, encode_json, pad
from app.storage.keys import FORMAT_VERSION, KEY_FILE, read_key_file
from app.storage.layout import GROUPS, FileNames
from app.storage.lock import LOCK_FILE
from app.storage.migration import migrate_1_to_2
from app.sync.catalogue import LEFT_OUT_AT_HOME

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "format-v1"
PASSPHRASE = "kettle on, shoes by the door"
FileOf = Callable[[Path, str], str]
Key = tuple[str, str | None, str]

#: What a household folder may hold: nothing in a name says what a file is about.
ALLOWED = re.compile(
    r"^(keys\.json(\.prev)?|journal\.hwj(\.discarded-\d+)?|catalogue\.hwc|homeward\.lock"
    r"|[0-9a-f]{32}\.tbl(\.prev)?(\.damaged-\d+)?)$"
)
SEALED_OVERHEAD = 14 + 12 + 16  # header, nonce, tag


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


def _data_key(folder: Path, passphrase: str) -> bytes:
    return read_key_file(folder).unwrap_with_passphrase(passphrase)


def _assert_names_tell_nothing(folder: Path, words: set[str]) -> None:
    for entry in os.listdir(folder):
        assert ALLOWED.match(entry), entry
        assert not [word for word in words if word in entry], entry


def _words(records: dict[Key, Any]) -> set[str]:
    return {c for c, _, _ in records} | {s for _, s, _ in records if s}


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    # The (empty) lock file is left out: a writable open takes the folder's lock before it
    # reads the tables, so it may create it even when the open then fails.
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.iterdir() if p.name != LOCK_FILE
    }


def _verify_cli(folder: Path, pass_file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "verify", "--data-dir", str(folder),
         "--passphrase-file", str(pass_file)],
        cwd=PROJECT_ROOT, input="", capture_output=True, text=True, timeout=60,
        start_new_session=True,
    )


# --- upgrading from format 1 -------------------------------------------------------------


@pytest.mark.parametrize("name", ["household", "household-journal"])
def test_opening_a_format_1_household_upgrades_it_keeping_every_record(
    tmp_path: Path, name: str
) -> None:
    passphrase, expected = _expected(name)
    folder = _copy(name, tmp_path)

    store = HouseholdStore.open(folder, passphrase)
    assert _records(store) == expected
    assert store.verify() == store.counts()
    store.close()

    assert read_key_file(folder).version == FORMAT_VERSION == 5
    _assert_names_tell_nothing(folder, _words(expected))
    reopened = HouseholdStore.open(folder, passphrase, read_only=True)
    assert _records(reopened) == expected
    reopened.close()


def test_the_upgrade_sets_leftovers_aside_under_hashed_names(tmp_path: Path) -> None:
    passphrase, _ = _expected("household-journal")
    folder = _copy("household-journal", tmp_path)
    damaged = (folder / "safety_alerts@2026-11.tbl.damaged-1").read_bytes()
    HouseholdStore.open(folder, passphrase).close()
    names = FileNames(_data_key(folder, passphrase))
    # The damaged copy is kept byte for byte, under its group's name; the temp file and the
    # applied journal are gone.
    assert (folder / f"{names.of_table('safety_alerts@2026-11')}.damaged-1").read_bytes() == damaged
    assert not (folder / "journal.hwj").exists()
    assert not [e for e in os.listdir(folder) if e.endswith(".tmp")]


def test_homeward_verify_asks_for_the_upgrade_then_passes_after_it(tmp_path: Path) -> None:
    passphrase, expected = _expected("household")
    folder = _copy("household", tmp_path)
    pass_file = tmp_path / "passphrase.txt"
    pass_file.write_text(passphrase + "\n", encoding="utf-8")
    before = _files(folder)

    refused = _verify_cli(folder, pass_file)
    assert refused.returncode == 1, refused.stderr
    assert t("cli.error.needs_upgrade") in refused.stderr
    assert _files(folder) == before  # verify never writes, so it never upgrades
    with pytest.raises(ReadOnlyStore):
        HouseholdStore.open(folder, passphrase, read_only=True)

    HouseholdStore.open(folder, passphrase).close()
    result = _verify_cli(folder, pass_file)
    assert result.returncode == 0, result.stderr
    counts: dict[str, int] = {}
    for collection, _, _ in expected:
        counts[collection] = counts.get(collection, 0) + 1
    for collection, count in counts.items():
        shown = any(line.split() == [collection, str(count)] for line in result.stdout.splitlines())
        assert shown is (collection not in LEFT_OUT_AT_HOME), collection  # rule 7: see the CLI


def test_running_the_upgrade_again_on_an_upgraded_folder_changes_nothing(tmp_path: Path) -> None:
    passphrase, _ = _expected("household-journal")
    folder = _copy("household-journal", tmp_path)
    HouseholdStore.open(folder, passphrase).close()
    before = _files(folder), folder.stat().st_mtime_ns
    migrate_1_to_2(folder, _data_key(folder, passphrase))
    assert (_files(folder), folder.stat().st_mtime_ns) == before


def test_a_crash_anywhere_in_the_upgrade_is_finished_by_the_next_open(tmp_path: Path) -> None:
    passphrase, expected = _expected("household-journal")
    crash_points = 0
    while True:
        crash_points += 1
        folder = _copy("household-journal", tmp_path / str(crash_points))
        key = _data_key(folder, passphrase)
        if not _crashes_at(folder, key, crash_points):
            break
        _crashes_at(folder, key, crash_points)  # and a second run is cut off too
        store = HouseholdStore.open(folder, passphrase)
        assert _records(store) == expected, f"crash at step {crash_points}"
        assert store.verify() == store.counts()
        store.close()
        _assert_names_tell_nothing(folder, _words(expected))
        shutil.rmtree(folder.parent)
    assert crash_points > 40  # every write step and every removal was a crash point


def _crashes_at(folder: Path, key: bytes, occurrence: int) -> bool:
    seen = {"steps": 0}

    def hook(step: str) -> None:
        seen["steps"] += 1
        if seen["steps"] == occurrence:
            raise SimulatedCrash(step)

    try:
        migrate_1_to_2(folder, key, hook=hook)
    except SimulatedCrash:
        return True
    return False


def test_a_damaged_format_1_table_stops_the_upgrade_changing_nothing(tmp_path: Path) -> None:
    passphrase, expected = _expected("household")
    folder = _copy("household", tmp_path)
    table = folder / "checkins@2026-11.tbl"
    body = bytearray(table.read_bytes())
    body[-3] ^= 0x01
    table.write_bytes(bytes(body))
    before = _files(folder)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(folder, passphrase)
    assert (caught.value.file, caught.value.previous_available) == (table.name, True)
    assert _files(folder) == before

    HouseholdStore.restore_previous(folder, table.name)  # the earlier copy lacks c-4
    store = HouseholdStore.open(folder, passphrase)
    assert _records(store) == {k: v for k, v in expected.items() if k[2] != "c-4"}
    store.close()


# --- what the folder shows ---------------------------------------------------------------


def _fresh(folder: Path) -> HouseholdStore:
    store, _ = HouseholdStore.create(folder, PASSPHRASE, kdf=KdfParams.fast_for_tests())
    store.put_many([
        ("members", {"id": "m-jo", "name": "Jo", "role": "child"}, None),
        ("checkins", {"id": "c-0", "feeling": "calm", "size": 2}, "2026-11"),
    ])
    return store


def _changed(folder: Path, before: dict[str, tuple[bytes, int]]) -> list[tuple[str, int]]:
    """Each file that changed or appeared: its kind (by suffix) and size, sorted."""
    after = _files(folder)
    return sorted(
        (name.removeprefix(name.split(".", 1)[0]), len(after[name][0]))
        for name in after if before.get(name, (None,))[0] != after[name][0]
    )


@pytest.mark.parametrize(
    "extra",
    [
        ("safety_alerts", {"id": "a-1", "created_by": "m-jo", "source": "checkin"}),
        ("worker_messages", {"id": "w-1", "created_by": "m-jo", "sealed": "c2VhbGVk" * 20}),
    ],
    ids=["alert", "message"],
)
def test_an_alert_saved_with_a_checkin_writes_what_a_checkin_alone_writes(
    tmp_path: Path, file_of: FileOf, extra: tuple[str, dict[str, Any]]
) -> None:
    checkin = ("checkins", {"id": "c-1", "feeling": "sad", "size": 4}, "2026-11")
    alone, together = _fresh(tmp_path / "alone"), _fresh(tmp_path / "together")
    alone_before, together_before = _files(tmp_path / "alone"), _files(tmp_path / "together")

    alone.put_many([checkin])
    together.put_many([checkin, (extra[0], extra[1], "2026-11")])

    changed_alone = _changed(tmp_path / "alone", alone_before)
    changed_together = _changed(tmp_path / "together", together_before)
    one_bucket = PAD_BLOCK + SEALED_OVERHEAD
    assert changed_alone == changed_together == [
        (".hwc", one_bucket), (".tbl", one_bucket), (".tbl.prev", one_bucket)
    ]
    for folder in (tmp_path / "alone", tmp_path / "together"):
        voice = file_of(folder, "checkins@2026-11")
        assert voice == file_of(folder, f"{extra[0]}@2026-11")  # one file for both
        assert sorted(os.listdir(folder)) == sorted([
            KEY_FILE, f"{KEY_FILE}.prev", CATALOGUE_FILE, LOCK_FILE, voice, f"{voice}.prev",
            file_of(folder, "members"),
        ])
    alone.close()
    together.close()


def test_no_file_name_tells_a_collection_or_a_shard(tmp_path: Path) -> None:
    folder = tmp_path / "household"
    store = _fresh(folder)
    seen: set[str] = set()
    store._tables.fault_hook = lambda step: seen.update(os.listdir(folder))  # temp files too
    items: list[tuple[str, dict[str, Any], str | None]] = []
    for n, collection in enumerate([*sorted(GROUPS), "members", "chores", "diary_entries",
                                    "sync_outbox", "household"]):
        shard = None if collection in {"members", "chores", "household"} else f"2026-{n % 3 + 10}"
        items.append((collection, {"id": f"{collection}-1"}, shard))
        store.put(collection, {"id": f"{collection}-2"}, shard=shard)
    store.put_many(items)  # through the journal
    store.close()
    seen.update(os.listdir(folder))
    # (A bare "2026" is left out: hex names may hold those four digits by chance.)
    words = {c for c, _, _ in items} | {"2026-10", "2026-11", "2026-12"}
    for entry in seen:
        assert not [word for word in words if word in entry], entry
    _assert_names_tell_nothing(folder, words)


def test_file_sizes_come_in_buckets_and_headers_do_not_count_writes(
    new_store: tuple[HouseholdStore, str], folder: Path
) -> None:
    store, _ = new_store
    store.put("checkins", {"id": "c-0", "words": "x" * 5000}, shard="2026-11")
    name = store._tables.file_name_of("checkins@2026-11")
    size = (folder / name).stat().st_size
    assert size == 2 * PAD_BLOCK + SEALED_OVERHEAD
    for n in range(5):
        store.put("safety_alerts", {"id": f"a-{n}", "source": "checkin"}, shard="2026-11")
        assert (folder / name).stat().st_size == size
        assert (folder / name).read_bytes()[6:14] == bytes(8)  # no write count in the clear
    assert store.verify() == {"checkins": 1, "safety_alerts": 5}


def test_a_file_under_another_tables_hashed_name_is_damage(
    populated: Path, file_of: FileOf
) -> None:
    members, diary = file_of(populated, "members"), file_of(populated, "diary@2026-11")
    os.replace(populated / diary, populated / members)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.files == sorted([members, diary])  # one altered, one missing


def test_contents_that_belong_under_another_name_are_damage(
    populated: Path, file_of: FileOf
) -> None:
    # Even sealed with the right key and name, a file holding another group's tables is refused.
    key = _data_key(populated, PASSPHRASE)
    members = file_of(populated, "members")
    body = {"file": "chores", "generation": 9, "tables": {"chores": {"1": {"id": "t-1"}}}}
    forged = seal_file(key, TABLE_MAGIC, FORMAT_VERSION, 0, members, pad(encode_json(body)))
    (populated / members).write_bytes(forged)
    with pytest.raises(StoreDamaged) as caught:
        HouseholdStore.open(populated, PASSPHRASE)
    assert caught.value.file == members
    assert "does not match" in str(caught.value)
