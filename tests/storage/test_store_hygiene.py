"""Small promises: a closed store holds no key or records, bad table names are refused before
anything is written, and a new household's folder is readable by its owner only."""

from __future__ import annotations

import gc
import os
import stat
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from app.storage import HouseholdStore, InvalidTableName, KdfParams, StoreError
from app.storage.files import SealedFiles
from app.storage.tables import EncryptedTableStorage, HouseholdDB, storage_factory

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SECRET = "Jo said the word only a worker should see 4f1c"
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]


def _reachable(root: object) -> list[object]:
    """Every object reachable from ``root``, not counting modules, classes and code."""
    skip = (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType,
            types.CodeType)
    seen: dict[int, object] = {}
    todo = [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, skip):
            continue
        seen[id(item)] = item
        todo.extend(gc.get_referents(item))
    return list(seen.values())


def _holds(objects: list[object], key: bytes, text: str) -> list[str]:
    found = []
    for item in objects:
        if isinstance(item, bytes) and key in item:
            found.append("the data key")
        if isinstance(item, str) and text in item:
            found.append("a record")
    return found


def test_close_forgets_the_data_key_and_every_decrypted_record(
    new_store: tuple[HouseholdStore, str],
) -> None:
    store, _ = new_store
    store.put("worker_messages", {"id": "w-1", "text": SECRET}, shard="2026-11")
    store.find("worker_messages", lambda doc: doc["id"] == "w-1")
    store._db.table("worker_messages@2026-11").all()  # fill TinyDB's own query cache too
    key = store._key
    assert set(_holds(_reachable(store), key, SECRET)) == {"the data key", "a record"}

    store.close()
    assert _holds(_reachable(store), key, SECRET) == []
    with pytest.raises(StoreError, match="closed"):
        store.get("worker_messages", "w-1")


@pytest.mark.parametrize("name", ["Checkins", "chores list", "menu@", "a/b", "", "é", "x" * 65])
def test_a_table_name_the_store_could_not_read_back_is_refused_up_front(
    tmp_path: Path, snapshot: SnapshotFn, name: str
) -> None:
    key = os.urandom(32)
    EncryptedTableStorage.create(tmp_path, key)
    storage = EncryptedTableStorage(tmp_path, key, read_only=False)
    storage.load()
    db = HouseholdDB(storage=storage_factory(storage))
    db.table("chores").insert({"id": "t-1"})
    before = snapshot(tmp_path)
    with pytest.raises(InvalidTableName) as caught:
        db.table(name)
    assert isinstance(caught.value, ValueError) and repr(name) in str(caught.value)
    # A table slipped past TinyDB straight into the storage is refused before any write too.
    with pytest.raises(InvalidTableName):
        storage.write({**storage.read(), name: {"1": {"id": "x"}}})
    assert name not in storage.read() and snapshot(tmp_path) == before
    db.table("chores").insert({"id": "t-2"})  # and the storage still works
    again = EncryptedTableStorage(tmp_path, key, read_only=True)
    again.load()
    assert list(again.read()) == ["chores"] and len(again.read()["chores"]) == 2


def test_tinydb_and_storage_names_cover_what_homeward_uses(tmp_path: Path) -> None:
    key = os.urandom(32)
    EncryptedTableStorage.create(tmp_path, key)
    storage = EncryptedTableStorage(tmp_path, key, read_only=False)
    storage.load()
    db = HouseholdDB(storage=storage_factory(storage))
    for name in ("_default", "checkins@2026-11", "sync_outbox", "my-table", "a@B_c-1"):
        db.table(name).insert({"n": name})
    again = EncryptedTableStorage(tmp_path, key, read_only=True)
    again.load()
    assert sorted(again.read()) == sorted(storage.read())
    assert len(SealedFiles(tmp_path, key).disk_names()) == 5


def test_a_new_household_folder_is_for_its_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "made-by-the-store"
    HouseholdStore.create(folder, "kettle on, shoes by the door",
                          kdf=KdfParams.fast_for_tests())[0].close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_homeward_init_makes_the_data_folder_0700(tmp_path: Path) -> None:
    folder = tmp_path / "home" / "household"
    secret = tmp_path / "pass.txt"
    secret.write_text("harbour violet compass meadow\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", "init", "--data-dir", str(folder), "--household",
         "The Rivers family", "--passphrase-file", str(secret),
         "--recovery-key-file", str(tmp_path / "key.txt")],
        cwd=PROJECT_ROOT, input="", capture_output=True, text=True, timeout=120,
        start_new_session=True,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in folder.iterdir())
