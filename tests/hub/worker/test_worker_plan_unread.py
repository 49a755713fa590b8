"""The hard moments, programme plan and three houses pages say when something the family sent
could not be read here, instead of reading as if nothing was written (the hub counts what it
cannot read, so a worker knows something is missing); and a child taken off the household is
marked so on the programme plan, as on the other pages.

Driven headless over a real hub (SQLite), the records pushed through the real protocol.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.people import Role
from app.domain.programme.sessions import ProgrammeSession, SessionPlan
from tests.hub.test_child_left import take_off
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run

NOT_READ = "1 record sent by the family could not be read here."


def okafors(hub: RunningHub, now: datetime) -> Family:
    """Ade (a parent) and Tolu (a child), as the Okafors' phone sends them."""
    home = Family(hub, hub.household_id, now)
    home.member("ade", "Ade", Role.PARENT)
    home.member("tolu", "Tolu", Role.CHILD)
    return home


def test_an_unreadable_moment_and_session_are_counted_not_hidden(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = okafors(hub, now)
    home.push("hard_moments", {"id": "m-odd", "draft": "from a newer Homeward"})
    home.push("programme_sessions", {"id": "s-odd", "plan": None})

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert d.has_text("0 written down · 1 could not be read"), d.texts()
        assert d.has_text("0 of 0 held · 1 could not be read"), d.texts()
        await d.tap("Hard moments")
        assert "hub-moments" in d.identifiers(), d.texts()
        assert d.has_text(NOT_READ), d.texts()
        await d.tap("Back")
        await d.tap("Programme plan")
        assert "hub-programme" in d.identifiers(), d.texts()
        assert d.has_text(NOT_READ), d.texts()
        assert not d.conn.errors

    run(go())


def test_unreadable_words_for_a_meeting_are_counted_on_the_three_houses_page(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = okafors(hub, now)
    home.push("meeting_words", {"id": "w-odd", "words": ["from a newer Homeward"]})

    async def go() -> None:
        d = await signed_in(hub, clock)
        d.page.navigate(f"/household/{hub.household_id}/houses")
        await d.settle(60)
        assert "hub-houses" in d.identifiers(), d.texts()
        assert d.has_text(NOT_READ), d.texts()
        assert not d.conn.errors

    run(go())


def test_a_child_taken_off_is_marked_so_on_the_programme_plan(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = okafors(hub, now)
    day = (now - timedelta(days=7)).date().isoformat()
    home.push("programme_sessions", ProgrammeSession(
        "s-1", SessionPlan("Setting boundaries", day, ("ade", "tolu")), "ade",
        iso(now - timedelta(days=10)), attended=("ade",)).to_json())
    take_off(home, "tolu", "Tolu", Role.CHILD, now - timedelta(days=1))

    async def go() -> None:
        d = await signed_in(hub, clock)
        d.page.navigate(f"/household/{hub.household_id}/programme")
        await d.settle(60)
        assert "hub-programme" in d.identifiers(), d.texts()
        shown = " ".join(d.texts())
        assert "Tolu (taken off the household) came to 0 of 1" in shown, shown
        assert "Who is coming: Ade, Tolu (taken off the household)" in shown
        assert not d.conn.errors

    run(go())
