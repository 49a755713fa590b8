"""The whole first run in Chromium at 390×844, then the everyday ways back in.

Household, passphrase, recovery key, a parent, a child with a picture PIN; then lock,
passphrase unlock after a restart, switching person, the child's picture-PIN sign-in and
the wrong-PIN lockout message. Every screen is saved as a screenshot to look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from flutter_page import button, screen, see, tap, tap_to, type_into
from flutter_start import open_app as open_page
from playwright.sync_api import Page, expect
from servers import start_server

PASSPHRASE = "blue kettle on the windowsill"
CHILD_PICTURES = ("Apple", "Sun", "Tree")
Shot = Callable[[Page, str], Path]


def test_first_run_then_lock_unlock_switch_and_lockout(
    served_app, page: Page, open_app, shot: Shot, tmp_path: Path
) -> None:
    open_app(page)
    screen(page, "setup-welcome")
    shot(page, "welcome")
    type_into(page, "Your household's name", "The Taylor family")
    tap(page, "Next")

    screen(page, "setup-passphrase")
    type_into(page, "New passphrase", "password1")
    expect(see(page, re.compile("Too easy to guess"))).to_be_visible()
    shot(page, "passphrase-weak")
    tap(page, "Create our household")
    expect(see(page, "It needs at least 10 characters.")).to_be_visible()
    shot(page, "passphrase-refused")
    type_into(page, "New passphrase", PASSPHRASE)
    type_into(page, "Type the passphrase again", PASSPHRASE)
    expect(see(page, "Strong passphrase.")).to_be_visible()
    expect(see(page, "It needs at least 10 characters.")).to_be_hidden()  # typed again: gone
    shot(page, "passphrase-strong")
    tap_to(page, "Create our household", "setup-recovery")
    key_text = page.get_by_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$")).inner_text()
    shot(page, "recovery-key")
    expect(button(page, "Next")).to_be_disabled()
    tap(page, page.get_by_role("checkbox"))
    tap(page, "Next")

    screen(page, "setup-parent")
    type_into(page, "Name", "Jo")
    type_into(page, "New PIN (4 to 6 numbers)", "2580")
    type_into(page, "Type the PIN again", "2580")
    shot(page, "add-parent")
    tap(page, "Add parent or carer")

    screen(page, "setup-people")
    tap(page, "Add a child")
    screen(page, "setup-add-child")
    type_into(page, "Name", "Sam")
    type_into(page, "Age", "6")
    tap(page, "Fox")
    for picture in CHILD_PICTURES:
        tap(page, picture)
    expect(page.get_by_label("3 of 3 pictures chosen")).to_be_attached()
    shot(page, "add-child")
    tap(page, "Add child")

    screen(page, "setup-people")
    shot(page, "people-added")
    tap(page, "Finish setting up")

    screen(page, "who-screen")
    shot(page, "who-is-using")
    tap(page, "Jo, Parent or carer")
    screen(page, "pin-screen")
    type_into(page, "Your PIN", "2580")
    tap(page, "Sign in")
    screen(page, "home-parent")
    shot(page, "parent-home")

    # Lock is one tap, and the lock screen shows nothing of the family.
    tap(page, "Lock")
    screen(page, "lock-screen")
    expect(page.get_by_text("Jo")).to_have_count(0)
    expect(page.get_by_text(re.compile("Taylor"))).to_have_count(0)
    shot(page, "locked")

    assert key_text  # the recovery key was on screen, once

    # A restart: the passphrase once, then "Who's using Homeward?" and each person's PIN.
    served_app.stop()
    with start_server(served_app.data_dir, tmp_path / "restarted.log") as restarted:
        open_page(page, restarted.url)
        screen(page, "passphrase-screen")
        expect(see(page, re.compile("Taylor"))).to_have_count(0)
        type_into(page, "Household passphrase", "blue kettle on the window")
        tap(page, "Open Homeward")
        expect(see(page, re.compile("That passphrase didn't work"))).to_be_visible()
        shot(page, "passphrase-wrong")
        type_into(page, "Household passphrase", PASSPHRASE)
        tap(page, "Open Homeward")

        screen(page, "who-screen")
        tap(page, "Jo, Parent or carer")
        type_into(page, "Your PIN", "2580")
        tap(page, "Sign in")
        screen(page, "home-parent")

        # Switching person, then the child's picture PIN: no reading needed.
        tap(page, "Someone else's turn")
        screen(page, "who-screen")
        tap(page, "Sam, Child")
        screen(page, "pin-screen")
        expect(see(page, "Tap your three pictures")).to_be_visible()
        shot(page, "child-picture-pin")
        for picture in CHILD_PICTURES:
            tap(page, picture)
        screen(page, "home-child")
        expect(see(page, "Hi, Sam!")).to_be_visible()
        expect(see(page, "People in our home")).to_have_count(0)
        shot(page, "child-home")

        # Five wrong PINs: a plain message saying how long to wait.
        tap(page, "Someone else's turn")
        tap(page, "Jo, Parent or carer")
        for attempt in range(5):
            type_into(page, "Your PIN", "1357")
            tap(page, "Sign in")
            if attempt < 4:
                expect(see(page, re.compile(f"Tries left before a short wait: {4 - attempt}"))
                       ).to_be_visible()
        expect(see(page, "Too many wrong tries. Please wait 30 seconds, then try again.")
               ).to_be_visible()
        shot(page, "pin-locked-out")
        type_into(page, "Your PIN", "2580")
        tap(page, "Sign in")
        expect(see(page, re.compile(r"Please wait \d+ seconds"))).to_be_visible()
        assert "Traceback" not in restarted.log_text()
        assert "Unhandled error" not in restarted.log_text()
