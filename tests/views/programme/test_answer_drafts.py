"""What a parent typed into "What did you take from it?", or into a session they are
planning, is there when they come back.

Jo fills in last night's session; the phone locks itself, or Jo taps Back. The answer used to
be gone. It is kept for Jo, in the tab's memory only, until it is saved; the worker signing in
on the same phone does not see it, and once saved nothing unsaved is kept.
"""

from __future__ import annotations

import asyncio
import gc
from datetime import date, datetime
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import open_as, sign_in_parent

import app.ui
from app.domain.programme.sessions import SessionPlan
from app.services.programme.sessions import programme_for
from app.views.state import Session
from tests.services.taylors import create_taylors, in_order

JO = "Jo, Parent or carer"
WORKER = "Priya, Support worker"
TOOK = "Sam settles when bedtime is the same each night"


def seed(data_dir: Path, clock: FakeClock) -> str:
    """Last night's session on bedtime, for Jo and Sam; its id."""
    gate, household = create_taylors(data_dir, clock)
    jo, sam, _mia, _priya = in_order(household)
    yesterday = date.fromordinal(datetime.fromtimestamp(clock()).date().toordinal() - 1)
    planned = programme_for(household).plan(jo, SessionPlan(
        topic="Bedtime", day=yesterday.isoformat(), expected=(jo.id, sam.id)))
    gate.close()
    return planned.id


def drafts_kept(data_dir: Path) -> list[str]:
    """What the tabs open on ``data_dir`` keep in memory as unsaved, by key."""
    return [key for tab in gc.get_objects() if isinstance(tab, Session)
            and tab.gate.data_dir == data_dir for key in tab.drafts]


async def filling_in(d: Driver) -> None:
    d.page.navigate("/programme")
    await d.settle(60)
    await d.tap("Fill in: Bedtime")
    assert "programme-session-screen" in d.identifiers(), d.texts()


async def sign_in_worker(d: Driver) -> None:
    await d.tap(WORKER)
    await d.type("Your PIN", "4826")
    await d.tap("Sign in")
    await d.settle(100)


def test_a_half_written_session_answer_outlasts_the_auto_lock(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await filling_in(d)
        await d.tap("Mia")
        await d.type("What did you take from it?", TOOK)
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers()
        await d.tap("Unlock")
        await sign_in_parent(d)
        await filling_in(d)
        assert d.field("What did you take from it?").value == TOOK
        d.button("Mia (chosen)")  # who came was kept with it

    run(go())


def test_a_session_answer_outlasts_back_is_jos_only_and_goes_once_saved(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await filling_in(d)
        await d.type("What did you take from it?", TOOK)
        await d.tap("Back")
        await d.tap("Fill in: Bedtime")
        assert d.field("What did you take from it?").value == TOOK
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_worker(d)
        await filling_in(d)
        assert d.field("What did you take from it?").value == ""
        assert not d.has_text(TOOK)
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d)
        await filling_in(d)
        assert d.field("What did you take from it?").value == TOOK
        await d.tap("Save")
        assert "programme-screen" in d.identifiers(), d.texts()
        assert drafts_kept(data_dir) == []

    run(go())


async def planning(d: Driver) -> None:
    d.page.navigate("/programme")
    await d.settle(60)
    await d.tap("Plan a session")
    assert "programme-add-screen" in d.identifiers(), d.texts()


def test_a_half_planned_session_outlasts_back_is_jos_only_and_goes_with_cancel(
        data_dir: Path, clock: FakeClock) -> None:
    """Jo plans the next session, is called away and taps Back: the topic, day and who is
    coming are there when Jo comes back; the worker on the same phone sees an empty form;
    Cancel lets the plan go."""
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await planning(d)
        await d.type("Topic", "Calm mornings")
        await d.type("Day (day/month/year)", "14/12/2026")
        await d.tap("Sam")
        await d.tap("Back")
        await planning(d)
        assert d.field("Topic").value == "Calm mornings"
        assert d.field("Day (day/month/year)").value == "14/12/2026"
        d.button("Sam (chosen)")
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_worker(d)
        await planning(d)
        assert d.field("Topic").value == ""
        assert not d.has_text("Calm mornings")
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d)
        await planning(d)
        assert d.field("Topic").value == "Calm mornings"
        await d.tap("Cancel")
        assert drafts_kept(data_dir) == []
        await planning(d)
        assert d.field("Topic").value == ""

    run(go())


def test_a_half_planned_session_outlasts_the_auto_lock_and_goes_once_planned(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await planning(d)
        await d.type("Topic", "Calm mornings")
        await d.type("Day (day/month/year)", "14/12/2026")
        await d.tap("Sam")
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers()
        await d.tap("Unlock")
        await sign_in_parent(d)
        await planning(d)
        assert d.field("Topic").value == "Calm mornings"
        await d.tap("Plan it")
        assert "programme-screen" in d.identifiers(), d.texts()
        assert d.has_text("Calm mornings")
        assert drafts_kept(data_dir) == []

    run(go())
