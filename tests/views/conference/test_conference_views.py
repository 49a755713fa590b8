"""Headless tests of a family group conference on the family's device: the worker prepares it
with Grandma Pat from the network, the information stage, private family time (on every screen,
for everyone, nothing of the worker's notes), the plan, the agency's answer and the ticks."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from headless import Driver, FakeClock, run, until
from steps import app_on

from app.domain.programme.network import NetworkDetails, NetworkRole, Visibility
from app.domain.safety import Section
from app.services.programme.conference import conferences_for
from app.services.programme.network import network_for
from app.services.safety import safety_for
from app.views.chores.parts import date_words
from app.views.features import FEATURES
from tests.services.taylors import PASSPHRASE, create_taylors, in_order, open_gate

WORKER = "Priya, Support worker"
PARENT = "Jo, Parent or carer"
NOTES = "Priya thinks the shouting at bedtime has got less since October"


def seed(data_dir: Path, clock: FakeClock, nation: str = "") -> dict[str, str]:
    gate, household = create_taylors(data_dir, clock)
    jo, sam, _mia, priya = in_order(household)
    if nation:
        household.set_nation(jo, nation)
    safety_for(household).add_point(jo, Section.WORRIES, "Shouting at bedtime")
    safety_for(household).add_point(priya, Section.BOTTOM_LINES, "No physical punishment",
                                     reason="It harms children and it is against the law")
    pat = network_for(household).add(jo, NetworkDetails(
        "Grandma Pat", "Grandma", NetworkRole.FAMILY, "07700 900123", Visibility.HELPER))
    gate.close()
    return {"child_id": sam.id, "person_id": pat.id}


async def unlocked(data_dir: Path, clock: FakeClock) -> Driver:
    d = await Driver.start(app_on(data_dir, clock))
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    return d


async def sign_in(d: Driver, who: str, pin: str = "") -> None:
    await d.tap(who)
    if pin:
        await d.type("Your PIN", pin)
        await d.tap("Sign in")
    else:
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
    await d.settle(100)


def every_address(ids: dict[str, str]) -> list[str]:
    """Every screen of the app, with the route's ids filled in where the test knows them."""
    found = ["/"]
    for feature in FEATURES:
        for route in feature.routes:
            path = re.sub(r":(\w+)", lambda m: ids.get(m.group(1), "x"), route.path or "")
            found.append("/" + path)
    return found


def test_private_family_time_hides_the_workers_notes_on_every_screen(
    data_dir: Path, clock: FakeClock
) -> None:
    ids = seed(data_dir, clock)

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await sign_in(d, WORKER, "4826")
        await d.tap("Family group conference")
        assert "conference-prepare-screen" in d.identifiers(), d.texts()
        await d.check("Grandma Pat (Grandma · Family)")
        await d.type("Your information for the family", NOTES)
        await d.tap("Start the conference now")
        assert "conference-screen" in d.identifiers(), d.texts()
        assert d.has_text(NOTES) and d.has_text("Invited: Grandma Pat")
        await d.tap("Start private family time")
        assert "who-screen" in d.identifiers(), d.texts()
        assert d.has_text("Private family time has started")

        for who, pin in ((PARENT, "2580"), ("Sam, Child", ""), (WORKER, "4826")):
            await sign_in(d, who, pin)
            for address in every_address(ids):
                d.page.navigate(address)
                await d.settle(40)
                assert not any(NOTES in text or "since October" in text
                               for text in d.texts()), (who, address)
                assert not d.has_text("Error running app"), (who, address)
            d.page.navigate("/")
            await d.settle(40)
            await d.tap("Someone else's turn")
            await until(d, lambda: "who-screen" in d.identifiers())

    run(go())


def test_the_family_writes_its_plan_and_the_worker_records_the_agencys_answer(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock, nation="england")

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await sign_in(d, WORKER, "4826")
        await d.tap("Family group conference")
        await d.check("Grandma Pat (Grandma · Family)")
        await d.type("Your information for the family", NOTES)
        await d.tap("Start the conference now")
        await d.tap("Start private family time")
        await sign_in(d, PARENT, "2580")
        assert "conference-private-tile" in d.identifiers(), d.texts()
        await d.tap("Private family time")
        assert "conference-private-screen" in d.identifiers(), d.texts()
        assert d.has_text("No physical punishment") and not d.has_text(NOTES)
        await d.tap("Our plan is ready: ask the worker back in")
        assert d.has_text("Please add at least one thing to the plan"), d.texts()
        await d.type("What will happen", "Grandma Pat has Sam after school on Tuesdays")
        await d.type("Who will do it", "Grandma Pat")
        await d.select("By when", "month")
        await d.tap("Add to the plan")
        assert d.has_text("Grandma Pat: Grandma Pat has Sam after school on Tuesdays")
        label = "How we will meet: No physical punishment"
        await d.type(label, "If Sam hits Mia we give him a smack")
        await d.tap(f"Save: {label}")
        # said gently, and true where the family lives: England's law first, then the others
        refusal = next((text for text in d.texts() if "We noticed" in text), "")
        assert refusal.startswith("We noticed \u201csmack\u201d."), d.texts()
        assert "you wrote" not in refusal and "in Scotland and Wales" not in refusal
        laws = [refusal.find(f"\u2022 {law}:") for law in (
            "England and Northern Ireland", "Scotland", "Wales")]
        assert -1 not in laws and laws == sorted(laws), refusal
        assert d.field(label).value == "If Sam hits Mia we give him a smack"  # nothing lost
        await d.type(label, "If Sam hits Mia, he has quiet time, then we talk calmly")
        await d.tap(f"Save: {label}")
        assert not d.has_text("We noticed")
        await d.tap("Our plan is ready: ask the worker back in")
        assert d.has_text("Your plan is saved"), d.texts()

        await d.tap("Someone else's turn")
        await sign_in(d, WORKER, "4826")
        await d.tap("Family group conference")
        assert d.has_text("If Sam hits Mia, he has quiet time, then we talk calmly"), d.texts()
        await d.tap("Save the agency's answer")
        assert d.has_text("Please choose"), d.texts()
        await d.tap("Yes, we agree")
        await d.type("Why (the family will read this)", "It keeps Sam and Mia safe.")
        await d.tap("Save the agency's answer")
        assert d.has_text("The agency agrees this plan."), d.texts()
        assert d.has_text("We look at the plan again on")
        await d.tap("Mark done: Grandma Pat has Sam after school on Tuesdays")
        assert d.has_text("Done: Grandma Pat: Grandma Pat has Sam after school on Tuesdays")
        assert d.has_text("Print the family plan")

    run(go())


def test_days_typed_in_another_iso_form_show_as_the_familys_dates(
    data_dir: Path, clock: FakeClock
) -> None:
    """A "by when" and a review date that reached the service as "2027-W07-5 " and
    "20270301 " (a week date, a compact one, the space a phone keyboard leaves) are kept as
    days and shown as the family reads dates, never as typed."""
    seed(data_dir, clock)
    gate = open_gate(data_dir, clock)
    household = gate.unlock(PASSPHRASE)
    jo, _sam, _mia, priya = in_order(household)
    conferences = conferences_for(household)
    worries, lines = conferences.to_address()
    conferences.prepare(priya, invited=[], worries=[worries[0].id], bottom_lines=[lines[0].id],
                        information="")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    conferences.add_action(jo, "Grandma Pat has Sam on Fridays", "Grandma Pat", "2027-W07-5 ")
    conferences.change_plan(jo, lambda p: p.with_bottom_line_met(lines[0].id, "Quiet time"))
    conferences.share_plan(jo)
    conferences.decide(priya, agreed=True, why="It keeps Sam safe", review_on="20270301 ")
    gate.close()

    async def go() -> None:
        d = await unlocked(data_dir, clock)
        await sign_in(d, PARENT, "2580")
        await d.tap("Family group conference")
        assert "conference-screen" in d.identifiers(), d.texts()
        by = date_words(date(2027, 2, 19))
        review = date_words(date(2027, 3, 1))
        assert by == "Friday 19 February" and review == "Monday 1 March"
        assert d.has_text(f"\u2022 Grandma Pat: Grandma Pat has Sam on Fridays \u00b7 by {by}"), \
            d.texts()
        assert d.has_text(f"We look at the plan again on {review}."), d.texts()
        assert not any("2027" in text for text in d.texts()), d.texts()

    run(go())
