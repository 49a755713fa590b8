"""Headless tests of the safety screens: the map, bottom lines, the scale, a child's help."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import flet as ft
import pytest
from headless import Driver, FakeClock, run
from steps import app_on

from app.domain.people import Avatar
from app.i18n.dates import short_date
from app.services.household import HouseholdService
from app.services.safety import PLANS, safety_for
from app.services.setup import create_household
from app.storage import HouseholdStore, KdfParams
from app.views import safety
from app.views.safety.parts import when_words

PASSPHRASE = "blue kettle on the windowsill"


@pytest.fixture(autouse=True)
def only_safety_on_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """Home shows only this feature's cards, so these tests don't depend on the others'."""
    monkeypatch.setattr("app.views.home.FEATURES", (safety.FEATURE,))


def seed(data_dir: Path) -> None:
    store, recovery_key = create_household(data_dir, "The Taylor family", PASSPHRASE,
                                           kdf=KdfParams.fast_for_tests())
    store.recovery_key_kept(recovery_key)  # as the family says at setup
    household = HouseholdService(store)
    household.add_parent("Jo", "2580")
    household.add_child("Sam", 6, Avatar.FOX, ["apple", "sun", "tree"])
    household.add_worker("Priya", "4826")
    household.finish_setup()
    store.close()


async def open_as(data_dir: Path, clock: FakeClock, who: str, pin: str = "",
                  pictures: tuple[str, ...] = ()) -> Driver:
    d = await Driver.start(app_on(data_dir, clock))
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await d.settle(100)
    await d.tap(who)
    if pictures:
        for picture in pictures:
            await d.tap(picture)
        await d.settle(100)
    else:
        await d.type("Your PIN", pin)
        await d.tap("Sign in")
        await d.settle(100)
    return d


def test_worker_sets_a_bottom_line_the_parent_only_reads(data_dir: Path,
                                                         clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await open_as(data_dir, clock, "Priya, Support worker", pin="4826")
        await d.tap("Safety plan")
        assert "safety-plan-screen" in d.identifiers(), d.texts()
        await d.tap("Add bottom line")
        assert d.has_text("Please type a few words first."), d.texts()
        await d.type("New bottom line", "Sam is collected from school by Jo or Gran.")
        await d.tap("Add bottom line")
        assert d.has_text("Please say why, in a few plain words"), d.texts()
        await d.type("Why this bottom line? (the family will read this)",
                     "Agreed at the review on 2 December")
        await d.tap("Add bottom line")
        assert d.has_text("Sam is collected from school by Jo or Gran.")
        await d.type("Something that is working well", "Bedtime is calmer")
        await d.tap("Add")
        await d.type("What needs to happen", "Book the GP for Sam")
        await d.type("Who will do it", "Jo")
        await d.type("Why this step? (the family will read this)", "Sam's cough")
        await d.select("By when", "week")
        await d.tap("Add next step")
        assert d.has_text("Book the GP for Sam") and d.has_text("By ")
        await d.check("Book the GP for Sam")
        assert d.has_text("Done. Ticked by Priya")
        assert not d.conn.errors

        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Safety plan")
        assert d.has_text("Set by your agency")
        assert d.has_text("Sam is collected from school by Jo or Gran.")
        assert not d.has_text("New bottom line") and not d.has_text("Add bottom line")
        remove_labels = [c.label if isinstance(c, ft.Semantics) else c.semantics_label
                         for c in d.controls() if isinstance(c, ft.Semantics | ft.Text)]
        assert "Remove: Sam is collected from school by Jo or Gran." not in remove_labels
        assert "Remove: Bedtime is calmer" in remove_labels

    run(go())


def test_three_ratings_make_three_points_and_a_child_gets_help(data_dir: Path,
                                                               clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Safety plan")
        await d.tap("Sam's safety plan")
        await d.type("Their name", "Gran")
        await d.type("Who they are", "My nan")
        await d.type("Phone number", "not a number")
        await d.tap("Add trusted adult")
        assert d.has_text("That phone number doesn't look right")
        await d.type("Phone number", "07700 900123")
        await d.tap("Add trusted adult")
        assert d.has_text("Call Gran"), d.texts()
        call = d.button("Call Gran")
        assert call.url == "tel:07700900123"  # type: ignore[attr-defined]
        await d.tap("Back")
        await d.tap("Safety scale")
        await d.tap("Rate how safe things feel")
        await d.tap("Save my rating")
        assert d.has_text("Please tap a number first.")
        await d.tap("6 out of 10")
        await d.type("Why? (you don't have to say)", "Calmer week")
        await d.tap("Save my rating")
        assert "safety-scale-screen" in d.identifiers(), d.texts()
        assert d.has_text("Safety scale: 1 rating, latest 6")

        s = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        assert "home-child" in s.identifiers(), s.texts()
        await s.tap("I need help")
        assert "safety-help-screen" in s.identifiers()
        assert s.has_text("Gran") and s.has_text("07700 900123") and s.has_text("0800 1111")
        assert s.button("Call Childline").url == "tel:08001111"  # type: ignore[attr-defined]
        assert s.button("Call 999").url == "tel:999"  # type: ignore[attr-defined]
        await s.tap("Back")
        await s.tap("How safe do I feel?")
        await s.tap("Not very safe")  # Sam is six: five faces
        await s.tap("Save my rating")
        assert "safety-help-screen" in s.identifiers()  # a low rating is never a dead end
        await s.tap("Back")
        await s.tap("My safety plan")
        await s.type("Add something that helps me", "Lego")
        await s.tap("Add")
        assert s.has_text("Lego")
        assert not s.conn.errors

        p = await open_as(data_dir, clock, "Priya, Support worker", pin="4826")
        await p.tap("Safety plan")
        await p.tap("Safety scale")
        await p.tap("Rate how safe things feel")
        await p.tap("7 out of 10")
        await p.tap("Save my rating")
        # Sam's "Not very safe" raised an alert: for the agency, not shown on this phone
        assert p.has_text("Safety scale: 2 ratings, latest 7"), p.texts()

    run(go())


def test_help_works_when_the_childs_plan_is_empty(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        seed(data_dir)
        s = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await s.tap("I need help")
        assert s.has_text("Childline") and s.has_text("0800 1111") and s.has_text("999")
        assert s.has_text("You and a grown-up can add people you trust")
        await s.tap("Back")
        await s.tap("My safety plan")
        assert s.has_text("Your plan is empty for now.")
        assert not s.conn.errors

    run(go())


@pytest.mark.usefixtures("uk_time")
def test_a_safety_day_is_the_familys_day_not_utcs() -> None:
    # Half past midnight on 15 June in the UK is still 14 June in UTC.
    assert when_words("2026-06-14T23:30:00+00:00") == short_date(date(2026, 6, 15))


def test_a_next_step_whose_day_cannot_be_read_still_shows_on_the_plan(
    data_dir: Path, clock: FakeClock
) -> None:
    """A step another device kept with words that are no day (an older or odd copy of the
    app) shows without its day; the plan opens as ever."""
    seed(data_dir)
    store = HouseholdStore.open(data_dir, PASSPHRASE)
    household = HouseholdService(store)
    jo = next(m for m in household.members() if m.name == "Jo")
    plan = safety_for(household).plan().with_action(jo, "step-1", "Book the GP for Sam", "Jo",
                                                     "someday", "2026-11-30T10:00:00+00:00")
    store.put(PLANS, plan.to_json())
    store.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Safety plan")
        assert "safety-plan-screen" in d.identifiers(), d.texts()
        assert d.has_text("Book the GP for Sam")
        assert not d.conn.errors

    run(go())
