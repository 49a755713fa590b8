"""Dates, months and names as the reports say them: "3 November 2026", "Dafydd Ŵyn".

The records keep moments as ISO strings; a report shows them in words on this device's
clock, the way the screens do, so a printed page and the app never disagree about a day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from datetime import date, datetime

from app.domain.people import shown_name
from app.i18n import dates, t

#: A review month as the app writes it ("2026-11"); ISO's other forms ("2026-W01") are not.
_MONTH = re.compile(r"\d{4}-\d{2}")


def moment(iso: str) -> datetime:
    """The moment an ISO string names, on this device's clock (a naive one is taken as is)."""
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        return when
    try:
        return when.astimezone()
    except (OverflowError, OSError):  # the very ends of the calendar: kept as written
        return when


def day_of(iso: str) -> date:
    """The day (on this device's clock) an ISO moment or date falls on."""
    if len(iso) == 10:
        return date.fromisoformat(iso)
    return moment(iso).date()


def date_words(day: date) -> str:
    """A date as people say it: "3 November 2026"."""
    return dates.long_date(day)


def short_date(day: date) -> str:
    """A date short enough for a table or a chart: "3 Nov 2026"."""
    return dates.short_date_with_year(day)


def iso_date_words(iso: str | None) -> str:
    """An ISO date or moment in words, or "not set" when there is none; words another copy
    of the app kept that are no day ("next week") are printed as written, never a failure."""
    if not iso:
        return t("reports.not_set")
    try:
        return date_words(day_of(iso))
    except ValueError:
        return iso


def when_words(when: datetime) -> str:
    """A moment as people say it, on this device's clock: "3 November 2026 at 14:05".

    A moment with a zone (a phone passes UTC, the hub its own time) is said in local time, so a
    page printed at home and the same page printed at the agency say the same time.
    """
    if when.tzinfo is not None:
        with suppress(OverflowError, OSError):  # the very ends of the calendar: as written
            when = when.astimezone()
    return t("reports.when", date=date_words(when.date()), time=when.strftime("%H:%M"))


def iso_when_words(iso: str) -> str:
    """An ISO moment in words, on this device's clock."""
    return when_words(moment(iso))


def month_start(month: object) -> date | None:
    """The first day of a review month ("2026-11"), or None when a record's month is no month
    ("2026-13", sent by a device that went wrong): such a review is left out, never a failure."""
    if not isinstance(month, str) or not _MONTH.fullmatch(month):
        return None
    try:
        return date.fromisoformat(f"{month}-01")
    except ValueError:
        return None


def month_words(month: str) -> str:
    """A review month ("2026-11") in words: "November 2026" (as written if not one)."""
    first = month_start(month)
    return dates.month_year(first) if first is not None else month


def short_month(month: str) -> str:
    """A review month short enough for a chart's axis: "Nov 2026" (as written if not one)."""
    first = month_start(month)
    return dates.short_month_year(first) if first is not None else month


def name_of(names: Mapping[str, str], member_id: str) -> str:
    """A person's name, or "Someone" for a person the report was not told about."""
    return shown_name(names.get(member_id) or "") or t("reports.someone")


def names_of(names: Mapping[str, str], member_ids: tuple[str, ...] | list[str]) -> str:
    """Several people's names in one line: "Jo, Sam and Mia"."""
    people = [name_of(names, m) for m in member_ids]
    if not people:
        return t("reports.nobody")
    if len(people) == 1:
        return people[0]
    return t("reports.and", first=", ".join(people[:-1]), last=people[-1])
