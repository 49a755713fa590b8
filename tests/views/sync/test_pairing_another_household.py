"""Headless tests of a pairing code meant for another family: the key check names the
household the code connects to, and a phone that has been one household's is told plainly
that it cannot be connected to another.

The household's store and the agency's hub (SQLite, on 127.0.0.1) are real.
"""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run, until
from pairing_steps import AGENCY, Hub, open_as, seed

from app.hub.admin import issue_pairing_code, list_devices, register_household, revoke_device

OTHER_FAMILY = "The Patel household"


def test_the_key_check_names_the_household_and_another_households_code_is_refused(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        seed(data_dir)
        other = register_household(hub.engine, OTHER_FAMILY)
        d = await open_as(data_dir, clock, "Jo")
        await d.tap("Settings")
        await d.tap("Connect to your agency")
        await d.type("Agency address", hub.url)
        await d.type("Pairing code", issue_pairing_code(hub.engine, other).code)
        await d.tap("Connect")
        await until(d, lambda: "pair-check" in d.identifiers())
        assert d.has_text(f"This will connect to: {OTHER_FAMILY}")  # not the Taylors: stop
        await d.tap("They are different")
        await until(d, lambda: "pair-form" in d.identifiers())
        await d.type("Pairing code", hub.code())
        await d.tap("Connect")
        await until(d, lambda: "pair-check" in d.identifiers())
        assert d.has_text("This will connect to: Taylor")
        await d.tap("They match: connect")
        await until(d, lambda: d.has_text(f"Connected to {AGENCY}."))
        revoke_device(hub.engine, list_devices(hub.engine, hub.household_id)[0].id)
        await d.tap("Sync now")
        await until(d, lambda: d.has_text("This phone has been disconnected by your agency."))
        await d.type("Agency address", hub.url)
        await d.type("Pairing code", issue_pairing_code(hub.engine, other).code)
        await d.tap("Connect")
        await until(d, lambda: d.has_text(
            "This phone belongs to another household at your agency. Ask your worker to "
            "check the code. If your family's case was closed, ask your worker to open it "
            "again. Nothing was changed."))
        assert "pair-check" not in d.identifiers()
        assert not d.conn.errors

    run(go())
