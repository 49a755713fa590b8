"""A monthly review half made is there when the same parent comes back to it.

The review is made together, over a cup of tea, and a child or the door calls the parent
away: the phone locks itself, or they tap Back. The scores chosen and the words typed used
to be gone. They are kept for that person, in the tab's memory only, until the review is
saved; the next person to sign in sees none of them. The same goes for a new goal typed
and not yet added (letting another goal go used to wipe it too).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
import pytest
from headless import Driver, FakeClock, run
from steps import open_as, sign_in_parent

import app.ui
from app.services.reviews import reviews_for
from tests.services.taylors import create_taylors, people

WELL = "Tea together most days"
HIGHER = "Shoes by the door at night"


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock, second_parent=True)  # Jo and Alex
    reviews_for(household).add_goal(people(household)["Jo"], "Calmer mornings")
    gate.close()


async def open_review(d: Driver) -> None:
    await d.tap("Monthly review")
    await d.tap(next(x for x in d.texts() if x.startswith("Start the review for")))
    assert "review-new-screen" in d.identifiers(), d.texts()


async def type_in(d: Driver, label: str, which: int, text: str) -> None:
    """Type into the ``which``-th box labelled ``label`` (one per child: Sam, then Mia)."""
    box = [f for f in d.controls() if isinstance(f, ft.TextField) and f.label == label][which]
    d.session.apply_patch(box._i, {"value": text})
    await d.session.dispatch_event(box._i, "change", None)
    await d.settle()


def boxes(d: Driver, label: str) -> list[str]:
    return [str(f.value or "") for f in d.controls()
            if isinstance(f, ft.TextField) and f.label == label]


async def half_make(d: Driver) -> None:
    await open_review(d)
    await d.tap("Calmer mornings: 6")
    await d.type("What would make it one higher?", HIGHER)
    await type_in(d, "Attendance this month (%)", 0, "92")
    await type_in(d, "Days excluded this month", 1, "1")
    await d.type("What went well?", WELL)


def kept(d: Driver) -> bool:
    return (d.has_text("Calmer mornings: 6 (chosen)")
            and d.field("What would make it one higher?").value == HIGHER
            and boxes(d, "Attendance this month (%)") == ["92", ""]
            and boxes(d, "Days excluded this month") == ["", "1"]
            and d.field("What went well?").value == WELL)


def test_a_half_made_review_outlasts_the_auto_lock_for_that_parent_only(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await half_make(d)
        clock.advance(5 * 60 + 1)  # called away: five minutes and the phone locks itself
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers() and not d.has_text(WELL)
        await d.tap("Unlock")
        await sign_in_parent(d, "1357", "Alex")  # Alex picks the phone up next
        await open_review(d)
        assert not d.has_text("(chosen)") and not d.has_text(WELL) and not d.has_text(HIGHER)
        assert boxes(d, "Attendance this month (%)") == ["", ""]
        assert boxes(d, "Days excluded this month") == ["", ""]
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d)  # Jo again: all of it is there
        await open_review(d)
        assert kept(d), d.texts()

    run(go())


def test_a_half_made_review_outlasts_back_and_goes_once_saved(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await half_make(d)
        await d.tap("Back")
        await d.tap(next(x for x in d.texts() if x.startswith("Start the review for")))
        assert kept(d), d.texts()
        await d.tap("Save the review")
        assert "reviews-screen" in d.identifiers(), d.texts()
        assert d.has_text("Calmer mornings: 6 out of 10")
        assert not any(x.startswith("Start the review for") for x in d.texts())
        d.page.navigate("/reviews/new")  # typed in the address bar: nothing left behind
        await d.settle(60)
        assert "review-new-screen" in d.identifiers(), d.texts()
        assert not d.has_text("(chosen)") and d.field("What went well?").value == ""

    run(go())


NEW_GOAL_LABEL = "A new goal, in your own words"
NEW_GOAL = "Bedtime stories every night"


async def type_a_new_goal(d: Driver) -> None:
    await d.tap("Monthly review")
    assert "reviews-screen" in d.identifiers(), d.texts()
    await d.type(NEW_GOAL_LABEL, NEW_GOAL)  # typed, "Add goal" not tapped


def test_a_new_goal_not_yet_added_outlasts_the_auto_lock_for_that_parent_only(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await type_a_new_goal(d)
        clock.advance(5 * 60 + 1)  # called away: five minutes and the phone locks itself
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers() and not d.has_text(NEW_GOAL)
        await d.tap("Unlock")
        await sign_in_parent(d, "1357", "Alex")  # Alex picks the phone up next
        await d.tap("Monthly review")
        assert d.field(NEW_GOAL_LABEL).value == "" and not d.has_text(NEW_GOAL)
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d)  # Jo again: the goal she was writing is there
        await d.tap("Monthly review")
        assert d.field(NEW_GOAL_LABEL).value == NEW_GOAL, d.texts()

    run(go())


def test_a_new_goal_not_yet_added_outlasts_back_and_a_goal_let_go_and_goes_once_added(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await type_a_new_goal(d)
        await d.tap("Back")
        await d.tap("Monthly review")
        assert d.field(NEW_GOAL_LABEL).value == NEW_GOAL, d.texts()
        await d.tap("We're done with this one")  # letting one goal go keeps the new one's words
        assert not d.has_text("Calmer mornings")
        assert d.field(NEW_GOAL_LABEL).value == NEW_GOAL, d.texts()
        await d.tap("Add goal")
        assert d.has_text(NEW_GOAL) and d.field(NEW_GOAL_LABEL).value == ""
        await d.tap("Back")
        await d.tap("Monthly review")
        assert d.field(NEW_GOAL_LABEL).value == "", d.texts()

    run(go())
