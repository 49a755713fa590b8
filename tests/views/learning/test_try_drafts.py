"""What a parent typed into "What I'll try" is there when they come back.

Jo changes the words of an idea from Learning together; the phone locks itself, or Jo taps
Back. The words used to go back to the card's. They are kept for Jo, in the tab's memory only,
until Jo adds the idea or taps Cancel; Alex, the other parent, sees the card's own words.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import open_as, sign_in_parent

import app.ui
from tests.services.taylors import create_taylors

JO = "Jo, Parent or carer"
CARDS = "Screens go off at seven."
MINE = "Screens go off at half past seven, after the story."


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, _household = create_taylors(data_dir, clock, second_parent=True)
    gate.close()


async def trying(d: Driver) -> None:
    d.page.navigate("/learning/boundaries")
    await d.settle(60)
    await d.tap(f"Try this: {CARDS}")
    assert "learning-try-screen" in d.identifiers(), d.texts()


def test_words_for_an_idea_outlast_the_auto_lock(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await trying(d)
        await d.type("What I'll try", MINE)
        await d.tap("A diary note")
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers()
        await d.tap("Unlock")
        await sign_in_parent(d)
        await trying(d)
        assert d.field("What I'll try").value == MINE
        d.button("A diary note (chosen)")  # what it becomes was kept with it

    run(go())


def test_words_for_an_idea_outlast_back_are_jos_only_and_go_once_added_or_cancelled(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await trying(d)
        await d.type("What I'll try", MINE)
        await d.tap("Back")
        await d.tap(f"Try this: {CARDS}")
        assert d.field("What I'll try").value == MINE
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d, "1357", "Alex")
        await trying(d)
        assert d.field("What I'll try").value == CARDS
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d)
        await trying(d)
        assert d.field("What I'll try").value == MINE
        await d.tap("Cancel")  # Cancel is the way to let them go
        await d.tap(f"Try this: {CARDS}")
        assert d.field("What I'll try").value == CARDS
        await d.type("What I'll try", MINE)
        await d.tap("Add to our agreement")
        assert "agreement-screen" in d.identifiers(), d.texts()
        await trying(d)
        assert d.field("What I'll try").value == CARDS

    run(go())
