"""Learning together in Chromium at a phone's size: the law card for Wales, and an idea to try.

A parent opens the standing "What the law says" card, says the family lives in Wales, reads
the law for Wales first, and turns "What I'll try" into a draft rule in the agreement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import screen, scroll_to, see, tap
from playwright.sync_api import Page, expect
from seed import JO, seed_household, sign_in

Shot = Callable[[Page, str], Path]
TRY = "When we are angry, we take a break and breathe."


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_household(tmp_path_factory.mktemp("learning") / "household")


def test_parent_reads_the_law_for_wales_and_turns_what_ill_try_into_a_draft_rule(
        served_app, page: Page, shot: Shot) -> None:
    assert page.viewport_size == {"width": 390, "height": 844}
    sign_in(page, served_app.url, JO)
    tap(page, page.get_by_role("button", name=re.compile("^Learning together")))
    screen(page, "learning-screen")
    shot(page, "learning-cards")

    tap(page, page.get_by_role("button", name="Read: What the law says about smacking"))
    screen(page, "learning-topic-the_law")
    expect(see(page, re.compile("^Where do you live?"))).to_be_visible()
    shot(page, "law-card-asks-where")
    tap(page, "Wales")
    lead = see(page, re.compile("^You live in Wales. Here, it is against the law"))
    expect(lead).to_be_visible()
    # Wales is said first; the rest of the UK follows, and England's law is still there
    box = page.locator('[flt-semantics-identifier="law-box"]')
    expect(box).to_contain_text(re.compile("You live in Wales.*rest of the UK.*Scotland.*"
                                           "England and Northern Ireland", re.S))
    expect(box).not_to_contain_text("Wales: all physical punishment")
    shot(page, "law-card-wales")

    idea = page.get_by_role("button", name=f"Try this: {TRY}")
    scroll_to(page, idea)
    expect(see(page, "From family life")).to_be_attached()
    expect(see(page, "Something to think about")).to_be_attached()
    shot(page, "law-card-what-ill-try")
    tap(page, idea)
    screen(page, "learning-try-screen")
    # the idea's words are in the box, ready to change (Flutter keeps a box's value out of
    # the page's tree until it is focused: the agreement below shows them arrive unchanged)
    expect(page.get_by_role("textbox", name="What I'll try")).to_be_attached()
    expect(page.get_by_role("button", name="A rule")).to_be_attached()
    expect(see(page, re.compile("^It goes into your agreement as a draft"))).to_be_visible()
    shot(page, "try-as-rule")
    tap(page, "Add to our agreement")

    screen(page, "agreement-screen")
    expect(see(page, re.compile("^Added to your agreement as a draft rule."))).to_be_visible()
    expect(see(page, re.compile(re.escape(TRY)))).to_be_attached()
    shot(page, "agreement-with-draft-rule")
