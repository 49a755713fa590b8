"""Worker sign-in over the hub database: scrypt-checked passwords and a rate limit that persists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from app.hub.admin import add_worker
from app.hub.db import sign_ins
from app.hub.worker.accounts import (
    MAX_CLIENT_FAILURES,
    MAX_FAILURES,
    MAX_NAME_FAILURES,
    TooManyTries,
    WrongCredentials,
    sign_in,
)

PASSWORD = "tea and biscuits at ten"
T0 = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(hub_engine: Engine) -> Engine:
    """A hub database with two workers."""
    add_worker(hub_engine, "Priya Shah", "priya", PASSWORD)
    add_worker(hub_engine, "Sam Jones", "sam", "another long password")
    return hub_engine


def fail(engine: Engine, username: str, times: int, at: datetime, client: str = "10.0.0.1") -> None:
    for n in range(times):
        with pytest.raises(WrongCredentials):
            sign_in(engine, username, "wrong", client=client, now=at + timedelta(seconds=n))


def test_the_right_password_signs_in_and_every_attempt_is_recorded(engine: Engine) -> None:
    with pytest.raises(WrongCredentials):
        sign_in(engine, "priya", "not it", client="10.0.0.1", now=T0)
    account = sign_in(engine, "  Priya ", PASSWORD, client="10.0.0.1", now=T0)
    assert (account.name, account.username, account.author) == (
        "Priya Shah", "priya", f"agency:{account.id}")
    with engine.connect() as connection:
        rows = connection.execute(select(sign_ins.c.username, sign_ins.c.ok)).all()
    assert sorted(rows) == [("priya", False), ("priya", True)]


def test_an_unknown_username_fails_exactly_like_a_wrong_password(engine: Engine) -> None:
    with pytest.raises(WrongCredentials) as unknown:
        sign_in(engine, "nobody", PASSWORD, client="10.0.0.1", now=T0)
    with pytest.raises(WrongCredentials) as wrong:
        sign_in(engine, "priya", "not it", client="10.0.0.1", now=T0)
    assert type(unknown.value) is type(wrong.value)
    with pytest.raises(WrongCredentials):
        sign_in(engine, "", "", client="", now=T0)


def test_five_failures_lock_that_username_there_for_fifteen_minutes_only(
        engine: Engine) -> None:
    fail(engine, "priya", MAX_FAILURES, T0)
    last = T0 + timedelta(seconds=MAX_FAILURES - 1)
    with pytest.raises(TooManyTries) as locked:
        sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=last + timedelta(minutes=1))
    assert locked.value.minutes == 14
    # Another worker, and tries refused while locked, are not affected or counted.
    assert sign_in(engine, "sam", "another long password", client="10.0.0.1", now=last).name
    with pytest.raises(TooManyTries):
        sign_in(engine, "priya", "wrong", client="10.0.0.1", now=last + timedelta(minutes=14))
    assert sign_in(engine, "priya", PASSWORD, client="10.0.0.1",
                   now=last + timedelta(minutes=15)).username == "priya"


def test_someone_guessing_elsewhere_does_not_lock_the_worker_out(engine: Engine) -> None:
    """Anyone who knows Priya's username could keep her off the hub, and so away from a
    child's alert, with five wrong guesses every fifteen minutes. Their guesses lock their
    own address for her name; Priya at her desk signs in."""
    fail(engine, "priya", MAX_FAILURES, T0, client="198.51.100.7")
    later = T0 + timedelta(minutes=1)
    with pytest.raises(TooManyTries):
        sign_in(engine, "priya", PASSWORD, client="198.51.100.7", now=later)
    assert sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=later).username == "priya"


def test_guesses_at_one_name_from_many_addresses_lock_it_everywhere(engine: Engine) -> None:
    """Guessing spread over many addresses is still slow: after ``MAX_NAME_FAILURES`` for one
    name, from anywhere, the name waits everywhere."""
    per_address = MAX_FAILURES - 1
    addresses = -(-MAX_NAME_FAILURES // per_address)
    for n in range(addresses):
        left = MAX_NAME_FAILURES - n * per_address
        fail(engine, "priya", min(per_address, left), T0 + timedelta(seconds=10 * n),
             client=f"203.0.113.{n + 1}")
    with pytest.raises(TooManyTries):
        sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=2))
    assert sign_in(engine, "priya", PASSWORD, client="10.0.0.1",
                   now=T0 + timedelta(minutes=17)).username == "priya"


def test_a_successful_sign_in_starts_the_count_again(engine: Engine) -> None:
    fail(engine, "priya", MAX_FAILURES - 1, T0)
    sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=1))
    fail(engine, "priya", MAX_FAILURES - 1, T0 + timedelta(minutes=2))
    assert sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=3))


def test_many_failures_from_one_address_lock_that_address_only(engine: Engine) -> None:
    for n in range(MAX_CLIENT_FAILURES):
        with pytest.raises(WrongCredentials):
            sign_in(engine, f"guess-{n}", "wrong", client="203.0.113.9",
                    now=T0 + timedelta(seconds=n))
    with pytest.raises(TooManyTries):
        sign_in(engine, "priya", PASSWORD, client="203.0.113.9", now=T0 + timedelta(minutes=1))
    assert sign_in(engine, "priya", PASSWORD, client="10.0.0.1", now=T0 + timedelta(minutes=1))
