"""Headless tests of how a child reaches help: "I need help" near the top of their home, each
grown-up on the help screen once with Childline and 999 before them, and, after asking, who
will be told (the same as the check-in says for this household), on that screen alone."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as

from app.domain.chores import ChorePlan, Often, Who
from app.domain.programme.network import NetworkDetails, Visibility
from app.services.chores import chores_for
from app.services.programme.network import network_for
from app.services.safety import safety_for
from tests.services.taylors import create_taylors, in_order

SAM = ("Sam, Child", ("Apple", "Sun", "Tree"))
TOLD_AT_VISIT = "Your worker will know on their next visit."


def seed(data_dir: Path, clock: FakeClock) -> None:
    """The Taylors; Sam trusts Nana Rose and Jo, and the network lists Nana Rose (the same
    number, written another way) and Grandad Len as helpers; Sam has jobs to do."""
    gate, household = create_taylors(data_dir, clock)
    jo, sam, _mia, _priya = in_order(household)
    safety = safety_for(household)
    safety.add_trusted_adult(jo, sam.id, "Nana Rose", "Grandma", "07700 900123")
    safety.add_trusted_adult(jo, sam.id, "Jo", "Mum", "07700 900456")
    network = network_for(household)
    network.add(jo, NetworkDetails("Nana  Rose", "Grandma", phone="07700900123",
                                   visibility=Visibility.HELPER))
    network.add(jo, NetworkDetails("Grandad Len", "Grandad", phone="07700 900789",
                                   visibility=Visibility.HELPER))
    for name, picture in (("Feed the cat", "cat"), ("Tidy my toys", "toys")):
        chores_for(household).add(jo, ChorePlan(name, picture, Who.ONE, (sam.id,), Often.DAILY))
    gate.close()


def test_i_need_help_comes_right_after_how_do_i_feel(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        texts = d.texts()
        after = [x for x in texts[texts.index("How do I feel?"):] if x != "How do I feel?"]
        assert after[0] == "I need help", texts

    run(go())


def test_each_grown_up_is_listed_once_after_childline_and_999(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("I need help")
        assert "safety-help-screen" in d.identifiers(), d.texts()
        texts = d.texts()
        assert texts.count("Call Nana Rose") == 1, texts
        assert "Call Grandad Len" in texts and "Call Jo" in texts
        assert texts.index("Call 999") < texts.index("People you trust"), texts

    run(go())


def test_after_asking_for_help_the_child_is_told_who_will_know_on_that_screen_only(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("I need help")
        told = [x for x in d.texts() if x.startswith(TOLD_AT_VISIT)]
        assert told and told[0].endswith("No one at home is told."), d.texts()
        await d.tap("Back")
        assert not any(TOLD_AT_VISIT in x for x in d.texts())
        await d.tap("My safety plan")
        assert not any(TOLD_AT_VISIT in x for x in d.texts())

    run(go())
