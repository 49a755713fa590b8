"""Upgrading a household folder from format 1 to format 2.

Format 1 kept one sealed file per TinyDB table, named after it (``safety_alerts@2026-11.tbl``),
so anyone who could list the folder saw an alert file appear. Format 2 gathers tables into
files named by a keyed hash (see ``layout`` and ``files``). The step runs with the store
closed, before the key file's version is bumped, and may be cut off at any point and run
again:

1. read everything: format-2 files an interrupted run already wrote, then every format-1 table
   file over them, then an authentic format-1 journal over those (it is the committed state);
2. write every format-2 file durably, each with a ``.prev`` copy of the same state;
3. only then set aside or delete the format-1 files (damaged copies are renamed to the hashed
   name, never deleted), flush the folder, and delete the format-1 journal last.

Re-reading is always right: until step 3 the format-1 files hold the whole state; during it,
a table whose format-1 file is gone is in a format-2 file, and one still there holds the same
state as its format-2 copy, or an older one that the journal, deleted last, brings up to date.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

from .crypto import (
    PREVIOUS_SUFFIX,
    EnvelopeError,
    FaultHook,
    fsync_folder,
    open_file,
    remove_durably,
    write_durably,
)
from .errors import StoreDamaged
from .files import JOURNAL_FILE, JOURNAL_MAGIC, TABLE_MAGIC, RawTable, RawTables, SealedFiles
from .files import check_table as _check_table
from .layout import TABLE_NAME, TABLE_SUFFIX, file_key_of, is_table_file

FROM_VERSION = 1
TO_VERSION = 2
#: Any entry of a format-1 folder whose name holds a table name: the table file itself, its
#: ``.prev``, a copy set aside as ``.damaged-<n>``, or ``.<file>.<hex>.tmp`` of a cut-off write.
_V1_ENTRY = re.compile(
    r"^(?P<dot>\.)?(?P<table>[a-z][a-z0-9_]{0,63}(?:@[0-9A-Za-z][0-9A-Za-z_-]{0,31})?)"
    + re.escape(TABLE_SUFFIX)
    + r"(?P<rest>.*)$"
)
_DAMAGED = re.compile(r"^\.damaged-[0-9]+$")


def _v1_entry(entry: str) -> tuple[str, str] | None:
    """Return (kind, table) for a format-1 entry: kind is table, prev, damaged or temp."""
    found = _V1_ENTRY.match(entry)
    # A format-2 name (32 hex digits) can look like a table name; it is never format 1.
    if found is None or is_table_file(found["table"] + TABLE_SUFFIX):
        return None
    table, rest = found["table"], found["rest"]
    if found["dot"]:
        return ("temp", table) if rest.endswith(".tmp") else None
    if rest == "":
        return "table", table
    if rest == PREVIOUS_SUFFIX:
        return "prev", table
    return ("damaged", table) if _DAMAGED.match(rest) else None


def _open_v1_table(key: bytes, data: bytes, table: str) -> RawTable:
    name = table + TABLE_SUFFIX
    envelope = open_file(key, data, TABLE_MAGIC, name)
    if envelope.version != FROM_VERSION:
        raise EnvelopeError(f"format {envelope.version} where format {FROM_VERSION} was expected")
    try:
        return _check_table(json.loads(envelope.plaintext))
    except ValueError as exc:
        raise EnvelopeError(f"unreadable contents: {exc}") from exc


def _v1_previous_good(folder: Path, key: bytes, table: str) -> bool:
    try:
        data = (folder / (table + TABLE_SUFFIX + PREVIOUS_SUFFIX)).read_bytes()
        _open_v1_table(key, data, table)
    except (OSError, EnvelopeError):
        return False
    return True


def _read_v1_journal(folder: Path, key: bytes) -> RawTables | None:
    """Return the tables of an authentic format-1 journal, None if there is none."""
    try:
        data = (folder / JOURNAL_FILE).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        # Going on without it would lose a committed save: stop with nothing changed.
        raise StoreDamaged(JOURNAL_FILE, False, f"unreadable: {exc}") from exc
    try:
        envelope = open_file(key, data, JOURNAL_MAGIC, JOURNAL_FILE)
        if envelope.version != FROM_VERSION:
            return None
        entries = json.loads(envelope.plaintext)["tables"]
        return {
            name: _check_table(entry["documents"])
            for name, entry in entries.items()
            if TABLE_NAME.match(name)
        }
    except (EnvelopeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # Format 1 also put its journal in place whole (temp file, then rename), so one at its
        # final name was committed: unreadable, it is damage, never an unfinished write.
        raise StoreDamaged(JOURNAL_FILE, False, f"a saved change is unreadable: {exc}") from exc


def _set_aside(folder: Path, entry: str, base: str) -> None:
    """Rename a damaged format-1 file to ``<base>.damaged-<n>``, never replacing one."""
    source = folder / entry
    for attempt in range(1, 10_000):
        target = folder / f"{base}.damaged-{attempt}"
        try:
            os.link(source, target)
        except FileExistsError:
            if os.path.samefile(source, target):  # linked by an interrupted earlier run
                break
            continue
        break
    source.unlink()


def migrate_1_to_2(folder: Path, data_key: bytes, *, hook: FaultHook | None = None) -> None:
    """Upgrade the files of a closed format-1 store in ``folder`` to format 2.

    Safe to run again after an interruption at any point, and a no-op on a folder holding no
    format-1 files. ``hook`` is called at each step (tests use it to inject crashes).

    Raises:
        StoreDamaged: a file needed for the upgrade is damaged; nothing was changed.
    """
    folder = Path(folder)
    files = SealedFiles(folder, data_key, version=TO_VERSION)
    v1: list[tuple[str, str, str]] = []  # (entry, kind, table)
    for entry in sorted(os.listdir(folder)):
        parsed = _v1_entry(entry)
        if parsed is not None:
            v1.append((entry, *parsed))
    journal = _read_v1_journal(folder, data_key)
    if not v1 and journal is None:
        return

    tables: RawTables = {}
    for name in files.disk_names():  # written by an interrupted earlier run
        tables.update(files.read(name).tables)
    superseded: list[str] = []
    for entry, kind, table in v1:
        if kind != "table":
            continue
        try:
            tables[table] = _open_v1_table(data_key, (folder / entry).read_bytes(), table)
        except (OSError, EnvelopeError) as exc:
            if journal is not None and table in journal:
                superseded.append(entry)  # the journal holds its newer state anyway
                continue
            raise StoreDamaged(entry, _v1_previous_good(folder, data_key, table), str(exc)) from exc
    tables.update(journal or {})

    by_file: dict[str, RawTables] = {}
    for table in sorted(tables):
        by_file.setdefault(file_key_of(table), {})[table] = tables[table]
    for file_key, contents in sorted(by_file.items()):
        name = files.names.of(file_key)
        data = files.seal(file_key, 1, contents)
        write_durably(folder, name, data, keep_previous=False, hook=hook)
        # Format-1 .prev files hold single tables and cannot stand in for a format-2 file, so
        # the .prev starts as a copy of the upgraded state, to put back if it is damaged.
        write_durably(folder, name + PREVIOUS_SUFFIX, data, keep_previous=False, hook=hook)

    # Table files go last among the format-1 files, and are flushed before the journal goes.
    order = {"temp": 0, "prev": 1, "damaged": 2, "table": 3}
    for entry, kind, table in sorted(v1, key=lambda item: (order[item[1]], item[0])):
        if hook is not None:
            hook("format-1-file-removed")
        if kind == "damaged" or entry in superseded:
            _set_aside(folder, entry, files.names.of_table(table))
        else:
            with contextlib.suppress(FileNotFoundError):
                (folder / entry).unlink()
    fsync_folder(folder)
    if journal is not None:
        if hook is not None:
            hook("format-1-journal-removed")
        remove_durably(folder, JOURNAL_FILE)
