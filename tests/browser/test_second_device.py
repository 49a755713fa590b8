"""A second phone joins the household in the browser, and what a child does there comes home.

The Taylors' first phone is set up and connected to the agency's hub (SQLite, on 127.0.0.1)
before anything is served. A parent then sets up a tablet by joining: its own passphrase
and recovery key, the agency's address and a pairing code from the worker. Sam, new on the
tablet, picks pictures there with the passphrase as the grown-up's say-so, and checks in;
Jo sets her PIN there and presses "Sync now". On the first phone, after a sync, Jo sees the
check-in Sam made on the tablet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flutter_page import back, screen, scroll_to, see, tap, tap_to, type_into
from playwright.sync_api import Page, expect
from seed import JO, PASSPHRASE, seed_household, sign_in
from servers import start_server

from app.hub.admin import issue_pairing_code
from app.services.gate import HouseholdGate
from app.storage import KdfParams
from app.sync.service import sync_for
from app.views.sync.words import spoken_key_check
from tests.hubkit import RunningHub, key_check, sqlite_hub

Shot = Callable[[Page, str], Path]
AGENCY = "Riverside Family Support"


@pytest.fixture(scope="module")
def agency_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    with sqlite_hub(tmp_path_factory.mktemp("hub"), AGENCY, "Taylor") as hub:
        yield hub


def code(hub: RunningHub) -> str:
    """A fresh one-time pairing code for the household, as the worker gives it."""
    return issue_pairing_code(hub.engine, hub.household_id).code


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory, agency_hub: RunningHub) -> Path:
    """The first phone: the Taylors, connected to the agency by Jo before it is served."""
    folder = seed_household(tmp_path_factory.mktemp("phone") / "household")
    gate = HouseholdGate(folder, kdf=KdfParams.fast_for_tests())
    household = gate.unlock(PASSPHRASE)
    jo = next(m for m in household.members() if m.name == JO.name)
    status = sync_for(household).pair(jo, agency_hub.url, code(agency_hub),
                                      agency_key_check=key_check(agency_hub.engine))
    assert status.paired and status.problem is None, status
    gate.close()
    return folder


def test_a_tablet_joins_a_child_checks_in_there_and_the_first_phone_sees_it(
    served_app, page: Page, shot: Shot, agency_hub: RunningHub,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("tablet")
    with start_server(folder / "household", folder / "server.log") as tablet:
        page.goto(tablet.url + "/")
        page.wait_for_selector("flt-semantics-placeholder", state="attached")
        page.locator("flt-semantics-placeholder").dispatch_event("click")
        screen(page, "setup-welcome")
        scroll_to(page, page.get_by_role("button", name="Join my family's household"))
        shot(page, "welcome-with-join")
        tap(page, "Join my family's household")
        screen(page, "setup-join-passphrase")
        type_into(page, "New passphrase", PASSPHRASE)
        type_into(page, "Type the passphrase again", PASSPHRASE)
        shot(page, "tablet-passphrase")
        expect(see(page, "Strong passphrase.")).to_be_visible()
        tap_to(page, "Next", "setup-join-recovery")
        shot(page, "tablet-recovery-key")
        tap(page, page.get_by_role("checkbox"))
        tap(page, "Next")
        screen(page, "setup-join")
        type_into(page, "Agency address", agency_hub.url)
        type_into(page, "Pairing code", code(agency_hub))
        shot(page, "join-form")
        tap(page, "Join our household")
        screen(page, "pair-check")
        expect(page.locator('[flt-semantics-identifier="agency-key-check"]')
               ).to_have_accessible_name("Key check: "
                                         + spoken_key_check(key_check(agency_hub.engine)))
        tap(page, "They match: connect")
        screen(page, "who-screen")
        expect(page.get_by_role("button", name="Sam, Child. Set up on this phone")
               ).to_be_visible()
        shot(page, "who-on-the-tablet")

        tap(page, "Sam, Child. Set up on this phone")
        screen(page, "first-time-here")
        shot(page, "sam-new-here")
        type_into(page, "Household passphrase", PASSPHRASE)
        tap(page, "It's OK")
        expect(see(page, "Sam, choose your three secret pictures for this phone.")
               ).to_be_visible()
        for picture in ("Moon", "Star", "Fish"):
            tap(page, picture)
        shot(page, "sam-pictures")
        tap(page, "Save and start")
        screen(page, "home-child")
        tap(page, "How do I feel?")
        screen(page, "checkin-feeling-screen")
        tap(page, "Happy")
        screen(page, "checkin-size-screen")
        tap(page, "A little")
        screen(page, "checkin-extras-screen")
        tap(page, "That's all")
        screen(page, "home-child")

        tap(page, "Someone else's turn")
        screen(page, "who-screen")
        tap(page, f"{JO.name}, {JO.role_words}. Set up on this phone")
        screen(page, "first-time-here")
        type_into(page, "Household passphrase", PASSPHRASE)
        tap(page, "It's OK")
        type_into(page, "New PIN (4 to 6 numbers)", "1470")
        type_into(page, "Type the PIN again", "1470")
        tap(page, "Save and start")
        screen(page, JO.home)
        tap(page, page.get_by_role("button", name=re.compile("^Our agency")).first)
        screen(page, "sync-screen")
        tap(page, "Sync now")
        status = page.locator('[flt-semantics-identifier="sync-status"]')
        expect(status).to_contain_text("Everything has been sent.")
        shot(page, "tablet-synced")
        log = tablet.log_text()
    assert "Traceback" not in log and "Unhandled error" not in log, log

    # On the first phone, Jo syncs and sees the check-in Sam made on the tablet.
    sign_in(page, served_app.url, JO)
    tap(page, page.get_by_role("button", name=re.compile("^Our agency")).first)
    screen(page, "sync-screen")
    tap(page, "Sync now")
    expect(page.locator('[flt-semantics-identifier="sync-status"]')).to_contain_text(
        "Sent to your agency just now.")
    back(page, "sync-screen")
    screen(page, "settings-screen")
    back(page, "settings-screen")
    screen(page, JO.home)
    tap(page, page.get_by_role("button", name=re.compile("^How everyone is feeling")))
    screen(page, "checkins-family-screen")
    expect(page.get_by_text(re.compile("check-ins on 1 days, latest Happy"))).to_have_count(1)
    shot(page, "first-phone-sees-the-check-in")
