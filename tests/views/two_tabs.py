"""Several browser tabs on ONE household gate, as one ``homeward run`` serves them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from headless import Driver, FakeClock, until
from steps import new_process_gate

from app.domain.people import Avatar, Member
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService
from app.services.setup import create_household
from app.storage import KdfParams
from app.ui import build_main

PASSPHRASE = "blue kettle on the windowsill"
JO = ("Jo, Parent or carer", "2580")
ALEX = ("Alex, Parent or carer", "1357")
SAM_PICTURES = ("Apple", "Sun", "Tree")


def seed(data_dir: Path) -> str:
    """The Taylors: Jo and Alex (parents), Sam (8) and Priya (their worker); returns the
    recovery key."""
    store, key = create_household(data_dir, "The Taylor family", PASSPHRASE,
                                  kdf=KdfParams.fast_for_tests())
    store.recovery_key_kept(key)
    household = HouseholdService(store)
    household.add_parent("Jo", "2580")
    household.add_parent("Alex", "1357")
    household.add_child("Sam", 8, Avatar.FOX, ["apple", "sun", "tree"])
    household.add_worker("Priya", "4826")
    household.finish_setup()
    store.close()
    return key


def one_server(data_dir: Path, clock: FakeClock) -> tuple[HouseholdGate, Any]:
    """The gate and the page builder of one running server."""
    gate = new_process_gate(data_dir, clock)
    return gate, build_main(data_dir, gate=gate, clock=clock, idle_clock=clock)


async def tab(main: Any, who: tuple[str, str] | None = None,
              pictures: tuple[str, ...] = ()) -> Driver:
    """A new tab, unlocked, and signed in as ``who`` (label, PIN) or with ``pictures``."""
    d = await Driver.start(main)
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    if who is not None:
        await d.tap(who[0])
        for picture in pictures:
            await d.tap(picture)
        if who[1]:
            await d.type("Your PIN", who[1])
            await d.tap("Sign in")
        await d.settle(100)
    return d


def household(gate: HouseholdGate) -> HouseholdService:
    """The household the server's tabs share."""
    return gate.unlock(PASSPHRASE)


def member(gate: HouseholdGate, name: str) -> Member:
    """One person of the household by name."""
    return next(m for m in household(gate).members(include_removed=True) if m.name == name)


async def go_to(d: Driver, route: str) -> None:
    """The tab's address changed to ``route`` (as a typed address or a link does)."""
    await d.session.dispatch_event(d.page._i, "route_change", {"route": route})
    await d.settle(60)
