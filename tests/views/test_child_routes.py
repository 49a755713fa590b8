"""A child's tab is routed only to a child's screens: Back and typed addresses lead home."""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run, until
from steps import open_as, sign_in_child

from app.domain.programme.network import NetworkDetails, NetworkRole, Visibility
from app.domain.strengths import StrengthKind
from app.services.programme.network import network_for
from app.services.strengths import strengths_for
from tests.services.taylors import create_taylors, in_order

JO = "Jo, Parent or carer"
NOT_HERE = "child-not-here"


def _the_taylors(data_dir: Path, clock: FakeClock) -> dict[str, str]:
    """The Taylors with a note about Mia and a grown-up in Sam's network."""
    gate, household = create_taylors(data_dir, clock)
    jo, sam, mia, _priya = in_order(household)
    strengths_for(household).add(jo, mia.id, StrengthKind.PROUD, "brave at the dentist", "star")
    network_for(household).add(jo, NetworkDetails(
        "Dawn", "Listener", NetworkRole.EMPATHIC_LISTENER, "07700 900123", Visibility.EVERYONE))
    gate.close()
    return {"sam": sam.id, "mia": mia.id}


async def _at(d: Driver, address: str) -> None:
    """The phone's Back, or an address typed in: the browser goes to ``address``."""
    d.page.navigate(address)
    await d.settle(60)


def test_back_after_a_parent_locked_does_not_show_a_child_the_grown_ups_screens(
    data_dir: Path, clock: FakeClock
) -> None:
    _the_taylors(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, pin="2580")
        await d.tap("Strengths and proud moments")
        await d.tap("Back")
        await d.tap("Learning together")
        assert "What the law says about smacking" in " ".join(d.texts())
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_child(d)
        assert "home-child" in d.identifiers(), d.texts()
        for back_to in ("/learning", "/strengths"):
            await _at(d, back_to)
            assert NOT_HERE in d.identifiers(), (back_to, d.texts())
            said = " ".join(d.texts())
            assert "smacking" not in said and "dentist" not in said and "Mia" not in said
        await d.tap("Go home")
        assert "home-child" in d.identifiers(), d.texts()

    run(go())


def test_a_child_typing_a_grown_ups_address_is_shown_the_way_home(
    data_dir: Path, clock: FakeClock
) -> None:
    ids = _the_taylors(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        mia = ids["mia"]
        for address in (f"/people/{mia}", f"/checkins/child/{mia}", f"/chores/week/{mia}",
                        "/circles", "/chores", "/visits", "/visit", "/strengths", "/learning",
                        "/moments", "/programme", "/diary", "/settings", "/people",
                        f"/safety/child/{mia}", "/safety", "/agreement", "/network/add"):
            await _at(d, address)
            assert NOT_HERE in d.identifiers(), (address, d.texts())
            assert "Mia" not in " ".join(d.texts()), address
        assert not d.conn.errors

    run(go())


async def _opens(d: Driver, button: str, screen: str) -> None:
    """Tap ``button`` on the child's home: ``screen`` opens, then back home."""
    await until(d, lambda: "home-child" in d.identifiers())
    await d.tap(button)
    await d.settle(40)
    assert screen in d.identifiers(), (button, d.identifiers(), d.texts())
    await _at(d, "/")


def test_every_button_on_a_childs_home_still_opens_its_screen(
    data_dir: Path, clock: FakeClock
) -> None:
    ids = _the_taylors(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await _opens(d, "How do I feel?", "checkin-feeling-screen")
        await _opens(d, "Add a proud moment", "strength-add-screen")
        await _opens(d, "My three houses", "houses-screen")
        await _opens(d, "Our rules", "agreement-child-screen")
        await _opens(d, "Our network", "network-screen")
        await _opens(d, "I need help", "safety-help-screen")
        await _opens(d, "My safety plan", "safety-mine-screen")
        await _opens(d, "How safe do I feel?", "safety-rate-screen")
        await _at(d, f"/houses/child/{ids['sam']}")
        assert "houses-history-screen" in d.identifiers()
        await _at(d, "/houses/meeting")
        assert "houses-meeting-screen" in d.identifiers()
        await _at(d, "/worker-message")  # the card opens it once Homeward can reach Priya
        assert "worker-message-screen" in d.identifiers()
        assert not d.conn.errors

    run(go())
