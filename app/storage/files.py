"""The sealed files of a household folder: table files, the catalogue and the journal.

A table file holds every TinyDB table of one file group and shard (see ``layout``), as
``{"file": "<group>[@<shard>]", "generation": g, "tables": {"<table>": {...}, ...}}``. The
catalogue lists every table file the store holds with its generation, so a file deleted,
rolled back or added while the store is closed shows. The journal holds whole files and the
catalogue they make. All are padded with spaces (JSON ignores them) to the next multiple of
``PAD_BLOCK`` before sealing, so adding a record rarely changes a file's size.

The write count lives inside the sealed payload: the header's generation field, readable
without the key, is always 0 from format 2 on, because a count of writes to a shared file,
set against the check-ins a parent can see, would count the ones they cannot.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .crypto import PREVIOUS_SUFFIX, EnvelopeError, open_file, seal_file
from .errors import FormatTooNew, InvalidText, StoreDamaged
from .keys import FORMAT_VERSION, READS_AS_IS
from .layout import TABLE_NAME, FileNames, file_key_of, is_table_file

TABLE_MAGIC = b"HWTB"
JOURNAL_MAGIC = b"HWJN"
CATALOGUE_MAGIC = b"HWCT"
JOURNAL_FILE = "journal.hwj"
CATALOGUE_FILE = "catalogue.hwc"
#: 4 KiB: one filesystem block, so padding costs no extra disk reads; it hides the growth of
#: about a dozen check-ins.
PAD_BLOCK = 4096
HEADER_GENERATION = 0

RawTable = dict[str, Any]
RawTables = dict[str, RawTable]
#: Per table: {document id: (the document object, its ``"id":{...}`` JSON)}.
EncodedTable = dict[str, tuple[Any, bytes]]


@dataclass(frozen=True)
class TableFile:
    """The authenticated contents of one table file (or of one file inside the journal)."""

    key: str  # the file group name, e.g. "voice@2026-11"
    generation: int
    tables: RawTables
    version: int = FORMAT_VERSION  # the format in its authenticated header


@dataclass(frozen=True)
class Catalogue:
    """The authenticated catalogue: every table file's key and generation."""

    files: dict[str, int]
    #: Only in a re-key's staged catalogue: the old file names to delete once it is in place.
    retire: tuple[str, ...] = ()


@dataclass(frozen=True)
class Journal:
    """An authenticated journal: whole files, and the catalogue once they are written."""

    files: dict[str, TableFile]
    catalogue: dict[str, int] | None  # None only in a format-2 journal
    version: int = FORMAT_VERSION


def encode_json(obj: Any) -> bytes:
    """Compact UTF-8 JSON, as every sealed payload is written.

    Raises:
        InvalidText: a string holds a lone surrogate, which UTF-8 cannot encode.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidText(exc.object[exc.start : exc.end]) from None


def pad(payload: bytes) -> bytes:
    """Pad with spaces to the next multiple of ``PAD_BLOCK`` (JSON parsers skip them)."""
    return payload + b" " * (-len(payload) % PAD_BLOCK)


def check_table(obj: Any) -> RawTable:
    """Return ``obj`` if it is a TinyDB table (an object of documents); ValueError if not."""
    if not isinstance(obj, dict) or not all(isinstance(d, dict) for d in obj.values()):
        raise ValueError("table is not an object of documents")
    return obj


def _check_generation(generation: Any) -> int:
    if not isinstance(generation, int) or isinstance(generation, bool) or generation < 1:
        raise ValueError("bad generation")
    return generation


def _check_file_key(file_key: Any) -> str:
    if not isinstance(file_key, str) or not TABLE_NAME.match(file_key):
        raise ValueError("no file group name")
    return file_key


def _check_file(file_key: Any, generation: Any, tables: Any, version: int) -> TableFile:
    _check_file_key(file_key)
    if not isinstance(tables, dict):
        raise ValueError("tables are not an object")
    for table, docs in tables.items():
        # A table only ever lives in its own group's file; anything else is not our writing.
        if not TABLE_NAME.match(table) or file_key_of(table) != file_key:
            raise ValueError("holds a table that belongs in another file")
        check_table(docs)
    return TableFile(file_key, _check_generation(generation), tables, version)


def _check_listing(listing: Any) -> dict[str, int]:
    if not isinstance(listing, dict):
        raise ValueError("the list of files is not an object")
    return {_check_file_key(k): _check_generation(g) for k, g in listing.items()}


class SealedFiles:
    """Seals, names and opens the sealed files of one household folder."""

    def __init__(
        self,
        folder: Path,
        data_key: bytes,
        *,
        version: int = FORMAT_VERSION,
        readable: Collection[int] = (),
    ) -> None:
        """Work on ``folder`` with the data key, writing format ``version``.

        Files are read if they are of format ``version`` or one of ``readable`` (migrations).
        """
        self.folder = folder
        self.names = FileNames(data_key)
        self._key = data_key
        self._version = version
        as_is = READS_AS_IS if version == FORMAT_VERSION else ()
        self._readable = frozenset({version, *readable, *as_is})
        self._encoded: dict[str, EncodedTable] = {}

    def forget(self) -> None:
        """Drop the data key, the file names and the documents' JSON (the store is closing)."""
        self._key = b""
        self.names.forget()
        self._encoded = {}

    def forget_json(self, table: str) -> None:
        """Encode ``table`` afresh next time: its documents may have been changed in place."""
        self._encoded.pop(table, None)

    def _table_json(self, table: str, docs: RawTable) -> bytes:
        # Encoding a month's file is most of a save's work, yet a save changes a document or
        # two: documents are replaced whole, never changed in place (``tables``; TinyDB's own
        # ``update`` calls ``forget_json``), so one that is the same object as when this table
        # was last sealed has the same JSON.
        before = self._encoded.get(table, {})
        now: EncodedTable = {}
        parts: list[bytes] = []
        for doc_id, doc in docs.items():
            known = before.get(doc_id)
            if known is None or known[0] is not doc:
                known = (doc, encode_json(doc_id) + b":" + encode_json(doc))
            now[doc_id] = known
            parts.append(known[1])
        self._encoded[table] = now
        return b"{" + b",".join(parts) + b"}"

    def _tables_json(self, tables: Mapping[str, RawTable]) -> bytes:
        parts = (encode_json(t) + b":" + self._table_json(t, docs) for t, docs in tables.items())
        return b"{" + b",".join(parts) + b"}"

    def _file_json(self, file_key: str, generation: int, tables: Mapping[str, RawTable]) -> bytes:
        # Byte for byte what ``encode_json`` makes of {"file", "generation", "tables"}.
        head = b'{"file":' + encode_json(file_key) + b',"generation":' + encode_json(generation)
        return head + b',"tables":' + self._tables_json(tables) + b"}"

    def disk_names(self, folder: Path | None = None) -> list[str]:
        """Return the names of the table files in the folder, sorted."""
        entries = os.listdir(folder or self.folder)
        return sorted(entry for entry in entries if is_table_file(entry))

    def _seal(self, magic: bytes, name: str, body: Any) -> bytes:
        return self._seal_json(magic, name, encode_json(body))

    def _seal_json(self, magic: bytes, name: str, payload: bytes) -> bytes:
        return seal_file(self._key, magic, self._version, HEADER_GENERATION, name, pad(payload))

    def _open(self, data: bytes, magic: bytes, name: str) -> tuple[Any, int]:
        envelope = open_file(self._key, data, magic, name)
        if envelope.version > FORMAT_VERSION:
            raise FormatTooNew(envelope.version, FORMAT_VERSION, name)
        if envelope.version not in self._readable:
            raise EnvelopeError(f"format {envelope.version} in a format {self._version} store")
        try:
            return json.loads(envelope.plaintext), envelope.version
        except ValueError as exc:
            raise EnvelopeError(f"unreadable contents: {exc}") from exc

    # --- table files --------------------------------------------------------------------

    def seal(self, file_key: str, generation: int, tables: Mapping[str, RawTable]) -> bytes:
        """Return the sealed bytes of the file holding ``tables`` of group ``file_key``."""
        payload = self._file_json(file_key, generation, tables)
        return self._seal_json(TABLE_MAGIC, self.names.of(file_key), payload)

    def open_bytes(self, data: bytes, file_name: str) -> TableFile:
        """Authenticate and parse a table file's bytes sealed as ``file_name``.

        Raises:
            EnvelopeError: it fails to authenticate, is malformed, of a format this store does
                not read, or its contents belong under another name.
            FormatTooNew: it was written by a newer format.
        """
        body, version = self._open(data, TABLE_MAGIC, file_name)
        try:
            found = _check_file(body["file"], body["generation"], body["tables"], version)
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

    # --- the catalogue ------------------------------------------------------------------

    def seal_catalogue(
        self, generations: Mapping[str, int], *, retire: Sequence[str] = ()
    ) -> bytes:
        """Return the sealed catalogue listing these files (and, staged, names to retire)."""
        body: dict[str, Any] = {"files": dict(sorted(generations.items()))}
        if retire:
            body["retire"] = sorted(retire)
        return self._seal(CATALOGUE_MAGIC, CATALOGUE_FILE, body)

    def read_catalogue(self, folder: Path | None = None) -> Catalogue | None:
        """Return the catalogue, None if there is none; EnvelopeError if it is damaged."""
        try:
            data = ((folder or self.folder) / CATALOGUE_FILE).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise EnvelopeError(f"unreadable: {exc}") from exc
        body, _version = self._open(data, CATALOGUE_MAGIC, CATALOGUE_FILE)
        try:
            retire = body.get("retire", [])
            if not isinstance(retire, list) or not all(is_table_file(n) for n in retire):
                raise ValueError("bad list of files to retire")
            return Catalogue(_check_listing(body["files"]), tuple(retire))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EnvelopeError(f"unreadable catalogue: {exc}") from exc

    # --- the journal --------------------------------------------------------------------

    def seal_journal(
        self,
        files: Mapping[str, tuple[int, Mapping[str, RawTable]]],
        catalogue: Mapping[str, int],
    ) -> bytes:
        """Return the sealed journal: whole files {key: (generation, tables)} and the catalogue."""
        entries = (
            encode_json(key) + b':{"generation":' + encode_json(g) + b',"tables":'
            + self._tables_json(t) + b"}"
            for key, (g, t) in files.items()
        )
        listing = encode_json(dict(sorted(catalogue.items())))
        payload = b'{"files":{' + b",".join(entries) + b'},"catalogue":' + listing + b"}"
        return self._seal_json(JOURNAL_MAGIC, JOURNAL_FILE, payload)

    def read_journal(self) -> Journal | None:
        """Return the journal, None if there is none; EnvelopeError if it is damaged.

        A journal is only ever put in place whole (temp file, then rename), so one at its
        final name was committed: failing to read it is damage, never an unfinished write.
        """
        try:
            data = (self.folder / JOURNAL_FILE).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise EnvelopeError(f"unreadable: {exc}") from exc
        body, version = self._open(data, JOURNAL_MAGIC, JOURNAL_FILE)
        try:
            found = [
                _check_file(k, e["generation"], e["tables"], version)
                for k, e in body["files"].items()
            ]
            catalogue = body.get("catalogue")
            listing = None if catalogue is None else _check_listing(catalogue)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EnvelopeError(f"unreadable journal contents: {exc}") from exc
        files = {entry.key: entry for entry in found}
        if listing is None and version >= 3:
            raise EnvelopeError("the journal lists no catalogue")
        if listing is not None and any(listing.get(k) != f.generation for k, f in files.items()):
            raise EnvelopeError("the journal's files and catalogue disagree")
        return Journal(files, listing, version)
