"""Headless tests of the circle screens: bad input is explained, stopping early, a safety step."""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run
from steps import first_run, sign_in_parent, start


async def parent_on_circles(data_dir: Path, clock: FakeClock) -> Driver:
    d = await start(data_dir, clock)
    await first_run(d)
    await sign_in_parent(d)
    await d.tap("Family circles")
    assert "circles-screen" in d.identifiers(), d.texts()
    return d


def test_a_circle_of_one_is_refused_kindly_and_nothing_is_saved(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        d = await parent_on_circles(data_dir, clock)
        await d.tap("Start a circle")
        await d.tap("Check-in round")
        await d.tap("Sam (chosen)")  # takes Sam out: only Jo is left
        await d.tap("Start the circle")
        assert d.has_text("Please choose at least two people for the circle.")
        assert "circle-start-screen" in d.identifiers()
        await d.tap("Back")
        assert d.has_text("No circles yet.")

    run(go())


def test_stopping_early_then_an_empty_agreement_then_a_safety_plan_step(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        d = await parent_on_circles(data_dir, clock)
        await d.tap("Start a circle")
        await d.tap("Weekly family meeting")
        await d.tap("Start the circle")
        assert "circle-turn-screen" in d.identifiers(), d.texts()
        assert d.has_text("Jo's turn") and d.has_text("Question 1 of 3")
        await d.tap("I've had my turn")
        assert d.has_text("Sam's turn")
        await d.tap("Stop the questions and write what we agreed")
        assert "circle-agree-screen" in d.identifiers(), d.texts()
        await d.tap("Add what we agreed")
        assert d.has_text("Please write what you agreed first.")
        await d.type("Something we agreed", "Jo rings Gran when things get loud")
        await d.tap("Add what we agreed")
        await d.tap('Make "Jo rings Gran when things get loud" a safety plan step')
        assert "circle-make-screen" in d.identifiers(), d.texts()
        await d.tap("Add to the safety plan")
        assert "circle-agree-screen" in d.identifiers(), d.texts()
        assert d.has_text("Now a step in the safety plan")
        await d.tap("Finish the circle")
        assert "circle-record-screen" in d.identifiers(), d.texts()
        assert d.has_text("Jo: had a turn")

    run(go())
