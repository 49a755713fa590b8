"""Family circles in the browser: Jo runs a restorative circle with Sam and Mia, one pass,
and what they agree becomes Sam's chore; the worker reads the circle afterwards (and could
start one at a visit, but never decides what an agreement becomes)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import screen, see, tap, type_into
from playwright.sync_api import Locator, Page, expect
from seed import JO, PRIYA, SAM, seed_household, sign_in, switch_to

Shot = Callable[[Page, str], Path]
AGREED = "Sam will tidy the toys before tea"


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_household(tmp_path_factory.mktemp("circles") / "household")


def card(page: Page, title: str) -> Locator:
    """A card or list row whose words start with ``title``."""
    return page.get_by_role("button", name=re.compile("^" + re.escape(title))).first


def turn(page: Page, name: str, *, passes: bool = False, words: str = "") -> None:
    """Wait until it is ``name``'s turn, then have the turn (or pass)."""
    expect(see(page, f"{name}'s turn")).to_be_visible()
    if words:
        type_into(page, f"What {name} said (if you want to write it)", words)
    tap(page, "Pass" if passes else "I've had my turn")


def back(page: Page, from_screen: str) -> None:
    tap(page, page.locator(f'[flt-semantics-identifier="{from_screen}"]')
        .get_by_role("button").first)


def test_parent_runs_a_restorative_circle_with_a_pass_and_the_agreement_becomes_a_chore(
        served_app, page: Page, shot: Shot) -> None:
    sign_in(page, served_app.url, JO)
    expect(card(page, "Family circles")).to_be_visible()
    tap(page, card(page, "Family circles"))
    screen(page, "circles-screen")
    expect(see(page, "No circles yet.")).to_be_visible()
    shot(page, "circles-empty")

    tap(page, "Start a circle")
    screen(page, "circle-start-screen")
    tap(page, "Start the circle")
    expect(see(page, "Please choose a kind of circle.")).to_be_visible()
    tap(page, "After a falling-out")
    shot(page, "start-a-circle")
    tap(page, "Start the circle")

    screen(page, "circle-turn-screen")
    expect(see(page, "What happened?")).to_be_visible()
    expect(see(page, "Question 1 of 5")).to_be_visible()
    expect(see(page, "Jo's turn")).to_be_visible()
    shot(page, "turn-jo")
    turn(page, "Jo", words="We argued about the tablet")
    expect(see(page, "Sam's turn")).to_be_visible()
    shot(page, "turn-sam")
    turn(page, "Sam", passes=True)
    turn(page, "Mia")
    expect(see(page, "Sam passed before. Would you like a turn now?")).to_be_visible()
    shot(page, "turn-sam-again-after-pass")
    turn(page, "Sam", words="I was cross")
    for question in ("Question 2 of 5", "Question 3 of 5", "Question 4 of 5",
                     "Question 5 of 5"):
        expect(see(page, question)).to_be_visible()
        for name in ("Jo", "Sam", "Mia"):
            turn(page, name)

    screen(page, "circle-agree-screen")
    type_into(page, "Something we agreed", AGREED)
    tap(page, "Add what we agreed")
    expect(see(page, AGREED)).to_be_visible()
    shot(page, "what-we-agreed")
    tap(page, f'Make "{AGREED}" a chore')

    screen(page, "circle-make-screen")
    # nothing is typed here: the chore's name comes from the agreement (checked in Chores)
    tap(page, "Sam")
    tap(page, "Toys")
    shot(page, "make-it-a-chore")
    tap(page, "Make the chore")

    screen(page, "circle-agree-screen")
    expect(see(page, "Now a chore")).to_be_visible()
    tap(page, "Finish the circle")
    screen(page, "circle-record-screen")
    expect(see(page, "Sam: passed")).to_be_visible()
    expect(see(page, "Jo: We argued about the tablet")).to_be_visible()
    shot(page, "circle-record")

    back(page, "circle-record-screen")
    screen(page, "circles-screen")
    expect(card(page, "After a falling-out")).to_have_accessible_name(
        re.compile(r"Jo, Sam and Mia\s+1 thing agreed"))
    shot(page, "circles-history")
    back(page, "circles-screen")
    screen(page, "home-parent")
    tap(page, card(page, "Chores"))
    screen(page, "chores-screen")
    expect(card(page, AGREED)).to_have_accessible_name(re.compile(r"Sam · Every day"))

    back(page, "chores-screen")
    switch_to(page, SAM)
    expect(see(page, AGREED)).to_be_visible()
    shot(page, "sams-jobs")

    switch_to(page, PRIYA)
    tap(page, card(page, "Family circles"))
    screen(page, "circles-screen")
    # The worker may start a circle with the family at a visit, but only the family decides
    # what an agreement becomes.
    expect(see(page, re.compile("At a visit you can start one with the family"))).to_be_visible()
    tap(page, card(page, "After a falling-out"))
    screen(page, "circle-record-screen")
    expect(see(page, "Now a chore")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Make "))).to_have_count(0)
    shot(page, "worker-reads-the-circle")
