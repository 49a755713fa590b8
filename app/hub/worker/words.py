"""Plain words for the worker's screens: how long ago, why a family is on the list, who did what.

No flet here: these functions turn records into the sentences the screens show, all from the
message catalogue, so they are tested without a page.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from app.domain.checkins import Feeling
from app.hub.caseload import Attention, Reason, parse_time
from app.hub.casework.progress import Due, DueKind, GoingWell, Good
from app.hub.record_checks import local_day, on_hub_clock
from app.hub.worker.household.data import HouseholdRecords
from app.i18n import dates, plural, t

_UK_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class NotADay(ValueError):
    """Words typed as a date that are not one."""


class BackwardsPeriod(ValueError):
    """A period whose first day comes after its last."""

AGENCY_PREFIX = "agency:"


def ago(moment: datetime | None, now: datetime) -> str:
    """How long ago ``moment`` was: "just now", "10 minutes ago", "yesterday", "on 3 Nov 2026".

    Within a day it counts minutes or hours; past that, days on the hub's clock, as the
    family's phone counts them: 23:00 on Sunday was two days ago at 22:00 on Tuesday.
    """
    if moment is None:
        return t("hub.when.unknown")
    gap = now - moment
    if gap < timedelta(minutes=1):
        return t("hub.when.just_now")
    if gap < timedelta(hours=1):
        return plural(int(gap.total_seconds() // 60), "hub.when.minutes")
    days = (on_hub_clock(now).date() - on_hub_clock(moment).date()).days
    if gap < timedelta(days=1) or days < 1:  # a day the clocks went back has 25 hours
        return plural(int(gap.total_seconds() // 3600), "hub.when.hours")
    if days == 1:
        return t("hub.when.yesterday")
    if days <= 7:
        return plural(days, "hub.when.days")
    return t("hub.when.on_day", day=day_words(moment))


def day_words(moment: datetime | date) -> str:
    """A date as people write it in the UK, in the worker's language: "3 Nov 2026"; a moment
    is said on the hub's clock, as its printed reports say it."""
    day = on_hub_clock(moment).date() if isinstance(moment, datetime) else moment
    return dates.short_date_with_year(day)


def month_words(month: str) -> str:
    """A review's month ("2026-10") as people say it: "October 2026" (as written if not one)."""
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError:
        return month
    return dates.month_year(first)


def short_month_words(month: str) -> str:
    """A review's month short enough for a chart's axis, and never mistaken for a day:
    "Jul 2026" (as written if not one)."""
    try:
        first = date.fromisoformat(f"{month}-01")
    except ValueError:
        return month
    return dates.short_month_year(first)


def parse_day(text: str) -> date | None:
    """A day typed by a worker: "3/11/2026" (day first, as in the UK) or "2026-11-03".

    Returns None for an empty box; raises NotADay for words that are not a date.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    found = _UK_DAY.match(cleaned)
    try:
        if found:
            day, month, year = (int(part) for part in found.groups())
            return date(year, month, day)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise NotADay(text) from None


def day_words_iso(text: str | None) -> str:
    """A record's ISO date or timestamp as "3 Nov 2026" (as written, if it is not one): a
    timestamp on the hub's clock, a date alone as that day."""
    day = local_day(text)
    return day_words(day) if day is not None else (text or "")


def ago_iso(text: str | None, now: datetime) -> str:
    """:func:`ago` for a record's ISO timestamp."""
    return ago(parse_time(text), now)


def reason_words(reason: Reason, now: datetime) -> str:
    """Why a household is on the caseload where it is, in one short sentence."""
    if reason.kind is Attention.ALERT:
        return t("hub.reason.alert", when=ago(reason.at, now))
    if reason.kind is Attention.WORDS:
        return plural(reason.count or 1, "hub.reason.words", when=ago(reason.at, now))
    if reason.kind is Attention.LOW:
        key = "hub.reason.low_who" if reason.who else "hub.reason.low"
        return t(key, score=reason.after, who=reason.who or "")
    if reason.kind is Attention.FALLING:
        key = "hub.reason.falling_who" if reason.who else "hub.reason.falling"
        return t(key, before=reason.before, after=reason.after, who=reason.who or "")
    if reason.kind is Attention.QUIET:
        if reason.days is None:
            return t("hub.reason.never")
        return plural(reason.days, "hub.reason.quiet")
    return t("hub.reason.settled")


def period(first: str, last: str) -> tuple[date | None, date | None]:
    """A period typed in two boxes, "from" and "to"; an empty box leaves that end open.

    Raises:
        NotADay: a box holds words that are not a date.
        BackwardsPeriod: the "from" day is after the "to" day.
    """
    start, end = parse_day(first), parse_day(last)
    if start is not None and end is not None and start > end:
        raise BackwardsPeriod(f"{start} > {end}")
    return start, end


def period_error(error: ValueError) -> str:
    """What to say about a period that cannot be used."""
    if isinstance(error, BackwardsPeriod):
        return t("hub.period.error.backwards")
    return t("hub.period.error.date")


def going_well_words(good: GoingWell) -> str:
    """Something going well, in one short sentence: "Safety scale up from 4 to 7 (Ade)"."""
    if good.kind is Good.RISING:
        key = "hub.caseload.good.rising_who" if good.who else "hub.caseload.good.rising"
        return t(key, before=good.before, after=good.after, who=good.who or "")
    name = {Good.CHECKINS: "checkins", Good.STRENGTHS: "strengths", Good.RITUALS: "rituals"}
    return plural(good.count, f"hub.caseload.good.{name[good.kind]}")


def due_words(due: Due) -> str:
    """A review or visit that is due, and why: "Visit due: planned for 3 Nov 2026"."""
    if due.kind is DueKind.REVIEW:
        if due.never:
            return t("hub.caseload.due.review_never")
        return t("hub.caseload.due.review_month", month=month_words(due.month or ""))
    if due.never:
        return t("hub.caseload.due.visit_never")
    if due.planned is not None:
        return t("hub.caseload.due.visit_planned", day=day_words(due.planned))
    return plural(due.days or 0, "hub.caseload.due.visit_days")


def person(records: HouseholdRecords, member_id: str | None) -> str:
    """A person's name as the worker reads it: a member's name, a worker's name with
    "(agency)", "The agency" for a worker the hub no longer has, or "Someone"."""
    if member_id and member_id.startswith(AGENCY_PREFIX):
        worker = records.workers.get(member_id)
        return t("hub.person.worker", name=worker) if worker else t("hub.person.agency")
    return records.name_of(member_id) or t("hub.person.someone")


def feeling_words(feeling: Feeling | None) -> str:
    """The feeling's name as the app shows it; None: a feeling this hub does not know (a check-in
    from a newer Homeward, read in part)."""
    if feeling is None:
        return t("hub.checkins.feeling_unknown")
    return t(f"checkins.feeling.{feeling.value}")
