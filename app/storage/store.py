"""``HouseholdStore``: one family's encrypted records, held in memory and saved per file.

One store object serves a whole process (several Flet sessions and handler threads), so every
public method runs under one re-entrant lock; a writable store also holds the folder's OS
lock (see ``lock``), so no other process writes beside it. Reads are answered from the
decrypted tables in memory; a write seals only the files holding a table it changed. A
collection may be sharded (for example by month): each shard is its own TinyDB table named
``<collection>@<shard>``, kept in the file of its group and shard (see ``layout``), which keeps
a save small at any household size. An index (see ``index``) goes straight to the right shard.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import opening
from .checkup import check_folder, verify_open_store
from .crypto import KdfParams
from .documents import Document, Item, Tracker, clean, json_copy, shard_of, shard_order, table_name
from .errors import ReadOnlyStore, StoreError, StoreWriteFailed
from .index import RecordIndex, collection_counts
from .keys import KEY_FILE, KeyFile, read_key_file, write_key_file
from .lock import FolderLock
from .opening import MIGRATIONS, load_tables
from .rekey import STAGING, rekey_folder
from .repair import rebuild_catalogue, restore_previous
from .tables import HouseholdDB, HouseholdTable, storage_factory

__all__ = ["MIGRATIONS", "HouseholdStore"]


class HouseholdStore:
    """An unlocked household: encrypted TinyDB tables in a folder, cached in memory."""

    def __init__(
        self, folder: Path, key: bytes, *, read_only: bool = False, lock: FolderLock | None = None
    ) -> None:
        """Load an already unlocked store; use ``open``/``create`` rather than calling this."""
        self._folder = Path(folder)
        self._key = key
        self._lock = threading.RLock()
        self._closed = False
        self._folder_lock = lock
        self._tables = load_tables(self._folder, key, read_only)
        if not read_only:
            self._tables.remove_stale_temp_files()  # safe: the folder lock keeps writers out
        self._db = HouseholdDB(storage=storage_factory(self._tables))
        self._index = RecordIndex()
        self._tracker: Tracker | None = None
        self._index.rebuild(self._tables.read())

    # --- opening ------------------------------------------------------------------------

    @staticmethod
    def exists(folder: Path) -> bool:
        """True if ``folder`` holds a household store."""
        return opening.exists(Path(folder))

    @classmethod
    def create(
        cls, folder: Path, passphrase: str, *, kdf: KdfParams | None = None
    ) -> tuple[HouseholdStore, str]:
        """Create a new store (its folder 0700 if new); return it, open, and the recovery key."""
        folder = Path(folder)
        data_key, lock, recovery_key = opening.create_folder(folder, passphrase, kdf or KdfParams())
        return cls._loaded(folder, data_key, lock, None), recovery_key

    @classmethod
    def open(cls, folder: Path, passphrase: str, *, read_only: bool = False) -> HouseholdStore:
        """Unlock with the household passphrase (WrongPassphrase leaves every file untouched).

        StoreInUse: another open store is writing to the folder (writable opens only).
        """
        unwrap = opening.with_passphrase(passphrase)
        return cls._loaded(Path(folder), *opening.unlock_folder(Path(folder), unwrap, read_only))

    @classmethod
    def open_with_recovery_key(
        cls, folder: Path, recovery_key: str, *, read_only: bool = False
    ) -> HouseholdStore:
        """Unlock with the recovery key kept by the agency."""
        unwrap = opening.with_recovery_key(recovery_key)
        return cls._loaded(Path(folder), *opening.unlock_folder(Path(folder), unwrap, read_only))

    @classmethod
    def _loaded(
        cls, folder: Path, data_key: bytes, lock: FolderLock | None, rewrap: str | None
    ) -> HouseholdStore:
        try:
            store = cls(folder, data_key, read_only=lock is None, lock=lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is not None:
            opening.settle_key_file(folder, data_key, rewrap)
        return store

    @staticmethod
    def check(folder: Path, passphrase: str) -> dict[str, int]:
        """Check every file of a closed household, changing nothing; return counts per collection.

        Raises:
            StoreDamaged: naming every damaged, missing, out-of-date or out-of-place file.
        """
        return collection_counts(check_folder(Path(folder), passphrase))

    # --- keys ---------------------------------------------------------------------------

    def check_passphrase(self, passphrase: str) -> bool:
        """True if ``passphrase`` unwraps this store's data key (as saved in the key file now)."""
        with self._lock:
            self._require_open()
            key_file = read_key_file(self._folder)
        # The slow derivation runs outside the lock so other sessions are not held up.
        try:
            candidate = key_file.unwrap_with_passphrase(passphrase)
        except StoreError:
            return False
        return hmac.compare_digest(candidate, self._key)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase; the data and the recovery wrap stay.

        An old copy of ``keys.json`` still opens with the old passphrase; use ``rekey`` when
        someone who should not know it might.
        """
        with self._lock:
            self._require_writable("change the passphrase")
            self._write_keys(read_key_file(self._folder).with_passphrase(self._key, new_passphrase))

    def replace_recovery_key(self) -> str:
        """Wrap the data key under a new recovery key and return it, to show once.

        The one way a key is made again (setup, Settings, recover, CLI). The old key stops
        opening the folder at once (an old copy of ``keys.json`` still does: ``rekey`` for that).
        """
        with self._lock:
            self._require_writable("replace the recovery key")
            updated, recovery_key = read_key_file(self._folder).with_new_recovery_key(self._key)
            self._write_keys(updated)
            return recovery_key

    def recovery_key_kept(self, recovery_key: str) -> None:
        """Record that the family kept ``recovery_key``; WrongRecoveryKey if it is not current."""
        with self._lock:
            self._require_writable("record the recovery key as kept")
            self._write_keys(read_key_file(self._folder).with_recovery_key_kept(recovery_key))

    def rekey(self, new_passphrase: str) -> str:
        """Make a new data key, passphrase and recovery key, resealing every file.

        For when someone who should not know the passphrase might: neither the old passphrase
        nor the old recovery key, even with an old copy of ``keys.json``, reads anything saved
        from now on. Crash-safe (see ``rekey``). Returns the new recovery key, to show once.
        """
        with self._lock:
            self._require_writable("change the keys")
            self._tables.finish()
            old = self._tables
            committed = old.committed_files()
            try:
                data_key, recovery_key = rekey_folder(
                    self._folder, read_key_file(self._folder), committed, old.file_names(),
                    new_passphrase, hook=old.fault_hook,
                )
            except OSError as exc:
                raise StoreWriteFailed(STAGING, exc.strerror or str(exc)) from exc
            self._key = data_key
            self._tables = load_tables(self._folder, data_key, read_only=False)
            self._tables.fault_hook = old.fault_hook
            old.forget()
            self._db.forget()
            self._db = HouseholdDB(storage=storage_factory(self._tables))
            self._index.rebuild(self._tables.read())
            return recovery_key

    def _write_keys(self, key_file: KeyFile) -> None:
        try:
            write_key_file(self._folder, key_file, hook=self._tables.fault_hook)
        except OSError as exc:
            raise StoreWriteFailed(KEY_FILE, exc.strerror or str(exc)) from exc

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True if this store was opened read-only."""
        return self._tables.read_only

    def close(self) -> None:
        """Finish any pending save, forget the key and the decrypted data, let writers in."""
        with self._lock:
            if self._closed:
                return
            try:
                self._db.close()  # the storage finishes a pending save, then forgets
            finally:
                self._tables.forget()
                self._db.forget()
                self._closed = True
                self._index.clear()
                self._key = b""
                self._tracker = None
                if self._folder_lock is not None:
                    self._folder_lock.release()

    def __enter__(self) -> HouseholdStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _require_open(self) -> None:
        if self._closed:
            raise StoreError("The household store is closed.")

    def _require_writable(self, action: str) -> None:
        self._require_open()
        if self._tables.read_only:
            raise ReadOnlyStore(action)

    # --- documents ----------------------------------------------------------------------

    def set_tracker(self, tracker: Tracker | None) -> None:
        """Tell ``tracker`` of every tracked change from now on (None: stop)."""
        with self._lock:
            self._tracker = tracker

    @property
    def tracker(self) -> Tracker | None:
        """The tracker told of changes, if any."""
        return self._tracker

    @contextmanager
    def exclusive(self) -> Iterator[HouseholdStore]:
        """Hold the store's lock across several calls (read, decide, write) from one thread."""
        with self._lock:
            yield self

    def put(self, collection: str, doc: Mapping[str, Any], *, shard: str | None = None) -> None:
        """Insert ``doc``, or replace the document with the same ``id``, and save it."""
        self.put_many([(collection, doc, shard)])

    def put_many(
        self, items: Iterable[tuple[str, Mapping[str, Any], str | None]], *, track: bool = True
    ) -> None:
        """Insert or replace several documents in one atomic save, across any tables."""
        self.write(items, (), track=track)

    def write(
        self,
        puts: Iterable[tuple[str, Mapping[str, Any], str | None]],
        removes: Iterable[tuple[str, str]],
        *,
        track: bool = True,
    ) -> None:
        """Save documents and delete others (collection, id) in one atomic commit.

        With ``track`` (the default) the tracker, if any, sees each change and may add to the
        commit; sync itself writes untracked.

        Raises:
            InvalidText: a text holds a character UTF-8 cannot store; nothing was saved.
        """
        with self._lock:
            self._require_writable("save")
            prepared = [(c, table_name(c, s), clean(doc)) for c, doc, s in puts]
            gone = [(c, i, self._index.find(c, i)) for c, i in removes]
            doomed = [(c, i, found) for c, i, found in gone if found is not None]
            tracker = self._tracker if track else None
            if tracker is not None:
                extras: list[Item] = []
                for collection, table, doc in prepared:
                    extras += tracker.on_put(collection, doc, self._stored(collection, doc["id"]),
                                             shard_of(table))
                for collection, doc_id, (table, _tiny) in doomed:
                    before = self._stored(collection, doc_id)
                    assert before is not None
                    extras += tracker.on_remove(collection, before, shard_of(table))
                prepared += [(c, table_name(c, s), clean(doc)) for c, doc, s in extras]
            if not prepared and not doomed:
                return

            def change() -> None:
                for collection, doc_id, (table, tiny_id) in doomed:
                    self._db.table(table).remove(doc_ids=[tiny_id])
                    self._index.drop(collection, doc_id)
                for item in prepared:
                    self._put_prepared(*item)

            self._change(change)

    def _stored(self, collection: str, doc_id: str) -> Document | None:
        found = self._index.find(collection, doc_id)
        if found is None:
            return None
        stored: Document = self._tables.read()[found[0]][str(found[1])]  # not a copy: read only
        return stored

    def _put_prepared(self, collection: str, table: str, doc: Document) -> None:
        found = self._index.find(collection, doc["id"])
        if found is not None and found[0] == table:
            self._table(table).replace(found[1], doc)
            return
        if found is not None:  # moving to another shard: both tables change in one commit
            self._db.table(found[0]).remove(doc_ids=[found[1]])
        self._index.place(collection, doc["id"], (table, self._db.table(table).insert(doc)))

    def get(self, collection: str, doc_id: str) -> Document | None:
        """Return a copy of the document with this id, from whichever shard holds it."""
        with self._lock:
            self._require_open()
            stored = self._stored(collection, doc_id)
            return None if stored is None else dict(json_copy(stored))

    def shard_of(self, collection: str, doc_id: str) -> str | None:
        """Return the shard holding a document (None if unsharded or absent)."""
        with self._lock:
            found = self._index.find(collection, doc_id)
            return None if found is None else shard_of(found[0])

    def collections(self) -> list[str]:
        """Return the names of the collections that hold documents."""
        with self._lock:
            self._require_open()
            return self._index.collections()

    def find(
        self, collection: str, where: Callable[[Document], bool] | None = None
    ) -> list[Document]:
        """Return copies of matching documents: shards ascending, insertion order inside.

        ``where`` sees the stored documents themselves (copying all of them first would make
        every search slow), so it must only read them.
        """
        with self._lock:
            self._require_open()
            tables = self._tables.read()
            found: list[Document] = []
            for table in sorted(self._index.tables_of(collection), key=shard_order):
                for doc in tables.get(table, {}).values():
                    if where is None or where(doc):
                        found.append(json_copy(doc))
            return found

    def remove(self, collection: str, doc_id: str, *, track: bool = True) -> bool:
        """Delete the document with this id and save; False if there was none."""
        with self._lock:
            self._require_writable("delete")
            if self._index.find(collection, doc_id) is None:
                return False
            self.write((), [(collection, doc_id)], track=track)
            return True

    def counts(self) -> dict[str, int]:
        """Return the number of documents per collection (shards summed; empty ones left out)."""
        with self._lock:
            self._require_open()
            return collection_counts({t: len(d) for t, d in self._tables.read().items()})

    def verify(self) -> dict[str, int]:
        """Re-read and authenticate every file and copy on disk now; return the counts there.

        Raises:
            StoreDamaged: naming every file that is damaged, missing, out of date or out of
                place, ``.prev`` copies, ``keys.json.prev`` and the journal included.
            StoreInUse: (read-only store) a writable store elsewhere holds the folder.
        """
        with self._lock:
            self._require_open()
            return collection_counts(verify_open_store(self._folder, self._tables))

    # --- repair -------------------------------------------------------------------------

    restore_previous = staticmethod(restore_previous)
    rebuild_catalogue = staticmethod(rebuild_catalogue)

    # --- internals ----------------------------------------------------------------------

    def _change(self, operation: Callable[[], object]) -> None:
        """Run TinyDB operations as one commit; on failure memory is back at the last save."""
        try:
            with self._tables.transaction():
                operation()
        except BaseException:
            self._index.rebuild(self._tables.read())
            raise

    def _table(self, name: str) -> HouseholdTable:
        table = self._db.table(name)
        assert isinstance(table, HouseholdTable)  # HouseholdDB.table_class guarantees it
        return table

