"""Getting a household folder ready to open: create it, unlock it, lock it, bring it up to date.

What ``HouseholdStore.create``/``open`` do before the tables are read, in order, so that a
wrong passphrase, a folder in use or damage change nothing:

1. read ``keys.json`` and unwrap the data key (slow; nothing is touched yet);
2. read-only: refuse a folder that needs an upgrade or an interrupted re-key finished;
3. writable: take the folder's lock (``StoreInUse`` if another store holds it), re-read the
   key file in case a writer changed it meanwhile, finish an interrupted re-key, run
   migrations (each reads everything before it writes anything);
4. once the tables have loaded without damage (``settle_key_file``): wrap an unnormalised
   passphrase again in NFC, and bring ``keys.json.prev`` up to date.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .crypto import KdfParams
from .errors import (
    ReadOnlyStore,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    StoreWriteFailed,
)
from .keys import (
    FORMAT_VERSION,
    KEY_FILE,
    KeyFile,
    heal_key_mirror,
    new_key_file,
    read_key_file,
    write_key_file,
)
from .layout import TABLE_SUFFIX
from .lock import FolderLock, writer_active
from .migration import migrate_1_to_2
from .migration_v3 import migrate_2_to_3
from .rekey import finish_rekey, staging_committed
from .tables import EncryptedTableStorage

log = logging.getLogger(__name__)

#: Upgrades the files of a store (folder, data key) from format N to N+1, keyed by N. Each step
#: must be safe to run again after an interruption; the key file's version is bumped after it.
Migration = Callable[[Path, bytes], None]


def migrate_3_to_4(folder: Path, data_key: bytes) -> None:
    """Format 3 to 4: nothing to rewrite.

    Format 4 keeps sync's outbox entries in the files of the records they queue
    (``layout.BESIDE``) and reads format-3 files as they are (their entries are kept by day,
    in files of their own, which format 4 still allows). Only the version moves, so that
    format-3 code refuses the folder (``FormatTooNew``) instead of calling its files damaged.
    """


def migrate_4_to_5(folder: Path, data_key: bytes) -> None:
    """Format 4 to 5: nothing to rewrite.

    Format 5 adds the key file's ``history`` (when the current recovery key was made and
    kept); a format-4 key file has none, which means "not recorded". Only the version moves,
    so that format-4 code refuses the folder (``FormatTooNew``) instead of calling a key file
    with a history damaged.
    """


MIGRATIONS: dict[int, Migration] = {
    1: migrate_1_to_2, 2: migrate_2_to_3, 3: migrate_3_to_4, 4: migrate_4_to_5,
}
#: Unwraps the data key from a key file; also returns a passphrase to wrap again in NFC form
#: when only its older, unnormalised form worked.
Unwrap = Callable[[KeyFile], tuple[bytes, str | None]]

#: A read-only open beside a running writer may catch it between the files of one save; it
#: tries again this many times, this many seconds apart, before calling what it saw damage.
READ_RETRIES = 20
READ_RETRY_PAUSE = 0.05


def with_passphrase(passphrase: str) -> Unwrap:
    """Unwrap with the household passphrase (in any of its Unicode forms)."""

    def unwrap(key_file: KeyFile) -> tuple[bytes, str | None]:
        data_key, older_form = key_file.unwrap_passphrase(passphrase)
        return data_key, passphrase if older_form else None

    return unwrap


def with_recovery_key(recovery_key: str) -> Unwrap:
    """Unwrap with the recovery key kept by the agency."""
    return lambda key_file: (key_file.unwrap_with_recovery_key(recovery_key), None)


def exists(folder: Path) -> bool:
    """True if ``folder`` holds a household store."""
    return (folder / KEY_FILE).is_file()


def _refuse_existing(folder: Path) -> None:
    if exists(folder) or (
        folder.is_dir() and any(p.name.endswith(TABLE_SUFFIX) for p in folder.iterdir())
    ):
        raise StoreExists(str(folder))


def create_folder(
    folder: Path, passphrase: str, kdf: KdfParams
) -> tuple[bytes, FolderLock, str]:
    """Write a new household's catalogue and key file; return (data key, lock, recovery key).

    The folder is made readable by this user only (0700) if it does not exist yet.
    """
    _refuse_existing(folder)
    key_file, data_key, recovery_key = new_key_file(passphrase, kdf)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock = FolderLock.acquire(folder)
    except OSError as exc:
        raise StoreWriteFailed(str(folder), exc.strerror or str(exc)) from exc
    try:
        _refuse_existing(folder)
        # The catalogue goes first: the key file is what makes the folder a household.
        EncryptedTableStorage.create(folder, data_key)
        write_key_file(folder, key_file)
    except OSError as exc:
        lock.release()
        raise StoreWriteFailed(KEY_FILE, exc.strerror or str(exc)) from exc
    except BaseException:
        lock.release()
        raise
    return data_key, lock, recovery_key


def unlock_folder(
    folder: Path, unwrap: Unwrap, read_only: bool
) -> tuple[bytes, FolderLock | None, str | None]:
    """Unlock a household folder and get it ready to load.

    Returns the data key, the folder's lock (None when read-only) and a passphrase to wrap
    again in NFC once the store has loaded (see ``settle_key_file``).
    """
    if not exists(folder):
        raise StoreNotFound(str(folder))
    key_file = read_key_file(folder)
    data_key, rewrap = unwrap(key_file)  # slow, and may fail: before anything is touched
    if read_only:
        if key_file.version < FORMAT_VERSION:
            raise ReadOnlyStore(f"upgrade this store from format {key_file.version}")
        if staging_committed(folder, data_key):
            raise StoreError(
                "A change of the household's keys was interrupted; open it once for changes "
                "to finish it. Nothing was changed."
            )
        return data_key, None, None
    lock = FolderLock.acquire(folder)
    try:
        current = read_key_file(folder)
        if current != key_file:  # changed by a writer that closed while we derived
            key_file = current
            data_key, rewrap = unwrap(current)
        finish_rekey(folder, data_key)
        _migrate(folder, key_file, data_key)
    except BaseException:
        lock.release()
        raise
    return data_key, lock, rewrap


def settle_key_file(folder: Path, data_key: bytes, rewrap: str | None) -> None:
    """After a writable open loaded: wrap an older passphrase form in NFC, mirror the key file.

    Done only once the folder proved sound, so a refused open changes nothing. A failure is
    logged: the store is open and the key file as it was still works.
    """
    try:
        if rewrap is not None:  # wrapped before passphrases were normalised: NFC from now on
            write_key_file(folder, read_key_file(folder).with_passphrase(data_key, rewrap))
    except OSError as exc:
        log.warning("Could not wrap the passphrase again in its normal form: %s", exc)
    heal_key_mirror(folder)


def _migrate(folder: Path, key_file: KeyFile, data_key: bytes) -> None:
    version = key_file.version
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreError(f"This store uses format {version}, which cannot be upgraded.")
        step(folder, data_key)
        version += 1
        write_key_file(folder, replace(key_file, version=version))


def load_tables(folder: Path, key: bytes, read_only: bool) -> EncryptedTableStorage:
    """Read every table into memory (see ``EncryptedTableStorage.load``).

    A read-only open retries while it may have caught a writer between the files of a save.
    """
    attempt = 0
    while True:
        tables = EncryptedTableStorage(folder, key, read_only=read_only)
        try:
            tables.load()
            return tables
        except StoreDamaged:
            if not read_only or attempt >= READ_RETRIES or not writer_active(folder):
                raise
        attempt += 1
        time.sleep(READ_RETRY_PAUSE)
