"""The check every decoded record passes before a screen, a page or a printout uses it: the
hub's and the family's devices share it (``app.hub.record_checks.checked``)."""

from __future__ import annotations

import pytest

from app.domain.checkins_carer import CarerCheckIn
from app.domain.programme.reviews import MonthFigures, Review
from app.domain.programme.visits import Visit
from app.hub.record_checks import checked

AT = "2026-11-30T10:00:00+00:00"


def _review(month: str, figures: MonthFigures | None = None) -> Review:
    return Review("r1", month, "jo", AT, figures=figures or MonthFigures())


@pytest.mark.parametrize("month", ["2026-11", "2026-01", "2026-12"])
def test_a_review_for_a_real_month_is_read(month: str) -> None:
    assert checked(_review(month)).month == month


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-03",
                                   "November", "", "२०२६-११"])
def test_a_review_for_a_month_no_calendar_has_is_refused(month: str) -> None:
    with pytest.raises(ValueError):
        checked(_review(month))


def test_a_dictionary_of_whole_numbers_holding_words_is_refused() -> None:
    carer = CarerCheckIn("k1", {"tired": "very"}, "", "jo", AT)  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        checked(carer)
    assert checked(CarerCheckIn("k1", {"tired": 3}, "", "jo", AT)).answers == {"tired": 3}


def test_keys_and_values_are_checked_all_the_way_down() -> None:
    words_for_a_count = MonthFigures(feelings={"sam": {"happy": "lots"}})  # type: ignore[dict-item]
    number_for_a_child = MonthFigures(safety={5: 7})  # type: ignore[dict-item]
    for figures in (words_for_a_count, number_for_a_child):
        with pytest.raises(ValueError):
            checked(_review("2026-11", figures))
    with pytest.raises(ValueError):
        checked(Visit("v1", "priya", AT, ("jo",), notes={"safety_plan": 5}))  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        checked(Visit("v1", "priya", AT, ("jo",), notes=["not", "a", "dictionary"]))  # type: ignore[arg-type]


def test_a_feeling_a_newer_app_adds_is_still_read() -> None:
    figures = MonthFigures(safety={"sam": 7}, feelings={"sam": {"happy": 2, "bored": 1}},
                           carer={"jo": 12, "alex": 13.5})
    assert checked(_review("2026-11", figures)).figures == figures
