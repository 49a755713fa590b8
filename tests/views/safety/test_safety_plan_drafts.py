"""Words typed on the safety plan and not yet added are kept for the person who typed them.

A worker at a visit typed a bottom line, was called away, and the phone locked itself (or
they tapped Back): the words were gone (rule 3). They are kept now, in this tab's memory, for
that person only, and let go once added.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import open_as

import app.ui
from tests.services.taylors import create_taylors

WORKER = "Priya, Support worker"
PARENT = "Jo, Parent or carer"
LINE = "No contact with Dad unsupervised."
WHY = "The court said so."
BOXES = {
    "New bottom line": LINE,
    "Why this bottom line? (the family will read this)": WHY,
    "What needs to happen": "Jo calls the school on Monday",
    "Who will do it": "Jo",
    "Why this step? (the family will read this)": "Sam missed two days.",
}


async def sign_in(d: Driver, who: str, pin: str) -> None:
    await d.tap(who)
    await d.type("Your PIN", pin)
    await d.tap("Sign in")
    await d.settle(60)


async def plan_opened_at_a_visit(data_dir: Path, clock: FakeClock) -> Driver:
    d = await open_as(data_dir, clock, WORKER, "4826")
    await d.tap("Start a visit")
    await d.tap("Start the visit")
    await d.tap("Open the safety plan")
    assert "safety-plan-screen" in d.identifiers(), d.texts()
    for label, words in BOXES.items():
        await d.type(label, words)
    return d


def test_a_bottom_line_typed_at_a_visit_survives_the_auto_lock_for_the_worker_only(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await plan_opened_at_a_visit(data_dir, clock)
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers() and not d.has_text(LINE)

        await d.tap("Unlock")  # Jo picks the phone up first: the words are not hers
        await sign_in(d, PARENT, "2580")
        await d.tap("Safety plan")
        assert d.field("What needs to happen").value == ""
        assert not any(words in d.texts() for words in BOXES.values())
        await d.tap("Lock")

        await d.tap("Unlock")
        await sign_in(d, WORKER, "4826")
        await d.tap("Safety plan")
        assert {label: d.field(label).value for label in BOXES} == BOXES
        assert not d.conn.errors

    run(go())


def test_words_typed_on_the_safety_plan_are_kept_through_back_and_let_go_once_added(
        data_dir: Path, clock: FakeClock) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await plan_opened_at_a_visit(data_dir, clock)
        await d.tap("Back")
        await d.tap("Back")  # from the visit, to the worker's home
        await d.tap("Safety plan")
        assert {label: d.field(label).value for label in BOXES} == BOXES

        await d.tap("Add bottom line")
        await d.tap("Add next step")
        assert d.has_text(LINE) and d.has_text("Jo calls the school on Monday")
        await d.tap("Back")
        await d.tap("Safety plan")  # added: nothing half-typed comes back
        assert all(d.field(label).value == "" for label in BOXES)
        assert not d.conn.errors

    run(go())
