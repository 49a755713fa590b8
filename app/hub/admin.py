"""What the agency does to its own hub: create the agency, add workers, register households,
issue pairing codes, list and revoke devices. Plain functions over an engine; a CLI wraps them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.domain.people import clean_name
from app.hub.credentials import (
    SealedAgencyKey,
    code_hash,
    hash_password,
    new_agency_key,
    new_pairing_code,
    open_agency_key,
    password_matches,
)
from app.hub.db import (
    agency,
    devices,
    households,
    lock_household_case,
    pairing_codes,
    records,
    workers,
)
from app.hub.worker.accounts import MAX_USERNAME, normalise_username
from app.storage.crypto import KdfParams

PAIRING_CODE_LIFETIME = timedelta(hours=24)
MAX_NAME_LENGTH = 200


class AdminError(ValueError):
    """An agency operation that cannot be done as asked."""


class AgencyExists(AdminError):
    """The hub already has its agency; there is only ever one."""


class NoAgency(AdminError):
    """The agency has not been created yet, so nothing can be paired."""


class UsernameTaken(AdminError):
    """Another worker already signs in with this username."""


class UnusableUsername(AdminError):
    """A username with a character that cannot be seen or typed (a zero-width space, a soft
    hyphen): signing in could never match it."""


class UnknownHousehold(AdminError):
    """No household has this id."""


class UnknownDevice(AdminError):
    """No device has this id."""


class HouseholdClosed(AdminError):
    """The household's case is closed (or its records erased): no device may join it."""


@dataclass(frozen=True)
class PairingCode:
    """A one-time code to give a family, shown once; only its hash is kept."""

    household_id: str
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class DeviceInfo:
    """A paired device as the agency sees it."""

    id: str
    household_id: str
    paired_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def _clean_name(name: str, what: str) -> str:
    cleaned = clean_name(name)
    if not cleaned or len(cleaned) > MAX_NAME_LENGTH:
        raise AdminError(f"{what} must be 1 to {MAX_NAME_LENGTH} characters")
    return cleaned


def create_agency(
    engine: Engine, name: str, passphrase: str, params: KdfParams | None = None
) -> bytes:
    """Create the agency and its sealing key pair; return the public key.

    Raises:
        AgencyExists: the hub already has an agency.
    """
    if not passphrase:
        raise AdminError("the agency passphrase must not be empty")
    key = new_agency_key(passphrase, params or KdfParams())
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(agency).values(
                    id=1,
                    name=_clean_name(name, "The agency's name"),
                    public_key=key.public_key,
                    private_key_sealed=key.private_key_sealed,
                    kdf_salt=key.salt,
                    kdf_memory_cost=key.params.memory_cost,
                    kdf_iterations=key.params.iterations,
                    kdf_lanes=key.params.lanes,
                    created_at=datetime.now(UTC),
                )
            )
    except IntegrityError as exc:
        raise AgencyExists("this hub already has an agency") from exc
    return key.public_key


def agency_public_key(engine: Engine) -> bytes:
    """Return the agency's public sealing key; raise NoAgency before the agency exists."""
    with engine.connect() as connection:
        found = connection.execute(select(agency.c.public_key)).scalar_one_or_none()
    if found is None:
        raise NoAgency("create the agency first")
    return bytes(found)


def open_agency(engine: Engine, passphrase: str) -> X25519PrivateKey:
    """Return the agency's private sealing key; raise WrongPassphrase or NoAgency."""
    with engine.connect() as connection:
        row = connection.execute(select(agency)).one_or_none()
    if row is None:
        raise NoAgency("create the agency first")
    params = KdfParams(row.kdf_memory_cost, row.kdf_iterations, row.kdf_lanes)
    stored = SealedAgencyKey(
        bytes(row.public_key), bytes(row.private_key_sealed), bytes(row.kdf_salt), params
    )
    return open_agency_key(stored, passphrase)


def clean_username(username: str) -> str:
    """The username as it is kept and signed in with: trimmed, in lower case.

    Raises:
        AdminError: empty, or longer than 100 characters.
        UnusableUsername: it has a character that sign-in never matches.
    """
    cleaned = username.strip().lower()
    if not cleaned or len(cleaned) > MAX_USERNAME:
        raise AdminError("a username must be 1 to 100 characters")
    if normalise_username(cleaned) != cleaned:
        raise UnusableUsername(cleaned)
    return cleaned


def add_worker(engine: Engine, name: str, username: str, password: str, *,
               manager: bool = False) -> int:
    """Add a worker account; return its id. Raise UsernameTaken if the username is in use.

    A manager sees every household; a worker only the ones allocated to them. The username
    is kept as ``clean_username`` gives it (and refused as it refuses).
    """
    username = clean_username(username)
    if len(password) < 10:
        raise AdminError("a worker's password must be at least 10 characters")
    try:
        with engine.begin() as connection:
            result = connection.execute(
                insert(workers)
                .values(
                    name=_clean_name(name, "A worker's name"),
                    username=username,
                    password_hash=hash_password(password),
                    created_at=datetime.now(UTC),
                    role="manager" if manager else "worker",
                )
                .returning(workers.c.id)
            )
            return int(result.scalar_one())
    except IntegrityError as exc:
        raise UsernameTaken(username) from exc


def worker_password_matches(engine: Engine, username: str, password: str) -> bool:
    """Return True if a worker with this username exists and the password is theirs."""
    with engine.connect() as connection:
        stored = connection.execute(
            select(workers.c.password_hash).where(workers.c.username == username.strip().lower())
        ).scalar_one_or_none()
    return stored is not None and password_matches(password, stored)


def register_household(engine: Engine, name: str, now: datetime | None = None) -> str:
    """Register a household with the agency; return its new id."""
    household_id = str(uuid.uuid4())
    with engine.begin() as connection:
        connection.execute(
            insert(households).values(
                id=household_id, name=_clean_name(name, "A household's name"),
                created_at=_now(now), last_seq=0,
            )
        )
    return household_id


def issue_pairing_code(
    engine: Engine, household_id: str, now: datetime | None = None
) -> PairingCode:
    """Issue a one-time pairing code for a household, valid for 24 hours.

    Raises:
        NoAgency: the agency does not exist yet, so a device could not be given its key.
        UnknownHousehold: no household has this id.
        HouseholdClosed: the household's case is closed.
    """
    agency_public_key(engine)
    issued = _now(now)
    code = new_pairing_code()
    with engine.begin() as connection:
        # Under the household's lock, which closing takes first too: a closing that comes
        # later ends this code with the household's other unused ones.
        found = lock_household_case(connection, household_id)
        if found is None:
            raise UnknownHousehold(household_id)
        if not found.open:
            raise HouseholdClosed(household_id)
        connection.execute(
            insert(pairing_codes).values(
                household_id=household_id,
                code_hash=code_hash(code),
                created_at=issued,
                expires_at=issued + PAIRING_CODE_LIFETIME,
            )
        )
    return PairingCode(household_id, code, issued + PAIRING_CODE_LIFETIME)


def list_devices(engine: Engine, household_id: str | None = None) -> list[DeviceInfo]:
    """Return the paired devices, of one household or of all, oldest first."""
    query = select(devices).order_by(devices.c.paired_at, devices.c.id)
    if household_id is not None:
        query = query.where(devices.c.household_id == household_id)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        DeviceInfo(r.id, r.household_id, r.paired_at, r.last_seen_at, r.revoked_at) for r in rows
    ]


def revoke_device(engine: Engine, device_id: str, now: datetime | None = None) -> None:
    """Revoke a device (a lost phone): from now on the hub refuses its requests.

    Raises:
        UnknownDevice: no device has this id.
    """
    with engine.begin() as connection:
        known = connection.execute(
            select(devices.c.revoked_at).where(devices.c.id == device_id)
        ).one_or_none()
        if known is None:
            raise UnknownDevice(device_id)
        if known.revoked_at is None:
            connection.execute(
                update(devices).where(devices.c.id == device_id).values(revoked_at=_now(now))
            )


@dataclass(frozen=True)
class HouseholdInfo:
    """A registered household as the agency sees it, with how many devices it has."""

    id: str
    name: str
    created_at: datetime
    devices: int  # paired and not revoked
    revoked_devices: int
    closed_at: datetime | None = None
    retention_days: int | None = None
    erased_at: datetime | None = None


def has_agency(engine: Engine) -> bool:
    """Return True once the agency has been created."""
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(agency)).scalar_one() > 0


def username_taken(engine: Engine, username: str) -> bool:
    """Return True if a worker already signs in with this username (compared as stored)."""
    with engine.connect() as connection:
        found = connection.execute(
            select(func.count())
            .select_from(workers)
            .where(workers.c.username == username.strip().lower())
        ).scalar_one()
    return bool(found)


def _households(engine: Engine, household_id: str | None = None) -> list[HouseholdInfo]:
    """Households (all, or the one with this id), oldest first, with their device counts."""
    total = func.count(devices.c.id)
    revoked = func.count(devices.c.revoked_at)
    columns = (households.c.id, households.c.name, households.c.created_at,
               households.c.closed_at, households.c.retention_days, households.c.erased_at)
    query = (
        select(*columns, (total - revoked).label("active"), revoked.label("revoked"))
        .select_from(households.outerjoin(devices, devices.c.household_id == households.c.id))
        .group_by(*columns)
        .order_by(households.c.created_at, households.c.id)
    )
    if household_id is not None:
        query = query.where(households.c.id == household_id)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        HouseholdInfo(r.id, r.name, r.created_at, int(r.active), int(r.revoked), r.closed_at,
                      r.retention_days, r.erased_at)
        for r in rows
    ]


def list_households(engine: Engine) -> list[HouseholdInfo]:
    """Return every registered household, oldest first, with its device counts."""
    return _households(engine)


def find_household(engine: Engine, household_id: str) -> HouseholdInfo | None:
    """Return one household with its device counts, or None if no household has this id."""
    found = _households(engine, household_id)
    return found[0] if found else None


def find_device(engine: Engine, device_id: str) -> DeviceInfo | None:
    """Return one paired device, or None if no device has this id."""
    with engine.connect() as connection:
        r = connection.execute(select(devices).where(devices.c.id == device_id)).one_or_none()
    return None if r is None else DeviceInfo(
        r.id, r.household_id, r.paired_at, r.last_seen_at, r.revoked_at
    )


def records_last_sent_by(engine: Engine, device_id: str) -> int:
    """How many of its household's records this device sent last (no other device changed
    them since): what to look at when a device was paired with another family's code."""
    with engine.connect() as connection:
        return int(connection.execute(
            select(func.count()).select_from(records).where(records.c.device_id == device_id)
        ).scalar_one())
