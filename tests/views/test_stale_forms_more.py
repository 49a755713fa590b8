"""Two tabs over one household: an older ritual, network or hard moment form keeps what it
changed, shows the rest as saved since, and undoes nobody's change."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from two_tabs import ALEX, JO, go_to, household, member, one_server, seed, tab

from app.domain.programme.moments import MomentDraft
from app.domain.programme.network import NetworkDetails
from app.domain.rituals import RitualPlan
from app.services.programme.moments import moments_for
from app.services.programme.network import network_for
from app.services.rituals import rituals_for

CHANGED = "Someone changed this while you were writing. Check it and save again."


def test_an_older_ritual_form_keeps_the_newer_day(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        rituals = rituals_for(household(gate))
        film = rituals.add(member(gate, "Jo"), RitualPlan("Film night", "film", "Friday"))
        jo, alex = await tab(main, JO), await tab(main, ALEX)
        for d in (jo, alex):
            await go_to(d, f"/rituals/{film.id}")
        await jo.type("When? (you can leave this empty)", "Saturday")
        await jo.tap("Save")
        await alex.type("Name of the ritual", "Film and pizza night")
        await alex.tap("Save")

        assert alex.has_text(CHANGED), alex.texts()
        assert alex.field("Name of the ritual").value == "Film and pizza night"
        assert alex.field("When? (you can leave this empty)").value == "Saturday"
        assert rituals.ritual(film.id).plan.name == "Film night"
        await alex.tap("Save")
        plan = rituals.ritual(film.id).plan
        assert (plan.name, plan.when) == ("Film and pizza night", "Saturday")
        assert not alex.conn.errors

    run(go())


def test_an_older_network_form_keeps_the_new_phone_number(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        network = network_for(household(gate))
        jo_m = member(gate, "Jo")
        nan = network.add(jo_m, NetworkDetails("Nan", "Jo's mum", phone="01632 960000"))
        jo, alex = await tab(main, JO), await tab(main, ALEX)
        for d in (jo, alex):
            await go_to(d, f"/network/{nan.id}")
        await jo.type("Phone number", "07700 900123")
        await jo.tap("Save")
        await alex.type("Name", "Nan Pat")
        await alex.tap("Save")

        assert alex.has_text(CHANGED), alex.texts()
        assert alex.field("Name").value == "Nan Pat"
        assert alex.field("Phone number").value == "07700 900123"
        assert network.person(jo_m, nan.id).details.name == "Nan"
        await alex.tap("Save")
        details = network.person(jo_m, nan.id).details
        assert (details.name, details.phone) == ("Nan Pat", "07700 900123")
        assert not alex.conn.errors

    run(go())


def test_an_older_moment_form_keeps_the_repair_written_since(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        log = moments_for(household(gate))
        jo_m = member(gate, "Jo")
        moment = log.record(jo_m, MomentDraft(
            children=(member(gate, "Sam").id,), happened_at="2027-01-15T07:40",
            what_happened="Screens off, and the controller got thrown."))
        jo, alex = await tab(main, JO), await tab(main, ALEX)
        for d in (jo, alex):
            await go_to(d, f"/moments/{moment.id}")
        await jo.type("How did you put it right?", "We tidied up together")
        await jo.tap("Save")
        await alex.type("What happened?", "Screens off at 7, and the controller got thrown.")
        await alex.tap("Save")

        assert alex.has_text(CHANGED), alex.texts()
        assert alex.field("How did you put it right?").value == "We tidied up together"
        assert log.moment(jo_m, moment.id).draft.what_happened.startswith("Screens off, and")
        await alex.tap("Save")
        draft = log.moment(jo_m, moment.id).draft
        assert (draft.what_happened, draft.repair) == (
            "Screens off at 7, and the controller got thrown.", "We tidied up together")
        assert not alex.conn.errors

    run(go())
