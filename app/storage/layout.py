"""Which file holds which table, and a file name that only the household key can read.

TinyDB sees one table per collection and shard (``checkins@2026-11``). On disk, tables are
gathered into files by **file group**: the collections a child uses to speak up (check-ins,
safety alerts, messages to their worker and what goes with them) share the group ``voice``,
so saving an alert changes exactly the files that saving a check-in changes. Every other
collection is its own group. A file holds every table of one group and shard, and is named by
a keyed hash of ``<group>`` or ``<group>@<shard>``, so listing the folder tells nothing about
what is inside (domain rule 7).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from types import MappingProxyType

from .crypto import derive_subkey
from .errors import InvalidTableName

TABLE_SUFFIX = ".tbl"
#: ``<collection>`` or ``<collection>@<shard>``. ``documents.table_name`` is stricter (no
#: leading ``_``, no ``-``); this is what any TinyDB table of the store may be called, so
#: TinyDB's own default table (``_default``) fits too.
TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,63}(@[0-9A-Za-z][0-9A-Za-z_-]{0,31})?$")

VOICE = "voice"
#: Collections whose writes must not be told apart from each other: a child's check-in that
#: raises an alert, or a sealed message to their worker, must look like any other check-in.
_SHARED: dict[str, str] = {
    collection: VOICE
    for collection in (
        "safety_alerts",
        "safety_alerts_seen",
        "worker_messages",
        "houses_for_worker",  # what a child keeps for the worker in their Three Houses
        "checkins",
        "checkin_notes",
        "safety_ratings",
        "carer_checkins",
    )
}
GROUPS: Mapping[str, str] = MappingProxyType(_SHARED)

#: Collections kept beside the records they are about (format 4): the table
#: ``<collection>@<place>``, where the place is a file key with its ``@`` written ``--``, lives
#: in that file (``sync_outbox@voice--2026-11`` in ``voice@2026-11``). So queueing a change for
#: sync writes only the file the change itself writes: one file, no journal. A shard that is
#: not a place (older outbox entries are kept by day, ``2026-11-30``) names a file of its own.
BESIDE = frozenset({"sync_outbox"})
PLACE_MARK = "--"
_PLACE = re.compile(r"^([a-z][a-z0-9_]*)(?:--([0-9A-Za-z][0-9A-Za-z_-]*))?$")
_SHARD_CHARS = 32

#: HKDF info of the key that names files; a new format that names files differently gets a new
#: string, so old and new names never collide.
NAME_KEY_INFO = b"homeward file names v2"
#: 32 hex characters = 128 bits of HMAC-SHA256: collisions between a household's few thousand
#: files are out of reach, and the name stays short enough for every filesystem.
NAME_HEX_CHARS = 32
FILE_NAME = re.compile(rf"^[0-9a-f]{{{NAME_HEX_CHARS}}}{re.escape(TABLE_SUFFIX)}$")


def group_of(collection: str) -> str:
    """Return the file group of a collection (itself, unless it is one of the shared ones)."""
    return GROUPS.get(collection, collection)


def file_key_of(table: str) -> str:
    """Return the file group name holding a TinyDB table: ``<group>`` or ``<group>@<shard>``."""
    collection, at, shard = table.partition("@")
    if collection in BESIDE:
        place = _PLACE.match(shard)
        if place is not None:
            group, rest = place.groups()
            return group if rest is None else f"{group}@{rest}"
    return f"{group_of(collection)}{at}{shard}"


def place_of(table: str) -> str | None:
    """Return the shard that puts a ``BESIDE`` collection's table in the file of ``table``.

    None if that file cannot be named so in a shard (too long): the caller keeps its own file.
    """
    place = file_key_of(table).replace("@", PLACE_MARK, 1)
    if len(place) > _SHARD_CHARS or _PLACE.match(place) is None:
        return None
    return place


def check_table_name(name: object) -> str:
    """Return ``name`` if the store can save and read back a table of that name.

    Raises:
        InvalidTableName: it is not a ``TABLE_NAME`` (checked before anything is saved).
    """
    if not isinstance(name, str) or not TABLE_NAME.match(name):
        raise InvalidTableName(str(name))
    return name


def is_table_file(entry: str) -> bool:
    """True if a folder entry is named like a format-2 table file."""
    return FILE_NAME.match(entry) is not None


class FileNames:
    """Turns file group names into the keyed-hash file names of one household."""

    def __init__(self, data_key: bytes) -> None:
        """Derive the naming key from the household data key (never stored anywhere)."""
        self._key = derive_subkey(data_key, NAME_KEY_INFO)
        self._names: dict[str, str] = {}

    def forget(self) -> None:
        """Drop the naming key and every name worked out (the store is closing)."""
        self._key = b""
        self._names = {}

    def of(self, file_key: str) -> str:
        """Return the file name holding the file group ``file_key``."""
        name = self._names.get(file_key)
        if name is None:
            digest = hmac.new(self._key, file_key.encode("utf-8"), hashlib.sha256).hexdigest()
            name = digest[:NAME_HEX_CHARS] + TABLE_SUFFIX
            self._names[file_key] = name
        return name

    def of_table(self, table: str) -> str:
        """Return the file name holding a TinyDB table."""
        return self.of(file_key_of(table))
