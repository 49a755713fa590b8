"""The days the agency's screens name are the family's days, on the hub's own clock (as its
printed reports say them), in the language the worker chose.

A check-in made at 00:30 on 15 June in the UK is stored as 23:30 UTC on 14 June: the family's
phone says 15 June, the hub's printed report says 15 June, and so must every screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from app.domain.checkins import CheckIn, Feeling
from app.domain.programme.reviews import Review
from app.domain.programme.visits import Visit
from app.domain.safety_scale import SafetyRating
from app.hub.casework.progress import Due, DueKind, due
from app.hub.worker.household.data import agency_safety
from app.hub.worker.household.timeline_screen import days_of
from app.hub.worker.words import (
    ago,
    ago_iso,
    day_words,
    day_words_iso,
    due_words,
    month_words,
    short_month_words,
)
from app.i18n import speaking

#: 00:30 BST on Monday 15 June 2026, as a device stores it.
AFTER_MIDNIGHT = "2026-06-14T23:30:00+00:00"


def test_a_moment_just_after_midnight_is_on_the_familys_day(uk_time: None) -> None:
    assert day_words_iso(AFTER_MIDNIGHT) == "15 Jun 2026"
    assert day_words(datetime(2026, 6, 14, 23, 30, tzinfo=UTC)) == "15 Jun 2026"
    assert ago_iso(AFTER_MIDNIGHT, datetime(2026, 6, 30, 9, tzinfo=UTC)) == "on 15 Jun 2026"


def test_a_day_without_a_time_is_that_day_in_any_zone(
    time_zone: Callable[[str], None]
) -> None:
    for zone in ("America/New_York", "Pacific/Auckland", "UTC"):
        time_zone(zone)
        assert day_words_iso("2026-06-15") == "15 Jun 2026", zone
        assert day_words(date(2026, 6, 15)) == "15 Jun 2026", zone


def test_yesterday_and_days_ago_are_counted_in_days_on_the_hubs_clock(uk_time: None) -> None:
    sunday_late = datetime(2026, 6, 14, 22, tzinfo=UTC)  # 23:00 BST on Sunday 14 June
    assert ago(sunday_late, datetime(2026, 6, 15, 21, tzinfo=UTC)) == "23 hours ago"
    assert ago(sunday_late, datetime(2026, 6, 15, 22, 30, tzinfo=UTC)) == "yesterday"
    # Tuesday 22:00: 47 hours on, but two days ago, as the family's phone counts
    assert ago(sunday_late, datetime(2026, 6, 16, 21, tzinfo=UTC)) == "2 days ago"
    # 23:30 BST on Monday is 22:30 UTC: at 00:30 BST on Wednesday (still Tuesday in UTC),
    # 25 hours on, it was two days ago on the hub's clock, not yesterday
    assert ago(datetime(2026, 6, 15, 22, 30, tzinfo=UTC),
               datetime(2026, 6, 16, 23, 30, tzinfo=UTC)) == "2 days ago"
    assert ago(sunday_late, datetime(2026, 6, 21, 21, tzinfo=UTC)) == "7 days ago"
    assert ago(sunday_late, datetime(2026, 6, 22, 21, tzinfo=UTC)) == "on 14 Jun 2026"
    # 25 October 2026, when the clocks go back, is 25 hours long: 00:10 BST to 23:50 GMT
    assert ago(datetime(2026, 10, 24, 23, 10, tzinfo=UTC),
               datetime(2026, 10, 25, 23, 50, tzinfo=UTC)) == "24 hours ago"


def test_the_check_ins_chart_counts_a_check_in_on_the_familys_day(uk_time: None) -> None:
    checkin = CheckIn("c-1", Feeling.CALM, 3, (), (), "", "tolu", AFTER_MIDNIGHT)
    days = dict(days_of([checkin], date(2026, 6, 20)))
    assert days[date(2026, 6, 15)][Feeling.CALM] == 1
    assert sum(days[date(2026, 6, 14)].values()) == 0


def test_what_is_due_is_counted_in_days_on_the_hubs_clock(uk_time: None) -> None:
    may = Review("r-5", "2026-05", "ade", "2026-06-01T10:00:00+00:00")
    planned = Visit("v-1", "agency:1", "2026-06-20T10:00:00+00:00", ("ade",),
                    next_visit="2026-06-30")
    first_of_july = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 BST on 1 July
    assert due([may], [planned], first_of_july) == (
        Due(DueKind.REVIEW, month="2026-06"), Due(DueKind.VISIT, planned=date(2026, 6, 30)))
    # a visit at 00:30 BST on 4 June is 27 days before 1 July, though 28 in UTC
    early = Visit("v-2", "agency:1", "2026-06-03T23:30:00+00:00", ("ade",))
    late_on_first_of_july = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)  # 23:30 BST
    june = Review("r-6", "2026-06", "ade", "2026-07-01T10:00:00+00:00")
    assert due([june], [early], late_on_first_of_july) == ()


def test_dates_and_months_are_said_in_the_workers_language(uk_time: None) -> None:
    with speaking("cy-GB"):
        assert day_words(date(2026, 11, 29)) == "29 Tach 2026"
        assert month_words("2026-10") == "Hydref 2026"
        assert short_month_words("2026-11") == "Tach 2026"
        assert due_words(Due(DueKind.VISIT, planned=date(2026, 11, 29))) == (
            "Ymweliad yn ddyledus: roedd wedi'i drefnu ar gyfer 29 Tach 2026")
        assert due_words(Due(DueKind.REVIEW, month="2026-10")) == (
            "Adolygiad yn ddyledus: dim un ar gyfer Hydref 2026")
        assert day_words_iso("2026-11-30T20:00:00+00:00") == "30 Tach 2026"
    assert day_words(date(2026, 11, 29)) == "29 Nov 2026"
    assert month_words("2026-10") == "October 2026"
    assert short_month_words("2026-11") == "Nov 2026"
    assert month_words("not a month") == "not a month"


def test_a_rating_made_in_year_one_leaves_the_months_review_as_it_was(uk_time: None) -> None:
    """UK time was 75 seconds behind UTC before railway time: midnight on 1 January of year
    one in UTC is in the year before the calendar begins, on the hub's clock."""
    month = Review("r-6", "2026-06", "ade", "2026-06-30T10:00:00+00:00")
    odd = SafetyRating("s-1", 5, "", "ade", "0001-01-01T00:00:00+00:00")
    assert agency_safety(month, [odd]) == month


def test_a_quiet_household_counts_its_days_as_ago_does(uk_time: None) -> None:
    from app.hub.caseload import Attention, reasons_for
    from app.hub.worker.words import ago

    last = datetime(2026, 11, 1, 23, 0, tzinfo=UTC)
    now = datetime(2026, 11, 5, 22, 0, tzinfo=UTC)
    (quiet,) = [r for r in reasons_for([], [], [], last, {}, now) if r.kind is Attention.QUIET]
    assert quiet.days == 4 and ago(last, now) == "4 days ago"


def test_the_week_the_clocks_go_back_says_the_days_the_quiet_list_counts(uk_time: None) -> None:
    from app.hub.caseload import Attention, reasons_for

    # 00:30 BST on Saturday 24 October; the clocks go back at 02:00 BST on Sunday 25 October
    last = datetime(2026, 10, 23, 23, 30, tzinfo=UTC)

    def quiet_days(now: datetime) -> list[int | None]:
        return [r.days for r in reasons_for([], [], [], last, {}, now)
                if r.kind is Attention.QUIET]

    # 23:30 GMT on Monday 26 October: 72 hours on, but only two days on the hub's clock
    assert quiet_days(datetime(2026, 10, 26, 23, 30, tzinfo=UTC)) == []
    # 00:10 GMT on Tuesday 27 October: three days, so quiet, and said so
    assert quiet_days(datetime(2026, 10, 27, 0, 10, tzinfo=UTC)) == [3]
