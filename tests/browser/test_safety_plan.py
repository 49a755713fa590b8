"""Safety plans in the browser: the agency's bottom line, three ratings, a child asking for help."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import button, screen, scroll_to, see, tap, type_into
from playwright.sync_api import Page, expect
from seed import JO, PRIYA, SAM, seed_household, sign_in, switch_to

Shot = Callable[[Page, str], Path]


def shows(page: Page, text: str) -> None:
    """``text`` is on screen (Flutter may merge it with the lines beside it)."""
    expect(see(page, re.compile(re.escape(text)))).to_be_visible()

BOTTOM_LINE = "Sam and Mia are collected from school by Jo or Gran."


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_household(tmp_path_factory.mktemp("safety") / "household")


def open_plan(page: Page) -> None:
    tap(page, page.get_by_role("button", name=re.compile(r"^Safety plan")))
    screen(page, "safety-plan-screen")


def rate(page: Page, score: int, shot: Shot | None = None) -> None:
    """From the plan: the scale, then rate ``score``; ends back on the scale."""
    tap(page, page.get_by_role("button", name=re.compile(r"^Safety scale")))
    screen(page, "safety-scale-screen")
    tap(page, "Rate how safe things feel")
    screen(page, "safety-rate-screen")
    tap(page, f"{score} out of 10")
    if shot is not None:
        shot(page, "rate-picker")
    tap(page, "Save my rating")
    screen(page, "safety-scale-screen")


def back(page: Page) -> None:
    """Tap the header's Back arrow.

    Its name is on the tooltip around the icon button, not on the button node itself, so
    ``get_by_role("button", name="Back")`` finds nothing; tap the labelled wrapper instead.
    """
    tap(page, page.locator('flt-semantics[aria-label="Back"]').first)


def home_from_scale(page: Page) -> None:
    back(page)
    screen(page, "safety-plan-screen")
    back(page)


def test_bottom_line_ratings_chart_and_a_childs_help(served_app, page: Page, shot: Shot) -> None:
    # The worker sets a bottom line and rates.
    sign_in(page, served_app.url, PRIYA)
    shot(page, "worker-home")
    open_plan(page)
    shot(page, "plan-empty-worker")
    type_into(page, "New bottom line", BOTTOM_LINE)
    type_into(page, "Why this bottom line? (the family will read this)",
              "Agreed at the review on 2 December")
    tap(page, "Add bottom line")
    shows(page, BOTTOM_LINE)
    expect(button(page, f"Remove: {BOTTOM_LINE}")).to_have_count(1)
    scroll_to(page, see(page, re.compile(re.escape(BOTTOM_LINE))))
    shot(page, "worker-bottom-line")
    rate(page, 7, shot)
    shot(page, "scale-one-rating")
    home_from_scale(page)

    # A parent sees it as the agency's, with nothing to change it with, and new: they read
    # why and say they have.
    switch_to(page, JO)
    open_plan(page)
    new = page.locator('[flt-semantics-identifier="new-from-worker"]')
    expect(new).to_have_accessible_name(re.compile("Why: Agreed at the review on 2 December"))
    shot(page, "parent-new-from-worker")
    tap(page, "We've read this")
    expect(new).to_have_count(0)
    shows(page, "Set by your agency")
    shows(page, BOTTOM_LINE)
    shows(page, "Only your worker can change them.")
    expect(button(page, f"Remove: {BOTTOM_LINE}")).to_have_count(0)
    expect(button(page, "Add bottom line")).to_have_count(0)
    expect(page.get_by_role("textbox", name="New bottom line")).to_have_count(0)
    scroll_to(page, see(page, re.compile(re.escape(BOTTOM_LINE))))
    shot(page, "parent-bottom-line-read-only")
    rate(page, 6)
    back(page)
    screen(page, "safety-plan-screen")

    # The parent adds Sam's trusted adult.
    tap(page, page.get_by_role("button", name=re.compile(r"^Sam's safety plan")))
    screen(page, "safety-child-screen")
    type_into(page, "Their name", "Gran")
    type_into(page, "Who they are", "My nan")
    type_into(page, "Phone number", "07700 900123")
    tap(page, "Add trusted adult")
    expect(button(page, "Call Gran")).to_have_count(1)
    scroll_to(page, button(page, "Call Gran"))
    shot(page, "childs-plan-with-gran")
    back(page)
    screen(page, "safety-plan-screen")
    back(page)

    # Sam asks for help and rates with the faces.
    switch_to(page, SAM)
    expect(button(page, "I need help")).to_be_visible()
    shot(page, "child-home")
    tap(page, "I need help")
    screen(page, "safety-help-screen")
    shows(page, "Gran")
    shows(page, "07700 900123")
    shows(page, "Childline")
    shows(page, "0800 1111")
    expect(button(page, "Call Gran")).to_have_count(1)
    expect(button(page, "Call Childline")).to_have_count(1)
    expect(button(page, "Call 999")).to_have_count(1)
    shot(page, "child-help")
    back(page)
    tap(page, "My safety plan")
    screen(page, "safety-mine-screen")
    shot(page, "child-my-plan")
    back(page)
    tap(page, "How safe do I feel?")
    screen(page, "safety-rate-screen")
    tap(page, "Quite safe")  # Sam is six: five faces, no numbers
    shot(page, "child-rate-faces")
    tap(page, "Save my rating")
    screen(page, "home-child")

    # Back to Jo: three people have rated, so the chart has three points.
    switch_to(page, JO)
    open_plan(page)
    tap(page, page.get_by_role("button", name=re.compile(r"^Safety scale")))
    screen(page, "safety-scale-screen")
    chart = page.locator('[flt-semantics-identifier="safety-chart"]')
    expect(chart).to_have_text("Safety scale: 3 ratings, latest 8")
    scroll_to(page, chart)
    shot(page, "scale-three-ratings")
