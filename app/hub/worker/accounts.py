"""Worker sign-in: the password check and a rate limit that holds under load and restarts.

Every attempt is written to ``sign_ins``, before its password is checked and in the same
transaction as the decision to check it (``app.hub.accounts.tries``), so guesses made at the
same moment cannot slip past the limit. Within 15 minutes (and since that worker last signed
in), five failures for one username from one client address refuse that username there; thirty
for one username from anywhere refuse it everywhere; twenty from one client address refuse that
address; each until 15 minutes after the latest failure. Five wrong guesses from one address do
not lock the worker out elsewhere: otherwise anyone who knew a username could keep a worker off
the hub, away from a child's alert. The client limit is higher because an office, or a proxy in
front of the hub, puts many workers behind one address. A refused attempt is not checked
and not counted, so a locked account unlocks on time. A failure never says whether the
username exists, and an unknown username costs the same password-hashing work as a known one.
An account the agency switched off does not sign in; a tab whose worker was switched off, or
given a new password, is signed out (``session_current``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Connection, Engine, func, insert, select, update

from app.domain.people import TEXT_SCALES
from app.hub.accounts.tries import MAX_FAILURES, WINDOW, TooManyTries, take_turns, wait_after
from app.hub.credentials import hash_password, password_matches
from app.hub.db import sign_ins, workers
from app.i18n import supported

__all__ = ["MAX_CLIENT_FAILURES", "MAX_FAILURES", "MAX_NAME_FAILURES", "WINDOW",
           "AccountSwitchedOff", "SignInRefused", "TooManyTries", "WorkerAccount",
           "WrongCredentials", "session_current", "sign_in"]

MAX_CLIENT_FAILURES = 20
#: Failures for one username from every address together: guessing spread out stays slow.
MAX_NAME_FAILURES = 30
MAX_USERNAME = 100
MAX_CLIENT = 64
MAX_PASSWORD = 1024


class SignInRefused(Exception):
    """A sign-in that did not succeed."""


class WrongCredentials(SignInRefused):
    """The username and password do not match an account (which of them is not said)."""


class AccountSwitchedOff(SignInRefused):
    """The password is right, but the agency has switched this account off."""


@dataclass(frozen=True)
class WorkerAccount:
    """The worker signed in to a browser tab."""

    id: int
    name: str
    username: str
    epoch: int = 0  # the account's session number when this tab signed in
    language: str | None = None  # the language the worker chose for the hub; None: not chosen
    text_scale: int | None = None  # the worker's text size in percent; None: 100%

    @property
    def author(self) -> str:
        """How the worker's changes are signed in records (``agency:<id>``)."""
        return f"agency:{self.id}"


@cache
def _decoy_hash() -> str:
    """A hash of nothing anyone types, checked when the username is unknown (same cost)."""
    return hash_password("homeward: no such worker")


def normalise_username(username: str) -> str:
    """Usernames are kept trimmed and in lower case (as ``admin.add_worker`` stores them).

    A name with control characters or broken text can be nobody's: it becomes "" (no account),
    so it never reaches the database as it was typed.
    """
    name = username.strip().lower()[:MAX_USERNAME]
    return name if name.isprintable() else ""


def _client(client: str) -> str:
    cleaned = (client or "unknown")[:MAX_CLIENT]
    return cleaned if cleaned.isprintable() else "unknown"


def _locked_for(connection: Connection, username: str, client: str, now: datetime) -> timedelta:
    """How long attempts are refused for this username from this client (zero: not refused)."""
    since = now - WINDOW
    last_ok = connection.execute(
        select(func.max(sign_ins.c.at)).where(sign_ins.c.username == username,
                                             sign_ins.c.ok.is_(True))
    ).scalar_one_or_none()
    by_name = connection.execute(select(sign_ins.c.at, sign_ins.c.client).where(
        sign_ins.c.username == username, sign_ins.c.ok.is_(False),
        sign_ins.c.at > (max(since, last_ok) if last_ok is not None else since))).all()
    by_client = select(sign_ins.c.at).where(
        sign_ins.c.client == client, sign_ins.c.ok.is_(False), sign_ins.c.at > since)
    here = [row.at for row in by_name if row.client == client]
    return max(wait_after(here, MAX_FAILURES, now),
               wait_after((row.at for row in by_name), MAX_NAME_FAILURES, now),
               wait_after(connection.execute(by_client).scalars(), MAX_CLIENT_FAILURES, now))


def sign_in(
    engine: Engine, username: str, password: str, *, client: str, now: datetime
) -> WorkerAccount:
    """Check a worker's username and password and record the attempt.

    Args:
        client: who is asking (the browser's address), for the per-client limit.

    Raises:
        TooManyTries: too many failures lately; nothing was checked or recorded.
        WrongCredentials: no account has this username and password.
        AccountSwitchedOff: the password is right but the agency switched the account off.
    """
    name = normalise_username(username)
    client = _client(client)
    with engine.begin() as connection:
        take_turns(connection, f"sign-in:{name}", f"sign-in-client:{client}")
        wait = _locked_for(connection, name, client, now)
        if wait > timedelta(0):
            raise TooManyTries(wait)
        row = connection.execute(
            select(workers.c.id, workers.c.name, workers.c.password_hash,
                   workers.c.disabled_at, workers.c.session_epoch, workers.c.language,
                   workers.c.text_scale)
            .where(workers.c.username == name)
        ).one_or_none()
        # Counted as a failure until the password is found right, so it counts while checked.
        attempt = connection.execute(
            insert(sign_ins).values(username=name, at=now, ok=False, client=client)
            .returning(sign_ins.c.id)
        ).scalar_one()
    typed = password[:MAX_PASSWORD]
    ok = password_matches(typed, row.password_hash if row is not None else _decoy_hash())
    if not ok or row is None or not name:
        raise WrongCredentials(name)
    if row.disabled_at is not None:
        raise AccountSwitchedOff(name)
    with engine.begin() as connection:
        connection.execute(update(sign_ins).where(sign_ins.c.id == attempt).values(ok=True))
    return WorkerAccount(int(row.id), row.name, name, int(row.session_epoch),
                         supported(row.language),
                         row.text_scale if row.text_scale in TEXT_SCALES else None)


def set_text_size(engine: Engine, worker_id: int, percent: int) -> None:
    """Keep the text size a worker chose (percent), for every tab they sign in to from now on.

    Raises:
        ValueError: not one of the sizes offered; nothing was changed.
    """
    if percent not in TEXT_SCALES:
        raise ValueError(f"no text size {percent!r}")
    with engine.begin() as connection:
        connection.execute(update(workers).where(workers.c.id == worker_id)
                           .values(text_scale=percent))


def set_language(engine: Engine, worker_id: int, language: str) -> None:
    """Keep the language a worker chose, for every tab they sign in to from now on.

    Raises:
        ValueError: Homeward has no catalogue for ``language``; nothing was changed.
    """
    if supported(language) is None:
        raise ValueError(f"no catalogue for {language!r}")
    with engine.begin() as connection:
        connection.execute(update(workers).where(workers.c.id == worker_id)
                           .values(language=language))


def session_current(engine: Engine, account: WorkerAccount) -> bool:
    """True while the account is on and its sessions have not been ended since it signed in."""
    with engine.connect() as connection:
        row = connection.execute(
            select(workers.c.disabled_at, workers.c.session_epoch)
            .where(workers.c.id == account.id)
        ).one_or_none()
    return row is not None and row.disabled_at is None and row.session_epoch == account.epoch
