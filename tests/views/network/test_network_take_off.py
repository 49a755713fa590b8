"""Taking someone off the family's network asks first.

A tired parent's thumb lands on "Take Grandma Pat off" while changing her number. It used to
take her off at once; now the screen asks, as removing a person or a rule does: Cancel keeps
her, and only "Yes, take them off" takes her off.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run
from steps import open_as

from app.domain.programme.network import NetworkDetails, NetworkRole, Visibility
from app.services.programme.network import network_for
from tests.services.taylors import create_taylors, in_order

PARENT = "Jo, Parent or carer"


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    network_for(household).add(in_order(household)[0], NetworkDetails(
        "Grandma Pat", "Grandma", NetworkRole.FAMILY, "07700 900123", Visibility.HELPER))
    gate.close()


async def on_grandma_pat(d: Driver) -> None:
    d.page.navigate("/network")
    await d.settle(60)
    await d.tap("Change Grandma Pat")
    assert "network-person-screen" in d.identifiers(), d.texts()


def test_cancel_keeps_the_person_on_the_network(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, "2580")
        await on_grandma_pat(d)
        await d.tap("Take Grandma Pat off")
        assert "network-person-screen" in d.identifiers(), d.texts()  # still here: asking
        assert d.has_text("Take Grandma Pat off your network?"), d.texts()
        await d.tap("Cancel", within="network-take-off")
        assert not d.has_text("Take Grandma Pat off your network?")
        await d.tap("Back")
        assert d.has_text("Call Grandma Pat"), d.texts()

    run(go())


def test_saying_yes_takes_the_person_off(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, PARENT, "2580")
        await on_grandma_pat(d)
        await d.tap("Take Grandma Pat off")
        await d.tap("Yes, take them off")
        assert "network-screen" in d.identifiers(), d.texts()
        assert d.has_text("Grandma Pat is off the list"), d.texts()
        assert not d.has_text("Call Grandma Pat")

    run(go())
