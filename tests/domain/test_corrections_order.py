"""A tick or mark that puts an earlier one right sorts after it, whatever the clocks said."""

from __future__ import annotations

from app.domain.records import after_all

NOON = "2026-11-30T12:00:00+00:00"


def test_a_clock_ahead_of_everything_before_keeps_its_own_time() -> None:
    assert after_all(NOON, ["2026-11-30T11:59:00+00:00"]) == NOON
    assert after_all(NOON, []) == NOON


def test_a_clock_behind_or_level_with_the_latest_goes_just_after_it() -> None:
    assert after_all(NOON, ["2026-11-30T12:04:00+00:00", "2026-11-30T09:00:00+00:00"]) == (
        "2026-11-30T12:04:00.000001+00:00")
    assert after_all(NOON, [NOON]) == "2026-11-30T12:00:00.000001+00:00"
    assert after_all(NOON, ["2026-11-30T13:04:00+01:00"]) == "2026-11-30T12:04:00.000001+00:00"


def test_times_that_are_no_moment_are_passed_over() -> None:
    assert after_all(NOON, ["next week", "", "2026-11-30", "None"]) == NOON
