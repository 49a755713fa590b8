"""Headless tests of the first run, unlock, PIN sign-in, lockout and auto-lock."""

from __future__ import annotations

import asyncio
from pathlib import Path

from conftest import FakeClock
from headless import Driver

from app.storage import KdfParams
from app.ui import build_main

PASSPHRASE = "blue kettle on the windowsill"


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


async def start(data_dir: Path, clock: FakeClock) -> Driver:
    return await Driver.start(build_main(data_dir, kdf=KdfParams.fast_for_tests(), clock=clock))


async def first_run(d: Driver) -> None:
    """Household, passphrase, recovery key, a parent, a child with pictures, finish."""
    await d.type("Your household's name", "The Taylor family")
    await d.tap("Next")
    await d.type("New passphrase", PASSPHRASE)
    await d.type("Type the passphrase again", PASSPHRASE)
    await d.tap("Create our household")
    await d.settle(200)
    assert "setup-recovery" in d.identifiers(), d.texts()
    await d.check("I have written it down or given it to our worker")
    await d.tap("Next")
    await d.type("Name", "Jo")
    await d.type("New PIN (4 to 6 numbers)", "2580")
    await d.type("Type the PIN again", "2580")
    await d.tap("Add parent or carer")
    assert "setup-people" in d.identifiers(), d.texts()
    await d.tap("Add a child")
    await d.type("Name", "Sam")
    await d.type("Age", "6")
    await d.tap("Fox")
    for picture in ("Apple", "Sun", "Tree"):
        await d.tap(picture)
    await d.tap("Add child")
    assert "setup-people" in d.identifiers(), [x for x in d.texts() if "lease" in x or "rry" in x]
    await d.tap("Finish setting up")


def test_first_run_reaches_who_is_using(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        assert "setup-welcome" in d.identifiers()
        await first_run(d)
        assert "who-screen" in d.identifiers(), d.texts()
        assert d.has_text("Sam, Child") and d.has_text("Jo, Parent or carer")
        assert not d.conn.errors

    run(go())
