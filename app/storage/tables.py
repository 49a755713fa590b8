"""TinyDB storage that keeps decrypted tables in memory and seals each table to its own file.

TinyDB hands ``write()`` the whole database on every change, but gives a changed table a new
dict object while unchanged tables keep theirs. ``write()`` compares each table with the object
it last persisted (its own map: TinyDB mutates the top-level dict we return) and seals only the
tables that changed. One changed table is replaced atomically on its own; several are first
written together into one sealed journal, which is the commit point, then applied and removed.

Rollback relies on one invariant: documents are never mutated in place (``HouseholdTable``
replaces a document whole), so the last persisted table objects are exact snapshots.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Storage, TinyDB
from tinydb.table import Table

from .crypto import (
    PREVIOUS_SUFFIX,
    EnvelopeError,
    FaultHook,
    move_aside,
    open_file,
    remove_durably,
    seal_file,
    write_durably,
)
from .errors import FormatTooNew, ReadOnlyStore, StoreDamaged, StoreError, StoreWriteFailed
from .keys import FORMAT_VERSION

log = logging.getLogger(__name__)

TABLE_SUFFIX = ".tbl"
TABLE_MAGIC = b"HWTB"
JOURNAL_FILE = "journal.hwj"
JOURNAL_MAGIC = b"HWJN"
TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}(@[0-9A-Za-z][0-9A-Za-z_-]{0,31})?$")

RawTable = dict[str, Any]
RawTables = dict[str, RawTable]


def table_file(table: str) -> str:
    """Return the file name that holds a table."""
    return table + TABLE_SUFFIX


def _encode(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _check_table(obj: Any) -> RawTable:
    if not isinstance(obj, dict) or not all(isinstance(d, dict) for d in obj.values()):
        raise ValueError("table is not an object of documents")
    return obj


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
    """TinyDB ``Storage``: reads from memory, seals each changed table to its own file."""

    def __init__(self, folder: Path, key: bytes, *, read_only: bool) -> None:
        self.folder = folder
        self.read_only = read_only
        #: Test hook called with a step name at each point of a write (fault injection).
        self.fault_hook: FaultHook | None = None
        self._key = key
        self._data: RawTables = {}
        self._persisted: RawTables = {}
        self._generations: dict[str, int] = {}
        self._journal_tables: set[str] = set()  # tables whose latest state is only in the journal
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

    def _disk_tables(self) -> list[str]:
        names = []
        for entry in os.listdir(self.folder):
            if entry.endswith(TABLE_SUFFIX) and TABLE_NAME.match(entry[: -len(TABLE_SUFFIX)]):
                names.append(entry[: -len(TABLE_SUFFIX)])
        return sorted(names)

    def _open_table_bytes(self, data: bytes, file_name: str) -> tuple[int, RawTable]:
        envelope = open_file(self._key, data, TABLE_MAGIC, file_name)
        if envelope.version > FORMAT_VERSION:
            raise FormatTooNew(envelope.version, FORMAT_VERSION, file_name)
        if envelope.version < FORMAT_VERSION:
            raise EnvelopeError(f"format {envelope.version} in a format {FORMAT_VERSION} store")
        try:
            return envelope.generation, _check_table(json.loads(envelope.plaintext))
        except ValueError as exc:
            raise EnvelopeError(f"unreadable contents: {exc}") from exc

    def previous_good(self, file_name: str) -> bool:
        """True if ``<file_name>.prev`` exists and authenticates as that file."""
        try:
            data = (self.folder / (file_name + PREVIOUS_SUFFIX)).read_bytes()
            self._open_table_bytes(data, file_name)
        except (OSError, EnvelopeError, FormatTooNew):
            return False
        return True

    def read_table_file(self, table: str) -> tuple[int, RawTable]:
        """Read, authenticate and parse one table file; StoreDamaged names it on any failure."""
        name = table_file(table)
        try:
            return self._open_table_bytes((self.folder / name).read_bytes(), name)
        except (OSError, EnvelopeError) as exc:
            raise StoreDamaged(name, self.previous_good(name), str(exc)) from exc

    def _read_journal(self) -> dict[str, tuple[int, RawTable]] | None:
        """Return the journal's tables, None if there is none; EnvelopeError if it is torn."""
        try:
            data = (self.folder / JOURNAL_FILE).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise EnvelopeError(f"unreadable: {exc}") from exc
        envelope = open_file(self._key, data, JOURNAL_MAGIC, JOURNAL_FILE)
        if envelope.version != FORMAT_VERSION:
            raise EnvelopeError(f"journal format {envelope.version}")
        try:
            entries = json.loads(envelope.plaintext)["tables"]
            return {
                name: (int(entry["generation"]), _check_table(entry["documents"]))
                for name, entry in entries.items()
                if TABLE_NAME.match(name)
            }
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EnvelopeError(f"unreadable journal contents: {exc}") from exc

    def load(self) -> None:
        """Read every table file into memory, then replay a committed journal if one is there."""
        torn = False
        try:
            journal = self._read_journal() or {}
        except EnvelopeError as exc:
            # Only a complete, authentic journal was ever committed: anything else is an
            # unfinished write, ignored here and set aside below once the tables have opened.
            log.warning("Discarding an unfinished journal: %s", exc)
            journal, torn = {}, True
        for table in sorted(set(self._disk_tables()) | set(journal)):
            if table in journal:
                self._generations[table], self._data[table] = journal[table]
            else:
                self._generations[table], self._data[table] = self.read_table_file(table)
        self._persisted = dict(self._data)
        self._journal_tables = set(journal)
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

    def _seal_table(self, table: str, generation: int) -> bytes:
        name = table_file(table)
        return seal_file(
            self._key, TABLE_MAGIC, FORMAT_VERSION, generation, name, _encode(self._data[table])
        )

    def _commit(self) -> None:
        changed = [n for n, t in self._data.items() if self._persisted.get(n) is not t]
        if not changed:
            return
        if self.read_only:
            self._rollback(changed)
            raise ReadOnlyStore()
        # Tables still waiting in an earlier journal ride along in the new one, so a replay of
        # the older journal can never bring back stale contents over a newer file.
        waiting = sorted(self._journal_tables - set(changed))
        generations = {n: self._generations.get(n, 0) + 1 for n in changed}
        generations.update({n: self._generations[n] for n in waiting})
        tables = changed + waiting
        committed = False
        current = table_file(tables[0])
        try:
            # With a journal still pending, even a one-table change goes through a new
            # journal: writing the table directly would let the old journal's replay undo it.
            if len(tables) == 1 and not self._journal_tables:
                data = self._seal_table(tables[0], generations[tables[0]])
                write_durably(self.folder, current, data, hook=self.fault_hook)
                committed = True
            else:
                current = JOURNAL_FILE
                entries = {
                    n: {"generation": generations[n], "documents": self._data[n]} for n in tables
                }
                data = seal_file(
                    self._key,
                    JOURNAL_MAGIC,
                    FORMAT_VERSION,
                    max(generations.values()),
                    JOURNAL_FILE,
                    _encode({"tables": entries}),
                )
                write_durably(
                    self.folder, JOURNAL_FILE, data, keep_previous=False, hook=self.fault_hook
                )
                committed = True
                self._persist(changed, generations, journal=set(tables))
                self._step("journal-written")
                self._apply_journal(tables, replaying=False)
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
        self._journal_tables = journal

    def _apply_journal(self, tables: list[str], *, replaying: bool) -> None:
        for index, table in enumerate(tables):
            if index:
                self._step("between-tables")
            name = table_file(table)
            if replaying:
                try:
                    on_disk, _ = self._open_table_bytes((self.folder / name).read_bytes(), name)
                    if on_disk == self._generations[table]:
                        continue  # applied before the interruption
                except FileNotFoundError:
                    pass
                except (OSError, EnvelopeError):
                    move_aside(self.folder, name)  # never overwrite a damaged file
            data = self._seal_table(table, self._generations[table])
            write_durably(self.folder, name, data, hook=self.fault_hook)
        remove_durably(self.folder, JOURNAL_FILE)
        self._journal_tables = set()

    def finish(self) -> None:
        """Apply a journal left pending by an earlier failure (called on close)."""
        if self._journal_tables and not self.read_only:
            try:
                self._apply_journal(sorted(self._journal_tables), replaying=True)
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
        if self._journal_tables:
            try:
                journal = self._read_journal()
            except EnvelopeError as exc:
                raise StoreDamaged(JOURNAL_FILE, False, str(exc)) from exc
            if journal is None:
                raise StoreDamaged(JOURNAL_FILE, False, "the pending journal is missing")
            for table, (_, docs) in journal.items():
                counts[table] = len(docs)
        for table in sorted(set(self._disk_tables()) | set(self._generations)):
            if table in counts:
                continue
            name = table_file(table)
            if not (self.folder / name).exists():
                raise StoreDamaged(name, self.previous_good(name), "the file is missing")
            generation, docs = self.read_table_file(table)
            if generation != self._generations.get(table):
                raise StoreDamaged(
                    name,
                    self.previous_good(name),
                    f"generation {generation} on disk, {self._generations.get(table)} expected",
                )
            counts[table] = len(docs)
        return counts

    def remove_stale_temp_files(self) -> None:
        """Delete temp files left by an interrupted write (sealed, so nothing leaks)."""
        for entry in os.listdir(self.folder):
            if entry.startswith(".") and entry.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    (self.folder / entry).unlink()


def storage_factory(storage: EncryptedTableStorage) -> Callable[[], EncryptedTableStorage]:
    """Return the zero-argument factory TinyDB expects, handing over an already loaded storage."""
    return lambda: storage
