"""A household's records over time: closing the case, opening it again, how long they are
kept, and erasure.

UK GDPR asks the agency to keep a family's records no longer than its retention schedule
says. The agency closes a household when the work ends (its devices are removed and its
unused pairing codes stop working) and sets how long to keep the records. A family referred
again is the same household opened again, not a new one: its phone, removed at closing, can
only ever be connected to the household it belonged to, and its history stays in one place.
Opening it stops the retention clock (the period counts again from the next closing) and
leaves the removed devices removed.

Once the retention time has passed, erasure removes every record, conflict, device, pairing
code and nonce the hub holds for the household, and its allocations and access log. What is
left is the household's row, marked erased and without its name, and its audit lines: when,
and by which command, it was erased (and opened again, with the date it had been closed,
which its row no longer shows).
Erasure refuses, and changes nothing, for a household that is open, has no retention period,
or is still within it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select, update

from app.hub.admin import UnknownHousehold
from app.hub.db import (
    LockedHousehold,
    access_log,
    allocations,
    audit_log,
    conflicts,
    devices,
    households,
    lock_household_case,
    nonces,
    pairing_codes,
    records,
    revisions,
)
from app.hub.sync import lock_household

#: The longest retention period the hub accepts (100 years, in days).
MAX_RETENTION_DAYS = 36_500


class RetentionRefused(ValueError):
    """Something the agency asked of a household's records that cannot be done as asked."""


class HouseholdErased(RetentionRefused):
    """The household's records were erased already."""


class AlreadyOpen(RetentionRefused):
    """Only a closed household's case can be opened again."""


class NotClosed(RetentionRefused):
    """Only a closed household's records may be erased."""


class NoRetention(RetentionRefused):
    """The agency has not set how long to keep this household's records."""


class WithinRetention(RetentionRefused):
    """The household's retention period has not passed yet; ``until`` says when it does."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


class BadRetention(RetentionRefused):
    """A retention period that is not a whole number of days from 1 to 36,500."""


@dataclass(frozen=True)
class CaseState:
    """Where a household's case is: open or closed, kept for how long, erased or not."""

    id: str
    name: str
    closed_at: datetime | None
    retention_days: int | None
    erased_at: datetime | None

    @property
    def keep_until(self) -> datetime | None:
        """When the retention period ends (None: open, or no period set)."""
        if self.closed_at is None or self.retention_days is None:
            return None
        return self.closed_at + timedelta(days=self.retention_days)


def lock_live_case(connection: Connection, household_id: str) -> LockedHousehold:
    """Take the household's lock (erasing takes it first too: never both at once) and return
    its case, which must exist and not be erased.

    Raises:
        UnknownHousehold: no household has this id.
        HouseholdErased: its records were erased (an erasure going on now is waited for).
    """
    found = lock_household_case(connection, household_id)
    if found is None:
        raise UnknownHousehold(household_id)
    if found.erased_at is not None:
        raise HouseholdErased(household_id)
    return found


def case_state(engine: Engine, household_id: str) -> CaseState | None:
    """The household's case state, or None if the hub has no household with this id."""
    with engine.connect() as connection:
        return _state(connection, household_id)


def _state(connection: Connection, household_id: str) -> CaseState | None:
    row = connection.execute(
        select(households.c.id, households.c.name, households.c.closed_at,
               households.c.retention_days, households.c.erased_at)
        .where(households.c.id == household_id)
    ).one_or_none()
    if row is None:
        return None
    return CaseState(row.id, row.name, row.closed_at, row.retention_days, row.erased_at)


def _live(connection: Connection, household_id: str) -> CaseState:
    """The case state of a household that exists and was not erased (caller handles None)."""
    state = _state(connection, household_id)
    if state is None:
        raise UnknownHousehold(household_id)
    if state.erased_at is not None:
        raise HouseholdErased(household_id)
    return state


def close_household(engine: Engine, household_id: str, now: datetime) -> bool:
    """Close the case: remove the household's devices and end its unused pairing codes.

    Returns False (and changes nothing) if the household was closed already.

    Raises:
        UnknownHousehold: no household has this id.
        HouseholdErased: the household's records were erased already.
    """
    with engine.begin() as connection:
        if _state(connection, household_id) is None:
            raise UnknownHousehold(household_id)
        lock_household(connection, household_id)
        state = _live(connection, household_id)
        if state.closed_at is not None:
            return False
        connection.execute(update(households).where(households.c.id == household_id)
                           .values(closed_at=now))
        connection.execute(update(devices).where(devices.c.household_id == household_id,
                                                 devices.c.revoked_at.is_(None))
                           .values(revoked_at=now))
        connection.execute(update(pairing_codes).where(
            pairing_codes.c.household_id == household_id, pairing_codes.c.used_at.is_(None),
            pairing_codes.c.expires_at > now).values(expires_at=now))
    return True


def reopen_household(engine: Engine, household_id: str, now: datetime, command: str) -> None:
    """Open a closed case again, for a family referred again: it is back on its workers'
    caseloads, pairing codes can be issued for it, and it cannot be erased until closed again.

    Its devices stay removed: each connects again with a new code. The closing date leaves
    the household's row, so an audit line keeps it, with the command.

    Raises:
        UnknownHousehold: no household has this id.
        HouseholdErased: the household's records were erased already.
        AlreadyOpen: the case is open; nothing is changed.
    """
    with engine.begin() as connection:
        found = lock_live_case(connection, household_id)
        if found.closed_at is None:
            raise AlreadyOpen(household_id)
        closed = f" (closed {found.closed_at.date().isoformat()})"
        connection.execute(update(households).where(households.c.id == household_id)
                           .values(closed_at=None))
        connection.execute(insert(audit_log).values(
            household_id=household_id, at=now, command=command[:200 - len(closed)] + closed))


def parse_days(text: str) -> int:
    """A retention period as typed: a whole number of days; raise BadRetention otherwise."""
    cleaned = text.strip()
    try:
        # isdecimal, not isdigit: "²" is a digit that int() cannot read.
        days = int(cleaned) if cleaned.isdecimal() else 0
    except ValueError:  # more digits than Python reads as a number
        days = 0
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise BadRetention(text)
    return days


def set_retention(engine: Engine, household_id: str, days: int) -> None:
    """Set how long the agency keeps the household's records after the case is closed.

    Raises:
        BadRetention: not 1 to 36,500 days.
        UnknownHousehold: no household has this id.
        HouseholdErased: the household's records were erased already.
    """
    if isinstance(days, bool) or not 1 <= days <= MAX_RETENTION_DAYS:
        raise BadRetention(str(days))
    with engine.begin() as connection:
        lock_live_case(connection, household_id)
        connection.execute(update(households).where(households.c.id == household_id)
                           .values(retention_days=days))


def check_erasable(state: CaseState, now: datetime) -> None:
    """Raise the refusal that applies if this household's records may not be erased now."""
    if state.erased_at is not None:
        raise HouseholdErased(state.id)
    if state.closed_at is None:
        raise NotClosed(state.id)
    until = state.keep_until
    if until is None:
        raise NoRetention(state.id)
    if now < until:
        raise WithinRetention(until)


def erase_household(engine: Engine, household_id: str, now: datetime, command: str) -> None:
    """Erase a closed household whose retention period has passed (see the module's notes).

    Everything happens in one transaction under the household's lock, so a refusal, or a
    failure half-way, leaves everything as it was.

    Raises:
        UnknownHousehold: no household has this id.
        HouseholdErased, NotClosed, NoRetention, WithinRetention: it may not be erased now.
    """
    with engine.begin() as connection:
        if _state(connection, household_id) is None:
            raise UnknownHousehold(household_id)
        lock_household(connection, household_id)
        # Read again under the lock: a device's push may have been waiting for it.
        state = _state(connection, household_id)
        assert state is not None
        check_erasable(state, now)
        device_ids = select(devices.c.id).where(devices.c.household_id == household_id)
        connection.execute(delete(nonces).where(nonces.c.device_id.in_(device_ids)))
        for table in (records, revisions, conflicts, devices, pairing_codes, allocations,
                      access_log):
            connection.execute(delete(table).where(table.c.household_id == household_id))
        # The name is the family's too: the row keeps only its id and dates.
        connection.execute(update(households).where(households.c.id == household_id)
                           .values(name="", erased_at=now))
        connection.execute(insert(audit_log).values(household_id=household_id, at=now,
                                                    command=command[:200]))
