"""Words the family typed into its plan and did not save are there when that parent comes back.

In private family time a parent writes what they will do if the plan is not working, then
taps Back, or is called away and the phone locks itself. The words used to be gone. They are
kept for that person, in the tab's memory only, until they save them; the next person to
sign in sees none of them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import into_private_time, open_as, sign_in_parent, worry_and_grandma_pat

import app.ui
from tests.services.taylors import create_taylors

IF_NOT = "We ring Grandma Pat and ask Priya for a visit"
IF_NOT_LABEL = "What we will do if the plan is not working"
WHAT = "Grandma Pat has Sam after school on Tuesdays"


def in_private_time(data_dir: Path, clock: FakeClock) -> None:
    """Jo and Alex's family, in private family time at their conference."""
    gate, household = create_taylors(data_dir, clock, second_parent=True)
    into_private_time(household, worry_and_grandma_pat(household))
    gate.close()


async def write_some(d: Driver) -> None:
    await d.tap("Private family time")
    assert "conference-private-screen" in d.identifiers(), d.texts()
    await d.type(IF_NOT_LABEL, IF_NOT)
    await d.type("What will happen", WHAT)


def test_unsaved_plan_words_outlast_back_and_go_once_saved(
        data_dir: Path, clock: FakeClock) -> None:
    in_private_time(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await write_some(d)
        await d.tap("Back")
        await d.tap("Private family time")
        assert d.field(IF_NOT_LABEL).value == IF_NOT
        assert d.field("What will happen").value == WHAT
        await d.tap(f"Save: {IF_NOT_LABEL}")
        await d.tap("Add to the plan")
        assert d.has_text(f"\u2022 {WHAT}") and d.field("What will happen").value == ""
        await d.tap("Back")
        await d.tap("Private family time")
        assert d.field(IF_NOT_LABEL).value == IF_NOT  # now from the saved plan
        assert d.field("What will happen").value == ""

    run(go())


def test_unsaved_plan_words_outlast_the_auto_lock_for_that_parent_only(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    in_private_time(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await write_some(d)
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers() and not d.has_text(IF_NOT)
        await d.tap("Unlock")
        await sign_in_parent(d, "1357", "Alex")  # Alex picks the phone up next
        await d.tap("Private family time")
        assert d.field(IF_NOT_LABEL).value == "" and not d.has_text(IF_NOT)
        assert d.field("What will happen").value == ""
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d)  # Jo again: the words are there
        await d.tap("Private family time")
        assert d.field(IF_NOT_LABEL).value == IF_NOT
        assert d.field("What will happen").value == WHAT

    run(go())
