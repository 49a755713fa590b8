"""How the hub decides what one pushed revision is: new, a repeat, or a crossed edit.

No database here: ``verdict`` weighs a pushed revision against what the hub holds (its current
revision of the record, and the content hash of the very same revision if it ever stored one).
The rules, in order (PROTOCOL.md, "Push"):

1. The hub stored this very revision before with the same content: a ``duplicate``.
2. A withdrawal is always honoured (once): a family may always take back what it shared.
   Only a diary entry reaches here as one (``intake`` refuses any other kind). And a record
   taken back stays taken back: a shared wording of it from another device, arriving after
   the withdrawal, is answered ``duplicate`` and never stored or filed as a conflict (whose
   words a worker would read); that device keeps its words for the author alone when it
   pulls the withdrawal.
3. The hub stored this very revision before with other content: a ``conflict``.
4. A revision above the current one is ``stored`` when it was made from the current one
   (``base_revision``), or when the current one came from this device and the device shows it
   had sent that very content (``sent_hashes``: the content hash of each revision it sent
   since its base, which must hold the hub's hash of the current revision): then the device
   built on it, even if it never heard it arrived. A push without ``sent_hashes`` (an older
   Homeward) is taken at its word that it sent the current revision (``sent_revision``).
5. Anything else is a ``conflict``: kept whole for a person to settle, never dropped.

Before any of these, ``against_held`` weighs the record against what the hub holds under its
id: a record id names one kind of record for good (a push naming another kind is refused,
whatever it says: a device could otherwise turn a child's alert into a withdrawal and erase
it), a child's words are kept as first sent (``WRITTEN_ONCE``: anything but a repeat of a
stored revision is refused), and only the parent who wrote a shared diary entry takes it back.
One exception keeps a child's record safe from a withdrawal or tombstone sent first under its
id (a forgery: ids are UUIDs made on the device): a tombstone holds no words, so a child's
record takes its place and is stored; the tombstone sent again is then refused for its kind.

A device restored from an older copy of its folder keeps its device id but remembers neither
its later revisions nor having sent them. Its new edits may reuse their numbers, and it may
even send one of them (a sync that fails): the hashes show that what it sent is not what the
hub holds, so its edits are conflicts rather than silent overwrites.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from app.hub.protocol import b64decode
from app.sync.catalogue import WRITTEN_ONCE

STORED = "stored"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REFUSED = "refused"
#: Why ``against_held`` refuses a pushed record, with the sentence the answer carries.
COLLECTION_CHANGED = "collection_changed"
WRITTEN_ONCE_REASON = "written_once"
NOT_THE_AUTHOR = "not_the_author"
HELD_REFUSALS = {
    COLLECTION_CHANGED: "The hub holds another kind of record under this id.",
    WRITTEN_ONCE_REASON: "What a child said is kept as it was first sent.",
    NOT_THE_AUTHOR: "Only the person who wrote a diary entry makes it private again.",
}
#: ``against_held``: a child's record takes the place of a tombstone held under its id.
IN_ITS_PLACE = "in_its_place"
_AGENCY = "agency:"
#: The most revisions a push names in ``sent_hashes`` (a device keeps its newest).
MAX_SENT_HASHES = 16

#: Made once: ``json.dumps`` with options builds a new encoder on every call.
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def compact_json(value: Any) -> bytes:
    """Return JSON as the hub stores it: compact UTF-8."""
    return _COMPACT.encode(value).encode("utf-8")


def content_hash(collection: str, deleted: bool, sealed: bool, body: bytes | None) -> str:
    """Return the hash that says whether two revisions hold the same content.

    The clock stamp is left out: the same words saved again are the same revision's content.
    """
    digest = hashlib.sha256()
    digest.update(f"{collection}\n{int(deleted)}{int(sealed)}\n".encode())
    digest.update(body or b"")
    return digest.hexdigest()


def sent_content_hash(record: Mapping[str, Any]) -> str:
    """The ``content_hash`` the hub will work out for a record as a device pushes it."""
    sealed = record.get("sealed_body")
    if isinstance(sealed, str):
        body: bytes | None = b64decode(sealed)
    else:
        body = None if record.get("body") is None else compact_json(record["body"])
    return content_hash(str(record["collection"]), bool(record.get("deleted")),
                        isinstance(sealed, str), body)


@dataclass(frozen=True)
class Current:
    """The hub's current revision of a record, as far as the verdict needs it."""

    revision: int
    device_id: str | None
    withdrawn: bool = False
    content_hash: str | None = None


@dataclass(frozen=True)
class Incoming:
    """A pushed revision, as far as the verdict needs it."""

    revision: int
    base_revision: int
    sent_revision: int
    content_hash: str
    withdrawn: bool = False
    #: (revision, content hash) of each revision the device sent since its base; None: the
    #: device did not say (an older Homeward).
    sent_hashes: tuple[tuple[int, str], ...] | None = None


def verdict(current: Current | None, incoming: Incoming, known_hash: str | None,
            device_id: str) -> str:
    """Decide one pushed revision (``known_hash``: the hub's hash of this very revision;
    ``current.content_hash``: its hash of the current one)."""
    if current is None:
        return STORED
    if known_hash == incoming.content_hash:
        return DUPLICATE
    if incoming.withdrawn:
        return DUPLICATE if current.withdrawn else STORED
    if current.withdrawn:
        return DUPLICATE  # taken back stays taken back (rule 2 above)
    if known_hash is not None:
        return CONFLICT
    if incoming.revision > current.revision and (
        incoming.base_revision >= current.revision
        or _built_on_its_own(current, incoming, device_id)
    ):
        return STORED
    return CONFLICT


def _built_on_its_own(current: Current, incoming: Incoming, device_id: str) -> bool:
    """True if the current revision came from this device, which sent that very content."""
    if current.device_id != device_id or current.revision > incoming.sent_revision:
        return False
    if incoming.sent_hashes is None:
        return True  # an older Homeward: taken at its word
    return current.content_hash is not None and any(
        revision == current.revision and sent == current.content_hash
        for revision, sent in incoming.sent_hashes)


class Claim(Protocol):
    """Whose and what kind a record is: as pushed (``sync.Record``) or held (``Held``)."""

    @property
    def collection(self) -> str:
        """The record's kind."""

    @property
    def withdrawn(self) -> bool:
        """True for a withdrawal."""

    @property
    def author(self) -> str | None:
        """Who made the change, if it says."""

    @property
    def deleted(self) -> bool:
        """True for a tombstone (a withdrawal is one too)."""


def against_held(pushed: Claim, held: Claim, repeat: bool) -> str | None:
    """A reason in ``HELD_REFUSALS`` to refuse ``pushed``, ``IN_ITS_PLACE``, or None: then
    ``verdict`` decides (``repeat``: the hub stored this very revision with this content)."""
    if pushed.collection != held.collection:
        if held.deleted and pushed.collection in WRITTEN_ONCE:
            return IN_ITS_PLACE  # a tombstone holds no words: nothing is lost
        return COLLECTION_CHANGED
    if pushed.collection in WRITTEN_ONCE and not repeat:
        return WRITTEN_ONCE_REASON
    if (pushed.withdrawn and not held.withdrawn and held.author is not None
            and not held.author.startswith(_AGENCY) and pushed.author != held.author):
        return NOT_THE_AUTHOR
    return None
