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
   (``base_revision``), or when the current one came from this device and the device says it
   had sent it (``sent_revision``): then the device built on it, even if it never heard it
   arrived.
5. Anything else is a ``conflict``: kept whole for a person to settle, never dropped.

A device restored from an older copy of its folder remembers neither its later revisions nor
having sent them, so its new edits are conflicts rather than silent overwrites.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

STORED = "stored"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REFUSED = "refused"


def content_hash(collection: str, deleted: bool, sealed: bool, body: bytes | None) -> str:
    """Return the hash that says whether two revisions hold the same content.

    The clock stamp is left out: the same words saved again are the same revision's content.
    """
    digest = hashlib.sha256()
    digest.update(f"{collection}\n{int(deleted)}{int(sealed)}\n".encode())
    digest.update(body or b"")
    return digest.hexdigest()


@dataclass(frozen=True)
class Current:
    """The hub's current revision of a record, as far as the verdict needs it."""

    revision: int
    device_id: str | None
    withdrawn: bool = False


@dataclass(frozen=True)
class Incoming:
    """A pushed revision, as far as the verdict needs it."""

    revision: int
    base_revision: int
    sent_revision: int
    content_hash: str
    withdrawn: bool = False


def verdict(current: Current | None, incoming: Incoming, known_hash: str | None,
            device_id: str) -> str:
    """Decide one pushed revision (``known_hash``: the hub's hash of this very revision)."""
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
        or (current.device_id == device_id and current.revision <= incoming.sent_revision)
    ):
        return STORED
    return CONFLICT
