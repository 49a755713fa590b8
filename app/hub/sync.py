"""The hub's side of sync, over the database (no HTTP here): push, pull, worker changes and
the conflict queue. Pairing and nonces are in ``devices``.

Pushes in one household are serialised by a lock on the household's row, which also hands out
the household's server sequence numbers; so sequence order is commit order and a pull by
cursor can never skip a record that commits late. Every request's nonce is recorded in the same
transaction as its effects, so a rejected request leaves nothing behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.hub.db import conflicts, households, records
from app.hub.devices import Device, spend_nonce

STORED = "stored"
DUPLICATE = "duplicate"
STALE = "stale"
CONFLICT = "conflict"
KEEP_HUB = "hub"
KEEP_DEVICE = "device"


@dataclass(frozen=True)
class Record:
    """One record revision as it travels: the hub never looks inside ``body``."""

    id: str
    collection: str
    revision: int
    hlc: str
    deleted: bool
    urgent: bool
    sealed: bool
    body: bytes | None
    shard: str | None = None
    base_revision: int = 0
    author: str | None = None
    schema: int = 1


@dataclass(frozen=True)
class Answer:
    """The hub's answer for one pushed record; ``current_revision`` is set for a conflict."""

    status: str
    current_revision: int | None = None


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


class StaleBase(Exception):
    """A worker's change was made to a revision that is no longer the current one."""

    def __init__(self, current_revision: int) -> None:
        super().__init__(current_revision)
        self.current_revision = current_revision


class UnknownConflict(LookupError):
    """No conflict has this id, or it has been resolved already."""


def _lock_household(connection: Connection, household_id: str) -> int:
    return int(
        connection.execute(
            select(households.c.last_seq)
            .where(households.c.id == household_id)
            .with_for_update()
        ).scalar_one()
    )


_Current = tuple[int, str, bool, bool, bytes | None, str | None]


def _verdict(current: _Current, incoming: Record, device_id: str) -> str:
    """Decide one record against the hub's current revision (order: see PROTOCOL.md)."""
    revision, hlc, deleted, sealed, body, by_device = current
    same = (hlc, deleted, sealed, body) == (
        incoming.hlc, incoming.deleted, incoming.sealed, incoming.body,
    )
    if incoming.revision == revision and same:
        return DUPLICATE
    if by_device == device_id:
        # The hub's copy came from this device, so the device's next revision builds on it
        # (even when the device never heard that the earlier one arrived).
        return STALE if incoming.revision <= revision else STORED
    if incoming.base_revision >= revision and incoming.revision > revision:
        return STORED
    return CONFLICT


_COLUMNS = ("collection", "revision", "hlc", "deleted", "urgent", "sealed", "body", "device_id",
            "received_at", "seq", "shard", "base_revision", "author", "schema")


def _values(record: Record, device_id: str | None, now: datetime, seq: int) -> dict[str, Any]:
    return {
        "rid": record.id, "collection": record.collection, "revision": record.revision,
        "hlc": record.hlc, "deleted": record.deleted, "urgent": record.urgent,
        "sealed": record.sealed, "body": record.body, "device_id": device_id,
        "received_at": now, "seq": seq, "shard": record.shard,
        "base_revision": record.base_revision, "author": record.author, "schema": record.schema,
    }


def push(
    engine: Engine, device: Device, nonce: str, batch: list[Record], now: datetime
) -> list[Answer]:
    """Store a batch idempotently; answer each record (stored, duplicate, stale or conflict).

    A conflicting revision is filed in the conflict queue in the same transaction.

    Raises:
        Replayed: the nonce was used before; nothing is stored.
    """
    answers: list[Answer] = []
    with engine.begin() as connection:
        spend_nonce(connection, device, nonce, now)
        seq = _lock_household(connection, device.household_id)
        current = _current(connection, device.household_id, {record.id for record in batch})
        in_db = set(current)
        new_rows: dict[str, dict[str, Any]] = {}
        changed_rows: dict[str, dict[str, Any]] = {}
        crossed: list[tuple[Record, int]] = []
        for record in batch:
            existing = current.get(record.id)
            verdict = STORED if existing is None else _verdict(existing, record, device.id)
            if verdict == CONFLICT:
                assert existing is not None
                crossed.append((record, existing[0]))
                answers.append(Answer(CONFLICT, existing[0]))
                continue
            answers.append(Answer(verdict))
            if verdict != STORED:
                continue
            seq += 1
            current[record.id] = (record.revision, record.hlc, record.deleted, record.sealed,
                                  record.body, device.id)
            values = _values(record, device.id, now, seq)
            (changed_rows if record.id in in_db else new_rows)[record.id] = values
        _write(connection, device.household_id, new_rows, changed_rows)
        _file_conflicts(connection, device, crossed, now)
        connection.execute(
            update(households).where(households.c.id == device.household_id).values(last_seq=seq)
        )
    return answers


def _current(connection: Connection, household_id: str, ids: set[str]) -> dict[str, _Current]:
    found = connection.execute(
        select(
            records.c.record_id, records.c.revision, records.c.hlc, records.c.deleted,
            records.c.sealed, records.c.body, records.c.device_id,
        ).where(records.c.household_id == household_id, records.c.record_id.in_(list(ids)))
    ).all()
    return {
        row.record_id: (
            row.revision, row.hlc, row.deleted, row.sealed,
            None if row.body is None else bytes(row.body), row.device_id,
        )
        for row in found
    }


def _file_conflicts(
    connection: Connection, device: Device, crossed: list[tuple[Record, int]], now: datetime
) -> None:
    for record, current_revision in crossed:
        try:
            with connection.begin_nested():
                connection.execute(insert(conflicts).values(
                    household_id=device.household_id, record_id=record.id,
                    collection=record.collection, shard=record.shard, revision=record.revision,
                    base_revision=record.base_revision, current_revision=current_revision,
                    hlc=record.hlc, author=record.author, deleted=record.deleted,
                    body=record.body, device_id=device.id, received_at=now,
                ))
        except IntegrityError:
            continue  # the same revision filed before (a retried batch): keep one copy


def _write(
    connection: Connection,
    household_id: str,
    new_rows: dict[str, dict[str, Any]],
    changed_rows: dict[str, dict[str, Any]],
) -> None:
    if new_rows:
        connection.execute(
            insert(records),
            [
                {"household_id": household_id, "record_id": row["rid"],
                 **{name: row[name] for name in _COLUMNS}}
                for row in new_rows.values()
            ],
        )
    if changed_rows:
        connection.execute(
            update(records)
            .where(
                records.c.household_id == household_id,
                records.c.record_id == bindparam("rid"),
            )
            .values({name: bindparam(name) for name in _COLUMNS}),
            list(changed_rows.values()),
        )


def pull(
    engine: Engine, device: Device, nonce: str, after: int, limit: int, now: datetime
) -> tuple[list[Record], int, bool]:
    """Return (records changed after sequence ``after``, the last sequence seen, more waiting).

    Raises:
        Replayed: the nonce was used before.
    """
    with engine.begin() as connection:
        spend_nonce(connection, device, nonce, now)
        rows = connection.execute(
            select(records)
            .where(records.c.household_id == device.household_id, records.c.seq > after)
            .order_by(records.c.seq)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    found = [
        Record(
            r.record_id, r.collection, r.revision, r.hlc, r.deleted, r.urgent, r.sealed,
            None if r.body is None else bytes(r.body), r.shard, r.base_revision, r.author,
            r.schema,
        )
        for r in rows
    ]
    return found, (rows[-1].seq if rows else after), more


def hub_hlc(now: datetime) -> str:
    """Return a clock stamp for a change made on the hub (sorts with the devices' stamps)."""
    return f"{int(now.timestamp() * 1000):013d}-0000-hub"


def write_as_worker(
    engine: Engine,
    household_id: str,
    *,
    collection: str,
    record_id: str,
    body: dict[str, Any] | None,
    shard: str | None,
    worker_id: int,
    now: datetime,
    base_revision: int | None = None,
) -> int:
    """Write a worker's change as the record's next hub revision; return that revision.

    ``body`` None writes a tombstone. Devices receive the change on their next pull. With
    ``base_revision`` (0: the record is new) the change is written only if that is still the
    record's current revision, so a family's edit that landed meanwhile is never overwritten.

    Raises:
        StaleBase: the record has moved on since ``base_revision``; nothing was written.
    """
    with engine.begin() as connection:
        if base_revision is not None:
            _lock_household(connection, household_id)
            found = _current(connection, household_id, {record_id}).get(record_id)
            current = found[0] if found else 0
            if current != base_revision:
                raise StaleBase(current)
        return _write_as_worker(connection, household_id, collection, record_id, body, shard,
                                worker_id, now)


def _write_as_worker(
    connection: Connection,
    household_id: str,
    collection: str,
    record_id: str,
    body: dict[str, Any] | None,
    shard: str | None,
    worker_id: int,
    now: datetime,
) -> int:
    seq = _lock_household(connection, household_id) + 1
    existing = _current(connection, household_id, {record_id}).get(record_id)
    revision = (existing[0] if existing else 0) + 1
    record = Record(
        record_id, collection, revision, hub_hlc(now), body is None, False, False,
        None if body is None else json.dumps(body, separators=(",", ":")).encode("utf-8"),
        shard, revision - 1, f"agency:{worker_id}", 1,
    )
    values = _values(record, None, now, seq)
    _write(connection, household_id, {} if existing else {record_id: values},
           {record_id: values} if existing else {})
    connection.execute(
        update(households).where(households.c.id == household_id).values(last_seq=seq)
    )
    return revision


def list_conflicts(
    engine: Engine, household_id: str, *, include_resolved: bool = False
) -> list[Conflict]:
    """Return a household's conflicting edits, oldest first (open ones only by default)."""
    query = select(conflicts).where(conflicts.c.household_id == household_id)
    if not include_resolved:
        query = query.where(conflicts.c.resolved_at.is_(None))
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(conflicts.c.id)).all()
    return [
        Conflict(
            r.id, r.record_id, r.collection, r.shard, r.revision, r.base_revision,
            r.current_revision, r.author, r.deleted,
            None if r.body is None else json.loads(bytes(r.body)), r.device_id, r.received_at,
            r.resolved_at, r.resolution,
        )
        for r in rows
    ]


def resolve_conflict(
    engine: Engine,
    conflict_id: int,
    *,
    keep: Literal["hub", "device"],
    worker_id: int,
    now: datetime,
) -> int:
    """Settle a conflict: write the kept version as the record's next revision; return it.

    Keeping the hub's version still writes a revision, so every device sees the question
    settled on its next pull.

    Raises:
        UnknownConflict: no open conflict has this id.
    """
    with engine.begin() as connection:
        row = connection.execute(
            select(conflicts).where(conflicts.c.id == conflict_id,
                                    conflicts.c.resolved_at.is_(None))
        ).one_or_none()
        if row is None:
            raise UnknownConflict(conflict_id)
        _lock_household(connection, row.household_id)
        if keep == KEEP_DEVICE:
            body = None if row.deleted or row.body is None else json.loads(bytes(row.body))
        else:
            now_body = connection.execute(
                select(records.c.body, records.c.deleted).where(
                    records.c.household_id == row.household_id,
                    records.c.record_id == row.record_id)
            ).one()
            body = None if now_body.deleted or now_body.body is None else json.loads(
                bytes(now_body.body))
        revision = _write_as_worker(connection, row.household_id, row.collection, row.record_id,
                                    body, row.shard, worker_id, now)
        connection.execute(
            update(conflicts).where(conflicts.c.id == conflict_id).values(
                resolved_at=now, resolved_by=worker_id, resolution=keep)
        )
    return revision
