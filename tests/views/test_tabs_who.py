"""Several tabs over one household (one ``homeward run``): each tab's person is the stored one.

A person taken off the household in one tab, or whose PIN or pictures were changed there,
is signed out of every other tab at their next tap, kindly, before the tap does anything.
A child's "I need help" is the exception that comes first: it is kept and help is shown.
A shorter auto-lock set in one tab reaches the tabs already open.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run, until
from steps import PASSPHRASE, new_process_gate, sign_in_on

import app.ui
from app.domain.people import Member
from app.i18n import t
from app.services.checkins import ALERTS
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService
from app.ui import build_main
from tests.services.taylors import create_taylors

SAM = ("Apple", "Sun", "Tree")
JO = "Jo, Parent or carer"
ALEX = "Alex, Parent or carer"


def one_server(data_dir: Path, clock: FakeClock) -> tuple[HouseholdGate, object]:
    """The Taylors (Jo, Alex, Sam, Mia, Priya) served by one app, as one process does."""
    gate, _household = create_taylors(data_dir, clock, second_parent=True)
    gate.close()
    gate = new_process_gate(data_dir, clock)
    return gate, build_main(data_dir, gate=gate, clock=clock, idle_clock=clock)


async def tab(main: object, who: str, pin: str = "", pictures: tuple[str, ...] = ()) -> Driver:
    """A new browser tab on the same app: unlock, then sign ``who`` in."""
    return await sign_in_on(main, who, pin, pictures)  # type: ignore[arg-type]


def household(gate: HouseholdGate) -> HouseholdService:
    return gate.unlock(PASSPHRASE)


def person(gate: HouseholdGate, name: str) -> Member:
    return next(m for m in household(gate).members(include_removed=True) if m.name == name)


def test_a_parent_removed_in_one_tab_is_signed_out_of_theirs_before_doing_anything(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        gate, main = one_server(data_dir, clock)
        alex = await tab(main, ALEX, pin="1357")
        jo = await tab(main, JO, pin="2580")
        assert "home-parent" in alex.identifiers()
        await jo.tap("People in our home")
        await jo.tap("Alex")
        await jo.tap("Remove Alex")
        await jo.tap("Yes, remove")
        assert not person(gate, "Alex").active

        await alex.tap("People in our home")  # the tap finds Alex gone: nothing opens
        assert "who-screen" in alex.identifiers(), alex.identifiers()
        assert alex.has_text(t("who.signed_out")), alex.texts()
        assert "people-screen" in jo.identifiers()  # Jo, still here, carries on
        assert [m.name for m in household(gate).members()] == ["Jo", "Sam", "Mia", "Priya"]
        assert not alex.conn.errors and not jo.conn.errors

    run(go())


def test_a_new_pin_for_jo_signs_her_out_of_another_tab_but_not_where_she_chose_it(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        gate, main = one_server(data_dir, clock)
        tablet = await tab(main, JO, pin="2580")
        phone = await tab(main, JO, pin="2580")
        clock.advance(60)
        await phone.tap("People in our home")
        await phone.tap("Jo")
        await phone.type("New PIN (4 to 6 numbers)", "8642")
        await phone.tap("Save new PIN")
        assert household(gate).try_pin(person(gate, "Jo").id, "8642").ok
        await phone.tap("Back")
        assert "who-screen" not in phone.identifiers(), phone.identifiers()

        await tablet.tap("People in our home")
        assert "who-screen" in tablet.identifiers(), tablet.identifiers()
        assert tablet.has_text(t("who.signed_out"))

    run(go())


def test_new_pictures_for_sam_sign_out_a_tab_where_someone_is_signed_in_as_sam(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        gate, main = one_server(data_dir, clock)
        sibling = await tab(main, "Sam, Child", pictures=SAM)
        assert "home-child" in sibling.identifiers()
        clock.advance(60)
        household(gate).change_picture_pin(person(gate, "Jo"), person(gate, "Sam").id,
                                           ["moon", "star", "car"])
        await sibling.tap("How do I feel?")
        await sibling.settle(50)
        assert "who-screen" in sibling.identifiers(), sibling.identifiers()

    run(go())


def test_a_childs_call_for_help_is_kept_and_shown_though_her_pictures_changed(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        gate, main = one_server(data_dir, clock)
        sam = await tab(main, "Sam, Child", pictures=SAM)
        clock.advance(60)
        household(gate).change_picture_pin(person(gate, "Jo"), person(gate, "Sam").id,
                                           ["moon", "star", "car"])
        await sam.tap("I need help")
        await until(sam, lambda: "safety-help-screen" in sam.identifiers())
        await sam.settle(50)
        assert "safety-help-screen" in sam.identifiers()
        alerts = household(gate).store.find(ALERTS)
        assert [a["child_id"] for a in alerts] == [person(gate, "Sam").id], alerts
        assert not sam.conn.errors

    run(go())


def test_a_shorter_auto_lock_reaches_a_tab_already_open(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time

    async def go() -> None:
        gate, main = one_server(data_dir, clock)
        jo = await tab(main, JO, pin="2580")
        household(gate).set_auto_lock(person(gate, "Alex"), 1)  # in Alex's tab
        clock.advance(90)
        await asyncio.sleep(0.5)
        await jo.settle()
        assert "lock-screen" in jo.identifiers(), jo.identifiers()

    run(go())
