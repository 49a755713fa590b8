"""Visit mode when the worker is called away, taps twice, or the phone is not linked yet.

A note typed and not saved used to be lost when the phone locked itself (only the Lock button
kept it); a double tap on "Take back" took back the next action too; and on a phone with no
link to the agency a child was asked to tell the worker something that could not be kept.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import open_as

import app.ui
from tests.services.taylors import create_taylors, in_order

WORKER = "Priya, Support worker"
PARENT = "Jo, Parent or carer"
NOTE = "Sam says the shouting at night scares him"
NOT_LINKED = "can only be kept once this phone is connected to your agency"


async def visit_under_way(data_dir: Path, clock: FakeClock) -> Driver:
    """Priya signed in, a visit started with everyone at home."""
    d = await open_as(data_dir, clock, WORKER, "4826")
    await d.tap("Start a visit")
    await d.tap("Start the visit")
    return d


async def sign_in(d: Driver, who: str, pin: str) -> None:
    await d.tap(who)
    await d.type("Your PIN", pin)
    await d.tap("Sign in")
    await d.settle(60)


def test_a_typed_visit_note_survives_the_auto_lock_and_no_one_else_reads_it(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    gate, _household = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await visit_under_way(data_dir, clock)
        await d.type("Notes: Each child's voice", NOTE)  # typed, "Save note" not tapped
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers() and not d.has_text(NOTE)

        await d.tap("Unlock")  # Jo picks the phone up first
        await sign_in(d, PARENT, "2580")
        assert not d.has_text(NOTE)
        d.page.navigate("/visit")
        await d.settle(60)
        assert d.has_text("Visits are run by the family's worker.") and not d.has_text(NOTE)
        await d.tap("Back")
        await d.tap("Visits")
        assert not d.has_text(NOTE)
        await d.tap("Lock")

        await d.tap("Unlock")
        await sign_in(d, WORKER, "4826")
        await d.tap("Carry on with the visit")
        await d.settle(60)
        assert d.field("Notes: Each child's voice").value == NOTE
        assert not d.conn.errors

    run(go())


def test_a_double_tap_on_take_back_takes_back_one_action(data_dir: Path,
                                                         clock: FakeClock) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()
    actions = ("Book the eye test", "Call the school", "Buy a night light")

    async def go() -> None:
        d = await visit_under_way(data_dir, clock)
        for what in actions:
            await d.type("What will happen", what)
            await d.tap("Add")
        assert all(d.has_text(what) for what in actions)
        await d.double_tap("Take back: Book the eye test")  # its name says which
        assert [what for what in actions if d.has_text(what)] == list(actions[1:]), d.texts()
        assert not d.has_text("That has gone already.")
        assert not d.conn.errors

    run(go())


def test_on_a_phone_not_linked_a_child_is_not_asked_and_the_worker_is_told_why(
        data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    sam = in_order(household)[1]
    gate.close()

    async def go() -> None:
        d = await visit_under_way(data_dir, clock)
        assert not d.has_text("Hear from Sam") and not d.has_text("Hear from Mia")
        said = " ".join(d.texts_in("visit-children"))
        assert NOT_LINKED in said, said
        assert d.has_text("I saw Sam on their own")  # seeing a child alone is still kept

        d.page.navigate(f"/visit/child/{sam.id}")  # the child's screen, opened directly
        await d.settle(60)
        assert "visit-child-screen" in d.identifiers(), d.texts()
        assert d.has_text(NOT_LINKED)
        assert not d.has_text("No one at home can see it")
        assert not d.has_text("Give it to Priya")
        await d.tap("Back")
        assert "visit-screen" in d.identifiers()
        assert not d.conn.errors

    run(go())
