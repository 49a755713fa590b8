"""Counting tries at a secret, so that guessing is slow: worker passwords, the agency passphrase.

A try is written down *before* the secret is checked, as a failure, in the same transaction that
decides whether another try is allowed; a right answer then turns it into a success. So tries
made at the same moment cannot all slip past the count: with five allowed, twelve at once are
five checks and seven refusals, whatever the timing. Transactions deciding about the same name
take turns: on SQLite every write transaction does (each begins IMMEDIATE, ``app.hub.db``), on
PostgreSQL an advisory lock per name makes them. A try cut short (the hub stopped while hashing)
stays a failure: the count errs on the side of the account.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update

from app.hub.db import passphrase_tries

#: Wrong answers for one name, since its last right one, within ``WINDOW``; then wait.
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


class TooManyTries(Exception):
    """Too many failed attempts lately; ``wait`` says how long until the next may be made."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(f"try again in {wait}")
        self.wait = wait

    @property
    def minutes(self) -> int:
        """Whole minutes to wait, rounded up (at least 1)."""
        return max(1, math.ceil(self.wait.total_seconds() / 60))


def take_turns(connection: Connection, *names: str) -> None:
    """Make transactions deciding about any of ``names`` wait for each other until they end.

    Locks are taken in one order (by their number), so two transactions never wait for each
    other in a circle.
    """
    if connection.dialect.name != "postgresql":
        return  # SQLite: the transaction already holds the database's one write lock
    keys = sorted({int.from_bytes(hashlib.sha256(name.encode("utf-8", "backslashreplace"))
                                  .digest()[:8], "big", signed=True) for name in names})
    for key in keys:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def wait_after(failures: Iterable[datetime], limit: int, now: datetime) -> timedelta:
    """How long to wait after these failures (zero: another try may be made now)."""
    found = sorted(failures)
    if len(found) < limit:
        return timedelta(0)
    return max(timedelta(0), found[-1] + WINDOW - now)


def _passphrase_wait(connection: Connection, worker_id: int, now: datetime) -> timedelta:
    last_ok = connection.execute(
        select(func.max(passphrase_tries.c.at)).where(passphrase_tries.c.worker_id == worker_id,
                                                      passphrase_tries.c.ok.is_(True))
    ).scalar_one_or_none()
    since = now - WINDOW if last_ok is None else max(now - WINDOW, last_ok)
    failures = connection.execute(
        select(passphrase_tries.c.at).where(passphrase_tries.c.worker_id == worker_id,
                                            passphrase_tries.c.ok.is_(False),
                                            passphrase_tries.c.at > since)
    ).scalars().all()
    return wait_after(failures, MAX_FAILURES, now)


def passphrase_wait(engine: Engine, worker_id: int, now: datetime) -> timedelta:
    """How long this worker must wait before trying the agency passphrase again (zero: now)."""
    with engine.connect() as connection:
        return _passphrase_wait(connection, worker_id, now)


def open_agency_key(engine: Engine, worker_id: int, passphrase: str, now: datetime
                    ) -> X25519PrivateKey:
    """Open the agency's private sealing key for a signed-in worker, counting the try.

    Five wrong passphrases from one worker (in any tab, since their last right one) within
    15 minutes refuse further tries until 15 minutes after the latest.

    Raises:
        TooManyTries: too many wrong tries lately; nothing was checked or recorded.
        WrongPassphrase: the passphrase does not open the key (the try counts).
        NoAgency: the hub has no agency yet (the try does not count).
    """
    from app.hub.admin import NoAgency, open_agency

    with engine.begin() as connection:
        take_turns(connection, f"agency-passphrase:{worker_id}")
        wait = _passphrase_wait(connection, worker_id, now)
        if wait > timedelta(0):
            raise TooManyTries(wait)
        try_id = connection.execute(
            insert(passphrase_tries).values(worker_id=worker_id, at=now, ok=False)
            .returning(passphrase_tries.c.id)
        ).scalar_one()
    try:
        key = open_agency(engine, passphrase)
    except NoAgency:
        with engine.begin() as connection:
            connection.execute(delete(passphrase_tries).where(passphrase_tries.c.id == try_id))
        raise
    with engine.begin() as connection:
        connection.execute(
            update(passphrase_tries).where(passphrase_tries.c.id == try_id).values(ok=True))
    return key
