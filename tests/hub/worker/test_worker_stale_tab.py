"""A tab already open on a household, after the worker may no longer change or read it: taken
off their caseload, the case closed, the records erased. Nothing is written, nothing new is
read, and the screen says why instead of saying the family will see the change.

Driven headless over a real hub (SQLite).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.checkins import Feeling
from app.domain.safety import Point, SafetyPlan
from app.hub.casework.allocation import deallocate
from app.hub.casework.retention import close_household, erase_household, set_retention
from app.hub.db import records
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock, run

WHY = "Why this bottom line? (the family will read this)"
CLOSED = "This case is closed. Its records are kept here to read; nothing new can be added."


def written_by(hub: RunningHub, worker_id: int) -> list[str]:
    """The collections of the records this worker wrote to the household."""
    with hub.engine.connect() as connection:
        return list(connection.execute(select(records.c.collection).where(
            records.c.household_id == hub.household_id,
            records.c.author == f"agency:{worker_id}")).scalars())


async def add_bottom_line(d: Driver, text: str) -> None:
    """Type a bottom line and its reason on the safety page, and add it."""
    await d.type("New bottom line", text)
    await d.type(WHY, "Everyone needs to sleep")
    await d.tap("Add bottom line")
    await d.settle(60)


def test_a_tab_open_when_the_family_is_taken_away_writes_nothing_and_says_so(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    okafors.push("safety_plans", SafetyPlan(worries=(
        Point("w-1", "Shouting at bedtime", "ade", iso(now)),)).to_json(), record_id="family")

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        alerts = await signed_in(hub, clock)  # a second tab, on the household's page
        await alerts.tap("The Okafor household")
        await d.tap("Safety plan and scale")
        deallocate(hub.engine, hub.household_id, worker_id)
        await add_bottom_line(d, "Lights out by nine")
        assert not d.has_text("The family will see it after their next sync.")
        assert "hub-not-yours" in d.identifiers(), d.texts()
        await alerts.tap("Mark as seen: Tolu said they don't feel safe")
        await alerts.settle(60)
        assert not alerts.has_text("Marked as seen.")
        assert "hub-not-yours" in alerts.identifiers(), alerts.texts()
        assert not d.conn.errors and not alerts.conn.errors

    run(go())
    assert written_by(hub, worker_id) == []


def test_a_tab_open_when_the_records_are_erased_puts_nothing_back(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Safety plan and scale")
        close_household(hub.engine, hub.household_id, now - timedelta(days=400))
        set_retention(hub.engine, hub.household_id, 30)
        erase_household(hub.engine, hub.household_id, now, "erase-household")
        await add_bottom_line(d, "Lights out by nine")
        assert not d.has_text("The family will see it after their next sync.")
        assert not d.has_text("Tolu")
        assert not d.conn.errors

    run(go())
    with hub.engine.connect() as connection:
        left = connection.execute(select(records.c.record_id).where(
            records.c.household_id == hub.household_id)).all()
    assert left == []


def test_a_closed_household_is_read_for_the_record_but_never_changed(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    close_household(hub.engine, hub.household_id, now - timedelta(minutes=1))

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert not d.has_text("The Okafor household")  # not on the caseload
        d.page.navigate(f"/household/{hub.household_id}")  # its address still opens it
        await d.settle(60)
        assert d.has_text(CLOSED), d.texts()  # and says at once what that means
        d.page.navigate(f"/household/{hub.household_id}/safety")
        await d.settle(60)
        assert d.has_text(CLOSED)
        assert "hub-safety" in d.identifiers()  # its records are kept, and read
        await add_bottom_line(d, "Written to a closed case")
        assert not d.has_text("The family will see it after their next sync.")
        assert d.has_text("This family's case is closed, so nothing can be added to it. "
                          "Nothing was saved.")
        assert not d.conn.errors

    run(go())
    assert written_by(hub, worker_id) == []


def test_a_tab_open_when_the_family_is_taken_away_reads_nothing_new(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Timeline")
        deallocate(hub.engine, hub.household_id, worker_id)
        okafors.checkin("tolu", now - timedelta(minutes=1), Feeling.SAD,
                        words="Sent after the move")
        await d.type("From", f"{now - timedelta(days=2):%d/%m/%Y}")  # the screen reads again
        await d.settle(60)
        assert not [text for text in d.texts() if "sad" in text]
        assert "hub-not-yours" in d.identifiers(), d.texts()
        assert not d.conn.errors

    run(go())
