"""Headless tests of the chores screens: planning a chore, a child ticking it, the week."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from headless import Driver, FakeClock, run
from steps import first_run, sign_in_child, sign_in_parent, start


async def parent_on_chores(data_dir: Path, clock: FakeClock) -> Driver:
    d = await start(data_dir, clock)
    await first_run(d)
    await sign_in_parent(d)
    await d.tap("Chores")
    assert "chores-screen" in d.identifiers(), d.texts()
    return d


async def switch_to_sam(d: Driver) -> None:
    if "home-parent" not in d.identifiers():
        await d.tap("Back")
    await d.tap("Someone else's turn")
    await sign_in_child(d)
    assert "home-child" in d.identifiers(), d.texts()


def test_a_chore_needs_a_name_picture_child_and_day_before_it_is_saved(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        d = await parent_on_chores(data_dir, clock)
        await d.tap("Add a chore")
        await d.tap("Add chore")
        assert d.has_text("Please give the job a name.")
        await d.type("Name of the job", "Put the bins out")
        await d.tap("Add chore")
        assert d.has_text("Please choose a picture")
        await d.tap("Bins")
        await d.tap("Add chore")
        assert d.has_text("Please choose who does this job.")
        await d.tap("Sam")
        await d.tap("Once a week")
        await d.tap("Add chore")
        assert d.has_text("Please choose the day or days.")
        assert "chore-add-screen" in d.identifiers()
        not_today = (datetime.fromtimestamp(clock()).weekday() + 1) % 7
        day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
               "Sunday"][not_today]
        await d.tap(day)
        await d.tap("Add chore")
        assert "chores-screen" in d.identifiers(), d.texts()
        assert d.has_text(f"Sam · Every {day}")

        await switch_to_sam(d)
        assert d.has_text("No jobs today. Enjoy your day!")
        assert not d.conn.errors

    run(go())


def test_child_ticks_once_and_the_parent_confirms_in_the_week(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        d = await parent_on_chores(data_dir, clock)
        await d.tap("Add a chore")
        await d.type("Name of the job", "Feed the cat")
        await d.tap("Pet")
        await d.tap("Sam")
        await d.tap("3 stars")
        await d.tap("Add chore")
        assert d.has_text("Feed the cat is added.")

        await switch_to_sam(d)
        assert d.has_text("My jobs today")
        await d.tap("I did it: Feed the cat")
        assert d.has_text("Brilliant, Sam!")
        assert d.has_text("You got 3 stars.")
        assert d.has_text("Done!")
        try:
            d.button("I did it: Feed the cat")
            raise AssertionError("a done job can still be ticked")
        except AssertionError as problem:
            assert "no button" in str(problem)

        await d.tap("Someone else's turn")
        await sign_in_parent(d)
        await d.tap("Chores")
        await d.tap("Sam's week")
        assert "chores-week-screen" in d.identifiers()
        assert d.has_text("3 stars this week")
        today = datetime.fromtimestamp(clock()).strftime("%A")
        assert d.has_text(f"Feed the cat, {today}: Done")
        await d.tap(f"I've seen it: Feed the cat on {today}")
        assert d.has_text("Seen by Jo")
        await d.tap(f"Take back: Feed the cat on {today}")
        assert d.has_text("Taken back by Jo")
        assert d.has_text(f"Feed the cat, {today}: No tick")
        assert not d.conn.errors

    run(go())


def test_a_broken_character_in_a_name_is_refused_in_plain_words_and_nothing_is_saved(
    data_dir: Path, clock: FakeClock
) -> None:
    """Half a UTF-16 pair (pasted, or sent by a hostile page) cannot be stored as UTF-8."""
    async def go() -> None:
        d = await parent_on_chores(data_dir, clock)
        await d.tap("Add a chore")
        await d.type("Name of the job", "Feed the cat \ud83d")
        await d.tap("Bins")
        await d.tap("Sam")
        await d.tap("Every day (chosen)")  # already the one picked
        await d.tap("Add chore")
        await d.settle(50)
        assert d.has_text("Something in what you typed can't be saved"), d.texts()
        assert "chore-add-screen" in d.identifiers()  # what was typed is still there
        await d.type("Name of the job", "Feed the cat")
        await d.tap("Add chore")
        assert "chores-screen" in d.identifiers(), d.texts()
        assert d.has_text("Feed the cat") and not d.conn.errors

    run(go())
