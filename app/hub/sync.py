"""The hub's side of pairing and sync, over the database: no HTTP here.

Pushes in one household are serialised by a lock on the household's row, which also hands out
the household's server sequence numbers; so sequence order is commit order and a pull by
cursor can never skip a record that commits late. Every request's nonce is recorded in the same
transaction as its effects, so a rejected request leaves nothing behind.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.hub.credentials import code_hash, new_device_token, token_hash
from app.hub.db import agency, devices, households, nonces, pairing_codes, records
from app.hub.protocol import MAX_CLOCK_SKEW_SECONDS

STORED = "stored"
DUPLICATE = "duplicate"
STALE = "stale"
#: Nonces older than this can be forgotten: such requests are refused as stale anyway.
NONCE_MEMORY = timedelta(seconds=2 * MAX_CLOCK_SKEW_SECONDS + 60)


class PairingRefused(Exception):
    """A pairing code that is unknown, already used or expired; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Replayed(Exception):
    """A request whose nonce this device has already used."""


@dataclass(frozen=True)
class Pairing:
    """What a newly paired device receives."""

    household_id: str
    device_id: str
    device_token: str
    agency_public_key: bytes


@dataclass(frozen=True)
class Device:
    """A paired device as the hub authenticates it."""

    id: str
    household_id: str
    public_key: bytes
    token_hash: str
    revoked: bool


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


def pair_device(engine: Engine, code: str, public_key: bytes, now: datetime) -> Pairing:
    """Spend a pairing code on a new device; raise PairingRefused if the code cannot be used."""
    token = new_device_token()
    device_id = str(uuid.uuid4())
    with engine.begin() as connection:
        key = connection.execute(select(agency.c.public_key)).scalar_one_or_none()
        row = connection.execute(
            select(pairing_codes).where(pairing_codes.c.code_hash == code_hash(code))
        ).one_or_none()
        if row is None or key is None:
            raise PairingRefused("unknown_code")
        if row.used_at is not None:
            raise PairingRefused("code_used")
        if row.expires_at <= now:
            raise PairingRefused("code_expired")
        # The guard on used_at makes two devices racing for one code end with one winner.
        spent = connection.execute(
            update(pairing_codes)
            .where(pairing_codes.c.id == row.id, pairing_codes.c.used_at.is_(None))
            .values(used_at=now)
        )
        if spent.rowcount != 1:
            raise PairingRefused("code_used")
        connection.execute(
            insert(devices).values(
                id=device_id,
                household_id=row.household_id,
                public_key=public_key,
                token_hash=token_hash(token),
                paired_at=now,
            )
        )
    return Pairing(row.household_id, device_id, token, bytes(key))


def find_device(engine: Engine, device_id: str) -> Device | None:
    """Return the device with this id, revoked or not, or None."""
    with engine.connect() as connection:
        row = connection.execute(select(devices).where(devices.c.id == device_id)).one_or_none()
    if row is None:
        return None
    return Device(
        row.id, row.household_id, bytes(row.public_key), row.token_hash, row.revoked_at is not None
    )


def nonce_seen(engine: Engine, device_id: str, nonce: str) -> bool:
    """Return True if this device already sent a request with this nonce."""
    with engine.connect() as connection:
        found = connection.execute(
            select(nonces.c.nonce).where(nonces.c.device_id == device_id, nonces.c.nonce == nonce)
        ).first()
    return found is not None


def _spend_nonce(connection: Connection, device: Device, nonce: str, now: datetime) -> None:
    connection.execute(
        delete(nonces).where(nonces.c.device_id == device.id, nonces.c.seen_at < now - NONCE_MEMORY)
    )
    try:
        with connection.begin_nested():
            connection.execute(insert(nonces).values(device_id=device.id, nonce=nonce, seen_at=now))
    except IntegrityError as exc:
        raise Replayed(nonce) from exc
    connection.execute(update(devices).where(devices.c.id == device.id).values(last_seen_at=now))


def _lock_household(connection: Connection, household_id: str) -> int:
    return int(
        connection.execute(
            select(households.c.last_seq)
            .where(households.c.id == household_id)
            .with_for_update()
        ).scalar_one()
    )


def _verdict(existing: tuple[int, str, bool, bool, bytes | None], incoming: Record) -> str:
    revision, hlc, deleted, sealed, body = existing
    if incoming.revision > revision:
        return STORED
    same = (hlc, deleted, sealed, body) == (
        incoming.hlc, incoming.deleted, incoming.sealed, incoming.body,
    )
    # An equal revision with other content is a competing edit: it must not overwrite either.
    return DUPLICATE if incoming.revision == revision and same else STALE


def push(
    engine: Engine, device: Device, nonce: str, batch: list[Record], now: datetime
) -> list[str]:
    """Store a batch idempotently; return "stored", "duplicate" or "stale" for each record.

    Raises:
        Replayed: the nonce was used before; nothing is stored.
    """
    answers: list[str] = []
    with engine.begin() as connection:
        _spend_nonce(connection, device, nonce, now)
        seq = _lock_household(connection, device.household_id)
        ids = list({record.id for record in batch})
        found = connection.execute(
            select(
                records.c.record_id, records.c.revision, records.c.hlc, records.c.deleted,
                records.c.sealed, records.c.body,
            ).where(records.c.household_id == device.household_id, records.c.record_id.in_(ids))
        ).all()
        current = {
            row.record_id: (
                row.revision, row.hlc, row.deleted, row.sealed,
                None if row.body is None else bytes(row.body),
            )
            for row in found
        }
        in_db = set(current)
        new_rows: dict[str, dict[str, object]] = {}
        changed_rows: dict[str, dict[str, object]] = {}
        for record in batch:
            existing = current.get(record.id)
            verdict = STORED if existing is None else _verdict(existing, record)
            answers.append(verdict)
            if verdict != STORED:
                continue
            seq += 1
            values: dict[str, object] = {
                "rid": record.id, "collection": record.collection, "revision": record.revision,
                "hlc": record.hlc, "deleted": record.deleted, "urgent": record.urgent,
                "sealed": record.sealed, "body": record.body, "device_id": device.id,
                "received_at": now, "seq": seq,
            }
            current[record.id] = (
                record.revision, record.hlc, record.deleted, record.sealed, record.body,
            )
            (changed_rows if record.id in in_db else new_rows)[record.id] = values
        _write(connection, device.household_id, new_rows, changed_rows)
        connection.execute(
            update(households).where(households.c.id == device.household_id).values(last_seq=seq)
        )
    return answers


def _write(
    connection: Connection,
    household_id: str,
    new_rows: dict[str, dict[str, object]],
    changed_rows: dict[str, dict[str, object]],
) -> None:
    columns = ("collection", "revision", "hlc", "deleted", "urgent", "sealed", "body",
               "device_id", "received_at", "seq")
    if new_rows:
        connection.execute(
            insert(records),
            [
                {"household_id": household_id, "record_id": row["rid"],
                 **{name: row[name] for name in columns}}
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
            .values({name: bindparam(name) for name in columns}),
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
        _spend_nonce(connection, device, nonce, now)
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
            None if r.body is None else bytes(r.body),
        )
        for r in rows
    ]
    return found, (rows[-1].seq if rows else after), more
