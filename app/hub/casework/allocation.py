"""Caseloads: a worker sees the households allocated to them, a manager sees every household.

Whether a worker may open a household, or change it, is decided here, from the database, every
time it is asked: an allocation taken away is taken away at once, even in a tab that is already
open. A closed household's records are kept and may still be read by its worker or a manager,
but nothing is added to them: its family's devices are gone, so nothing would reach them.
Every time a worker opens a household's records, or its sealed messages, a line is written to
the access log, which managers read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import Connection, Engine, Select, delete, insert, select
from sqlalchemy.exc import IntegrityError

from app.hub.db import access_log, allocations, households, lock_household_case, workers

WORKER = "worker"
MANAGER = "manager"
ROLES = (WORKER, MANAGER)

#: What a worker opened, as the access log records it.
OPENED_HOUSEHOLD = "household"
OPENED_SEALED = "sealed_messages"  # messages for the worker (older lines: visit notes too)
OPENED_HOUSES = "sealed_houses"
OPENED_VISIT_NOTES = "sealed_visit_notes"
#: A worker tried to open a household that is not on their caseload (and saw nothing of it).
TRIED_NOT_YOURS = "refused"
#: A report of the household was made to print or keep: the case leaving the hub on paper.
PRINTED = "printed"
OPENINGS = (OPENED_HOUSEHOLD, OPENED_SEALED, OPENED_HOUSES, OPENED_VISIT_NOTES,
            TRIED_NOT_YOURS, PRINTED)
ACCESS_LOG_SHOWN = 200


class Access(Enum):
    """What a worker may do with a household they asked for."""

    OPEN = "open"  # theirs (or they are a manager): show it
    NOT_YOURS = "not_yours"  # not allocated to them (or no such household: not said which)
    MISSING = "missing"  # a manager asked for a household the hub does not have (or erased)
    CLOSED = "closed"  # theirs, but the case is closed: read, never changed (``may_write``)


class UnknownWorker(LookupError):
    """No worker signs in with this username."""


class NotAllocated(LookupError):
    """The worker is not allocated to this household."""


class WriteRefused(PermissionError):
    """The worker may not change this household now; ``access`` says why."""

    def __init__(self, access: Access) -> None:
        super().__init__(access.value)
        self.access = access


@dataclass(frozen=True)
class Opening:
    """One line of the access log: who opened what of which household, and when."""

    at: datetime
    worker_name: str
    username: str
    household_id: str
    household_name: str
    what: str


def _role_now(worker_id: int, epoch: int | None = None) -> Select[str]:
    """The role of an account that is on (and, given ``epoch``, still in that session)."""
    query = select(workers.c.role).where(workers.c.id == worker_id,
                                         workers.c.disabled_at.is_(None))
    return query if epoch is None else query.where(workers.c.session_epoch == epoch)


def worker_role(engine: Engine, worker_id: int) -> str | None:
    """The worker's role now ("worker" or "manager"), or None if the account is gone or off."""
    with engine.connect() as connection:
        return connection.execute(_role_now(worker_id)).scalar_one_or_none()


def is_manager(engine: Engine, worker_id: int) -> bool:
    """True if the worker is a manager now (managers see every household)."""
    return worker_role(engine, worker_id) == MANAGER


def allocated_ids(worker_id: int) -> Select[tuple[str]]:
    """The ids of the households allocated to a worker, as a query to use inside another."""
    return select(allocations.c.household_id).where(allocations.c.worker_id == worker_id)


def access(engine: Engine, worker_id: int, household_id: str, epoch: int | None = None
           ) -> Access:
    """May this worker open this household? Decided from the database as it is now.

    A worker asking for a household that is not theirs is told only that: whether it exists
    at all is not said. A manager may open every household the hub still holds. An account
    switched off opens nothing, nor does a tab signed in before its sessions were ended
    (``epoch``: the account's session number when the tab signed in). A closed household
    still opens, for its records.
    """
    with engine.connect() as connection:
        found = _decide(connection, worker_id, household_id, epoch)
    return Access.OPEN if found is Access.CLOSED else found


def may_write(connection: Connection, worker_id: int, household_id: str,
              epoch: int | None = None) -> None:
    """Raise WriteRefused unless this worker may change this household now.

    Run inside the writing transaction, after the household's lock is taken: closing and
    erasing take the same lock, so neither can slip in between this check and the write.
    """
    found = _decide(connection, worker_id, household_id, epoch)
    if found is not Access.OPEN:
        raise WriteRefused(found)


def _decide(connection: Connection, worker_id: int, household_id: str, epoch: int | None
            ) -> Access:
    """What this worker may do with this household (CLOSED: theirs, but closed)."""
    role = connection.execute(_role_now(worker_id, epoch)).scalar_one_or_none()
    home = connection.execute(
        select(households.c.closed_at).where(households.c.id == household_id,
                                             households.c.erased_at.is_(None))
    ).one_or_none()
    mine = connection.execute(
        select(allocations.c.household_id).where(allocations.c.worker_id == worker_id,
                                                 allocations.c.household_id == household_id)
    ).first() is not None
    if role == MANAGER and home is None:
        return Access.MISSING
    if role != MANAGER and not (role == WORKER and home is not None and mine):
        return Access.NOT_YOURS
    assert home is not None
    return Access.OPEN if home.closed_at is None else Access.CLOSED


def note_opening(engine: Engine, worker_id: int, household_id: str, what: str,
                 now: datetime) -> None:
    """Write one line to the access log: this worker opened this part of this household
    (nothing, once the household is erased: the log is erased with it)."""
    if what not in OPENINGS:
        raise ValueError(f"not something a worker opens: {what}")
    with engine.begin() as connection:
        # Under the household's lock, which erasing takes first too: a line written as the
        # household is erased would outlive the erasure, so none is written for it.
        found = lock_household_case(connection, household_id)
        if found is None or found.erased_at is not None:
            return
        connection.execute(insert(access_log).values(
            worker_id=worker_id, household_id=household_id, what=what, at=now))


def access_lines(engine: Engine, limit: int = ACCESS_LOG_SHOWN,
                 household_id: str | None = None) -> list[Opening]:
    """The access log, newest first (of one household, or of all)."""
    query = (
        select(access_log.c.at, access_log.c.what, access_log.c.household_id,
               workers.c.name, workers.c.username, households.c.name.label("household_name"))
        .join(workers, workers.c.id == access_log.c.worker_id)
        .join(households, households.c.id == access_log.c.household_id)
        .order_by(access_log.c.at.desc(), access_log.c.id.desc())
        .limit(limit)
    )
    if household_id is not None:
        query = query.where(access_log.c.household_id == household_id)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [Opening(r.at, r.name, r.username, r.household_id, r.household_name, r.what)
            for r in rows]


@dataclass(frozen=True)
class WorkerInfo:
    """A worker as casework needs them: id, name, and whether they are a manager."""

    id: int
    name: str
    manager: bool


def find_worker(engine: Engine, username: str) -> WorkerInfo:
    """The worker who signs in as ``username``; raise UnknownWorker if nobody does."""
    with engine.connect() as connection:
        row = connection.execute(
            select(workers.c.id, workers.c.name, workers.c.role)
            .where(workers.c.username == username.strip().lower())
        ).one_or_none()
    if row is None:
        raise UnknownWorker(username.strip().lower())
    return WorkerInfo(int(row.id), row.name, row.role == MANAGER)


def is_allocated(engine: Engine, household_id: str, worker_id: int) -> bool:
    """True if the worker is allocated to the household."""
    with engine.connect() as connection:
        return connection.execute(
            select(allocations.c.household_id).where(allocations.c.worker_id == worker_id,
                                                     allocations.c.household_id == household_id)
        ).first() is not None


def allocate(engine: Engine, household_id: str, worker_id: int, now: datetime) -> bool:
    """Allocate a household to a worker; False if it was allocated to them already.

    Raises:
        UnknownHousehold: no household has this id.
        HouseholdErased: its records were erased (an erasure going on now is waited for).
    """
    from app.hub.casework.retention import lock_live_case  # retention builds on this module

    try:
        with engine.begin() as connection:
            lock_live_case(connection, household_id)
            connection.execute(insert(allocations).values(
                household_id=household_id, worker_id=worker_id, allocated_at=now))
    except IntegrityError:
        if is_allocated(engine, household_id, worker_id):
            return False
        raise
    return True


def deallocate(engine: Engine, household_id: str, worker_id: int) -> None:
    """Take a household off a worker's caseload; raise NotAllocated if it was not on it."""
    with engine.begin() as connection:
        gone = connection.execute(delete(allocations).where(
            allocations.c.household_id == household_id, allocations.c.worker_id == worker_id))
        if gone.rowcount != 1:
            raise NotAllocated(household_id)
