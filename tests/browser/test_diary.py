"""Diary, rituals and proud moments in the browser.

A parent writes a private diary entry and a shared one, each labelled with who can see
it, and the worker then sees only the shared one; a parent keeps a family ritual and
celebrates a child, who sees it in "My proud moments" and adds one of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import back, button, screen, scroll_to, see, tap, type_into
from playwright.sync_api import Locator, Page, expect
from seed import JO, PRIYA, SAM, seed_household, sign_in, switch_to

Shot = Callable[[Page, str], Path]
PRIVATE = "Only you can see this"
SHARED = "Shared with Priya"


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_household(tmp_path_factory.mktemp("diary") / "household")


def card(page: Page, start: str) -> Locator:
    """A card or button whose accessible name starts with ``start``."""
    return page.get_by_role("button", name=re.compile("^" + re.escape(start))).first


def test_parent_writes_a_private_and_a_shared_entry_and_the_worker_sees_only_the_shared(
        served_app, page: Page, shot: Shot) -> None:
    sign_in(page, served_app.url, JO)
    tap(page, card(page, "My diary"))
    screen(page, "diary-screen")
    expect(see(page, "Nothing written yet. A few words is enough.")).to_be_visible()
    shot(page, "diary-empty")

    tap(page, "Write about today")
    screen(page, "diary-write-screen")
    tap(page, "Save entry")
    expect(see(page, "Please choose a part of the day.")).to_be_visible()
    tap(page, "Morning")
    type_into(page, "What went well?", "Breakfast together, no rush")
    shot(page, "diary-write-private")
    tap(page, "Save entry")
    screen(page, "diary-screen")
    private = card(page, "Today · Morning")
    expect(private).to_have_accessible_name(
        f"Today · Morning. Breakfast together, no rush. {PRIVATE}")

    tap(page, "Write about today")
    screen(page, "diary-write-screen")
    tap(page, "Bedtime")
    type_into(page, "What was hard?", "Teeth took ages")
    type_into(page, "What would I try next time?", "Start earlier")
    tap(page, "Share with Priya. Priya can read it too. Nobody else at home can.")
    shot(page, "diary-write-shared")
    tap(page, "Save entry")
    screen(page, "diary-screen")
    expect(card(page, "Today · Bedtime")).to_have_accessible_name(
        f"Today · Bedtime. Teeth took ages. {SHARED}")
    expect(private).to_have_accessible_name(re.compile(f"{PRIVATE}$"))
    shot(page, "diary-two-entries")

    tap(page, private)
    screen(page, "diary-entry-screen")
    expect(see(page, PRIVATE)).to_be_visible()
    expect(see(page, "Breakfast together, no rush")).to_be_visible()
    shot(page, "diary-private-entry")
    back(page, "diary-entry-screen")
    screen(page, "diary-screen")
    back(page, "diary-screen")

    switch_to(page, PRIYA)
    expect(card(page, "Shared diary entries")).to_have_accessible_name(
        re.compile("1 entry shared with you"))
    tap(page, card(page, "Shared diary entries"))
    screen(page, "diary-screen")
    expect(card(page, "Jo: Today · Bedtime")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Breakfast together"))).to_have_count(0)
    expect(see(page, re.compile("Breakfast together"))).to_have_count(0)
    expect(button(page, "Write about today")).to_have_count(0)
    shot(page, "worker-shared-entries")
    tap(page, card(page, "Jo: Today · Bedtime"))
    screen(page, "diary-entry-screen")
    expect(see(page, "Shared with you")).to_be_visible()
    expect(see(page, "Start earlier")).to_be_visible()
    expect(button(page, "Change this entry")).to_have_count(0)
    shot(page, "worker-reads-shared-entry")


def test_a_family_ritual_and_a_proud_moment_reach_the_childs_home(
        served_app, page: Page, shot: Shot) -> None:
    sign_in(page, served_app.url, JO)
    shot(page, "parent-home-cards")
    tap(page, card(page, "Family rituals"))
    screen(page, "rituals-screen")
    shot(page, "rituals-empty")
    tap(page, "Add a ritual")
    screen(page, "ritual-add-screen")
    type_into(page, "Name of the ritual", "Friday film night")
    tap(page, "Film")
    type_into(page, "When? (you can leave this empty)", "Friday evening")
    shot(page, "ritual-form")
    tap(page, "Add ritual")
    screen(page, "rituals-screen")
    expect(see(page, "Ready when you are")).to_be_visible()
    tap(page, "We did it today: Friday film night")
    expect(see(page, "Done today")).to_be_visible()
    expect(see(page, "Done once this week")).to_be_visible()
    expect(see(page, re.compile("[Mm]issed"))).to_have_count(0)
    shot(page, "ritual-done")
    back(page, "rituals-screen")

    tap(page, card(page, "Strengths and proud moments"))
    screen(page, "strengths-screen")
    shot(page, "strengths-empty")
    tap(page, "Add one for Sam")
    screen(page, "strength-add-screen")
    type_into(page, "In a few words", "Walked to school on his own")
    tap(page, "Medal")
    shot(page, "strength-form")
    tap(page, "Save it")
    screen(page, "strengths-screen")
    expect(see(page, "Walked to school on his own")).to_be_visible()
    shot(page, "strengths-list")
    back(page, "strengths-screen")

    switch_to(page, SAM)
    expect(see(page, "My proud moments")).to_be_visible()
    expect(see(page, "Walked to school on his own")).to_be_visible()
    expect(see(page, "Done today!")).to_be_visible()
    scroll_to(page, see(page, "Our family times"))
    shot(page, "child-family-times")
    scroll_to(page, button(page, "Add a proud moment"))
    shot(page, "child-proud-moments")
    tap(page, "Add a proud moment")
    screen(page, "strength-add-screen")
    expect(button(page, "Me (chosen)")).to_be_visible()  # a child starts on their own
    type_into(page, "Say it in words", "I read a book")
    tap(page, "Book")
    shot(page, "child-adds-proud-moment")
    tap(page, "Save it")
    screen(page, "home-child")
    expect(see(page, "I read a book")).to_be_visible()
    scroll_to(page, see(page, "I read a book"))
    shot(page, "child-home-after-adding")
