"""TinyDB storage that keeps decrypted tables in memory and seals them file by file.

TinyDB hands ``write()`` the whole database on every change, but gives a changed table a new
dict object while unchanged tables keep theirs. ``write()`` compares each table with the object
it last persisted (its own map: TinyDB mutates the top-level dict we return) and reseals only
the files holding a changed table (a file holds every table of one group and shard, see
``layout``). One changed file is replaced atomically on its own; several are first written
together into one sealed journal, which is the commit point, then applied and removed.

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

from tinydb import Storage, TinyDB
from tinydb.table import Table

from .crypto import EnvelopeError, FaultHook, move_aside, remove_durably, write_durably
from .errors import ReadOnlyStore, StoreDamaged, StoreError, StoreWriteFailed
from .files import JOURNAL_FILE, RawTables, SealedFiles, TableFile
from .layout import file_key_of

log = logging.getLogger(__name__)


class HouseholdTable(Table):
    """A TinyDB table that replaces a document whole instead of updating it in place."""

    def replace(self, doc_id: int, document: dict[str, Any]) -> None:
        """Put ``document`` at ``doc_id``, keeping its position in the table."""

        def updater(table: dict[int, Mapping[str, Any]]) -> None:
            table[doc_id] = document

        self._update_table(updater)


class HouseholdDB(TinyDB):
    """TinyDB whose tables are ``HouseholdTable``s."""

    table_class = HouseholdTable


class EncryptedTableStorage(Storage):
    """TinyDB ``Storage``: reads from memory, seals each changed file of tables."""

    def __init__(self, folder: Path, key: bytes, *, read_only: bool) -> None:
        self.folder = folder
        self.read_only = read_only
        #: Test hook called with a step name at each point of a write (fault injection).
        self.fault_hook: FaultHook | None = None
        self._files = SealedFiles(folder, key)
        self._data: RawTables = {}
        self._persisted: RawTables = {}
        self._generations: dict[str, int] = {}  # file key -> generation last written
        self._journal_files: set[str] = set()  # files whose latest state is only in the journal
        self._depth = 0

    # --- TinyDB interface ---------------------------------------------------------------

    def read(self) -> RawTables:
        """Return the live in-memory tables (TinyDB replaces the ones it changes)."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Persist the tables that changed, unless inside a transaction."""
        self._data = data
        if self._depth == 0:
            self._commit()

    # --- loading ------------------------------------------------------------------------

    def table_names(self) -> list[str]:
        """Return the names of all tables held in memory."""
        return list(self._data)

    def file_name_of(self, table: str) -> str:
        """Return the (keyed-hash) name of the file holding a table."""
        return self._files.names.of_table(table)

    def previous_good(self, file_name: str) -> bool:
        """True if ``<file_name>.prev`` exists and authenticates as that file."""
        return self._files.previous_good(file_name)

    def load(self) -> None:
        """Read every table file into memory, then replay a committed journal if one is there."""
        torn = False
        try:
            journal = self._files.read_journal() or {}
        except EnvelopeError as exc:
            # Only a complete, authentic journal was ever committed: anything else is an
            # unfinished write, ignored here and set aside below once the tables have opened.
            log.warning("Discarding an unfinished journal: %s", exc)
            journal, torn = {}, True
        pending = {self._files.names.of(key) for key in journal}
        found = [self._files.read(n) for n in self._files.disk_names() if n not in pending]
        tables: RawTables = {}
        for file in [*found, *journal.values()]:
            self._generations[file.key] = file.generation
            tables.update(file.tables)
        self._data = dict(sorted(tables.items()))
        self._persisted = dict(self._data)
        self._journal_files = set(journal)
        if self.read_only:
            return
        if torn:
            move_aside(self.folder, JOURNAL_FILE, "discarded")  # kept for support, not deleted
        if journal:
            try:
                self._apply_journal(sorted(journal), replaying=True)
            except OSError as exc:
                log.warning("Could not finish an earlier save yet; will retry: %s", exc)

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
                self._rollback([n for n, t in self._data.items() if before.get(n) is not t])
            raise
        self._depth -= 1
        if self._depth == 0:
            self._commit()

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
        return {t: docs for t, docs in self._data.items() if file_key_of(t) == file_key}

    def _seal(self, file_key: str) -> bytes:
        return self._files.seal(
            file_key, self._generations[file_key], self._tables_of(file_key)
        )

    def _commit(self) -> None:
        changed = [n for n, t in self._data.items() if self._persisted.get(n) is not t]
        if not changed:
            return
        if self.read_only:
            self._rollback(changed)
            raise ReadOnlyStore()
        # A change to any table of a file rewrites the whole file. Files still waiting in an
        # earlier journal ride along in the new one, so a replay of the older journal can never
        # bring back stale contents over a newer file.
        changed_files = sorted({file_key_of(n) for n in changed})
        waiting = sorted(self._journal_files - set(changed_files))
        generations = {f: self._generations.get(f, 0) + 1 for f in changed_files}
        generations.update({f: self._generations[f] for f in waiting})
        files = changed_files + waiting
        committed = False
        current = self._files.names.of(files[0])
        try:
            # With a journal still pending, even a one-file change goes through a new
            # journal: writing the file directly would let the old journal's replay undo it.
            if len(files) == 1 and not self._journal_files:
                key = files[0]
                data = self._files.seal(key, generations[key], self._tables_of(key))
                write_durably(self.folder, current, data, hook=self.fault_hook)
                committed = True
            else:
                current = JOURNAL_FILE
                data = self._files.seal_journal(
                    {f: (generations[f], self._tables_of(f)) for f in files}
                )
                write_durably(
                    self.folder, JOURNAL_FILE, data, keep_previous=False, hook=self.fault_hook
                )
                committed = True
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
        finally:
            if committed and current != JOURNAL_FILE:
                self._persist(changed, generations, journal=set())

    def _persist(self, changed: list[str], generations: dict[str, int], journal: set[str]) -> None:
        for name in changed:
            self._persisted[name] = self._data[name]
        self._generations.update(generations)
        self._journal_files = journal

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
        remove_durably(self.folder, JOURNAL_FILE)
        self._journal_files = set()

    def finish(self) -> None:
        """Apply a journal left pending by an earlier failure (called on close)."""
        if self._journal_files and not self.read_only:
            try:
                self._apply_journal(sorted(self._journal_files), replaying=True)
            except OSError as exc:
                log.warning(
                    "Could not finish applying the journal; it is replayed on open: %s", exc
                )

    # --- verification -------------------------------------------------------------------

    def verify(self) -> dict[str, int]:
        """Re-read and authenticate every table file now; return documents per table."""
        if self._depth:
            raise StoreError("Cannot verify in the middle of a change.")
        counts: dict[str, int] = {}
        pending: set[str] = set()
        if self._journal_files:
            try:
                journal = self._files.read_journal()
            except EnvelopeError as exc:
                raise StoreDamaged(JOURNAL_FILE, False, str(exc)) from exc
            if journal is None:
                raise StoreDamaged(JOURNAL_FILE, False, "the pending journal is missing")
            pending = {self._files.names.of(key) for key in journal}
            for file in journal.values():
                self._count(file, counts)
        known = {self._files.names.of(key) for key in self._generations}
        for name in sorted(set(self._files.disk_names()) | known):
            if name in pending:
                continue
            if not (self.folder / name).exists():
                raise StoreDamaged(name, self.previous_good(name), "the file is missing")
            file = self._files.read(name)
            expected = self._generations.get(file.key)
            if file.generation != expected:
                raise StoreDamaged(
                    name,
                    self.previous_good(name),
                    f"generation {file.generation} on disk, {expected} expected",
                )
            self._count(file, counts)
        return counts

    @staticmethod
    def _count(file: TableFile, counts: dict[str, int]) -> None:
        for table, docs in file.tables.items():
            counts[table] = len(docs)

    def remove_stale_temp_files(self) -> None:
        """Delete temp files left by an interrupted write (sealed, so nothing leaks)."""
        for entry in os.listdir(self.folder):
            if entry.startswith(".") and entry.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    (self.folder / entry).unlink()


def storage_factory(storage: EncryptedTableStorage) -> Callable[[], EncryptedTableStorage]:
    """Return the zero-argument factory TinyDB expects, handing over an already loaded storage."""
    return lambda: storage
