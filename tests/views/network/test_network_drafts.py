"""Details half-typed into the network's forms are there when the person comes back.

During a visit the worker starts adding Sam's teacher; the phone locks itself, or they tap
Back. The form used to come back empty, and a new number typed for Grandma Pat went back to
the old one. What is typed is kept for that person until they save it, and nobody else who
signs in on the device sees it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
import pytest
from headless import Driver, FakeClock, run
from steps import open_as, sign_in_parent

import app.ui
from app.domain.programme.network import NetworkDetails, NetworkRole, Visibility
from app.services.programme.network import network_for
from tests.services.taylors import create_taylors, in_order

WORKER = "Priya, Support worker"


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    network_for(household).add(in_order(household)[0], NetworkDetails(
        "Grandma Pat", "Grandma", NetworkRole.FAMILY, "07700 900123", Visibility.HELPER))
    gate.close()


def chosen_role(d: Driver) -> str | None:
    """What the "What they do" list shows as chosen."""
    return next(c.value for c in d.controls()
                if isinstance(c, ft.Dropdown) and c.label == "What they do")


async def on_network(d: Driver) -> None:
    d.page.navigate("/network")
    await d.settle(60)


def test_a_half_added_network_person_outlasts_the_auto_lock(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await on_network(d)
        await d.tap("Add someone")
        await d.type("Name", "Mrs Khan")
        await d.type("Who they are to the family", "Sam's teacher")
        await d.select("What they do", "teacher")
        await d.type("Phone number", "01632 960000")
        await d.tap("Everyone, children too")
        clock.advance(5 * 60 + 1)
        await asyncio.sleep(0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers()
        await d.tap("Unlock")
        await d.tap(WORKER)
        await d.type("Your PIN", "4826")
        await d.tap("Sign in")
        await d.settle(100)
        d.page.navigate("/network/add")
        await d.settle(60)
        assert d.field("Name").value == "Mrs Khan"
        assert d.field("Who they are to the family").value == "Sam's teacher"
        assert d.field("Phone number").value == "01632 960000"
        assert chosen_role(d) == "teacher"
        d.button("Everyone, children too (chosen)")  # who may see them was kept too

    run(go())


def test_a_changed_phone_number_outlasts_back(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await on_network(d)
        await d.tap("Change Grandma Pat")
        await d.type("Phone number", "07700 900999")
        await d.select("What they do", "teacher")
        await d.tap("Back")
        await d.tap("Change Grandma Pat")
        assert d.field("Phone number").value == "07700 900999"
        assert d.field("Name").value == "Grandma Pat"
        assert chosen_role(d) == "teacher"
        await d.tap("Cancel")  # Cancel is the way to let them go
        await d.tap("Change Grandma Pat")
        assert d.field("Phone number").value == "07700 900123"

    run(go())


def test_a_saved_form_starts_afresh_next_time(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await on_network(d)
        await d.tap("Add someone")
        await d.type("Name", "Mrs Khan")
        await d.type("Phone number", "01632 960000")
        await d.tap("Add to our network")
        assert d.has_text("Call Mrs Khan"), d.texts()
        await d.tap("Add someone")
        assert d.field("Name").value == ""
        assert d.field("Phone number").value == ""
        await d.tap("Back")
        await d.tap("Change Grandma Pat")
        await d.type("Phone number", "07700 900999")
        await d.tap("Save")
        assert d.has_text("Call Grandma Pat"), d.texts()
        await d.tap("Change Grandma Pat")
        assert d.field("Phone number").value == "07700 900999"

    run(go())


def test_nobody_else_sees_network_details_another_person_left_unsaved(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await on_network(d)
        await d.tap("Change Grandma Pat")
        await d.type("Phone number", "07700 900999")
        await d.tap("Back")
        await d.tap("Add someone")
        await d.type("Name", "Mrs Khan")
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_parent(d)
        await on_network(d)
        await d.tap("Add someone")
        assert d.field("Name").value == ""
        assert not d.has_text("Mrs Khan")
        await d.tap("Back")
        await d.tap("Change Grandma Pat")
        assert d.field("Phone number").value == "07700 900123"

    run(go())


def test_taking_someone_off_forgets_the_changes_typed_for_them(
        data_dir: Path, clock: FakeClock) -> None:
    from app.views.network.screens import forget_drafts_for
    from app.views.state import Session

    gate, _household = create_taylors(data_dir, clock)
    session = Session(gate=gate)
    session.drafts.update({"network:jo:pat": {"phone": "07700 900999"},
                           "network:priya:pat": {"phone": "07700 900888"},
                           "network:priya:new": {"name": "Mrs Khan"},
                           "network:priya:patrick": {"phone": "0161 496 0000"}})
    forget_drafts_for(session, "pat")
    assert set(session.drafts) == {"network:priya:new", "network:priya:patrick"}
    gate.close()
