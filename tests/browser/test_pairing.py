"""Pairing with the agency in the browser, and what reaches the agency's hub.

A parent pairs the household in Settings with the address and one-time code the worker
gives them; a child checks in and writes a message "just for my worker"; the parent
presses "Sync now". The hub (SQLite, on 127.0.0.1) then holds the check-in, and the
message only in sealed form: the child's words are nowhere in its database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flutter_page import back, button, screen, scroll_to, see, tap, type_into
from playwright.sync_api import Locator, Page, expect
from seed import JO, SAM, seed_household, sign_in, switch_to
from sqlalchemy import select

from app.hub.admin import issue_pairing_code, list_devices
from app.hub.db import records
from app.views.sync.words import spoken_key_check
from tests.hubkit import RunningHub, key_check, sqlite_hub

Shot = Callable[[Page, str], Path]
AGENCY = "Riverside Family Support"
SECRET = "the big dog next door scares me"


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_household(tmp_path_factory.mktemp("pairing") / "household")


@pytest.fixture(scope="module")
def agency_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    with sqlite_hub(tmp_path_factory.mktemp("hub"), AGENCY, "Taylor") as hub:
        yield hub


def status_box(page: Page) -> Locator:
    """The box saying, in plain words, how sync with the agency is going."""
    return page.locator('[flt-semantics-identifier="sync-status"]')


def card(page: Page, start: str) -> Locator:
    """A home card whose accessible name starts with ``start``."""
    return page.get_by_role("button", name=re.compile("^" + re.escape(start))).first


def test_pair_in_settings_check_in_send_a_sealed_message_and_sync_now(
        served_app, page: Page, shot: Shot, agency_hub: RunningHub) -> None:
    sign_in(page, served_app.url, SAM)
    not_ready = page.locator('[flt-semantics-identifier="worker-message-not-ready"]')
    expect(not_ready).to_have_accessible_name(re.compile("You can't send a message to Priya yet"))
    scroll_to(page, not_ready)
    shot(page, "child-home-not-paired")

    switch_to(page, JO)
    tap(page, card(page, "Just for Priya"))
    screen(page, "worker-message-screen")
    expect(see(page, re.compile("You can't send a message to Priya yet"))).to_be_visible()
    shot(page, "parent-message-not-paired")
    back(page, "worker-message-screen")
    screen(page, JO.home)
    expect(card(page, "Our agency")).to_have_accessible_name(
        re.compile("Not connected to an agency yet"))
    scroll_to(page, card(page, "Our agency"))
    shot(page, "parent-home-not-paired")
    tap(page, card(page, "Settings"))
    screen(page, "settings-screen")
    shot(page, "settings")
    tap(page, "Connect to your agency")
    screen(page, "sync-screen")
    expect(status_box(page)).to_contain_text("Not connected to an agency yet.")
    shot(page, "sync-not-paired")

    type_into(page, "Agency address", agency_hub.url)
    type_into(page, "Pairing code", "WRONG-CODE1")
    tap(page, "Connect")
    expect(see(page, re.compile("That pairing code isn't right"))).to_be_visible()
    shot(page, "wrong-code")
    # The worker compares the agency's key check; told it differs, nothing is kept.
    type_into(page, "Pairing code",
              issue_pairing_code(agency_hub.engine, agency_hub.household_id).code)
    tap(page, "Connect")
    screen(page, "pair-check")
    expect(page.locator('[flt-semantics-identifier="agency-key-check"]')).to_have_accessible_name(
        "Key check: " + spoken_key_check(key_check(agency_hub.engine)))
    shot(page, "agency-key-check")
    tap(page, "They are different")
    expect(see(page, re.compile("the agency's key check did not match"))).to_be_visible()
    expect(status_box(page)).to_contain_text("Not connected to an agency yet.")
    type_into(page, "Pairing code",
              issue_pairing_code(agency_hub.engine, agency_hub.household_id).code)
    tap(page, "Connect")
    screen(page, "pair-check")
    tap(page, "They match: connect")
    expect(status_box(page)).to_contain_text(f"Connected to {AGENCY}.")
    expect(page.locator('[flt-semantics-identifier="agency-sees"]')).to_contain_text(
        "What your agency can see")
    shot(page, "paired")
    assert len(list_devices(agency_hub.engine)) == 2  # the refused one stays unused
    back(page, "sync-screen")
    screen(page, "settings-screen")
    back(page, "settings-screen")
    screen(page, JO.home)

    switch_to(page, SAM)
    tap(page, "How do I feel?")
    screen(page, "checkin-feeling-screen")
    tap(page, "Happy")
    screen(page, "checkin-size-screen")
    tap(page, "A little")
    screen(page, "checkin-extras-screen")
    tap(page, "That's all")
    screen(page, "home-child")
    scroll_to(page, button(page, "A message just for Priya"))
    shot(page, "child-home-paired")

    tap(page, "A message just for Priya")
    screen(page, "worker-message-screen")
    expect(see(page, "Only Priya can read this. Nobody at home can, not even grown-ups.")
           ).to_be_visible()
    shot(page, "message-empty")
    type_into(page, "What do you want to tell Priya?", SECRET)
    shot(page, "message-typed")
    tap(page, "Send to Priya")
    expect(see(page, "Thank you for telling Priya. Your message is sealed up safe.")
           ).to_be_visible()
    stubs = page.locator('[flt-semantics-identifier="message-stubs"]')
    expect(stubs).to_have_accessible_name(
        re.compile(r"Today at \d\d:\d\d · (Sent|Waiting to send)$"))
    expect(page.get_by_text(re.compile("big dog"))).to_have_count(0)
    shot(page, "message-sent")
    back(page, "worker-message-screen")
    screen(page, "home-child")

    switch_to(page, JO)
    expect(card(page, "Our agency")).to_have_accessible_name(
        re.compile("Sent to your agency"))
    tap(page, card(page, "Our agency"))
    screen(page, "sync-screen")
    tap(page, "Sync now")
    expect(status_box(page)).to_contain_text("Everything has been sent.")
    expect(status_box(page)).to_contain_text("Sent to your agency just now.")
    shot(page, "synced")

    with agency_hub.engine.connect() as connection:
        rows = connection.execute(select(records)).all()
    assert "checkins" in {row.collection for row in rows}
    sealed = [row for row in rows if row.sealed]
    assert len(sealed) == 1
    assert all(SECRET.encode() not in bytes(row.body or b"") for row in rows)
    assert all(b"big dog" not in bytes(row.body or b"") for row in rows)
