"""Chores in the browser: a parent adds a job, the child ticks it, the parent checks the week."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flutter_page import button, screen, see, tap, type_into
from playwright.sync_api import Locator, Page, expect
from seed import JO, PRIYA, SAM, seed_household, sign_in, switch_to


def weekday() -> str:
    """Today's name, as the served app (on this machine's clock) says it: read in the test, not
    when the module is collected, which may be before midnight (``_not_across_midnight``)."""
    return date.today().strftime("%A")


Shot = Callable[[Page, str], Path]


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_household(tmp_path_factory.mktemp("chores") / "household")


def card(page: Page, title: str) -> Locator:
    """A card or list row whose words start with ``title``."""
    return page.get_by_role("button", name=re.compile("^" + re.escape(title))).first


def open_chores(page: Page) -> None:
    tap(page, card(page, "Chores"))
    screen(page, "chores-screen")


def back(page: Page, from_screen: str) -> None:
    """Tap the screen's back arrow (its tooltip is not read out as a name, so find it by place)."""
    tap(page, page.locator(f'[flt-semantics-identifier="{from_screen}"]')
        .get_by_role("button").first)


def test_parent_adds_a_chore_child_ticks_it_parent_sees_it_done(served_app, page: Page,
                                                                  shot: Shot) -> None:
    sign_in(page, served_app.url, JO)
    shot(page, "parent-home-with-chores-card")
    open_chores(page)
    expect(see(page, "No chores yet.")).to_be_visible()
    shot(page, "chores-list-empty")

    tap(page, "Add a chore")
    screen(page, "chore-add-screen")
    tap(page, "Add chore")
    expect(see(page, "Please give the job a name.")).to_be_visible()
    type_into(page, "Name of the job", "Make your bed")
    tap(page, "Bed")
    tap(page, "Sam")
    tap(page, "2 stars")
    shot(page, "add-chore-form")
    tap(page, "Add chore")
    screen(page, "chores-screen")
    expect(card(page, "Make your bed")).to_have_accessible_name(
        re.compile(r"Make your bed\s+Sam · Every day · 2 stars"))
    shot(page, "chores-list")

    back(page, "chores-screen")
    switch_to(page, SAM)
    expect(see(page, "My jobs today")).to_be_visible()
    shot(page, "child-jobs-today")
    tap(page, "I did it: Make your bed")
    expect(page.get_by_role("group", name="Brilliant, Sam! You got 2 stars.")).to_be_visible()
    expect(see(page, re.compile("Make your bed: done"))).to_be_visible()
    expect(button(page, "I did it: Make your bed")).to_have_count(0)
    shot(page, "child-celebration")

    switch_to(page, JO)
    open_chores(page)
    tap(page, card(page, "Sam's week"))
    screen(page, "chores-week-screen")
    cell = see(page, f"Make your bed, {weekday()}: Done")
    expect(cell).to_have_count(1)
    expect(see(page, "2 stars this week")).to_be_visible()
    expect(see(page, re.compile(f"{weekday()}: ticked by Sam at"))).to_be_visible()
    shot(page, "sams-week")
    tap(page, f"I've seen it: Make your bed on {weekday()}")
    expect(see(page, "Seen by Jo")).to_be_visible()
    shot(page, "sams-week-seen")


def test_parent_takes_back_a_tick_pauses_a_chore_and_the_worker_only_reads(
    served_app, page: Page, shot: Shot
) -> None:
    sign_in(page, served_app.url, JO)
    open_chores(page)
    tap(page, card(page, "Sam's week"))
    screen(page, "chores-week-screen")
    tap(page, f"Take back: Make your bed on {weekday()}")
    expect(see(page, re.compile("Taken back by Jo"))).to_be_visible()
    expect(see(page, f"Make your bed, {weekday()}: No tick")).to_have_count(1)
    shot(page, "tick-taken-back")

    back(page, "chores-week-screen")
    screen(page, "chores-screen")
    tap(page, card(page, "Make your bed"))
    screen(page, "chore-screen")
    shot(page, "chore-details")
    tap(page, "Pause")
    screen(page, "chores-screen")
    expect(see(page, "Paused for now")).to_be_visible()
    shot(page, "chores-list-paused")

    back(page, "chores-screen")
    switch_to(page, SAM)
    expect(see(page, "No jobs today. Enjoy your day!")).to_be_visible()
    shot(page, "child-no-jobs")

    switch_to(page, PRIYA)
    open_chores(page)
    expect(button(page, "Add a chore")).to_have_count(0)
    tap(page, card(page, "Sam's week"))
    screen(page, "chores-week-screen")
    expect(see(page, re.compile("Taken back by Jo"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Take back"))).to_have_count(0)
    shot(page, "worker-reads-the-week")
