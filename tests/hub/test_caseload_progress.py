"""What is going well and what is due, on the caseload (SQLite and PostgreSQL), and the words
the worker reads for them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.people import Role
from app.domain.programme.visits import AgendaItem
from app.domain.strengths import StrengthKind
from app.hub.admin import register_household
from app.hub.caseload import caseload
from app.hub.casework.allocation import OPENINGS
from app.hub.casework.progress import Due, DueKind, GoingWell, Good, previous_month
from app.hub.worker.words import (
    BackwardsPeriod,
    NotADay,
    day_words,
    due_words,
    going_well_words,
    parse_day,
    period,
)
from app.i18n import t
from tests.hub.programme_kit import review, ritual, ritual_done, strength, visit
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub

NOW = datetime.now(UTC).replace(microsecond=0)


def test_the_caseload_says_what_is_going_well_and_what_is_due(
    hub: RunningHub, time_zone: Callable[[str], None]
) -> None:
    time_zone("UTC")  # days are the hub's: in UTC, "30 days ago" is 30 days at any hour
    home = Family(hub, hub.household_id, NOW)
    home.member("ade", "Ade", Role.PARENT)
    home.member("tolu", "Tolu", Role.CHILD)
    home.rating("ade", 4, NOW - timedelta(days=20))
    home.rating("ade", 7, NOW - timedelta(days=2))
    for hours in (1, 30, 50, 80, 100):
        home.checkin("tolu", NOW - timedelta(hours=hours))
    home.checkin("tolu", NOW - timedelta(days=9))  # not this week
    strength(home, "tolu", "Read a whole book", NOW - timedelta(days=1))
    movies = ritual(home, "Friday film night", NOW - timedelta(days=30))
    ritual_done(home, movies, NOW - timedelta(days=2))
    ritual_done(home, movies, NOW - timedelta(days=12))
    visit(home, NOW - timedelta(days=3), next_visit=(NOW - timedelta(days=1)).date().isoformat())
    two_months_ago = previous_month((NOW.replace(day=1) - timedelta(days=1)).date())
    review(home, two_months_ago, NOW - timedelta(days=40), {"g": ("Calm mornings", 5)})
    quiet = Family(hub, register_household(hub.engine, "The Adams household"), NOW)
    visit(quiet, NOW - timedelta(days=30))
    review(quiet, previous_month(NOW.date()), NOW - timedelta(days=2), {})
    new = Family(hub, register_household(hub.engine, "The Brown household"), NOW)
    visit(new, NOW - timedelta(days=2), next_visit=(NOW + timedelta(days=5)).date().isoformat())
    review(new, f"{NOW:%Y-%m}", NOW, {})  # this month's review done early counts too

    found = {entry.name: entry for entry in caseload(hub.engine, NOW)}

    okafor = found["The Okafor household"]
    assert okafor.going_well == (
        GoingWell(Good.RISING, before=4, after=7, who="Ade"), GoingWell(Good.CHECKINS, count=5),
        GoingWell(Good.STRENGTHS, count=1), GoingWell(Good.RITUALS, count=1))
    assert [going_well_words(g) for g in okafor.going_well] == [
        "Safety scale up from 4 to 7 (Ade)", "5 check-ins in the last 7 days",
        "1 strength or proud moment noted in the last 7 days",
        "A family ritual done once in the last 7 days"]
    yesterday = (NOW - timedelta(days=1)).date()
    assert okafor.due == (Due(DueKind.REVIEW, month=previous_month(NOW.date())),
                          Due(DueKind.VISIT, planned=yesterday))
    assert due_words(okafor.due[1]) == (
        f"Visit due: it was planned for {day_words(yesterday)}")
    assert due_words(okafor.due[0]).startswith("Review due: none for ")
    adams = found["The Adams household"]
    assert adams.going_well == () and adams.due == (Due(DueKind.VISIT, days=30),)
    assert due_words(adams.due[0]) == "Visit due: no visit for 30 days"
    assert found["The Brown household"].due == ()
    nothing = register_household(hub.engine, "The Evans household")
    (evans,) = [e for e in caseload(hub.engine, NOW) if e.household_id == nothing]
    assert [due_words(d) for d in evans.due] == ["Review due: no monthly review yet",
                                                 "Visit due: no visit recorded yet"]


def test_every_word_built_from_a_programme_value_is_in_the_catalogue() -> None:
    keys = [f"hub.visits.item.{item.value}" for item in AgendaItem]
    keys += [f"hub.timeline.strength.{kind.value}" for kind in StrengthKind]
    keys += [f"strengths.kind.{kind.value}.short" for kind in StrengthKind]
    keys += [f"hub.access.opened.{what}" for what in OPENINGS]
    for key in keys:
        assert t(key), key


def test_a_day_is_typed_day_first_as_in_the_uk() -> None:
    assert parse_day(" 3/11/2026 ") == date(2026, 11, 3) == parse_day("2026-11-03")
    assert parse_day("03.11.2026") == date(2026, 11, 3)
    assert parse_day("") is None
    for wrong in ("31/02/2026", "11/3", "next Tuesday", "2026-13-01"):
        with pytest.raises(NotADay):
            parse_day(wrong)
    assert period("1/11/2026", "") == (date(2026, 11, 1), None)
    with pytest.raises(BackwardsPeriod):
        period("2/11/2026", "1/11/2026")
