"""Steps the headless journeys share: start the app, the first run, unlock, sign in a parent."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flet as ft
from headless import Driver, FakeClock, until

from app.domain.programme.network import NetworkDetails, NetworkPerson
from app.domain.safety import Section
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService
from app.services.programme.conference import ConferenceService, conferences_for
from app.services.programme.network import network_for
from app.services.safety import safety_for
from app.storage import KdfParams
from app.ui import build_main

PASSPHRASE = "blue kettle on the windowsill"


#: The gate of the app last started on each folder: one process at a time holds a folder.
_RUNNING: dict[Path, HouseholdGate] = {}


def new_process_gate(data_dir: Path, clock: FakeClock) -> HouseholdGate:
    """The gate a newly started app would open ``data_dir`` with; the app before it ended."""
    before = _RUNNING.pop(data_dir, None)
    if before is not None:
        before.close()
    gate = _RUNNING[data_dir] = HouseholdGate(data_dir, kdf=KdfParams.fast_for_tests(),
                                              clock=clock)
    return gate


def running_gate(data_dir: Path, clock: FakeClock) -> HouseholdGate:
    """The gate of the app running on ``data_dir`` (as a test reads what the app saved), or
    a new one when no app is running there."""
    return _RUNNING.get(data_dir) or new_process_gate(data_dir, clock)


def app_on(data_dir: Path, clock: FakeClock, **options: Any) -> Callable[[ft.Page], None]:
    """The app's ``main`` for ``data_dir`` as a newly started process serves it.

    ``clock`` is the phone's clock and, unless ``idle_clock`` is given, the auto-lock's too:
    moving it leaves the app alone that long.
    """
    options.setdefault("idle_clock", clock)
    return build_main(data_dir, gate=new_process_gate(data_dir, clock), clock=clock, **options)


async def start(data_dir: Path, clock: FakeClock) -> Driver:
    """Start the app on ``data_dir`` as a new process would."""
    return await Driver.start(app_on(data_dir, clock))


async def open_as(data_dir: Path, clock: FakeClock, who: str, pin: str = "",
                  pictures: tuple[str, ...] = ()) -> Driver:
    """Start the app, unlock the household and sign ``who`` in by PIN or pictures."""
    return await sign_in_on(app_on(data_dir, clock), who, pin, pictures)


async def sign_in_on(main: Callable[[ft.Page], None], who: str, pin: str = "",
                     pictures: tuple[str, ...] = ()) -> Driver:
    """A new tab on ``main`` (a server's app, shared by its tabs): unlock the household and
    sign ``who`` in by PIN or pictures."""
    d = await Driver.start(main)
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    await d.tap(who)
    for picture in pictures:
        await d.tap(picture)
    if pin:
        await d.type("Your PIN", pin)
        await d.tap("Sign in")
    await d.settle(100)
    return d


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


async def sign_in_parent(d: Driver, pin: str = "2580", name: str = "Jo") -> None:
    await d.tap(f"{name}, Parent or carer")
    await d.type("Your PIN", pin)
    await d.tap("Sign in")
    await d.settle(50)


async def sign_in_child(d: Driver) -> None:
    """Sam signs in with their three pictures."""
    await d.tap("Sam, Child")
    for picture in ("Apple", "Sun", "Tree"):
        await d.tap(picture)
    await d.settle(50)


def worry_and_grandma_pat(household: HouseholdService) -> NetworkPerson:
    """What a conference is prepared from: Jo's worry on the safety plan, and Grandma Pat in
    the family's network (returned)."""
    jo = next(m for m in household.members() if m.name == "Jo")
    safety_for(household).add_point(jo, Section.WORRIES, "Shouting at bedtime")
    return network_for(household).add(jo, NetworkDetails("Grandma Pat", "Grandma"))


def into_private_time(household: HouseholdService, invited: NetworkPerson
                      ) -> ConferenceService:
    """Priya prepares the conference (``invited`` and the first worry), starts the day and
    leaves the family to their private time; the household's conferences are returned."""
    priya = next(m for m in household.members() if m.name == "Priya")
    conferences = conferences_for(household)
    worries, _lines = conferences.to_address()
    conferences.prepare(priya, invited=[invited.id], worries=[worries[0].id], bottom_lines=[],
                        information="")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    return conferences
