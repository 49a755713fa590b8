"""Headless tests of the first run, unlock, PIN sign-in, lockout and auto-lock."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from headless import Driver, FakeClock, run

from app.storage import KdfParams
from app.ui import build_main

PASSPHRASE = "blue kettle on the windowsill"


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
    d.recovery_key = next(t for t in d.texts() if re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){7}", t))
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


async def restart_and_unlock(data_dir: Path, clock: FakeClock) -> Driver:
    """A new process and a new tab: the passphrase once, then "Who's using Homeward?"."""
    d = await start(data_dir, clock)
    assert "passphrase-screen" in d.identifiers()
    assert not d.has_text("Sam") and not d.has_text("Taylor")
    await d.type("Household passphrase", "not the right passphrase")
    await d.tap("Open Homeward")
    await d.settle(100)
    assert d.has_text("That passphrase didn't work")
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await d.settle(100)
    assert "who-screen" in d.identifiers(), d.texts()
    return d


async def sign_in_parent(d: Driver, pin: str = "2580") -> None:
    await d.tap("Jo, Parent or carer")
    await d.type("Your PIN", pin)
    await d.tap("Sign in")
    await d.settle(50)


def test_restart_asks_passphrase_then_pins(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await sign_in_parent(d)
        assert "home-parent" in d.identifiers(), d.texts()
        assert d.has_text("Hello, Jo")
        # a child's home: three pictures, no reading needed
        await d.tap("Someone else's turn")
        await d.tap("Sam, Child")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        await d.settle(50)
        assert "home-child" in d.identifiers(), d.texts()
        assert d.has_text("Hi, Sam!")
        assert not d.has_text("People in our home") and not d.has_text("Settings")
        assert not d.conn.errors

    run(go())


def test_wrong_pin_locks_out_in_plain_words_across_restart(data_dir: Path,
                                                           clock: FakeClock) -> None:
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await d.tap("Jo, Parent or carer")
        for _ in range(4):
            await d.type("Your PIN", "1357")
            await d.tap("Sign in")
            await d.settle(50)
        assert d.has_text("Tries left before a short wait: 1.")
        await d.type("Your PIN", "1357")
        await d.tap("Sign in")
        await d.settle(50)
        assert d.has_text("Too many wrong tries. Please wait 30 seconds, then try again.")
        d = await restart_and_unlock(data_dir, clock)
        await sign_in_parent(d)
        assert d.has_text("Please wait 30 seconds"), d.texts()
        clock.advance(31)
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await d.settle(50)
        assert "home-parent" in d.identifiers()
        # a child is told kindly, in child words
        await d.tap("Someone else's turn")
        await d.tap("Sam, Child")
        for picture in ("Moon", "Moon", "Moon"):
            await d.tap(picture)
        await d.settle(50)
        assert d.has_text("Oops, not quite! Try again.")

    run(go())


def test_lock_is_one_tap_and_shows_no_family_data(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        await sign_in_parent(d)
        await d.tap("Lock")
        assert "lock-screen" in d.identifiers()
        for private in ("Jo", "Sam", "Taylor"):
            assert not d.has_text(private), d.texts()
        await d.tap("Unlock")
        assert "who-screen" in d.identifiers()

    run(go())


def test_auto_lock_after_inactivity_and_parent_can_change_it(data_dir: Path,
                                                             clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        await sign_in_parent(d)
        session = d.session.page  # noqa: F841 - the page stays the same across locks
        clock.advance(4 * 60)
        await d.tap("Settings")
        await d.settle(50)
        assert "settings-screen" in d.identifiers(), d.texts()
        await d.select("Lock after", "1")
        assert d.has_text("Auto-lock time saved.")
        clock.advance(59)
        from app.ui import AUTOLOCK_CHECK_SECONDS  # the watch ticks on real time

        await asyncio.sleep(AUTOLOCK_CHECK_SECONDS + 0.5)
        await d.settle()
        assert "settings-screen" in d.identifiers(), "locked before the timeout"
        clock.advance(2)
        await asyncio.sleep(AUTOLOCK_CHECK_SECONDS + 0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers(), d.texts()
        assert not d.has_text("Jo")

    run(go())
