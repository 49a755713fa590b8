"""Workers' accounts on SQLite and PostgreSQL: limits that hold when guesses come all at once,
agency-passphrase tries counted per worker, switching an account off, a new password, and the
agency key's fingerprint."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from app.hub import admin
from app.hub.accounts.tries import MAX_FAILURES, TooManyTries, open_agency_key
from app.hub.accounts.workers import (
    UnknownUsername,
    disable_worker,
    enable_worker,
    find_account,
    reset_password,
)
from app.hub.admin import add_worker, agency_public_key, create_agency, register_household
from app.hub.casework.allocation import Access, access, allocate
from app.hub.credentials import WrongPassphrase
from app.hub.db import migrate, passphrase_tries, schema_version, sign_ins, workers
from app.hub.migrations import MIGRATIONS
from app.hub.protocol import agency_key_fingerprint, fingerprint_matches
from app.hub.worker import accounts
from app.hub.worker.accounts import (
    AccountSwitchedOff,
    WrongCredentials,
    session_current,
    sign_in,
)
from app.storage.crypto import KdfParams
from tests.hubkit import AGENCY_PASSPHRASE

PASSWORD = "tea and biscuits at ten"
NEW_PASSWORD = "a brand new kettle for the office"
T0 = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
GUESSES = 12


@pytest.fixture
def engine(hub_engine: Engine) -> Engine:
    """A hub database with its agency and two workers, Priya and Sam."""
    create_agency(hub_engine, "Riverside", AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    add_worker(hub_engine, "Priya Shah", "priya", PASSWORD)
    add_worker(hub_engine, "Sam Jones", "sam", "another long password")
    return hub_engine


def all_at_once(count: int, attempt: Callable[[], Any]) -> Counter[str]:
    """Run ``attempt`` ``count`` times at the same moment; count how each one ended."""
    gate = threading.Barrier(count)

    def one() -> str:
        gate.wait()
        try:
            attempt()
        except Exception as ended:  # noqa: BLE001 - the kind of ending is what is counted
            return type(ended).__name__
        return "ok"

    with ThreadPoolExecutor(max_workers=count) as pool:
        return Counter(pool.map(lambda _: one(), range(count)))


def counting(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Wrap ``owner.name`` so each call is counted (the real check still runs)."""
    calls: list[int] = []
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


@pytest.mark.parametrize("username", ["priya", "nobody-here"])
def test_twelve_wrong_guesses_at_once_check_at_most_five(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, username: str
) -> None:
    checks = counting(monkeypatch, accounts, "password_matches")
    ended = all_at_once(GUESSES, lambda: sign_in(engine, username, "a wrong guess",
                                                 client="10.0.0.1", now=T0))
    assert ended == {"WrongCredentials": MAX_FAILURES, "TooManyTries": GUESSES - MAX_FAILURES}
    assert len(checks) == MAX_FAILURES
    with engine.connect() as connection:
        recorded = connection.execute(select(sign_ins.c.ok)).scalars().all()
    assert recorded == [False] * MAX_FAILURES
    with pytest.raises(TooManyTries):  # even the right password waits now, from there
        sign_in(engine, username, PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=1))


def test_the_right_password_among_guesses_at_once_still_signs_in(engine: Engine) -> None:
    passwords = iter([PASSWORD] + ["a wrong guess"] * 3)
    handing_out = threading.Lock()

    def attempt() -> None:
        with handing_out:
            password = next(passwords)
        sign_in(engine, "priya", password, client="10.0.0.1", now=T0)

    assert all_at_once(4, attempt) == {"ok": 1, "WrongCredentials": 3}


def test_agency_passphrase_tries_are_counted_per_worker_whatever_the_tab(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    priya, sam = find_account(engine, "priya").id, find_account(engine, "sam").id
    checks = counting(monkeypatch, admin, "open_agency")
    ended = all_at_once(8, lambda: open_agency_key(engine, priya, "wrong passphrase", T0))
    assert ended == {"WrongPassphrase": MAX_FAILURES, "TooManyTries": 8 - MAX_FAILURES}
    assert len(checks) == MAX_FAILURES
    with pytest.raises(TooManyTries) as waiting:  # a new tab, the right passphrase: still waits
        open_agency_key(engine, priya, AGENCY_PASSPHRASE, T0 + timedelta(minutes=5))
    assert waiting.value.minutes == 10
    assert open_agency_key(engine, sam, AGENCY_PASSPHRASE, T0) is not None  # Sam is not held
    assert open_agency_key(engine, priya, AGENCY_PASSPHRASE, T0 + timedelta(minutes=15))
    with pytest.raises(WrongPassphrase):  # a right one starts the count again
        open_agency_key(engine, priya, "wrong again", T0 + timedelta(minutes=16))
    with engine.connect() as connection:
        rows = connection.execute(select(passphrase_tries.c.worker_id, passphrase_tries.c.ok)
                                  ).all()
    assert Counter(map(tuple, rows)) == {(priya, False): 6, (priya, True): 1, (sam, True): 1}


def test_switching_an_account_off_ends_its_sessions_and_sign_in(engine: Engine) -> None:
    priya = find_account(engine, "priya").id
    household = register_household(engine, "The Okafor household")
    allocate(engine, household, priya, T0)
    tab = sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0)
    other = sign_in(engine, "sam", "another long password", client="10.0.0.1", now=T0)
    assert session_current(engine, tab)
    assert access(engine, priya, household, tab.epoch) is Access.OPEN

    disable_worker(engine, "Priya", T0)
    assert not session_current(engine, tab)
    assert access(engine, priya, household, tab.epoch) is Access.NOT_YOURS
    assert access(engine, priya, household) is Access.NOT_YOURS
    assert session_current(engine, other)  # nobody else is signed out
    with pytest.raises(AccountSwitchedOff):
        sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=1))
    with pytest.raises(WrongCredentials):  # a wrong password says nothing more than before
        sign_in(engine, "priya", "not it", client="10.0.0.1", now=T0 + timedelta(minutes=1))

    enable_worker(engine, "priya")
    again = sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=2))
    assert session_current(engine, again) and not session_current(engine, tab)
    assert access(engine, priya, household, again.epoch) is Access.OPEN
    with pytest.raises(UnknownUsername):
        disable_worker(engine, "nobody", T0)


def test_a_new_password_signs_out_the_old_sessions(engine: Engine) -> None:
    tab = sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0)
    reset_password(engine, "priya", NEW_PASSWORD)
    assert not session_current(engine, tab)
    with pytest.raises(WrongCredentials):
        sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=1))
    fresh = sign_in(engine, "priya", NEW_PASSWORD, client="10.0.0.1",
                    now=T0 + timedelta(minutes=1))
    assert session_current(engine, fresh)


def test_a_new_password_lets_a_locked_out_worker_straight_back_in(engine: Engine) -> None:
    now = datetime.now(UTC)  # the agency gives the new password now, after the lock-out
    for guess in range(MAX_FAILURES):
        with pytest.raises(WrongCredentials):
            sign_in(engine, "priya", f"wrong guess {guess}", client="10.0.0.5", now=now)
    with pytest.raises(TooManyTries):
        sign_in(engine, "priya", PASSWORD, client="10.0.0.5", now=now)
    reset_password(engine, "priya", NEW_PASSWORD)
    later = now + timedelta(seconds=30)
    assert sign_in(engine, "priya", NEW_PASSWORD, client="10.0.0.5", now=later).username == "priya"
    after = later + timedelta(seconds=1)
    for guess in range(MAX_FAILURES):  # the count starts again from the new password
        with pytest.raises(WrongCredentials):
            sign_in(engine, "priya", f"wrong again {guess}", client="10.0.0.5", now=after)
    with pytest.raises(TooManyTries):
        sign_in(engine, "priya", NEW_PASSWORD, client="10.0.0.5", now=after)


def test_usernames_with_control_characters_reach_no_account(engine: Engine) -> None:
    for typed in ("pri\x00ya", "pri\nya", "\ud800"):
        with pytest.raises(WrongCredentials):
            sign_in(engine, typed, PASSWORD, client="10.0.0.\x00", now=T0)


def test_a_username_sign_in_could_never_match_is_refused(engine: Engine) -> None:
    for typed in ("priya\u200b", "sam\u00ad", "\u200bmo"):
        with pytest.raises(admin.UnusableUsername):
            add_worker(engine, "Someone New", typed, PASSWORD)
    assert add_worker(engine, "Ann Lee", " ALee ", PASSWORD)  # kept as "alee": signs in
    assert sign_in(engine, "ALEE", PASSWORD, client="10.0.0.1", now=T0).username == "alee"


def test_a_database_before_accounts_could_be_switched_off_is_brought_up_to_date(
    engine: Engine
) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE passphrase_tries"))
        for column in ("disabled_at", "session_epoch"):
            connection.execute(text(f"ALTER TABLE workers DROP COLUMN {column}"))
        connection.execute(schema_version.delete().where(schema_version.c.version >= 5))
    assert migrate(engine) == MIGRATIONS[-1].version
    with engine.connect() as connection:
        rows = connection.execute(select(workers.c.username, workers.c.disabled_at,
                                         workers.c.session_epoch).order_by(workers.c.id)).all()
    assert [tuple(row) for row in rows] == [("priya", None, 0), ("sam", None, 0)]
    assert sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0).epoch == 0


def test_the_fingerprint_is_short_stable_and_tells_keys_apart(engine: Engine) -> None:
    key = agency_public_key(engine)
    shown = agency_key_fingerprint(key)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{5} ){3}[0-9A-HJKMNP-TV-Z]{5}", shown)
    assert agency_key_fingerprint(key) == shown
    assert agency_key_fingerprint(bytes(32)) != shown
    assert fingerprint_matches(shown.lower().replace(" ", "-"), key)
    assert fingerprint_matches(shown.replace("0", "O").replace("1", "l"), key)
    assert not fingerprint_matches(shown[:-1], key)
    assert not fingerprint_matches("ÿ" * 20, key)
