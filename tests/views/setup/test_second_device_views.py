"""Headless tests of a second phone joining the household, on a real hub on 127.0.0.1 (SQLite).

The first phone is set up through the services and connected; the second goes through the
screens a parent sees: join, its own passphrase and recovery key, the pairing code, then
"Who's using Homeward?" with everyone marked "Set up on this phone".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import Driver, FakeClock, run, until
from steps import app_on

from app.hub.admin import issue_pairing_code
from tests.hubkit import RunningHub
from tests.services.taylors import PASSPHRASE
from tests.sync.household_devices import Device, first_device

pytestmark = pytest.mark.parametrize("hub_engine", ["sqlite"], indirect=True)


async def join(data_dir: Path, clock: FakeClock, hub: RunningHub) -> Driver:
    """A parent joins the household on a new phone, through every first-run screen."""
    d = await Driver.start(app_on(data_dir, clock,
                                      sync_every=3600.0))
    assert d.has_text("Already using Homeward on another phone or tablet?")
    await d.tap("Join my family's household")
    assert "setup-join-passphrase" in d.identifiers(), d.texts()
    await d.type("New passphrase", PASSPHRASE)
    await d.type("Type the passphrase again", PASSPHRASE)
    await d.tap("Next")
    await until(d, lambda: "setup-join-recovery" in d.identifiers())
    await d.check("I have written it down or given it to our worker")
    await d.tap("Next")
    assert "setup-join" in d.identifiers(), d.texts()
    await d.type("Agency address", hub.url)
    await d.type("Pairing code", "WRONG-CODE1")
    await d.tap("Join our household")
    await until(d, lambda: d.has_text("That pairing code isn't right"))
    await d.type("Pairing code", issue_pairing_code(hub.engine, hub.household_id).code)
    await d.tap("Join our household")
    await until(d, lambda: "pair-check" in d.identifiers())
    await d.tap("They match: connect")
    await until(d, lambda: "who-screen" in d.identifiers())
    return d


def _first(tmp_path: Path, hub: RunningHub) -> Device:
    return first_device(tmp_path / "phone", hub)


def test_a_second_phone_joins_and_everyone_is_new_on_it(
    tmp_path: Path, clock: FakeClock, hub: RunningHub
) -> None:
    phone = _first(tmp_path, hub)

    async def go() -> None:
        d = await join(tmp_path / "tablet", clock, hub)
        for person in ("Jo, Parent or carer", "Sam, Child", "Mia, Child", "Priya, Support worker"):
            assert d.has_text(f"{person}. Set up on this phone"), d.texts()
        # Sam is new here: a grown-up says it's OK (nobody has a PIN here yet: passphrase).
        await d.tap("Sam, Child. Set up on this phone")
        assert "first-time-here" in d.identifiers()
        await d.type("Household passphrase", "not the words")
        await d.tap("It's OK")
        await until(d, lambda: d.has_text("That isn't right"))
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("It's OK")
        await until(d, lambda: d.has_text("Sam, choose your three secret pictures"))
        for picture in ("Moon", "Star", "Fish"):
            await d.tap(picture)
        await d.tap("Save and start")
        await until(d, lambda: "home-child" in d.identifiers())
        assert not d.conn.errors

    run(go())
    # The tablet's PIN for Sam is the tablet's own; the phone still has its own.
    sam = phone.person("Sam")
    assert phone.household.try_pictures(sam.id, ["apple", "sun", "tree"]).ok


def test_a_parent_who_uses_the_phone_approves_with_their_pin(
    tmp_path: Path, clock: FakeClock, hub: RunningHub
) -> None:
    _first(tmp_path, hub)

    async def go() -> None:
        d = await join(tmp_path / "tablet", clock, hub)
        await d.tap("Jo, Parent or carer. Set up on this phone")
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("It's OK")
        await until(d, lambda: d.has_text("Type the PIN again"))
        await d.type("New PIN (4 to 6 numbers)", "1470")
        await d.type("Type the PIN again", "1470")
        await d.tap("Save and start")
        await until(d, lambda: "home-parent" in d.identifiers())
        await d.tap("Someone else's turn")
        await until(d, lambda: "who-screen" in d.identifiers())
        assert d.has_text("Jo, Parent or carer") and not d.has_text(
            "Jo, Parent or carer. Set up on this phone")
        await d.tap("Mia, Child. Set up on this phone")
        await d.tap("I'm Jo")
        await d.type("Jo's PIN", "1470")
        await d.tap("It's OK")
        await until(d, lambda: d.has_text("Mia, choose your three secret pictures"))
        assert not d.conn.errors

    run(go())
