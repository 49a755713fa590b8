"""At a visit, Sam has the family tablet to tell Priya something; Jo's phone, a tab of the
same server, changes Priya's PIN, takes Priya off the household or changes the passphrase.

The tablet stays signed in as Priya while Sam has it, so Sam's tap on "Give it to Priya"
signed Priya out (or shut the tab) before it ran: his words were neither sealed nor kept, and
he saw the family's names as if nothing had happened. Now his words are sealed for the agency
first, he is thanked and asked to give the phone back, and the grown-up's next tap signs out.
"""

from __future__ import annotations

import json
from base64 import b64decode
from collections.abc import Callable
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run, until
from pairing_steps import Hub, paired_then
from sqlalchemy import select
from steps import running_gate

import app.ui
from app.hub.admin import open_agency
from app.hub.db import records
from app.services.household import HouseholdService
from app.sync.catalogue import SEALED_FIELD, WORKER_MESSAGES
from app.sync.sealing import open_sealed
from tests.hubkit import AGENCY_PASSPHRASE

PASSPHRASE = "blue kettle on the windowsill"
NEW = "harbour violet compass meadow"
WORDS = "Dad shouts at night and I hide"
BOX = "In your own words (you don't have to)"
GIVE_BACK = "Thank you, Sam. It is kept safe for Priya. Please give the phone back to Priya."
SIGNED_OUT = "You have been signed out, as something changed"


async def sam_has_the_tablet(data_dir: Path, clock: FakeClock, hub: Hub) -> Driver:
    """Priya's visit on the linked tablet; Sam has picked "Scared" and typed his words."""
    d = await paired_then(data_dir, clock, hub, "Priya")
    await d.tap("Start a visit")
    await d.tap("Start the visit")
    await d.tap("Hear from Sam")
    await d.tap("Scared")
    await d.type(BOX, WORDS)
    return d


def jos_tab(data_dir: Path, clock: FakeClock) -> tuple[HouseholdService, dict[str, str]]:
    """Jo's phone on the same server, and everyone's id by name."""
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    return household, {m.name: m.id for m in household.members()}


def sams_words_for_the_agency(data_dir: Path, clock: FakeClock, hub: Hub,
                              passphrase: str = PASSPHRASE) -> list[str]:
    """What is kept for the worker, on the device or sent to the hub, opened with the
    agency's key (as the hub does)."""
    household = running_gate(data_dir, clock).unlock(passphrase)
    sealed = {doc["id"]: b64decode(doc[SEALED_FIELD])
              for doc in household.store.find(WORKER_MESSAGES) if SEALED_FIELD in doc}
    with hub.engine.connect() as connection:
        sealed |= {r.record_id: bytes(r.body) for r in connection.execute(
            select(records).where(records.c.collection == WORKER_MESSAGES))}
    key = open_agency(hub.engine, AGENCY_PASSPHRASE)
    return [json.loads(open_sealed(key, body, record_id))["text"]
            for record_id, body in sealed.items()]


def pin_changed(data_dir: Path, clock: FakeClock) -> None:
    household, ids = jos_tab(data_dir, clock)
    household.change_pin(household.member(ids["Jo"]), ids["Priya"], "9731")


def priya_taken_off(data_dir: Path, clock: FakeClock) -> None:
    household, ids = jos_tab(data_dir, clock)
    household.remove(household.member(ids["Jo"]), ids["Priya"])


@pytest.mark.parametrize("change", [pin_changed, priya_taken_off])
def test_sams_words_are_sealed_when_another_tab_signs_priya_out(
        data_dir: Path, clock: FakeClock, hub: Hub,
        change: Callable[[Path, FakeClock], None]) -> None:
    async def go() -> None:
        d = await sam_has_the_tablet(data_dir, clock, hub)
        clock.advance(60)
        change(data_dir, clock)
        await d.tap("Give it to Priya")
        await until(d, lambda: "visit-child-given" in d.identifiers())
        assert d.has_text(GIVE_BACK)
        assert not d.has_text("Jo, Parent or carer") and not d.has_text(SIGNED_OUT)
        await until(d, lambda: len(hub.sealed_bodies()) == 1)
        assert sams_words_for_the_agency(data_dir, clock, hub) == [f"Scared, {WORDS}"]

        await d.tap("Back")  # Priya's tap: now she is signed out, as ever
        assert "who-screen" in d.identifiers(), d.texts()
        assert d.has_text(SIGNED_OUT)
        assert not d.has_text(GIVE_BACK) and not d.has_text(WORDS)
        assert not d.conn.errors

    run(go())


def test_sams_words_are_sealed_when_another_tab_changes_the_passphrase(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await sam_has_the_tablet(data_dir, clock, hub)
        gate = running_gate(data_dir, clock)
        household, ids = jos_tab(data_dir, clock)
        gate.change_passphrase(household, PASSPHRASE, NEW, by=household.member(ids["Jo"]))
        await d.tap("Give it to Priya")
        await until(d, lambda: "visit-child-given" in d.identifiers())
        assert d.has_text(GIVE_BACK) and not d.has_text("Jo, Parent or carer")
        await until(d, lambda: len(hub.sealed_bodies()) == 1)
        assert sams_words_for_the_agency(data_dir, clock, hub, NEW) == [f"Scared, {WORDS}"]

        await d.tap("Back")
        assert "passphrase-screen" in d.identifiers(), d.texts()
        assert not d.has_text(GIVE_BACK) and not d.has_text("Sam")  # nothing says he told
        assert not d.conn.errors

    run(go())


def test_sams_words_are_sealed_when_the_tab_shuts_itself_while_he_types(
        data_dir: Path, clock: FakeClock, hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    """No tap at all: the tab's own check finds the new passphrase and shuts the tab."""
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time

    async def go() -> None:
        d = await sam_has_the_tablet(data_dir, clock, hub)
        gate = running_gate(data_dir, clock)
        household, ids = jos_tab(data_dir, clock)
        gate.change_passphrase(household, PASSPHRASE, NEW, by=household.member(ids["Jo"]))
        await until(d, lambda: "passphrase-screen" in d.identifiers())
        assert not d.has_text("Sam") and not d.has_text(WORDS)
        assert sams_words_for_the_agency(data_dir, clock, hub, NEW) == [f"Scared, {WORDS}"]
        assert not d.conn.errors

    run(go())


def test_a_child_who_goes_back_leaves_nothing_sealed_when_the_tab_shuts(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    """Back is choosing not to tell: the tab shut at that tap seals nothing."""
    async def go() -> None:
        d = await sam_has_the_tablet(data_dir, clock, hub)
        gate = running_gate(data_dir, clock)
        household, ids = jos_tab(data_dir, clock)
        gate.change_passphrase(household, PASSPHRASE, NEW, by=household.member(ids["Jo"]))
        await d.tap("Back")
        assert "passphrase-screen" in d.identifiers(), d.texts()
        await d.settle(50)
        assert sams_words_for_the_agency(data_dir, clock, hub, NEW) == []
        assert not d.conn.errors

    run(go())
