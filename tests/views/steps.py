"""Steps the headless journeys share: start the app, the first run, unlock, sign in a parent."""

from __future__ import annotations

import re
from pathlib import Path

from headless import Driver, FakeClock

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
