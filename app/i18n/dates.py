"""Dates as people say them, in the language in use, by CLDR's patterns (Babel).

Every screen and report names days and months through here, never through ``strftime``
(which speaks the server's C locale) or a list of month names in a catalogue.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date

from app.i18n import current_language


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language, sep="-")


def _say(day: date, pattern: str, language: str | None) -> str:
    return format_date(day, pattern, locale=_locale(language or current_language()))


def long_date(day: date, language: str | None = None) -> str:
    """'3 February 2027' ('3 Chwefror 2027')."""
    return _say(day, "d MMMM y", language)


def weekday_date(day: date, language: str | None = None) -> str:
    """'Monday 24 November' ('Dydd Llun 24 Tachwedd')."""
    return _say(day, "EEEE d MMMM", language)


def short_date(day: date, language: str | None = None) -> str:
    """'Mon 24 Nov' ('Llun 24 Tach')."""
    return _say(day, "EEE d MMM", language)


def month_year(day: date, language: str | None = None) -> str:
    """'November 2026' ('Tachwedd 2026')."""
    return _say(day, "LLLL y", language)


def weekday(day: date, language: str | None = None) -> str:
    """'Monday' ('Dydd Llun')."""
    return _say(day, "EEEE", language)


def short_date_with_year(day: date, language: str | None = None) -> str:
    """'3 Nov 2026' ('3 Tach 2026'), for a table or a chart."""
    return _say(day, "d MMM y", language)


def short_month_year(day: date, language: str | None = None) -> str:
    """'Nov 2026' ('Tach 2026'), for a chart's axis."""
    return _say(day, "LLL y", language)
