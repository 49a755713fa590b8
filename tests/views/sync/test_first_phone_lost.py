"""A family's first phone, connected to the agency and lost before it sent anything: the new
phone set up as the family's is refused (one household, set up once), and the parent is told
the way out, not only to "join" a household that has nothing in it to join.

The household's store and the agency's hub (SQLite, on 127.0.0.1) are real.
"""

from __future__ import annotations

import sys
from pathlib import Path

from headless import FakeClock, run, until
from pairing_steps import AGENCY, Hub, open_as, seed

from app.hub.admin import list_devices, revoke_device

sys.path.insert(0, str(Path(__file__).parents[2] / "hub"))
from hub_device import HubDevice  # noqa: E402

REFUSED = ("Your household is already connected from another phone or tablet. To use this "
           "one too, set it up again and choose \"Join my family's household\". If that "
           "phone is lost, ask your worker to remove it. Nothing was changed.")


def test_a_lost_first_phone_is_named_as_the_way_out_and_its_removal_lets_the_new_one_in(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    lost = HubDevice.pair(hub.url, hub.code(), household_uid="the-phone-that-was-lost")
    seed(data_dir)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo")
        await d.tap("Settings")
        await d.tap("Connect to your agency")
        await d.type("Agency address", hub.url)
        await d.type("Pairing code", hub.code())
        await d.tap("Connect")
        await until(d, lambda: d.has_text(REFUSED))  # asked before the key check
        (gone,) = [x for x in list_devices(hub.engine, hub.household_id)
                   if x.id == lost.device_id]
        revoke_device(hub.engine, gone.id)  # the worker removes the lost phone
        await d.type("Pairing code", hub.code())
        await d.tap("Connect")
        await until(d, lambda: "pair-check" in d.identifiers())
        await d.tap("They match: connect")
        await until(d, lambda: d.has_text(f"Connected to {AGENCY}."))
        assert not d.conn.errors

    run(go())
