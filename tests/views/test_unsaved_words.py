"""Words a parent typed and did not save are there when they come back to them.

A tired parent writing in the diary is called away: the phone locks itself, or they tap Back.
The half-written entry used to be gone. It is kept for that person, in the tab's memory only
(nothing new in the data folder), until they save it or tap Cancel; nobody else sees it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import open_as, sign_in_parent

import app.ui
from tests.services.taylors import create_taylors, in_order

HARD = "Sam had a meltdown at tea, I stayed calm and sat with him"


async def write_hard_bit(d: Driver) -> None:
    await d.tap("My diary")
    await d.tap("Write about today")
    await d.type("What was hard?", HARD)


def test_a_half_written_diary_entry_outlasts_the_auto_lock_and_back(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    gate, _household = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await write_hard_bit(d)
        clock.advance(5 * 60 + 1)  # the kettle, a child, the door: five minutes away
        await asyncio.sleep(0.4)
        await d.settle()
        assert "lock-screen" in d.identifiers() and not d.has_text(HARD)
        await d.tap("Unlock")
        await sign_in_parent(d)
        await d.tap("My diary")
        await d.tap("Write about today")
        assert d.field("What was hard?").value == HARD
        await d.tap("Back")  # Back keeps them too
        await d.tap("Back")
        await d.tap("My diary")
        await d.tap("Write about today")
        assert d.field("What was hard?").value == HARD
        await d.tap("Cancel")  # Cancel is the way to let them go
        await d.tap("Write about today")
        assert d.field("What was hard?").value == ""

    run(go())


def test_nobody_else_sees_words_another_person_left_unsaved(
        data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    household.add_parent("Alex", "1357", by=in_order(household)[0])  # a second carer
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await write_hard_bit(d)
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d, "1357", "Alex")
        await d.tap("My diary")
        await d.tap("Write about today")
        assert d.field("What was hard?").value == ""
        assert not d.has_text(HARD)

    run(go())


def test_keeping_unsaved_words_does_not_render_the_whole_tab_again(
        data_dir: Path, clock: FakeClock) -> None:
    """A box that keeps its words as they are typed (the review, the family plan) writes to
    the session at every key: were that a change the tab watches, every screen would render
    again at each key, and a busy browser lost letters while it did."""
    from app.views.state import Session

    gate, _household = create_taylors(data_dir, clock)
    session = Session(gate=gate)
    changes: list[str | None] = []

    def heard(_sender: object, field: str | None) -> None:
        changes.append(field)

    session.subscribe(heard)
    session.drafts["plan:jo:c-1:contingencies"] = "We ring Grandma Pat"
    session.drafts.pop("plan:jo:c-1:contingencies")
    assert changes == []
    gate.close()
