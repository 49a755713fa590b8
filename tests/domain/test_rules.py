"""Pure rules: passphrases, PINs, lockouts and auto-lock."""

from __future__ import annotations

import pytest

from app.domain.autolock import AutoLock
from app.domain.passphrase import Problem, Strength, check_passphrase
from app.domain.pins import (
    Lockout,
    PinProblem,
    hash_pin,
    picture_pin_problem,
    picture_secret,
    pin_matches,
    pin_problem,
)


@pytest.mark.parametrize(
    ("candidate", "problem"),
    [
        ("short", Problem.TOO_SHORT),
        ("password123", Problem.EASY_TO_GUESS),
        ("aaaaaaaaaaaa", Problem.REPEATS),
        ("qwertyuiop12", Problem.SEQUENCE),
        ("x" * 201, Problem.TOO_LONG),
    ],
)
def test_weak_passphrases_are_refused_with_a_reason(candidate: str, problem: Problem) -> None:
    check = check_passphrase(candidate)
    assert not check.acceptable
    assert problem in check.problems
    assert check.strength is Strength.WEAK


def test_passphrase_that_is_mostly_the_household_name_is_refused() -> None:
    check = check_passphrase("taylorfamily1", household_name="Taylor family")
    assert Problem.HAS_NAME in check.problems


def test_a_few_uncommon_words_make_a_strong_passphrase() -> None:
    check = check_passphrase("blue kettle on the windowsill", household_name="Taylor")
    assert check.acceptable
    assert check.strength is Strength.STRONG


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("12a4", PinProblem.NOT_DIGITS),
        ("123", PinProblem.WRONG_LENGTH),
        ("1234567", PinProblem.WRONG_LENGTH),
        ("1111", PinProblem.TOO_SIMPLE),
        ("1234", PinProblem.TOO_SIMPLE),
        ("٣٤٥٦", PinProblem.NOT_DIGITS),
        ("2580", None),
        ("904417", None),
    ],
)
def test_pin_rules(pin: str, problem: PinProblem | None) -> None:
    assert pin_problem(pin) == problem


def test_picture_pin_needs_exactly_three_known_pictures() -> None:
    assert picture_pin_problem(["sun", "tree", "apple"]) is None
    assert picture_pin_problem(["sun", "tree"]) is PinProblem.PICTURES_NEEDED
    assert picture_pin_problem(["sun", "tree", "unicorn"]) is PinProblem.PICTURES_NEEDED


def test_pin_hash_matches_only_its_pin_and_is_salted() -> None:
    stored = hash_pin("2580")
    assert pin_matches("2580", stored)
    assert not pin_matches("2581", stored)
    assert hash_pin("2580") != stored
    assert "2580" not in stored
    assert pin_matches(picture_secret(["sun", "moon", "star"]), hash_pin("pictures:sun-moon-star"))
    assert not pin_matches("2580", "garbage")


def test_five_wrong_pins_lock_for_30_seconds_then_doubling() -> None:
    state = Lockout("m1")
    now = 1000.0
    for tries_left in (4, 3, 2, 1):
        state = state.after_failure(now)
        assert state.seconds_left(now) == 0
        assert state.tries_left() == tries_left
    state = state.after_failure(now)
    assert state.seconds_left(now) == 30
    assert state.seconds_left(now + 29.5) == 1
    assert state.seconds_left(now + 30) == 0
    later = now + 30
    for _ in range(5):
        state = state.after_failure(later)
    assert state.seconds_left(later) == 60
    assert Lockout.from_json(state.to_json()) == state


def test_lockouts_stop_doubling_at_an_hour() -> None:
    """A toddler tapping all afternoon never shuts a parent out for a day."""
    state, now = Lockout("m1"), 0.0
    waits = []
    for _ in range(12):
        for _ in range(5):
            state = state.after_failure(now)
        waits.append(state.seconds_left(now))
        now += state.seconds_left(now)
    assert waits[:8] == [30, 60, 120, 240, 480, 960, 1920, 3600]
    assert set(waits[7:]) == {3600}


def test_a_clock_set_back_never_stretches_a_lockout() -> None:
    """The phone's clock went back a year during a 30-second lockout: the wait is 30 seconds
    from then, not a year; a lockout kept before lockouts knew when they began reads the same."""
    state = Lockout("m1")
    for _ in range(5):
        state = state.after_failure(1_000_000.0)
    year_back = 1_000_000.0 - 365 * 86_400
    assert state.seconds_left(year_back) == 30
    settled = state.settled(year_back)
    assert settled.seconds_left(year_back) == 30
    assert settled.seconds_left(year_back + 30) == 0
    assert settled.settled(year_back + 10) == settled  # settled once, not again
    older = {k: v for k, v in state.to_json().items() if k != "locked_at"}
    assert Lockout.from_json(older) == state


def test_auto_lock_is_due_after_the_timeout_and_activity_pushes_it_back() -> None:
    lock = AutoLock(minutes=5, last_activity=0.0)
    assert not lock.due(299)
    lock.touch(200)
    assert not lock.due(499)
    assert lock.due(500)
    assert lock.seconds_left(400) == 100
