"""What the agency does to a worker's account: switch it off or on, give it a new password.

Switching an account off, or giving it a new password, ends the worker's live sessions: each
tab of the worker UI checks its account every few seconds (``app.hub.worker.app``), and every
household page asks the database whether its worker may open it, so a tab signed in before
the change is signed out and shows nothing more. The sign-in record is kept as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update

from app.hub.admin import AdminError
from app.hub.credentials import hash_password
from app.hub.db import sign_ins, workers

MIN_PASSWORD = 10
#: Who a new password's line in ``sign_ins`` says made it (never a browser's address).
NEW_PASSWORD_GIVEN = "agency: new password"


class UnknownUsername(AdminError):
    """No worker signs in with this username."""


@dataclass(frozen=True)
class AccountState:
    """A worker's account as the agency sees it after a change."""

    id: int
    name: str
    username: str
    disabled_at: datetime | None


def find_account(engine: Engine, username: str) -> AccountState:
    """The account that signs in as ``username``; raise UnknownUsername if none does."""
    name = username.strip().lower()
    with engine.connect() as connection:
        row = connection.execute(
            select(workers.c.id, workers.c.name, workers.c.username, workers.c.disabled_at)
            .where(workers.c.username == name)
        ).one_or_none()
    if row is None:
        raise UnknownUsername(name)
    return AccountState(int(row.id), row.name, row.username, row.disabled_at)


def _change(engine: Engine, username: str, unlock: bool = False, **values: object
            ) -> AccountState:
    """Apply ``values`` to one account and end its live sessions, in one transaction; with
    ``unlock``, also lift a lock-out from wrong passwords."""
    account = find_account(engine, username)
    with engine.begin() as connection:
        connection.execute(
            update(workers).where(workers.c.id == account.id)
            .values(session_epoch=workers.c.session_epoch + 1, **values)
        )
        if unlock:
            # Counted as a right password: sign-in counts the wrong ones only after it.
            connection.execute(insert(sign_ins).values(
                username=account.username, at=datetime.now(UTC), ok=True,
                client=NEW_PASSWORD_GIVEN))
    return find_account(engine, username)


def disable_worker(engine: Engine, username: str, now: datetime) -> AccountState:
    """Switch an account off: it cannot sign in, and its open tabs are signed out.

    Switching off an account that is already off ends its sessions again and keeps the
    first time it was switched off.
    """
    account = find_account(engine, username)
    return _change(engine, username, disabled_at=account.disabled_at or now)


def enable_worker(engine: Engine, username: str) -> AccountState:
    """Switch an account back on: the worker may sign in again with the same password."""
    return _change(engine, username, disabled_at=None)


def reset_password(engine: Engine, username: str, password: str) -> AccountState:
    """Give an account a new password and sign out every tab signed in with the old one.

    Wrong passwords typed before it no longer count: a worker locked out by them signs in
    with the new one at once, as the agency tells them they can.
    """
    if len(password) < MIN_PASSWORD:
        raise AdminError(f"a worker's password must be at least {MIN_PASSWORD} characters")
    return _change(engine, username, unlock=True, password_hash=hash_password(password))
