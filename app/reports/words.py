"""Dates, months and names as the reports say them: "3 November 2026", "Dafydd Ŵyn".

The records keep moments as ISO strings; a report shows them in words on this device's
clock, the way the screens do, so a printed page and the app never disagree about a day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from app.i18n import dates, t


def moment(iso: str) -> datetime:
    """The moment an ISO string names, on this device's clock (a naive one is taken as is)."""
    when = datetime.fromisoformat(iso)
    return when.astimezone() if when.tzinfo is not None else when


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
    """A moment as people say it: "3 November 2026 at 14:05"."""
    return t("reports.when", date=date_words(when.date()), time=when.strftime("%H:%M"))


def iso_when_words(iso: str) -> str:
    """An ISO moment in words, on this device's clock."""
    return when_words(moment(iso))


def month_words(month: str) -> str:
    """A review month ("2026-11") in words: "November 2026"."""
    return dates.month_year(date.fromisoformat(f"{month}-01"))


def short_month(month: str) -> str:
    """A review month short enough for a chart's axis: "Nov 2026"."""
    return dates.short_month_year(date.fromisoformat(f"{month}-01"))


def name_of(names: Mapping[str, str], member_id: str) -> str:
    """A person's name, or "Someone" for a person the report was not told about."""
    return names.get(member_id) or t("reports.someone")


def names_of(names: Mapping[str, str], member_ids: tuple[str, ...] | list[str]) -> str:
    """Several people's names in one line: "Jo, Sam and Mia"."""
    people = [name_of(names, m) for m in member_ids]
    if not people:
        return t("reports.nobody")
    if len(people) == 1:
        return people[0]
    return t("reports.and", first=", ".join(people[:-1]), last=people[-1])
