"""TinyDB storage that keeps decrypted tables in memory and seals them file by file.

TinyDB hands ``write()`` the whole database on every change, but gives a changed table a new
dict object while unchanged tables keep theirs (a dropped table is simply gone). ``write()``
compares each table with the object it last persisted (its own map: TinyDB mutates the
top-level dict we return) and reseals only the files holding a changed table (a file holds
every table of one group and shard, see ``layout``). A file whose last table was dropped is
deleted.

Every commit also brings the sealed catalogue up to date (see ``files`` and ``survey``). A
change to one existing file replaces that file, then the catalogue. Anything else (several
files, a new file, a deleted file, or a journal still pending) is first written whole into one
sealed journal holding the new catalogue too, which is the commit point; the journal is then
applied: files written, dropped files deleted, catalogue written, journal removed.

Rollback relies on one invariant: documents are never mutated in place (``HouseholdTable``
replaces a document whole), so the last persisted table objects are exact snapshots.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Storage

from .crypto import (
    PREVIOUS_SUFFIX,
    EnvelopeError,
    FaultHook,
    fsync_folder,
    move_aside,
    remove_durably,
    write_durably,
)
from .documents import HouseholdDB as HouseholdDB  # re-exported: the store's TinyDB
from .documents import HouseholdTable as HouseholdTable
from .errors import Damage, InvalidTableName, ReadOnlyStore, StoreError, StoreWriteFailed
from .files import CATALOGUE_FILE, JOURNAL_FILE, RawTables, SealedFiles
from .layout import check_table_name, file_key_of
from .survey import FolderState, survey

log = logging.getLogger(__name__)


class EncryptedTableStorage(Storage):
    """TinyDB ``Storage``: reads from memory, seals each changed file of tables."""

    def __init__(self, folder: Path, key: bytes, *, read_only: bool) -> None:
        """Work on ``folder`` with the data key; call ``load`` (or ``create``) next."""
        self.folder = folder
        self.read_only = read_only
        #: Test hook called with a step name at each point of a write (fault injection).
        self.fault_hook: FaultHook | None = None
        self._files = SealedFiles(folder, key)
        self._data: RawTables = {}
        self._persisted: RawTables = {}
        self._generations: dict[str, int] = {}  # the committed catalogue: file key -> generation
        self._journal_files: set[str] = set()  # files whose latest state is only in the journal
        self._retiring: set[str] = set()  # file names the pending journal deletes
        self._catalogue_behind = False  # the catalogue on disk lags the files (a failed write)
        self._unflushed = False  # the catalogue's latest rename awaits a flush of the folder
        self._file_keys: dict[str, str] = {}  # table -> file key, worked out once
        self._depth = 0
        self._closed = False

    # --- TinyDB interface ---------------------------------------------------------------

    def read(self) -> RawTables:
        """Return the live in-memory tables (TinyDB replaces the ones it changes)."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Persist the tables that changed, unless inside a transaction."""
        self._data = data
        if self._depth == 0:
            self._commit()

    def close(self) -> None:
        """Finish a pending save, then forget the key and every decrypted table."""
        self.finish()
        self.forget()

    def forget(self) -> None:
        """Forget the key and every decrypted table, saving nothing (idempotent)."""
        self._closed = True
        self._data = {}
        self._persisted = {}
        self._generations = {}
        self._files.forget()

    # --- opening ------------------------------------------------------------------------

    @staticmethod
    def create(folder: Path, key: bytes) -> None:
        """Write the empty catalogue of a new store (it must exist before the key file)."""
        files = SealedFiles(folder, key)
        write_durably(folder, CATALOGUE_FILE, files.seal_catalogue({}), keep_previous=False)

    def load(self) -> None:
        """Read every table file into memory, then replay a committed journal if one is there.

        Raises:
            StoreDamaged: naming every file that is damaged, missing, out of date or not
                listed; nothing was written.
        """
        state = survey(self._files)
        state.raise_if_damaged()
        self._install(state)
        if self.read_only:
            return
        try:
            if self._journal_files or self._retiring:
                self._apply_journal(sorted(self._journal_files), replaying=True)
            elif self._catalogue_behind:
                self._write_catalogue()
        except OSError as exc:
            log.warning("Could not finish an earlier save yet; will retry: %s", exc)

    def _install(self, state: FolderState) -> None:
        tables: RawTables = {}
        for file in state.files.values():
            tables.update(file.tables)
        self._data = dict(sorted(tables.items()))
        self._persisted = dict(self._data)
        self._generations = {key: file.generation for key, file in state.files.items()}
        self._journal_files = set() if state.journal is None else set(state.journal.files)
        self._retiring = set(state.leftovers)
        self._catalogue_behind = state.catalogue_behind

    def forget_json(self, table: str) -> None:
        """The documents of ``table`` may change in place: encode them afresh when saving."""
        self._files.forget_json(table)

    def file_name_of(self, table: str) -> str:
        """Return the (keyed-hash) name of the file holding a table."""
        return self._files.names.of_table(table)

    def file_names(self) -> list[str]:
        """Return the names of every table file the store holds, sorted."""
        return sorted(self._files.names.of(key) for key in self._generations)

    def committed_files(self) -> dict[str, tuple[int, RawTables]]:
        """Every file as committed: {file key: (generation, tables)} (no journal pending)."""
        if self._journal_files or self._retiring:
            raise StoreError("A save is still waiting to be finished.")
        grouped: dict[str, RawTables] = {key: {} for key in self._generations}
        for table, docs in self._persisted.items():
            grouped[file_key_of(table)][table] = docs
        return {key: (self._generations[key], grouped[key]) for key in self._generations}

    # --- committing ---------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group every TinyDB write inside the block into one atomic commit."""
        before = dict(self._data) if self._depth == 0 else None
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if before is not None:
                self._rollback(self._changed_since(before))
            raise
        self._depth -= 1
        if self._depth == 0:
            self._commit()

    def _changed_since(self, before: Mapping[str, Any]) -> list[str]:
        # Changed, added and dropped tables alike.
        return [n for n in {*before, *self._data} if before.get(n) is not self._data.get(n)]

    def _rollback(self, tables: list[str]) -> None:
        for table in tables:
            if table in self._persisted:
                self._data[table] = self._persisted[table]
            else:
                self._data.pop(table, None)

    def _step(self, name: str) -> None:
        if self.fault_hook is not None:
            self.fault_hook(name)

    def _tables_of(self, file_key: str) -> RawTables:
        return {t: docs for t, docs in self._data.items() if self._file_of(t) == file_key}

    def _file_of(self, table: str) -> str:
        known = self._file_keys.get(table)
        if known is None:
            known = self._file_keys[table] = file_key_of(table)
        return known

    def _seal(self, file_key: str) -> bytes:
        return self._files.seal(
            file_key, self._generations[file_key], self._tables_of(file_key)
        )

    def _commit(self) -> None:
        changed = self._changed_since(self._persisted)
        if not changed:
            return
        if self.read_only:
            self._rollback(changed)
            raise ReadOnlyStore()
        try:
            for name in changed:
                if name in self._data:
                    check_table_name(name)  # never write what could not be read back
        except InvalidTableName:
            self._rollback(changed)
            raise
        touched = sorted({self._file_of(n) for n in changed})
        held = {f: self._tables_of(f) for f in touched}
        written = [f for f in touched if held[f]]
        removed = [f for f in touched if f not in written and f in self._generations]
        # Files still waiting in an earlier journal ride along in the new one, so a replay of
        # the older journal can never bring back stale contents over a newer file.
        waiting = sorted(self._journal_files - set(touched))
        generations = dict(self._generations)
        generations.update({f: self._generations.get(f, 0) + 1 for f in written})
        for f in removed:
            del generations[f]
        files = written + waiting
        if not files and not removed:  # e.g. a table made and dropped before it was saved
            self._persist(changed, generations, journal=set())
            return
        # With a journal pending, even a one-file change goes through a new journal: writing
        # the file directly would let the old journal's replay undo it.
        pending = self._journal_files or self._retiring
        single = len(files) == 1 and not removed and not pending and files[0] in self._generations
        committed = False
        current = self._files.names.of(files[0]) if single else JOURNAL_FILE
        try:
            if single:
                key = files[0]
                data = self._files.seal(key, generations[key], held[key])
                write_durably(self.folder, current, data, hook=self.fault_hook)
                committed = True
                self._persist(changed, generations, journal=set())
                self._write_catalogue()
            else:
                data = self._files.seal_journal(
                    {f: (generations[f], held.get(f) or self._tables_of(f)) for f in files},
                    generations,
                )
                write_durably(
                    self.folder, JOURNAL_FILE, data, keep_previous=False, hook=self.fault_hook
                )
                committed = True
                # A file dropped while its removal waits in a journal may be made again.
                self._retiring |= {self._files.names.of(f) for f in removed}
                self._retiring -= {self._files.names.of(f) for f in files}
                self._persist(changed, generations, journal=set(files))
                self._step("journal-written")
                self._apply_journal(files, replaying=False)
        except OSError as exc:
            if not committed:
                self._rollback(changed)
                raise StoreWriteFailed(current, exc.strerror or str(exc)) from exc
            # The journal is durable, so the change is saved; applying it is retried later.
            log.warning("Saved in the journal; the table files are updated later: %s", exc)
        except BaseException:
            if not committed:
                self._rollback(changed)
            raise

    def _persist(self, changed: list[str], generations: dict[str, int], journal: set[str]) -> None:
        for name in changed:
            if name in self._data:
                self._persisted[name] = self._data[name]
            else:
                self._persisted.pop(name, None)
                self._files.forget_json(name)
        self._generations = generations
        self._journal_files = journal

    def _write_catalogue(self) -> None:
        """Bring the catalogue up to date after a one-file save; a failure is retried later."""
        try:
            # The file is durable; the catalogue's contents are synced, but its new name is
            # flushed with the next save's file (or on close), which saves a disk flush per
            # save. Until then a power cut may leave the catalogue behind, never ahead: only
            # a file newer than the catalogue, which is accepted.
            self._put_catalogue(flush_folder=False)
        except OSError as exc:
            # The file itself is saved; the catalogue may lag it (a newer file is accepted).
            self._catalogue_behind = True
            log.warning("Saved, but the catalogue is brought up to date later: %s", exc)

    def _put_catalogue(self, *, flush_folder: bool = True) -> None:
        data = self._files.seal_catalogue(self._generations)
        write_durably(
            self.folder, CATALOGUE_FILE, data, keep_previous=False, hook=self.fault_hook,
            flush_folder=flush_folder,
        )
        self._catalogue_behind = False
        self._unflushed = not flush_folder

    def _apply_journal(self, files: list[str], *, replaying: bool) -> None:
        for index, key in enumerate(files):
            if index:
                self._step("between-tables")
            name = self._files.names.of(key)
            if replaying:
                try:
                    on_disk = self._files.open_bytes((self.folder / name).read_bytes(), name)
                    if on_disk.generation == self._generations[key]:
                        continue  # applied before the interruption
                except FileNotFoundError:
                    pass
                except (OSError, EnvelopeError):
                    move_aside(self.folder, name)  # never overwrite a damaged file
            write_durably(self.folder, name, self._seal(key), hook=self.fault_hook)
        for name in sorted(self._retiring):
            self._step("removing-file")
            # The copy goes first: a lone .prev would look like a file the store lacks.
            with contextlib.suppress(FileNotFoundError):
                (self.folder / (name + PREVIOUS_SUFFIX)).unlink()
            with contextlib.suppress(FileNotFoundError):
                (self.folder / name).unlink()
        self._put_catalogue()
        remove_durably(self.folder, JOURNAL_FILE)
        self._journal_files = set()
        self._retiring = set()

    def finish(self) -> None:
        """Apply a journal or catalogue left pending by an earlier failure (called on close)."""
        if self.read_only or self._closed:
            return
        try:
            if self._journal_files or self._retiring:
                self._apply_journal(sorted(self._journal_files), replaying=True)
            elif self._catalogue_behind:
                self._put_catalogue()
            elif self._unflushed:
                fsync_folder(self.folder)
                self._unflushed = False
        except OSError as exc:
            log.warning("Could not finish an earlier save; it is finished on open: %s", exc)

    # --- verification -------------------------------------------------------------------

    def verify(self) -> tuple[dict[str, int], list[Damage]]:
        """Re-read and authenticate every file and copy now: (documents per table, damage)."""
        if self._depth:
            raise StoreError("Cannot verify in the middle of a change.")
        # A read-only store may see newer files from a writer that ran since it opened; a
        # writable one holds the lock, so its files must be exactly what it last wrote.
        state = survey(
            self._files, expected=self._generations, newer_ok=self.read_only, copies=True
        )
        counts = {
            table: len(docs) for file in state.files.values() for table, docs in file.tables.items()
        }
        return counts, state.damages

    def remove_stale_temp_files(self) -> None:
        """Delete temp files left by an interrupted write (sealed, so nothing leaks).

        Only called with the folder's lock held, so no other writer is mid-write.
        """
        for entry in os.listdir(self.folder):
            if entry.startswith(".") and entry.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    (self.folder / entry).unlink()


def storage_factory(storage: EncryptedTableStorage) -> Callable[[], EncryptedTableStorage]:
    """Return the zero-argument factory TinyDB expects, handing over an already loaded storage."""
    return lambda: storage
