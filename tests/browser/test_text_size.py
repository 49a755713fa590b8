"""Text at 200% on a phone (390×844): one screen of every family, for a parent, a child and
a worker who chose the biggest text. On each, read from Flutter's semantics boxes (what a
screen reader and a finger find): no named control runs off the side of the screen, and no
two controls a person can tap lie on top of each other; then scroll to the foot and check
again. A screenshot of each screen is kept in test-artifacts/screens/.

What the boxes cannot show: words a control paints past its own edge where Flutter clips
them (a button too wide for a row that does not wrap): the box is clipped with the paint.
Rows of buttons wrap for that reason (``tests/test_text_size_rule.py`` keeps sizes honest);
the screenshots are for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flutter_page import see
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from seed import JO, PASSPHRASE, PRIYA, SAM, Person, seed_household, sign_in
from text_fit import problems_on_screen, to_the_foot

from app.domain.chores import ChorePlan, Often, Who
from app.services.chores import chores_for
from app.services.household import HouseholdService
from app.services.safety import safety_for
from app.storage import HouseholdStore

Shot = Callable[[Page, str], Path]
BIGGEST = 200

#: One screen of each family, as each person reaches it: (address, its identifier).
PARENT_SCREENS = [
    ("/", "home-parent"), ("/people", "people-screen"), ("/people/{sam}", "person-screen"),
    ("/settings", "settings-screen"), ("/settings/sync", "sync-screen"),
    ("/safety", "safety-plan-screen"), ("/checkins", "checkins-family-screen"),
    ("/conference", "conference-screen"), ("/chores", "chores-screen"),
    ("/chores/add", "chore-add-screen"), ("/chores/week/{sam}", "chores-week-screen"),
    ("/agreement", "agreement-screen"), ("/diary", "diary-screen"),
    ("/rituals", "rituals-screen"), ("/strengths", "strengths-screen"),
    ("/circles", "circles-screen"), ("/learning", "learning-screen"),
    ("/moments", "moments-screen"), ("/programme", "programme-screen"),
    ("/reviews", "reviews-screen"), ("/network", "network-screen"),
    ("/visits", "visits-screen"),
]
#: The screens a child's tab opens (a grown-up's address shows the child's "not for you").
CHILD_SCREENS = [
    ("/", "home-child"), ("/checkins/new", "checkin-feeling-screen"),
    ("/safety/rate", "safety-rate-screen"), ("/safety/mine", "safety-mine-screen"),
    ("/network", "network-screen"), ("/worker-message", "worker-message-screen"),
    ("/agreement/ours", "agreement-child-screen"),
]
WORKER_SCREENS = [("/", "home-worker"), ("/visit", "visit-start-screen")]


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = seed_household(tmp_path_factory.mktemp("text-size") / "household")
    with HouseholdStore.open(folder, PASSPHRASE) as store:
        household = HouseholdService(store)
        jo, sam = household.members()[:2]
        for member in household.members():
            household.set_text_size(jo, member.id, BIGGEST)
        safety_for(household).add_trusted_adult(jo, sam.id, "Nana Rose", "Grandma",
                                                "07700 900123")
        chores_for(household).add(jo, ChorePlan(name="Feed the cat", picture="cat", stars=2,
                                                who=Who.ONE, children=(sam.id,),
                                                often=Often.DAILY))
    return folder


@pytest.fixture(scope="module")
def sam_id(app_data_dir: Path) -> str:
    """Sam's id, read before the server opens the household (it keeps it open)."""
    with HouseholdStore.open(app_data_dir, PASSPHRASE) as store:
        return HouseholdService(store).members()[1].id


def signed_in(page: Page, url: str, person: Person) -> None:
    """Sign ``person`` in; once more if a letter of the passphrase or PIN was lost.

    On a busy machine a key typed into a hidden box is now and then lost (the box cannot be
    read back to check); a person would type it again, and so does the test, once.
    """
    try:
        sign_in(page, url, person)
    except PlaywrightTimeout:
        sign_in(page, url, person)


def open_address(page: Page, address: str, identifier: str) -> None:
    """Go to ``address`` the way the browser's own history does, and wait for its screen."""
    if page.locator(f'[flt-semantics-identifier="{identifier}"]').count():
        return  # there already (a person's home, just after signing in)
    for _ in range(3):
        page.evaluate("path => { history.pushState(null, '', path);"
                      " window.dispatchEvent(new PopStateEvent('popstate')); }", address)
        try:
            page.locator(f'[flt-semantics-identifier="{identifier}"]').first.wait_for(
                state="attached", timeout=8000)
            return
        except PlaywrightTimeout:
            continue
    shown = page.eval_on_selector_all(
        "[flt-semantics-identifier]",
        "ns => ns.map(n => n.getAttribute('flt-semantics-identifier'))")
    raise AssertionError(f"{address} never showed {identifier}; the page shows {shown}")




def check_screens(page: Page, shot: Shot, person: Person,
                  screens: list[tuple[str, str]], sam: str) -> list[str]:
    """Visit each screen as ``person``; return everything found wrong, by screen."""
    found: list[str] = []
    for address, identifier in screens:
        open_address(page, address.format(sam=sam), identifier)
        shot(page, f"{person.name}-{identifier}")
        found += [f"{identifier} (top): {p}" for p in problems_on_screen(page)]
        if to_the_foot(page):
            found += [f"{identifier} (foot): {p}" for p in problems_on_screen(page)]
    return found


@pytest.mark.parametrize(("person", "screens"), [
    (JO, PARENT_SCREENS), (SAM, CHILD_SCREENS), (PRIYA, WORKER_SCREENS)],
    ids=["parent", "child", "worker"])
def test_every_screen_family_at_200_percent_fits_a_phone_without_overlaps(
    sam_id: str, served_app: Any, page: Page, shot: Shot, person: Person,
    screens: list[tuple[str, str]],
) -> None:
    signed_in(page, served_app.url, person)
    # the words really are twice the size: the home's 24 px title is a line of 48 px now
    greeting = {"Jo": "Hello, Jo", "Sam": "Hi, Sam!", "Priya": "Hello, Priya"}[person.name]
    title = see(page, greeting)
    title.wait_for()
    box = title.bounding_box()
    assert box is not None and box["height"] >= 48, box
    found = check_screens(page, shot, person, screens, sam_id)
    assert not found, "\n".join(found)
