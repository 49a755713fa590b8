"""Priya is typing a visit note on the family tablet; Jo, in her own phone's tab on the same
server, changes the household passphrase.

The tab's own check shuts it within seconds, with no tap: the household is let go of first,
so the visit screen had nowhere to keep what was typed, and after unlocking with the new
passphrase the note box was empty. What the worker types is now kept in the tab's memory as it
is typed, as other forms keep theirs, and is there when she comes back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import Driver, FakeClock, run, until
from steps import open_as, running_gate

import app.ui
from app.services.visits import visits_for
from tests.services.taylors import create_taylors, in_order

PASSPHRASE = "blue kettle on the windowsill"
NEW = "harbour violet compass meadow"
WORKER = "Priya, Support worker"
PARENT = "Jo, Parent or carer"
NOTE = "Notes: Each child's voice"
WORDS = "Mia says she hides in the wardrobe when they shout"
ACTION = "Ring the school about Mia"


async def unlock_and_sign_in(d: Driver, who: str, pin: str) -> None:
    await d.type("Household passphrase", NEW)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    await d.tap(who)
    await d.type("Your PIN", pin)
    await d.tap("Sign in")
    await d.settle(60)


def test_a_typed_visit_note_survives_a_new_passphrase_from_another_tab(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    gate, _ = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await d.tap("Start a visit")
        await d.tap("Start the visit")
        await d.type(NOTE, WORDS)  # "Save note" not tapped
        await d.type("What will happen", ACTION)  # "Add" not tapped
        g = running_gate(data_dir, clock)
        jos_tab = g.unlock(PASSPHRASE)
        jo, *_ = in_order(jos_tab)
        g.change_passphrase(jos_tab, PASSPHRASE, NEW, by=jo)
        await until(d, lambda: "passphrase-screen" in d.identifiers())  # no tap needed
        assert not d.has_text(WORDS)

        await unlock_and_sign_in(d, PARENT, "2580")  # Jo picks the tablet up first
        assert not d.has_text(WORDS) and not d.has_text(ACTION)
        await d.tap("Someone else's turn")
        await d.tap(WORKER)
        await d.type("Your PIN", "4826")
        await d.tap("Sign in")
        await d.settle(60)
        await d.tap("Carry on with the visit")
        await d.settle(60)
        assert d.field(NOTE).value == WORDS
        assert d.field("What will happen").value == ACTION

        await d.tap("Back")  # leaving the screen keeps both in Priya's visit, as ever
        priya = in_order(jos_tab)[3]
        visit = visits_for(jos_tab).current(priya)
        assert visit is not None and visit.notes["children"] == WORDS
        assert [a.what for a in visit.actions] == [ACTION]
        assert not d.conn.errors

    run(go())
