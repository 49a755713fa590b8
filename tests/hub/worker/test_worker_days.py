"""The worker's screens name the family's days: a visit, a signature and a check-in made just
after midnight in a UK summer are on the day the family's phone and the hub's printed report
say, on every page, in the chart and in the timeline's chosen days; in Welsh for a worker who
chose Welsh.

Driven headless over a real hub (SQLite), with the hub's clock on UK time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import flet_charts as fch
import pytest
from sqlalchemy import update

from app.domain.agreement import AgreementVersion, Signature, Status
from app.domain.checkins import Feeling
from app.domain.diary import DayPart, DiaryEntry, DiaryWords, Sharing
from app.domain.people import Role
from app.hub.db import workers
from tests.hub.programme_kit import review, visit
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock, run

#: 00:30 BST on Monday 15 June 2026: 23:30 UTC on Sunday 14 June.
AFTER_MIDNIGHT = datetime(2026, 6, 14, 23, 30, tzinfo=UTC)
#: When the worker reads: 10:00 BST on Wednesday 24 June 2026.
READING = datetime(2026, 6, 24, 9, tzinfo=UTC)


@pytest.fixture
def clock(uk_time: None) -> FakeClock:
    """The worker UI's clock, at 10:00 on 24 June 2026 in the UK."""
    return FakeClock(READING.timestamp())


def just_after_midnight(family: Family) -> None:
    """Ade signs the agreement, Priya visits and Tolu checks in, all at 00:30 on 15 June."""
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    at = iso(AFTER_MIDNIGHT)
    version = AgreementVersion("v-1", 1, "ade", at, status=Status.SIGNED,
                               signatures=(Signature("ade", "Ade", "parent", at),), signed_at=at)
    family.push("agreement_versions", version.to_json(), at=AFTER_MIDNIGHT)
    visit(family, AFTER_MIDNIGHT, next_visit="2026-06-20")
    family.checkin("tolu", AFTER_MIDNIGHT, Feeling.CALM)
    words = DiaryWords(date(2026, 6, 15), DayPart.BEDTIME, went_well="Two stories and sleep",
                       sharing=Sharing.WORKER)
    family.push("diary_entries", DiaryEntry("d-1", "e-1", 1, "ade", at, words).to_json(),
                at=AFTER_MIDNIGHT)
    review(family, "2026-04", AFTER_MIDNIGHT, {})


def bars(d: Driver) -> tuple[list[float], dict[int, str]]:
    """The check-ins chart: each day's bar height, oldest first, and the days its axis names."""
    (chart,) = [c for c in d.controls() if isinstance(c, fch.BarChart)]
    heights = [group.rods[0].to_y for group in chart.groups]
    named = {int(label.value): label.label.value for label in chart.bottom_axis.labels}
    return heights, named


def test_every_screen_names_the_day_the_family_saw(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    just_after_midnight(Family(hub, hub.household_id, now))

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert d.has_text("Last visit 15 Jun 2026"), d.texts()
        assert d.has_text("Visit due: it was planned for 20 Jun 2026")
        assert d.has_text("Review due: none for May 2026")
        await d.tap("Visits")
        assert d.has_text("Visit on 15 Jun 2026"), d.texts()
        await d.tap("Back")
        await d.tap("Household agreement")
        assert d.has_text("Signed by everyone on 15 Jun 2026"), d.texts()
        assert "15 Jun 2026" in d.texts()  # when Ade signed
        await d.tap("Back")
        await d.tap("Check-ins")
        assert d.has_text("on 15 Jun 2026"), d.texts()
        heights, _ = bars(d)  # the last two weeks: 11 to 24 June
        assert [n for n, height in enumerate(heights) if height] == [4], heights
        await d.tap("Back")
        await d.tap("Timeline")
        await d.type("From", "15/06/2026")
        await d.type("To", "15/06/2026")
        await d.tap("Show these dates")
        shown = d.texts()
        assert "From 15 Jun 2026 to 15 Jun 2026: 5 moments" in shown, shown
        assert "Tolu checked in: calm" in shown
        assert shown.count("15 Jun 2026") == 5
        await d.type("From", "14/06/2026")
        await d.type("To", "14/06/2026")
        await d.tap("Show these dates")
        assert d.has_text("From 14 Jun 2026 to 14 Jun 2026: 0 moments"), d.texts()
        assert not d.conn.errors

    run(go())


def test_the_chart_ends_on_the_hubs_today(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = Family(hub, hub.household_id, now)
    family.member("tolu", "Tolu", Role.CHILD)
    clock.now = datetime(2026, 6, 24, 23, 40, tzinfo=UTC).timestamp()  # 00:40 BST, 25 June
    family.checkin("tolu", datetime(2026, 6, 24, 23, 15, tzinfo=UTC), Feeling.HAPPY)

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Check-ins")
        heights, named = bars(d)
        assert heights[-1] == 1 and named[len(heights) - 1] == "25", (heights, named)
        assert not d.conn.errors

    run(go())


def test_a_welsh_worker_reads_the_days_and_months_in_welsh(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    just_after_midnight(Family(hub, hub.household_id, now))
    with hub.engine.begin() as connection:
        connection.execute(update(workers).where(workers.c.id == worker_id)
                           .values(language="cy-GB"))

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert d.has_text("Ymweliad yn ddyledus: roedd wedi'i drefnu ar gyfer 20 Meh 2026"), (
            d.texts())
        assert d.has_text("Adolygiad yn ddyledus: dim un ar gyfer Mai 2026")
        d.page.navigate(f"/household/{hub.household_id}/agreement")
        await d.settle(40)
        assert d.has_text("Llofnodwyd gan bawb ar 15 Meh 2026"), d.texts()
        d.page.navigate(f"/household/{hub.household_id}/diary")
        await d.settle(40)
        assert d.has_text("Amser gwely, 15 Meh 2026"), d.texts()
        d.page.navigate(f"/household/{hub.household_id}/reviews")
        await d.settle(40)
        assert d.has_text("Ebrill 2026"), d.texts()
        assert not [text for text in d.texts() if "Jun " in text or "April" in text]
        assert not d.conn.errors

    run(go())
