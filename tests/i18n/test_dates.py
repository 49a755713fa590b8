"""Dates are said in the language in use, by CLDR's patterns (Babel), never the C locale."""

from __future__ import annotations

from datetime import date

from app.i18n import dates, speaking

DAY = date(2026, 11, 30)


def test_dates_in_uk_english() -> None:
    assert dates.long_date(DAY, "en-GB") == "30 November 2026"
    assert dates.weekday_date(DAY, "en-GB") == "Monday 30 November"
    assert dates.short_date(DAY, "en-GB") == "Mon 30 Nov"
    assert dates.month_year(DAY, "en-GB") == "November 2026"


def test_dates_in_welsh() -> None:
    assert dates.long_date(DAY, "cy-GB") == "30 Tachwedd 2026"
    assert dates.weekday_date(DAY, "cy-GB") == "Dydd Llun 30 Tachwedd"
    assert dates.short_date(DAY, "cy-GB") == "Llun 30 Tach"
    assert dates.month_year(DAY, "cy-GB") == "Tachwedd 2026"


def test_a_date_follows_the_language_of_the_work_in_hand() -> None:
    with speaking("cy-GB"):
        assert dates.weekday(DAY) == "Dydd Llun"
    assert dates.weekday(DAY, "en-GB") == "Monday"
