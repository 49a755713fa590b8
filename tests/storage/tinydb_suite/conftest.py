# Vendored from TinyDB 4.9.0's source distribution (tinydb-4.9.0.tar.gz, tests/conftest.py).
# Copyright (C) 2013 Markus Siemens. MIT licence: see LICENSE beside this file.
#
# Changed for Homeward (everything marked "Homeward" below): the `db` fixture has a third
# parameter, "homeward", which runs each test that uses it against Homeward's own storage
# (EncryptedTableStorage under HouseholdDB, in a temp folder, with a real random key and real
# AES-GCM files). After each such test the folder is opened again from disk alone, and what
# is on disk must equal what was in memory, with every file authentic. A test that cannot
# pass with Homeward's storage is marked xfail(strict=True) for "homeward" only, with its
# reason; each is explained in app/storage/FORMAT.md ("TinyDB's own tests").
# Upstream style is kept in the vendored part:
# ruff: noqa

import os.path
import tempfile
from pathlib import Path

import pytest  # type: ignore

from tinydb.middlewares import CachingMiddleware
from tinydb.storages import MemoryStorage
from tinydb import TinyDB, JSONStorage

# --- Homeward -------------------------------------------------------------------------------
from app.storage.tables import EncryptedTableStorage, HouseholdDB, storage_factory

#: Tests of the `db` fixture that cannot pass on Homeward's storage, and why.
HOMEWARD_XFAIL = {
    "test_table_repr": (
        "the expected repr names TinyDB's own storage classes (MemoryStorage|JSONStorage); "
        "Homeward's is EncryptedTableStorage"
    ),
}


def _homeward_db(folder: Path) -> tuple[HouseholdDB, bytes]:
    """A new, empty Homeward storage in ``folder`` under a fresh random data key."""
    folder.mkdir()
    key = os.urandom(32)
    EncryptedTableStorage.create(folder, key)
    storage = EncryptedTableStorage(folder, key, read_only=False)
    storage.load()
    return HouseholdDB(storage=storage_factory(storage)), key


def _check_disk_equals_memory(db_: HouseholdDB, folder: Path, key: bytes) -> None:
    """Open the folder again from disk alone: it must hold exactly what memory holds."""
    storage = db_.storage
    assert isinstance(storage, EncryptedTableStorage)
    memory = {name: dict(docs) for name, docs in storage.read().items()}
    _counts, damages = storage.verify()
    assert damages == []
    again = EncryptedTableStorage(folder, key, read_only=True)
    again.load()  # raises StoreDamaged for any missing, altered or unlisted file
    assert again.read() == memory
# --- end Homeward ---------------------------------------------------------------------------


@pytest.fixture(params=['memory', 'json', 'homeward'])
def db(request, tmp_path: Path):
    if request.param == 'json':
        db_ = TinyDB(tmp_path / 'test.db', storage=JSONStorage)
    elif request.param == 'homeward':  # Homeward
        reason = HOMEWARD_XFAIL.get(request.function.__name__)
        if reason is not None:
            request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
        db_, key = _homeward_db(tmp_path / 'household')
    else:
        db_ = TinyDB(storage=MemoryStorage)

    db_.drop_tables()
    db_.insert_multiple({'int': 1, 'char': c} for c in 'abc')

    yield db_

    if request.param == 'homeward':  # Homeward
        _check_disk_equals_memory(db_, tmp_path / 'household', key)


@pytest.fixture
def storage():
    return CachingMiddleware(MemoryStorage)()
