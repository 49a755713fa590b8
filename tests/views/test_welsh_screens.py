"""Every screen family renders in Welsh for a person who chose it, with no message left in
English for want of a translation, while another person on the same device keeps English."""

from __future__ import annotations

import re
from pathlib import Path

import flet as ft
from headless import Driver, FakeClock, run, until
from steps import app_on, open_as, running_gate
from test_fridge_posters import fetch, pdf_words

from app.domain.agreement import RuleField
from app.downloads import Shelf
from app.i18n import noting_fallbacks, t
from app.services.agreement import agreement_for
from app.services.safety import safety_for
from app.views.features import FEATURES
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

WELSH = "cy-GB"


def seed(data_dir: Path, clock: FakeClock) -> None:
    """The Taylors; Jo and Sam chose Welsh, Mia keeps the family's English."""
    gate, household = create_taylors(data_dir, clock)
    jo, sam, _mia, _priya = in_order(household)
    household.set_language(jo, jo.id, WELSH)
    household.set_language(jo, sam.id, WELSH)
    agreement = agreement_for(household)
    agreement.draft(jo)
    agreement.save_rule(jo, None, {RuleField.TEXT: "We use kind words"}, "heart")
    safety_for(household).add_trusted_adult(jo, sam.id, "Nana Rose", "Grandma", "07700 900123")
    gate.close()


def addresses() -> list[str]:
    """Every screen's address, with a made-up id wherever an id goes (a "not found" answer
    is a screen too, and must be in Welsh)."""
    found = ["/"]
    for feature in FEATURES:
        for route in feature.routes:
            if route.path:
                found.append("/" + re.sub(r":[a-z_]+", "0f0f0f0f", route.path))
    return found


async def visit_all(d: Driver) -> set[tuple[str, str]]:
    with noting_fallbacks() as missing:
        for address in addresses():
            d.page.navigate(address)
            await d.settle(40)
        assert not d.conn.errors
    return {found for found in missing if found[0] == WELSH}


def test_a_parent_who_chose_welsh_sees_every_screen_in_welsh(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        assert "home-parent" in d.identifiers(), d.identifiers()
        intro = t("home.parent.intro", language=WELSH, household="The Taylor family")
        assert d.has_text(intro), d.texts()
        assert sorted(await visit_all(d)) == []

    run(go())


def test_a_child_who_chose_welsh_sees_welsh_and_their_sister_english(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await until(d, lambda: "home-child" in d.identifiers())
        assert d.has_text(t("home.child.hello", language=WELSH, name="Sam")), d.texts()
        assert sorted(await visit_all(d)) == []
        d = await open_as(data_dir, clock, "Mia, Child", pictures=("Star", "Moon", "Fish"))
        await until(d, lambda: "home-child" in d.identifiers())
        with noting_fallbacks() as missing:
            d.page.navigate("/")
            await d.settle(40)
        assert missing == set()
        assert d.has_text(t("home.child.hello", language="en-GB", name="Mia")), d.texts()

    run(go())


def test_meic_is_offered_in_welsh_and_in_wales_only(data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await Driver.start(app_on(data_dir, clock))  # before the passphrase the
        await d.tap(t("help.bar.name.wales"))  # household's nation is sealed: Meic is offered
        assert d.has_text("080880 23456") and d.has_text("0800 1111"), d.texts()
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap(t("help.bar.name.wales", language=WELSH))
        assert "public-help-screen" in d.identifiers(), d.identifiers()
        assert d.has_text("080880 23456") and d.has_text("0800 1111"), d.texts()
        d = await open_as(data_dir, clock, "Mia, Child", pictures=("Star", "Moon", "Fish"))
        await until(d, lambda: "home-child" in d.identifiers())
        d.page.navigate("/safety/help")
        await d.settle(40)
        assert d.has_text("0800 1111") and not d.has_text("080880 23456"), d.texts()
        gate = running_gate(data_dir, clock)
        household = gate.unlock(PASSPHRASE)
        household.set_nation(in_order(household)[0], "wales")
        d.page.navigate("/")
        await d.settle(20)
        d.page.navigate("/safety/help")
        await d.settle(40)
        assert d.has_text("080880 23456"), d.texts()

    run(go())


def test_a_report_is_made_in_the_language_of_the_person_who_asked(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    seed(data_dir, clock)
    shelf = Shelf()

    async def go() -> None:
        d = await Driver.start(app_on(data_dir, clock, downloads=shelf))
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Open Homeward")
        await until(d, lambda: "who-screen" in d.identifiers())
        await d.tap("Jo, Parent or carer")
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await until(d, lambda: "home-parent" in d.identifiers())
        d.page.navigate("/agreement")
        await d.settle(60)
        # made when fetched, outside the tab, yet in Jo's Welsh
        poster = " ".join(pdf_words(fetch(d, shelf, t("agreement.print", language=WELSH)),
                                    tmp_path).split())
        assert t("reports.agreement.title", language=WELSH) in poster, poster
        assert t("reports.agreement.title", language="en-GB") not in poster

    run(go())


async def first_run_in_welsh(d: Driver) -> None:
    """Setup chosen in Welsh; Jo picks English for himself, Sam keeps the family's Welsh."""
    await d.tap("Cymraeg")
    await d.type(t("setup.household_name", language=WELSH), "The Taylor family")
    await d.tap(t("common.next", language=WELSH))
    await d.type(t("passphrase.new", language=WELSH), PASSPHRASE)
    await d.type(t("passphrase.again", language=WELSH), PASSPHRASE)
    await d.tap(t("setup.passphrase.save", language=WELSH))
    await d.settle(200)
    assert "setup-recovery" in d.identifiers(), d.texts()
    await d.check(t("setup.recovery.confirm", language=WELSH))
    await d.tap(t("common.next", language=WELSH))
    await d.type(t("people.name", language=WELSH), "Jo")
    await d.type(t("pin.digits.new", language=WELSH), "2580")
    await d.type(t("pin.digits.again", language=WELSH), "2580")
    await d.tap("English")
    await d.tap(t("people.add.parent.save", language=WELSH))
    assert "setup-people" in d.identifiers(), d.texts()
    await d.tap(t("people.add.child.button", language=WELSH))
    await d.type(t("people.name", language=WELSH), "Sam")
    await d.type(t("people.age", language=WELSH), "6")
    await d.tap(t("avatar.fox", language=WELSH))
    for picture in ("apple", "sun", "tree"):
        await d.tap(t(f"picture.{picture}", language=WELSH))
    await d.tap(t("people.add.child.save", language=WELSH))
    assert "setup-people" in d.identifiers(), d.texts()
    await d.tap(t("setup.people.finish", language=WELSH))


def test_the_family_chooses_welsh_at_setup_and_a_parent_chooses_english(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        d = await Driver.start(app_on(data_dir, clock))
        await first_run_in_welsh(d)
        await until(d, lambda: "who-screen" in d.identifiers())
        assert d.has_text(t("who.title", language=WELSH)), d.texts()
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        assert household.household().language == WELSH
        languages = {m.name: m.language for m in household.members()}
        assert languages == {"Jo": "en-GB", "Sam": None}

    run(go())


def help_names(d: Driver) -> set[str]:
    """The spoken names on the page that start "Help:" (the help button at the foot)."""
    names = [c.label if isinstance(c, ft.Semantics) else c.semantics_label
             for c in d.controls() if isinstance(c, ft.Semantics | ft.Text)]
    return {str(name) for name in names if str(name).startswith("Help:")}


def test_the_help_buttons_name_says_meic_where_meic_is_offered(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)
    in_wales, in_england = "Help: Childline, Meic and 999", "Help: Childline and 999"

    async def go() -> None:
        d = await Driver.start(app_on(data_dir, clock))  # the nation is sealed: Meic is offered
        assert help_names(d) == {in_wales}
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        assert help_names(d) == {"Help: Childline, Meic a 999"}
        d = await open_as(data_dir, clock, "Mia, Child", pictures=("Star", "Moon", "Fish"))
        assert help_names(d) == {in_england}
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        household.set_nation(in_order(household)[0], "wales")
        d = await open_as(data_dir, clock, "Mia, Child", pictures=("Star", "Moon", "Fish"))
        assert help_names(d) == {in_wales}
        await d.tap(in_wales)
        assert d.has_text("080880 23456") and d.has_text("0800 1111"), d.texts()

    run(go())
