"""A hard moment half-written is there when the parent comes back.

A parent starts writing down what happened; the phone locks itself, or they tap Back. The
form used to come back empty. What is typed is kept for that person until they save it or
cancel, and nobody else who signs in on the device sees it.
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
WORKER = "Priya, Support worker"
WHAT = "Threw the remote when the TV went off"


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()


async def writing(d: Driver) -> None:
    await d.tap("Hard moments")
    await d.tap("Write down a hard moment")
    assert "moment-add-screen" in d.identifiers(), d.texts()


def test_a_half_written_hard_moment_outlasts_the_auto_lock(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await writing(d)
        await d.tap("Sam")
        await d.type("What happened?", WHAT)
        await d.tap("Screens")
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers()
        await d.tap("Unlock")
        await sign_in_parent(d)
        d.page.navigate("/moments/add")
        await d.settle(60)
        assert d.field("What happened?").value == WHAT
        d.button("Sam (chosen)")
        d.button("Screens (chosen)")

    run(go())


def test_a_hard_moment_outlasts_back_and_cancel_lets_it_go(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await writing(d)
        await d.type("What happened?", WHAT)
        await d.tap("Back")
        await d.tap("Write down a hard moment")
        assert d.field("What happened?").value == WHAT
        await d.tap("Cancel")  # Cancel is the way to let it go
        await d.tap("Write down a hard moment")
        assert d.field("What happened?").value == ""

    run(go())


def test_a_saved_hard_moment_starts_afresh_and_nobody_else_sees_one_unsaved(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await writing(d)
        await d.tap("Sam")
        await d.type("What happened?", "Shouting at bedtime")
        await d.tap("Write it down")
        assert "moments-screen" in d.identifiers(), d.texts()
        await d.tap("Write down a hard moment")
        assert d.field("What happened?").value == ""
        await d.type("What happened?", WHAT)
        await d.tap("Lock")
        await d.tap("Unlock")
        await d.tap(WORKER)
        await d.type("Your PIN", "4826")
        await d.tap("Sign in")
        await d.settle(100)
        await writing(d)
        assert d.field("What happened?").value == ""
        assert not d.has_text(WHAT)

    run(go())
