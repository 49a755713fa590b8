"""A household and its agency's hub for the sync view tests: pairing, signing in, switching.

The hub is real (SQLite, served by uvicorn on 127.0.0.1); the ``hub`` fixture beside this
file starts one for each test.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from headless import Driver, FakeClock, until
from sqlalchemy import Engine, select
from steps import app_on

from app.domain.people import Avatar
from app.hub.admin import issue_pairing_code
from app.hub.db import records
from app.hub.server import build_hub_asgi
from app.services.household import HouseholdService
from app.services.setup import create_household
from app.storage import KdfParams
from tests.hubkit import ThreadedServer, row_counts

PASSPHRASE = "blue kettle on the windowsill"
AGENCY = "Riverside Family Support"


@dataclass
class Hub:
    """The agency's hub as a test sees it: its database, its address, a way to stop it."""

    engine: Engine
    server: ThreadedServer
    household_id: str

    @property
    def url(self) -> str:
        return self.server.url

    def code(self) -> str:
        """A fresh one-time pairing code for the household."""
        return issue_pairing_code(self.engine, self.household_id).code

    def start(self) -> None:
        """Serve (again) on the same port."""
        self.server = ThreadedServer(build_hub_asgi(self.engine), self.server.port)
        self.server.start()

    def requests(self) -> int:
        """How many signed requests the hub has accepted (each leaves a nonce)."""
        return row_counts(self.engine)["nonces"]

    def collections(self) -> list[str]:
        with self.engine.connect() as connection:
            return [r.collection for r in connection.execute(select(records))]

    def sealed_bodies(self) -> list[bytes]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(records).where(records.c.sealed.is_(True)))
            return [bytes(r.body) for r in rows]


def seed(data_dir: Path, *, worker: bool = True) -> None:
    """Jo (parent, PIN 2580), Sam (6, Apple Sun Tree) and, usually, Priya the worker."""
    store, recovery_key = create_household(data_dir, "The Taylor family", PASSPHRASE,
                                           kdf=KdfParams.fast_for_tests())
    store.recovery_key_kept(recovery_key)  # as the family says at setup
    people = HouseholdService(store)
    people.add_parent("Jo", "2580")
    people.add_child("Sam", 6, Avatar.FOX, ["apple", "sun", "tree"])
    if worker:
        people.add_worker("Priya", "4826")
    people.finish_setup()
    store.close()


async def open_as(data_dir: Path, clock: FakeClock, who: str, *,
                  sync_every: float = 3600.0) -> Driver:
    d = await Driver.start(app_on(data_dir, clock, sync_every=sync_every))
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    await sign_in(d, who)
    return d


async def sign_in(d: Driver, who: str) -> None:
    if who in ("Jo", "Priya"):
        role, pin = ("Parent or carer", "2580") if who == "Jo" else ("Support worker", "4826")
        await d.tap(f"{who}, {role}")
        await d.type("Your PIN", pin)
        await d.tap("Sign in")
    else:
        await d.tap("Sam, Child")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
    await until(d, lambda: bool({"home-parent", "home-child", "home-worker"} & d.identifiers()))


async def switch(d: Driver, who: str) -> None:
    await d.tap("Someone else's turn")
    await sign_in(d, who)


async def pair(d: Driver, hub: Hub, code: str | None = None) -> None:
    """From a parent's home, pair the household through Settings."""
    await d.tap("Settings")
    await d.tap("Connect to your agency")
    assert "sync-screen" in d.identifiers(), d.texts()
    await d.type("Agency address", hub.url)
    await d.type("Pairing code", code or hub.code())
    await d.tap("Connect")
    await until(d, lambda: "pair-check" in d.identifiers())
    await d.tap("They match: connect")
    await until(d, lambda: d.has_text(f"Connected to {AGENCY}."))


async def paired_then(data_dir: Path, clock: FakeClock, hub: Hub, who: str) -> Driver:
    """A seeded household that Jo pairs through Settings; then ``who`` signs in."""
    seed(data_dir)
    d = await open_as(data_dir, clock, "Jo")
    await pair(d, hub)
    await d.tap("Back")
    await d.tap("Back")
    await switch(d, who)
    return d
