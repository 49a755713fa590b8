"""The conflict queue: a family's edit that crossed with another change, kept whole for a person.

Nothing in a conflict is ever dropped. A worker settles it by keeping the hub's version or the
family's; either way a new revision is written that every device pulls, so every device sees
the question settled. Settling is checked again under the household's lock, so one conflict
settled twice at once (two tabs, say) writes one revision. Every revision answered
``conflict`` is filed: one sent again with the same words while it waits is kept once, but
other words at the same revision number are a conflict of their own (``file_conflicts``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, insert, select, update

from app.hub.db import conflicts, records
from app.hub.devices import Device
from app.hub.sync import Record, lock_household, write_in_transaction
from app.sync.catalogue import SEALED_COLLECTIONS

KEEP_HUB = "hub"
KEEP_DEVICE = "device"


@dataclass(frozen=True)
class Conflict:
    """A device's revision that crossed with another change, kept whole for a worker."""

    id: int
    record_id: str
    collection: str
    shard: str | None
    revision: int
    base_revision: int
    current_revision: int
    author: str | None
    deleted: bool
    body: dict[str, Any] | None
    device_id: str
    received_at: datetime
    resolved_at: datetime | None
    resolution: str | None
    #: Sealed words (a message or a child's houses for the worker): ``body`` is None, and
    #: settling keeps one version still sealed, unread here (rules 2 and 7).
    sealed: bool = False
    #: False for a body that is not a JSON object (ciphertext an older hub filed as a
    #: family's document): ``body`` is None, and only the hub's version can be kept.
    readable: bool = True


class UnknownConflict(LookupError):
    """No conflict has this id, or it has been resolved already."""


class NothingReadable(LookupError):
    """The version to keep is not a document the hub can read: it cannot be written again."""


class NothingHeld(LookupError):
    """The hub holds no version of this record (a person added on two devices at once): only
    the family's can be kept, or everything recorded as them would point at nobody."""


def file_conflicts(
    connection: Connection, device: Device, crossed: list[tuple[Record, int]], now: datetime
) -> None:
    """File crossed revisions in the caller's transaction, which holds the household's lock.

    Every revision answered ``conflict`` waits here for a person: the device takes the hub's
    version on its next pull, so this copy may be the only one left. A revision is the same
    conflict only with the same words (its content hash), and only while it waits: a batch
    sent again is filed once, but other words at the same revision (a device restored from
    a backup made before its crossed edit) are filed beside it, and words sent again after a
    person settled them (the device never heard the answer) are filed again, since only a
    settling revision tells the device its change is settled.
    """
    if not crossed:
        return
    waiting = set(connection.execute(
        select(conflicts.c.record_id, conflicts.c.revision, conflicts.c.content_hash).where(
            conflicts.c.household_id == device.household_id,
            conflicts.c.device_id == device.id,
            conflicts.c.resolved_at.is_(None),
            conflicts.c.record_id.in_({record.id for record, _current in crossed}),
        )).tuples())
    filed: list[dict[str, Any]] = []
    for record, current_revision in crossed:
        same = (record.id, record.revision, record.content_hash)
        if same in waiting:
            continue  # a retried batch: this very revision already waits for a person
        waiting.add(same)
        filed.append({
            "household_id": device.household_id, "record_id": record.id,
            "collection": record.collection, "shard": record.shard, "revision": record.revision,
            "base_revision": record.base_revision, "current_revision": current_revision,
            "hlc": record.hlc, "author": record.author, "deleted": record.deleted,
            "body": record.body, "device_id": device.id, "received_at": now,
            "content_hash": record.content_hash,
        })
    if filed:
        connection.execute(insert(conflicts), filed)


def list_conflicts(
    engine: Engine, household_id: str, *, include_resolved: bool = False
) -> list[Conflict]:
    """Return a household's conflicting edits, oldest first (open ones only by default)."""
    query = select(conflicts).where(conflicts.c.household_id == household_id)
    if not include_resolved:
        query = query.where(conflicts.c.resolved_at.is_(None))
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(conflicts.c.id)).all()
    found = []
    for r in rows:
        sealed = r.collection in SEALED_COLLECTIONS
        body = None if sealed else _document(r.body)
        found.append(Conflict(
            r.id, r.record_id, r.collection, r.shard, r.revision, r.base_revision,
            r.current_revision, r.author, r.deleted, body, r.device_id, r.received_at,
            r.resolved_at, r.resolution, sealed,
            sealed or r.body is None or body is not None))
    return found


def _document(raw: bytes | None) -> dict[str, Any] | None:
    """A filed body as the family's document; None if there is none or it is not one."""
    if raw is None:
        return None
    try:
        body = json.loads(bytes(raw).decode("utf-8"))
    except ValueError:  # UnicodeDecodeError too
        return None
    return body if isinstance(body, dict) else None


def _kept(deleted: bool, raw: bytes | None, sealed: bool) -> tuple[dict[str, Any] | None,
                                                                  bytes | None]:
    """The version to write again: (document, None), or (None, sealed words) kept as they are.

    Raises:
        NothingReadable: an unsealed body that is not a document.
    """
    if deleted or raw is None:
        return None, None
    if sealed:
        return None, bytes(raw)
    body = _document(raw)
    if body is None:
        raise NothingReadable("not a document")
    return body, None


def resolve_conflict(
    engine: Engine,
    conflict_id: int,
    *,
    keep: Literal["hub", "device"],
    worker_id: int,
    now: datetime,
    epoch: int | None = None,
) -> int:
    """Settle a conflict: write the kept version as the record's next revision; return it.

    Keeping the hub's version still writes a revision, so every device sees the question
    settled on its next pull.

    Raises:
        UnknownConflict: no open conflict has this id.
        NothingHeld: ``keep`` is the hub's, and the hub holds no version of the record.
        NothingReadable: the version to keep is not a document (see ``Conflict.readable``).
        WriteRefused: the worker may not change this household now; nothing was settled.
    """
    with engine.begin() as connection:
        household_id = connection.execute(
            select(conflicts.c.household_id).where(conflicts.c.id == conflict_id)
        ).scalar_one_or_none()
        if household_id is None:
            raise UnknownConflict(conflict_id)
        lock_household(connection, household_id)
        # Read again under the lock: another tab may have settled it a moment ago.
        row = connection.execute(
            select(conflicts).where(conflicts.c.id == conflict_id,
                                    conflicts.c.resolved_at.is_(None))
        ).one_or_none()
        if row is None:
            raise UnknownConflict(conflict_id)
        if keep == KEEP_DEVICE:
            body, sealed = _kept(row.deleted, row.body, row.collection in SEALED_COLLECTIONS)
        else:
            now_body = connection.execute(
                select(records.c.body, records.c.deleted, records.c.sealed).where(
                    records.c.household_id == row.household_id,
                    records.c.record_id == row.record_id)
            ).one_or_none()
            if now_body is None:
                raise NothingHeld(conflict_id)
            body, sealed = _kept(now_body.deleted, now_body.body, now_body.sealed)
        revision = write_in_transaction(connection, row.household_id, row.collection,
                                        row.record_id, body, row.shard, worker_id, now, epoch,
                                        sealed_body=sealed)
        connection.execute(
            update(conflicts).where(conflicts.c.id == conflict_id).values(
                resolved_at=now, resolved_by=worker_id, resolution=keep)
        )
    return revision
