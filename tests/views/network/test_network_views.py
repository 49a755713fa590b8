"""Headless tests of the family's network: a parent adds a teacher, calls come from the list; a
worn-down carer sees their support team; a child sees only the grown-ups chosen for them (and
calls Grandma from the help screen); the worker's visit can include Grandma."""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run, until
from steps import app_on

from app.domain.checkins_carer import Prompt
from app.domain.programme.network import NetworkDetails, NetworkRole, Visibility
from app.services.programme.network import network_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order


def seed(data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, _sam, _mia, priya = in_order(household)
    network_for(household).add(jo, NetworkDetails(
        "Grandma Pat", "Grandma", NetworkRole.FAMILY, "07700 900123", Visibility.HELPER))
    network_for(household).add(priya, NetworkDetails(
        "Ruth", "", NetworkRole.SUPERVISING_SOCIAL_WORKER, "0161 496 0000",
        Visibility.GROWN_UPS))
    gate.close()


async def signed_in(d: Driver | None, data_dir: Path, clock: FakeClock, who: str,
                    pin: str = "") -> Driver:
    if d is None:
        d = await Driver.start(app_on(data_dir, clock))
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Open Homeward")
    else:
        d.page.navigate("/")
        await d.settle(40)
        await d.tap("Someone else's turn")
    await until(d, lambda: "who-screen" in d.identifiers())
    await d.tap(who)
    if pin:
        await d.type("Your PIN", pin)
        await d.tap("Sign in")
    else:
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
    await d.settle(100)
    return d


def test_the_network_on_every_screen_that_uses_it(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await signed_in(None, data_dir, clock, "Jo, Parent or carer", "2580")
        await d.tap("Our network")
        assert "network-screen" in d.identifiers(), d.texts()
        assert d.has_text("Call Grandma Pat") and d.has_text("Call Ruth")
        await d.tap("Add someone")
        await d.type("Name", "Mrs Khan")
        await d.type("Who they are to the family", "Sam's teacher")
        await d.select("What they do", "teacher")
        await d.type("Phone number", "not a number")
        await d.tap("Everyone, children too")
        await d.tap("Add to our network")
        assert d.has_text("That doesn't look like a phone number"), d.texts()
        assert d.field("Name").value == "Mrs Khan"  # nothing typed is lost
        await d.type("Phone number", "01632 960000")
        await d.tap("Add to our network")
        assert "network-screen" in d.identifiers() and d.has_text("Call Mrs Khan"), d.texts()

        # A worn-down carer: the support team from the network, each with a Call button.
        d.page.navigate("/checkins/me")
        await d.settle(60)
        for prompt, answer in ((Prompt.ENJOYED, "Not at all"), (Prompt.DRAINED,
                               "Nearly all the time"), (Prompt.WORN_OUT, "Nearly all the time"),
                               (Prompt.RESTED, "Not at all"), (Prompt.SUPPORTED, "Not at all")):
            await d.tap(answer, within=f"carer-{prompt.value}")
        await d.tap("Save my check-in")
        support = " ".join(d.texts_in("carer-support"))
        assert "Ruth, Supervising social worker." in support, d.texts()
        assert "Call Ruth" in support and "agency's letters" not in support

        # Sam sees Grandma Pat and his teacher, never Ruth; he can call Grandma for help.
        d = await signed_in(d, data_dir, clock, "Sam, Child")
        await d.tap("Our network")
        assert d.has_text("Grandma Pat") and d.has_text("Mrs Khan") and not d.has_text("Ruth")
        assert not d.has_text("Add someone") and not d.has_text("Change Grandma Pat")
        d.page.navigate("/safety/help")
        await d.settle(60)
        assert d.has_text("Call Grandma Pat") and not d.has_text("Call Mrs Khan"), d.texts()

        # Priya's visit: Grandma Pat was there too.
        d = await signed_in(d, data_dir, clock, "Priya, Support worker", "4826")
        await d.tap("Start a visit")
        await d.check("Grandma Pat (Grandma · Family)")
        await d.tap("Start the visit")
        assert d.has_text("Here: Jo, Sam, Mia, Grandma Pat"), d.texts()

    run(go())
