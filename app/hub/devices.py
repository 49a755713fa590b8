"""Devices as the hub knows them: pairing with a one-time code, and each request's nonce.

A pairing code is spent once, in the same transaction that registers the device; a nonce is
recorded in the same transaction as the request's effects, so a refused request leaves nothing.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, bindparam, delete, exists, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.hub.credentials import code_hash, new_device_token, token_hash
from app.hub.db import (
    agency,
    devices,
    households,
    lock_household_case,
    nonces,
    pairing_codes,
    records,
)
from app.hub.protocol import MAX_CLOCK_SKEW_SECONDS
from app.sync.catalogue import HOUSEHOLD

#: Nonces older than this can be forgotten: such requests are refused as stale anyway.
NONCE_MEMORY = timedelta(seconds=2 * MAX_CLOCK_SKEW_SECONDS + 60)


#: Refusals about the household rather than the code: the code is not spent.
HOUSEHOLD_REFUSALS = frozenset({"household_exists", "nothing_to_join", "other_household"})
PAIRING_SENTENCES = {
    "unknown_code": "That pairing code is not known. Check it with your worker.",
    "code_used": "That pairing code has already been used. Ask for a new one.",
    "code_expired": "That pairing code has expired. Ask for a new one.",
    "household_exists": "This household is already set up on another device. Set this one up "
                        "by joining the household instead; nothing was changed.",
    "nothing_to_join": "There is nothing to join yet: connect the first device to the agency "
                       "first; nothing was changed.",
    "other_household": "This device belongs to another household at the agency. Check the "
                       "pairing code with the agency; nothing was changed.",
}
#: ``other_household`` when the device's own household's case was closed: the way back is
#: that case, opened again, never a new household for the same family.
CLOSED_CASE_SENTENCE = ("This device belongs to another household at the agency, whose case "
                        "was closed. To connect it again, the agency opens that case again "
                        "(homeward hub-admin reopen-household) and gives a code for it; nothing "
                        "was changed.")


class PairingRefused(Exception):
    """A pairing the hub will not make; ``reason`` says why, ``detail`` in a sentence."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail or PAIRING_SENTENCES[reason]


class Replayed(Exception):
    """A request whose nonce this device has already used."""


class Revoked(Exception):
    """A request from a device the agency removed (or whose household went) after the
    request's headers were checked, while its body was still arriving."""


@dataclass(frozen=True)
class Pairing:
    """What a newly paired device receives."""

    household_id: str
    device_id: str
    device_token: str
    agency_public_key: bytes
    agency_name: str = ""
    household_name: str = ""  # shown beside the key check, so a wrong code is seen in time


@dataclass(frozen=True)
class Device:
    """A paired device as the hub authenticates it."""

    id: str
    household_id: str
    public_key: bytes
    token_hash: str
    revoked: bool


def pair_device(
    engine: Engine, code: str, public_key: bytes, now: datetime, mode: str = "new",
    known_household: str | None = None, household_uid: str | None = None,
) -> Pairing:
    """Spend a pairing code on a new device; raise PairingRefused if it cannot be used.

    ``mode`` "new" is a device that set its household up itself: refused if the household
    already has records, unless it was this household's device before (``known_household``)
    or holds this very household (``household_uid``, made when the family set it up: a phone
    restored from a backup made before it was first connected), so one family is never set
    up twice; and refused whatever the household holds when ``known_household`` is another
    one, so one family's device never feeds two households. ``mode`` "join" is a device
    with nothing yet, joining a household another device set up: refused until there is
    something to join. A refusal about the household leaves the code unspent.
    """
    token = new_device_token()
    device_id = str(uuid.uuid4())
    with engine.begin() as connection:
        found = connection.execute(select(agency.c.public_key, agency.c.name)).one_or_none()
        key, name = (None, "") if found is None else (found.public_key, found.name)
        row = connection.execute(
            select(pairing_codes).where(pairing_codes.c.code_hash == code_hash(code))
        ).one_or_none()
        if row is None or key is None:
            raise PairingRefused("unknown_code")
        # Under the household's lock, which closing takes first too: a case closed meanwhile
        # is seen here, and a closing that comes later removes this device with the rest.
        home = lock_household_case(connection, row.household_id)
        if row.used_at is not None:
            raise PairingRefused("code_used")
        if row.expires_at <= now or home is None or not home.open:
            raise PairingRefused("code_expired")
        _check_household(connection, row.household_id, mode, known_household, household_uid)
        # The code was read before the lock: the guards make two devices racing for one code
        # end with one winner, and a code ended meanwhile stay ended.
        spent = connection.execute(
            update(pairing_codes)
            .where(pairing_codes.c.id == row.id, pairing_codes.c.used_at.is_(None),
                   pairing_codes.c.expires_at > now)
            .values(used_at=now)
        )
        if spent.rowcount != 1:
            used = connection.execute(select(pairing_codes.c.used_at)
                                      .where(pairing_codes.c.id == row.id)).scalar_one()
            raise PairingRefused("code_expired" if used is None else "code_used")
        connection.execute(
            insert(devices).values(
                id=device_id,
                household_id=row.household_id,
                public_key=public_key,
                token_hash=token_hash(token),
                paired_at=now,
            )
        )
        household_name = connection.execute(
            select(households.c.name).where(households.c.id == row.household_id)).scalar_one()
    return Pairing(row.household_id, device_id, token, bytes(key), name, household_name)


def _check_household(connection: Connection, household_id: str, mode: str,
                     known_household: str | None, household_uid: str | None) -> None:
    """Refuse a device the household must not take (called under the household's lock); keep
    the uid of the first "new" device, so a second household set up elsewhere is refused at
    once, never merged with this one when its records arrive."""
    if mode == "new" and known_household not in (None, household_id):
        earlier = connection.execute(
            select(households.c.closed_at, households.c.erased_at)
            .where(households.c.id == known_household)).one_or_none()
        closed = (earlier is not None and earlier.closed_at is not None
                  and earlier.erased_at is None)
        raise PairingRefused("other_household", CLOSED_CASE_SENTENCE if closed else "")
    has_records = connection.execute(
        select(records.c.record_id).where(records.c.household_id == household_id).limit(1)
    ).first() is not None
    if mode == "join":
        if not has_records:
            raise PairingRefused("nothing_to_join")
        return
    kept = connection.execute(select(households.c.household_uid)
                              .where(households.c.id == household_id)).scalar_one()
    # Set up already: it holds records, or a device that set it up is still connected (its
    # records may be on their way). A first phone lost before it sent anything, once the
    # agency removes it, holds nothing, so the family's next phone may set it up.
    live_device = connection.execute(
        select(devices.c.id).where(devices.c.household_id == household_id,
                                   devices.c.revoked_at.is_(None)).limit(1)).first()
    set_up = has_records or live_device is not None
    known = kept if kept is not None else _household_uid(connection, household_id)
    same = known_household == household_id or (household_uid is not None
                                               and household_uid == known)
    if set_up and not same:
        raise PairingRefused("household_exists")
    # The device setting it up is kept; the household's own device may add the uid it lacked.
    claim = household_uid if not set_up else kept or known or household_uid
    if claim != kept:
        connection.execute(update(households).where(households.c.id == household_id)
                           .values(household_uid=claim))


def household_record_uid(body: bytes | None) -> str | None:
    """The ``uid`` in a household record's body, if it holds one that fits the hub's ids."""
    from app.hub.intake import ID_PATTERN  # intake reaches this module through app.hub.sync

    try:
        uid = json.loads(body)["uid"] if body is not None else None
    except (ValueError, TypeError, KeyError):
        return None
    return uid if isinstance(uid, str) and re.fullmatch(ID_PATTERN, uid) else None


def _household_uid(connection: Connection, household_id: str) -> str | None:
    """The id the household's own record was made with on the device that set it up."""
    body = connection.execute(
        select(records.c.body).where(records.c.household_id == household_id,
                                     records.c.collection == HOUSEHOLD,
                                     records.c.record_id == HOUSEHOLD,
                                     records.c.deleted.is_(False),
                                     records.c.sealed.is_(False))
    ).scalar_one_or_none()
    return household_record_uid(None if body is None else bytes(body))


def find_device(engine: Engine, device_id: str) -> Device | None:
    """Return the device with this id, revoked or not, or None."""
    with engine.connect() as connection:
        row = connection.execute(select(devices).where(devices.c.id == device_id)).one_or_none()
    if row is None:
        return None
    return Device(
        row.id, row.household_id, bytes(row.public_key), row.token_hash, row.revoked_at is not None
    )


_CALLER = select(devices, exists().where(nonces.c.device_id == devices.c.id,
                                         nonces.c.nonce == bindparam("nonce")).label("seen")
                 ).where(devices.c.id == bindparam("device"))


def find_caller(engine: Engine, device_id: str, nonce: str) -> tuple[Device | None, bool]:
    """Return the device with this id (or None) and whether it already sent this nonce: what
    a request's headers need from the database, read over one connection."""
    with engine.connect() as connection:
        row = connection.execute(_CALLER, {"device": device_id, "nonce": nonce}).one_or_none()
    if row is None:
        return None, False
    return Device(row.id, row.household_id, bytes(row.public_key), row.token_hash,
                  row.revoked_at is not None), bool(row.seen)


# A request's own statements, built once: building one costs more than running it.
_FORGET_NONCES = delete(nonces).where(nonces.c.device_id == bindparam("device"),
                                      nonces.c.seen_at < bindparam("before"))
# ON CONFLICT DO NOTHING rather than a savepoint: one round trip instead of three.
_SPEND_NONCE = {
    dialect: insert_of(nonces).values(device_id=bindparam("device"), nonce=bindparam("nonce"),
                                      seen_at=bindparam("now"))
    .on_conflict_do_nothing(index_elements=[nonces.c.device_id, nonces.c.nonce])
    .returning(nonces.c.nonce)
    for dialect, insert_of in (("postgresql", postgresql_insert), ("sqlite", sqlite_insert))
}
_SEEN = update(devices).where(
    devices.c.id == bindparam("device"), devices.c.revoked_at.is_(None)).values(
    last_seen_at=bindparam("now")).returning(devices.c.id)


def spend_nonce(connection: Connection, device: Device, nonce: str, now: datetime) -> None:
    """Record a request's nonce in the caller's transaction; raise Replayed if it was used,
    Revoked if the device is no longer paired (checked here, under the device row's lock,
    as well as on the request's headers: a slow body may arrive after a revocation)."""
    connection.execute(_FORGET_NONCES, {"device": device.id, "before": now - NONCE_MEMORY})
    spent = connection.execute(_SPEND_NONCE[connection.dialect.name],
                               {"device": device.id, "nonce": nonce, "now": now}).first()
    if spent is None:
        raise Replayed(nonce)
    if connection.execute(_SEEN, {"device": device.id, "now": now}).first() is None:
        raise Revoked(device.id)
