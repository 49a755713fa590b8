"""Fixtures for the storage tests: real stores in temp folders, with cheap Argon2 settings."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# The project is not installed into the venv and pyproject sets no pytest ``pythonpath``, so
# make ``import app`` work when pytest is started as ``.venv/bin/pytest`` from the root.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from app.storage import HouseholdStore, KdfParams  # noqa: E402
from app.storage.keys import read_key_file  # noqa: E402
from app.storage.layout import FileNames  # noqa: E402

PASSPHRASE = "kettle on, shoes by the door"

Snapshot = dict[str, tuple[bytes, int]]
FileOf = Callable[[Path, str], str]


def _snapshot(folder: Path) -> Snapshot:
    files = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}
    # The folder's own mtime changes if anything was created, renamed or deleted, even briefly.
    files["."] = (b"", folder.stat().st_mtime_ns)
    return files


def _file_of(folder: Path, table: str) -> str:
    # Only the key can tell which file holds a table, so ask it as anyone would: unlock it.
    if table == "keys.json":
        return table
    data_key = read_key_file(folder).unwrap_with_passphrase(PASSPHRASE)
    return FileNames(data_key).of_table(table)


@pytest.fixture
def file_of() -> FileOf:
    """Return a function naming the file that holds a table (``keys.json`` names itself)."""
    return _file_of


def _abandon(store: HouseholdStore) -> None:
    # Private on purpose: only a test may drop a store without closing it.
    lock = store._folder_lock
    if lock is not None:
        lock.release()


@pytest.fixture
def abandon() -> Callable[[HouseholdStore], None]:
    """Return what a process dying does to its open store: the OS lets go of the folder lock.

    Nothing is saved or forgotten, and the store object must not be used again, as after a
    simulated crash. (In one process a second writable open is refused while the first holds
    the lock, exactly as between two processes.)
    """
    return _abandon


@pytest.fixture
def fast_kdf() -> KdfParams:
    """Argon2id parameters that derive in milliseconds."""
    return KdfParams.fast_for_tests()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the household store lives (not created yet)."""
    return tmp_path / "household"


@pytest.fixture
def passphrase() -> str:
    """The household passphrase used by the fixtures."""
    return PASSPHRASE


@pytest.fixture
def snapshot() -> Callable[[Path], Snapshot]:
    """Return a function giving every file's bytes and mtime in a folder."""
    return _snapshot


@pytest.fixture
def new_store(folder: Path, fast_kdf: KdfParams) -> Iterator[tuple[HouseholdStore, str]]:
    """A freshly created, open store and its recovery key."""
    store, recovery_key = HouseholdStore.create(folder, PASSPHRASE, kdf=fast_kdf)
    yield store, recovery_key
    store.close()


def checkin(doc_id: str, day: str, score: int) -> dict[str, object]:
    """A small but realistic check-in record."""
    return {
        "id": doc_id,
        "member": "m-child-1",
        "at": f"{day}T18:30:00+00:00",
        "feeling": "calm",
        "score": score,
        "tags": ["school", "tea"],
    }


@pytest.fixture
def populated(folder: Path, fast_kdf: KdfParams) -> Path:
    """A closed store where every table has been written twice (so each has a ``.prev``).

    The first generation comes from one put_many across all tables; the second adds one
    record per table (ids ending in ``-late``).
    """
    store, _ = HouseholdStore.create(folder, PASSPHRASE, kdf=fast_kdf)
    store.put_many(
        [
            ("members", {"id": "m-parent", "name": "Alex", "role": "parent"}, None),
            ("members", {"id": "m-child-1", "name": "Jo", "role": "child"}, None),
            ("checkins", checkin("c-1", "2026-10-03", 3), "2026-10"),
            ("checkins", checkin("c-2", "2026-10-04", 4), "2026-10"),
            ("checkins", checkin("c-3", "2026-11-01", 2), "2026-11"),
            ("diary", {"id": "d-1", "text": "Went to the park.", "by": "m-parent"}, "2026-11"),
        ]
    )
    store.put("members", {"id": "m-late", "name": "Gran", "role": "carer"})
    store.put("checkins", checkin("c-late-10", "2026-10-30", 5), shard="2026-10")
    store.put("checkins", checkin("c-late-11", "2026-11-02", 4), shard="2026-11")
    store.put("diary", {"id": "d-late", "text": "Bedtime went well."}, shard="2026-11")
    store.close()
    return folder
