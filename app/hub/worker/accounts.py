"""Worker sign-in: the password check and a rate limit that survives a restart of the hub.

Every attempt is written to ``sign_ins``. Five failures for one username (since that worker last
signed in), or twenty from one client address, within 15 minutes refuse further attempts until
15 minutes after the latest failure. The client limit is higher because an office, or a proxy
in front of the hub, puts many workers behind one address. A refused attempt is not checked
and not counted, so a locked account unlocks on time. A failure never says whether the
username exists, and an unknown username costs the same password-hashing work as a known one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Connection, Engine, func, insert, select

from app.hub.credentials import hash_password, password_matches
from app.hub.db import sign_ins, workers

MAX_FAILURES = 5
MAX_CLIENT_FAILURES = 20
WINDOW = timedelta(minutes=15)
MAX_USERNAME = 100
MAX_CLIENT = 64
MAX_PASSWORD = 1024


class SignInRefused(Exception):
    """A sign-in that did not succeed."""


class WrongCredentials(SignInRefused):
    """The username and password do not match an account (which of them is not said)."""


class TooManyTries(SignInRefused):
    """Too many failed attempts lately; ``wait`` says how long until the next may be made."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(f"try again in {wait}")
        self.wait = wait

    @property
    def minutes(self) -> int:
        """Whole minutes to wait, rounded up (at least 1)."""
        return max(1, math.ceil(self.wait.total_seconds() / 60))


@dataclass(frozen=True)
class WorkerAccount:
    """The worker signed in to a browser tab."""

    id: int
    name: str
    username: str

    @property
    def author(self) -> str:
        """How the worker's changes are signed in records (``agency:<id>``)."""
        return f"agency:{self.id}"


@cache
def _decoy_hash() -> str:
    """A hash of nothing anyone types, checked when the username is unknown (same cost)."""
    return hash_password("homeward: no such worker")


def normalise_username(username: str) -> str:
    """Usernames are kept trimmed and in lower case (as ``admin.add_worker`` stores them)."""
    return username.strip().lower()[:MAX_USERNAME]


def _locked_for(connection: Connection, username: str, client: str, now: datetime) -> timedelta:
    """How long attempts are refused for this username or client (zero: not refused)."""
    since = now - WINDOW
    last_ok = connection.execute(
        select(func.max(sign_ins.c.at)).where(sign_ins.c.username == username,
                                             sign_ins.c.ok.is_(True))
    ).scalar_one_or_none()
    by_name = select(sign_ins.c.at).where(
        sign_ins.c.username == username, sign_ins.c.ok.is_(False),
        sign_ins.c.at > (max(since, last_ok) if last_ok is not None else since))
    by_client = select(sign_ins.c.at).where(
        sign_ins.c.client == client, sign_ins.c.ok.is_(False), sign_ins.c.at > since)
    wait = timedelta(0)
    for query, limit in ((by_name, MAX_FAILURES), (by_client, MAX_CLIENT_FAILURES)):
        failures = sorted(connection.execute(query).scalars().all())
        if len(failures) >= limit:
            wait = max(wait, failures[-1] + WINDOW - now)
    return wait


def sign_in(
    engine: Engine, username: str, password: str, *, client: str, now: datetime
) -> WorkerAccount:
    """Check a worker's username and password and record the attempt.

    Args:
        client: who is asking (the browser's address), for the per-client limit.

    Raises:
        TooManyTries: too many failures lately; nothing was checked or recorded.
        WrongCredentials: no account has this username and password.
    """
    name = normalise_username(username)
    client = (client or "unknown")[:MAX_CLIENT]
    with engine.connect() as connection:
        wait = _locked_for(connection, name, client, now)
        row = connection.execute(
            select(workers.c.id, workers.c.name, workers.c.password_hash)
            .where(workers.c.username == name)
        ).one_or_none()
    if wait > timedelta(0):
        raise TooManyTries(wait)
    attempt = password[:MAX_PASSWORD]
    ok = password_matches(attempt, row.password_hash if row is not None else _decoy_hash())
    ok = ok and row is not None and bool(name)
    with engine.begin() as connection:
        connection.execute(insert(sign_ins).values(username=name, at=now, ok=ok, client=client))
    if not ok or row is None:
        raise WrongCredentials(name)
    return WorkerAccount(int(row.id), row.name, name)
