"""A child's way to help on the first screen of a phone (390×844), at normal and at 200% text.

Sam (normal text) and Mia (200%) trust Nana Rose and Jo; the network lists Nana Rose again as
a helper. On their home, "I need help" is on the first screen, above their jobs. Pressed, the
help screen says who will know, lists Nana Rose once, and shows Childline and 999 without
scrolling (at normal text; at 200% the screenshot is for a person to look at).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import button, see, tap
from playwright.sync_api import Locator, Page, expect
from seed import MIA, PASSPHRASE, SAM, Person, seed_household, sign_in
from servers import ServedApp

from app.domain.chores import ChorePlan, Often, Who
from app.domain.programme.network import NetworkDetails, Visibility
from app.services.chores import chores_for
from app.services.household import HouseholdService
from app.services.programme.network import network_for
from app.services.safety import safety_for
from app.storage import HouseholdStore

Shot = Callable[[Page, str], Path]


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = seed_household(tmp_path_factory.mktemp("help-first") / "household")
    with HouseholdStore.open(folder, PASSPHRASE) as store:
        household = HouseholdService(store)
        jo, sam, mia = household.members()[:3]
        household.set_text_size(jo, mia.id, 200)
        safety = safety_for(household)
        for child in (sam, mia):
            safety.add_trusted_adult(jo, child.id, "Nana Rose", "Grandma", "07700 900123")
            safety.add_trusted_adult(jo, child.id, "Jo", "Mum", "07700 900456")
            for name, picture in (("Feed the cat", "cat"), ("Tidy my toys", "toys")):
                chores_for(household).add(jo, ChorePlan(name, picture, Who.ONE, (child.id,),
                                                        Often.DAILY))
        network_for(household).add(jo, NetworkDetails(
            "Nana Rose", "Grandma", phone="07700 900123", visibility=Visibility.HELPER))
    return folder


def on_first_screen(page: Page, target: Locator) -> bool:
    """True if ``target`` is wholly on screen, above the help bar, without scrolling."""
    target.wait_for()
    box, bar = target.bounding_box(), page.locator('[flt-semantics-identifier="help-bar"]')
    bar_box = bar.first.bounding_box()
    bottom = bar_box["y"] if bar_box else 844
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= bottom


@pytest.mark.parametrize("child", [SAM, MIA], ids=["normal-text", "text-200"])
def test_help_is_on_the_first_screen_and_says_who_will_know(
    served_app: ServedApp, page: Page, shot: Shot, child: Person
) -> None:
    sign_in(page, served_app.url, child)
    help_button = button(page, "I need help")
    expect(see(page, "Feed the cat")).to_be_attached()
    shot(page, f"{child.name}-home")
    assert on_first_screen(page, help_button)
    tap(page, help_button)
    told = page.locator('[flt-semantics-identifier="safety-help-told"]')
    expect(told).to_have_accessible_name(
        "Your worker will know on their next visit. No one at home is told.")
    shot(page, f"{child.name}-help")
    expect(button(page, "Call Nana Rose")).to_have_count(1)
    if child is SAM:
        assert on_first_screen(page, button(page, "Call Childline"))
        assert on_first_screen(page, button(page, "Call 999"))
