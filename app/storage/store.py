"""``HouseholdStore``: one family's encrypted records, held in memory and saved per file.

One store object serves a whole process (several Flet sessions and handler threads), so every
public method runs under one re-entrant lock. Reads are answered from the decrypted tables in
memory; a write seals only the files holding a table it changed. A collection may be sharded
(for example by month): each shard is its own TinyDB table named ``<collection>@<shard>``, kept
in the file of its group and shard (see ``layout``), which keeps a save small at any household
size. An index from document id to (table, TinyDB doc id) lets
``get``/``put``/``remove`` go straight to the right shard.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from .crypto import KdfParams
from .documents import (
    Document,
    Item,
    Tracker,
    clean,
    json_copy,
    shard_of,
    shard_order,
    table_name,
)
from .errors import ReadOnlyStore, StoreError, StoreExists, StoreNotFound, StoreWriteFailed
from .keys import (
    FORMAT_VERSION,
    KEY_FILE,
    KeyFile,
    new_key_file,
    read_key_file,
    write_key_file,
)
from .layout import TABLE_SUFFIX
from .migration import migrate_1_to_2
from .repair import restore_previous
from .tables import EncryptedTableStorage, HouseholdDB, HouseholdTable, storage_factory

#: Upgrades the files of a store (folder, data key) from format N to N+1, keyed by N. Each step
#: must be safe to run again after an interruption; the key file's version is bumped after it.
Migration = Callable[[Path, bytes], None]
MIGRATIONS: dict[int, Migration] = {1: migrate_1_to_2}


class HouseholdStore:
    """An unlocked household: encrypted TinyDB tables in a folder, cached in memory."""

    def __init__(self, folder: Path, data_key: bytes, *, read_only: bool = False) -> None:
        """Load an already unlocked store; use ``open``/``create`` rather than calling this."""
        self._folder = Path(folder)
        self._key = data_key
        self._lock = threading.RLock()
        self._closed = False
        self._tables = EncryptedTableStorage(self._folder, data_key, read_only=read_only)
        self._tables.load()
        if not read_only:
            self._tables.remove_stale_temp_files()
        self._db = HouseholdDB(storage=storage_factory(self._tables))
        self._locations: dict[str, dict[str, tuple[str, int]]] = {}
        self._shards: dict[str, set[str]] = {}
        self._tracker: Tracker | None = None
        self._rebuild_index()

    # --- opening ------------------------------------------------------------------------

    @staticmethod
    def exists(folder: Path) -> bool:
        """True if ``folder`` holds a household store."""
        return (Path(folder) / KEY_FILE).is_file()

    @classmethod
    def create(
        cls, folder: Path, passphrase: str, *, kdf: KdfParams | None = None
    ) -> tuple[HouseholdStore, str]:
        """Create a new store; return it, open, with the recovery key to show the family once."""
        folder = Path(folder)
        if cls.exists(folder) or (
            folder.is_dir() and any(p.name.endswith(TABLE_SUFFIX) for p in folder.iterdir())
        ):
            raise StoreExists(str(folder))
        key_file, data_key, recovery_key = new_key_file(passphrase, kdf or KdfParams())
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_key_file(folder, key_file)
        except OSError as exc:
            raise StoreWriteFailed(KEY_FILE, exc.strerror or str(exc)) from exc
        return cls(folder, data_key), recovery_key

    @classmethod
    def open(cls, folder: Path, passphrase: str, *, read_only: bool = False) -> HouseholdStore:
        """Unlock with the household passphrase (WrongPassphrase leaves every file untouched)."""
        folder = Path(folder)
        if not cls.exists(folder):
            raise StoreNotFound(str(folder))
        key_file = read_key_file(folder)
        data_key = key_file.unwrap_with_passphrase(passphrase)
        return cls._unlocked(folder, key_file, data_key, read_only)

    @classmethod
    def open_with_recovery_key(
        cls, folder: Path, recovery_key: str, *, read_only: bool = False
    ) -> HouseholdStore:
        """Unlock with the recovery key kept by the agency."""
        folder = Path(folder)
        if not cls.exists(folder):
            raise StoreNotFound(str(folder))
        key_file = read_key_file(folder)
        data_key = key_file.unwrap_with_recovery_key(recovery_key)
        return cls._unlocked(folder, key_file, data_key, read_only)

    @classmethod
    def _unlocked(
        cls, folder: Path, key_file: KeyFile, data_key: bytes, read_only: bool
    ) -> HouseholdStore:
        version = key_file.version
        if version < FORMAT_VERSION and read_only:
            raise ReadOnlyStore(f"upgrade this store from format {version}")
        while version < FORMAT_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"This store uses format {version}, which cannot be upgraded.")
            step(folder, data_key)
            version += 1
            write_key_file(folder, replace(key_file, version=version))
        return cls(folder, data_key, read_only=read_only)

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
        """Re-wrap the data key under a new passphrase; the data and the recovery wrap stay."""
        with self._lock:
            self._require_writable("change the passphrase")
            updated = read_key_file(self._folder).with_passphrase(self._key, new_passphrase)
            try:
                write_key_file(self._folder, updated)
            except OSError as exc:
                raise StoreWriteFailed(KEY_FILE, exc.strerror or str(exc)) from exc

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True if this store was opened read-only."""
        return self._tables.read_only

    def close(self) -> None:
        """Finish any pending save and forget the decrypted data; the object is unusable after."""
        with self._lock:
            if self._closed:
                return
            self._tables.finish()
            self._db.close()
            self._closed = True
            self._locations = {}
            self._shards = {}
            self._key = b""

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
        """
        with self._lock:
            self._require_writable("save")
            prepared = [(c, table_name(c, s), clean(doc)) for c, doc, s in puts]
            gone = [(c, i, self._locations.get(c, {}).get(i)) for c, i in removes]
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
                    del self._locations[collection][doc_id]
                for item in prepared:
                    self._put_prepared(*item)

            self._change(change)

    def _stored(self, collection: str, doc_id: str) -> Document | None:
        found = self._locations.get(collection, {}).get(doc_id)
        if found is None:
            return None
        stored: Document = self._tables.read()[found[0]][str(found[1])]  # not a copy: read only
        return stored

    def _put_prepared(self, collection: str, table: str, doc: Document) -> None:
        locations = self._locations.setdefault(collection, {})
        found = locations.get(doc["id"])
        if found is not None and found[0] == table:
            self._table(table).replace(found[1], doc)
            return
        if found is not None:  # moving to another shard: both tables change in one commit
            self._db.table(found[0]).remove(doc_ids=[found[1]])
        locations[doc["id"]] = (table, self._db.table(table).insert(doc))
        self._shards.setdefault(collection, set()).add(table)

    def get(self, collection: str, doc_id: str) -> Document | None:
        """Return a copy of the document with this id, from whichever shard holds it."""
        with self._lock:
            self._require_open()
            found = self._locations.get(collection, {}).get(doc_id)
            if found is None:
                return None
            return dict(json_copy(self._tables.read()[found[0]][str(found[1])]))

    def shard_of(self, collection: str, doc_id: str) -> str | None:
        """Return the shard holding a document (None if unsharded or absent)."""
        with self._lock:
            found = self._locations.get(collection, {}).get(doc_id)
            return None if found is None else shard_of(found[0])

    def collections(self) -> list[str]:
        """Return the names of the collections that hold documents."""
        with self._lock:
            self._require_open()
            return sorted(c for c, docs in self._locations.items() if docs)

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
            for table in sorted(self._shards.get(collection, ()), key=shard_order):
                for doc in tables.get(table, {}).values():
                    if where is None or where(doc):
                        found.append(json_copy(doc))
            return found

    def remove(self, collection: str, doc_id: str, *, track: bool = True) -> bool:
        """Delete the document with this id and save; False if there was none."""
        with self._lock:
            self._require_writable("delete")
            if self._locations.get(collection, {}).get(doc_id) is None:
                return False
            self.write((), [(collection, doc_id)], track=track)
            return True

    def counts(self) -> dict[str, int]:
        """Return the number of documents per collection (shards summed; empty ones left out)."""
        with self._lock:
            self._require_open()
            return self._collection_counts({t: len(d) for t, d in self._tables.read().items()})

    def verify(self) -> dict[str, int]:
        """Re-read and authenticate every file on disk now; return the counts found there.

        Raises:
            StoreDamaged: naming the first file that is missing, altered or out of date.
        """
        with self._lock:
            self._require_open()
            read_key_file(self._folder)
            return self._collection_counts(self._tables.verify())

    # --- repair -------------------------------------------------------------------------

    restore_previous = staticmethod(restore_previous)

    # --- internals ----------------------------------------------------------------------

    def _change(self, operation: Callable[[], object]) -> None:
        """Run TinyDB operations as one commit; on failure memory is back at the last save."""
        try:
            with self._tables.transaction():
                operation()
        except BaseException:
            self._rebuild_index()
            raise

    def _table(self, name: str) -> HouseholdTable:
        table = self._db.table(name)
        assert isinstance(table, HouseholdTable)  # HouseholdDB.table_class guarantees it
        return table

    def _rebuild_index(self) -> None:
        self._locations = {}
        self._shards = {}
        for table, docs in self._tables.read().items():
            collection = table.split("@", 1)[0]
            self._shards.setdefault(collection, set()).add(table)
            locations = self._locations.setdefault(collection, {})
            for tiny_id, doc in docs.items():
                if isinstance(doc.get("id"), str):
                    locations[doc["id"]] = (table, int(tiny_id))

    @staticmethod
    def _collection_counts(per_table: Mapping[str, int]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for table, count in per_table.items():
            collection = table.split("@", 1)[0]
            counts[collection] = counts.get(collection, 0) + count
        return {c: n for c, n in sorted(counts.items()) if n}
