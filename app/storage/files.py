"""The sealed files of format 2: what a table file and the journal hold, padded to a bucket.

A table file holds every TinyDB table of one file group and shard (see ``layout``), as
``{"file": "<group>[@<shard>]", "generation": g, "tables": {"<table>": {...}, ...}}``. The
journal holds whole files the same way. Both are padded with spaces (JSON ignores them) to the
next multiple of ``PAD_BLOCK`` before sealing, so adding a record rarely changes a file's size.

The write count lives inside the sealed payload: the header's generation field, readable
without the key, is always 0 from format 2 on, because a count of writes to a shared file,
set against the check-ins a parent can see, would count the ones they cannot.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .crypto import PREVIOUS_SUFFIX, EnvelopeError, open_file, seal_file
from .errors import FormatTooNew, StoreDamaged
from .keys import FORMAT_VERSION
from .layout import TABLE_NAME, FileNames, file_key_of, is_table_file

TABLE_MAGIC = b"HWTB"
JOURNAL_MAGIC = b"HWJN"
JOURNAL_FILE = "journal.hwj"
#: 4 KiB: one filesystem block, so padding costs no extra disk reads; it hides the growth of
#: about a dozen check-ins.
PAD_BLOCK = 4096
HEADER_GENERATION = 0

RawTable = dict[str, Any]
RawTables = dict[str, RawTable]


@dataclass(frozen=True)
class TableFile:
    """The authenticated contents of one table file (or of one file inside the journal)."""

    key: str  # the file group name, e.g. "voice@2026-11"
    generation: int
    tables: RawTables


def encode_json(obj: Any) -> bytes:
    """Compact UTF-8 JSON, as every sealed payload is written."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def pad(payload: bytes) -> bytes:
    """Pad with spaces to the next multiple of ``PAD_BLOCK`` (JSON parsers skip them)."""
    return payload + b" " * (-len(payload) % PAD_BLOCK)


def check_table(obj: Any) -> RawTable:
    """Return ``obj`` if it is a TinyDB table (an object of documents); ValueError if not."""
    if not isinstance(obj, dict) or not all(isinstance(d, dict) for d in obj.values()):
        raise ValueError("table is not an object of documents")
    return obj


def _check_file(file_key: Any, generation: Any, tables: Any) -> TableFile:
    if not isinstance(file_key, str) or not TABLE_NAME.match(file_key):
        raise ValueError("no file group name")
    if not isinstance(generation, int) or isinstance(generation, bool) or generation < 1:
        raise ValueError("bad generation")
    if not isinstance(tables, dict):
        raise ValueError("tables are not an object")
    for table, docs in tables.items():
        # A table only ever lives in its own group's file; anything else is not our writing.
        if not TABLE_NAME.match(table) or file_key_of(table) != file_key:
            raise ValueError("holds a table that belongs in another file")
        check_table(docs)
    return TableFile(file_key, generation, tables)


class SealedFiles:
    """Seals, names and opens the format-2 files of one household folder."""

    def __init__(self, folder: Path, data_key: bytes) -> None:
        """Work on ``folder`` with the household data key."""
        self.folder = folder
        self.names = FileNames(data_key)
        self._key = data_key

    def disk_names(self) -> list[str]:
        """Return the names of the table files in the folder, sorted."""
        return sorted(entry for entry in os.listdir(self.folder) if is_table_file(entry))

    # --- table files --------------------------------------------------------------------

    def seal(self, file_key: str, generation: int, tables: Mapping[str, RawTable]) -> bytes:
        """Return the sealed bytes of the file holding ``tables`` of group ``file_key``."""
        body = {"file": file_key, "generation": generation, "tables": tables}
        return seal_file(
            self._key,
            TABLE_MAGIC,
            FORMAT_VERSION,
            HEADER_GENERATION,
            self.names.of(file_key),
            pad(encode_json(body)),
        )

    def open_bytes(self, data: bytes, file_name: str) -> TableFile:
        """Authenticate and parse a table file's bytes sealed as ``file_name``.

        Raises:
            EnvelopeError: it fails to authenticate, is malformed, from an older format, or
                its contents belong under another name.
            FormatTooNew: it was written by a newer format.
        """
        envelope = open_file(self._key, data, TABLE_MAGIC, file_name)
        self._check_version(envelope.version, file_name)
        try:
            body = json.loads(envelope.plaintext)
            found = _check_file(body["file"], body["generation"], body["tables"])
        except (ValueError, KeyError, TypeError) as exc:
            raise EnvelopeError(f"unreadable contents: {exc}") from exc
        if self.names.of(found.key) != file_name:
            raise EnvelopeError("its name does not match its contents")
        return found

    def read(self, file_name: str) -> TableFile:
        """Read one table file; StoreDamaged names it (and says if ``.prev`` is good)."""
        try:
            return self.open_bytes((self.folder / file_name).read_bytes(), file_name)
        except (OSError, EnvelopeError) as exc:
            raise StoreDamaged(file_name, self.previous_good(file_name), str(exc)) from exc

    def previous_good(self, file_name: str) -> bool:
        """True if ``<file_name>.prev`` exists and authenticates as that file."""
        try:
            data = (self.folder / (file_name + PREVIOUS_SUFFIX)).read_bytes()
            self.open_bytes(data, file_name)
        except (OSError, EnvelopeError, FormatTooNew):
            return False
        return True

    # --- the journal --------------------------------------------------------------------

    def seal_journal(self, files: Mapping[str, tuple[int, Mapping[str, RawTable]]]) -> bytes:
        """Return the sealed journal holding whole files: {file key: (generation, tables)}."""
        entries = {key: {"generation": g, "tables": t} for key, (g, t) in files.items()}
        body = {"files": entries}
        return seal_file(
            self._key,
            JOURNAL_MAGIC,
            FORMAT_VERSION,
            HEADER_GENERATION,
            JOURNAL_FILE,
            pad(encode_json(body)),
        )

    def read_journal(self) -> dict[str, TableFile] | None:
        """Return the journal's files by key, None if there is none; EnvelopeError if torn."""
        try:
            data = (self.folder / JOURNAL_FILE).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise EnvelopeError(f"unreadable: {exc}") from exc
        envelope = open_file(self._key, data, JOURNAL_MAGIC, JOURNAL_FILE)
        if envelope.version != FORMAT_VERSION:
            # A journal of another format was never committed by this format's code.
            raise EnvelopeError(f"journal format {envelope.version}")
        try:
            files = json.loads(envelope.plaintext)["files"]
            found = [_check_file(k, e["generation"], e["tables"]) for k, e in files.items()]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EnvelopeError(f"unreadable journal contents: {exc}") from exc
        return {entry.key: entry for entry in found}

    @staticmethod
    def _check_version(version: int, file_name: str) -> None:
        if version > FORMAT_VERSION:
            raise FormatTooNew(version, FORMAT_VERSION, file_name)
        if version < FORMAT_VERSION:
            raise EnvelopeError(f"format {version} in a format {FORMAT_VERSION} store")
