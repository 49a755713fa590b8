"""Mood check-ins in the browser: a child checks in in three taps, grown-ups see it, and a
child who does not feel safe is shown help while an alert is kept for the worker."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flutter_page import button, screen, scroll_to, see, tap, tap_to, type_into
from playwright.sync_api import Page, expect
from seed import JO, PASSPHRASE, PRIYA, SAM, choose, seed_household, sign_in, switch_to

from app.services.checkins import ALERTS
from app.services.household import HouseholdService
from app.services.safety import safety_for
from app.storage import HouseholdStore

Shot = Callable[[Page, str], Path]


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = seed_household(tmp_path_factory.mktemp("checkin") / "household")
    with HouseholdStore.open(folder, PASSPHRASE) as store:
        household = HouseholdService(store)
        jo, sam = household.members()[:2]
        safety_for(household).add_trusted_adult(jo, sam.id, "Jo", "Mum", "07700 900123")
    return folder


def test_a_child_checks_in_in_three_taps_and_a_parent_responds(
    served_app, page: Page, shot: Shot
) -> None:
    sign_in(page, served_app.url, SAM)
    shot(page, "child-home")
    tap(page, "How do I feel?")
    screen(page, "checkin-feeling-screen")
    expect(see(page, "Your grown-ups and your worker can see this.")).to_be_visible()
    shot(page, "feelings")
    # "Read this to me": the sound is made and handed to the audio player; a tap stops it
    tap(page, "Read this to me")
    tap(page, "Stop reading")
    button(page, "Read this to me").wait_for()
    expect(see(page, re.compile("reading aloud did not work"))).to_have_count(0)
    taps = 0
    tap(page, "Happy")
    taps += 1
    screen(page, "checkin-size-screen")
    shot(page, "how-big")
    tap(page, "A little")
    taps += 1
    screen(page, "checkin-extras-screen")
    shot(page, "extras")
    tap(page, "That's all")
    taps += 1
    screen(page, "home-child")
    assert taps == 3
    expect(see(page, "Thank you for telling us how you feel.")).to_be_visible()

    switch_to(page, JO)
    tap(page, page.get_by_role("button", name=re.compile("^How everyone is feeling")))
    screen(page, "checkins-family-screen")
    expect(page.get_by_text(re.compile("check-ins on 1 days, latest Happy"))).to_have_count(1)
    shot(page, "family-feelings")
    tap(page, "See Sam's feelings")
    screen(page, "checkins-child-screen")
    chart = page.locator('[flt-semantics-identifier="checkins-chart"]')
    expect(chart).to_have_text("How big: 1 check-in, size 2 out of 5")
    type_into(page, "What I did", "We played football")
    tap(page, "Save what I did")
    expect(see(page, "Jo did: We played football")).to_be_visible()
    shot(page, "child-feelings")

    tap(page, "Back")
    screen(page, "checkins-family-screen")
    tap(page, "How am I doing?")
    screen(page, "checkins-carer-screen")
    for question, answer in (("enjoyed", "A little"), ("drained", "Often"),
                             ("worn_out", "Often"), ("rested", "Not at all"),
                             ("supported", "A little")):
        block = page.locator(f'[flt-semantics-identifier="carer-{question}"]')
        tap(page, block.get_by_role("button", name=answer, exact=True))
    shot(page, "carer-questions")
    tap(page, "Save my check-in")
    screen(page, "checkins-carer-result")
    support = page.locator('[flt-semantics-identifier="carer-support"]')
    expect(support).to_contain_text("It sounds like things are hard right now")
    expect(support).to_contain_text("Priya, your worker. You can tell them how you feel.")
    shot(page, "carer-support")

    # Jo locks on this screen: the next person starts at home, not on Jo's answers, and
    # Jo, back again, opens the same screen from home
    tap_to(page, "Lock", "lock-screen")
    tap_to(page, "Unlock", "who-screen")
    choose(page, SAM)  # lands on Sam's home
    switch_to(page, JO)
    tap(page, page.get_by_role("button", name=re.compile("^How everyone is feeling")))
    screen(page, "checkins-family-screen")


def test_a_child_who_does_not_feel_safe_sees_help_and_the_worker_sees_the_alert(
    served_app, page: Page, shot: Shot
) -> None:
    sign_in(page, served_app.url, SAM)
    tap(page, "How do I feel?")
    screen(page, "checkin-feeling-screen")
    tap(page, "Scared")
    screen(page, "checkin-safe-screen")
    expect(see(page, "Do you feel safe right now?")).to_be_visible()
    shot(page, "feel-safe")
    # "No" reaches a screen reader, a switch or a keyboard as one button carrying its name,
    # not as a nameless button holding a named group that takes the focus and the tap
    no = page.locator('flt-semantics[role="button"]').filter(
        has_text=re.compile(r"^No, I need help$"))
    expect(no).to_have_count(1)
    expect(no).to_have_attribute("tabindex", "0")
    expect(no.locator('[role="group"]')).to_have_count(0)
    expect(page.locator('flt-semantics[role="group"][aria-label="No, I need help"]')
           ).to_have_count(0)
    tap(page, "No, I need help")
    screen(page, "safety-help-screen")
    expect(see(page, "Childline")).to_be_visible()
    expect(see(page, "0800 1111")).to_be_visible()
    expect(see(page, "Jo")).to_be_visible()  # Sam's trusted adult, from the safety plan
    shot(page, "help")
    tap(page, "Back")
    screen(page, "home-child")

    switch_to(page, JO)  # nothing of the alert on a parent's home
    expect(page.locator('[flt-semantics-identifier="safety-alerts"]')).to_have_count(0)
    assert "did not feel safe" not in page.content()

    switch_to(page, PRIYA)
    card = page.locator('[flt-semantics-identifier="safety-alerts"]')
    expect(see(page, "Safety alerts")).to_be_visible()
    expect(card).to_have_attribute("aria-label", re.compile("Sam said they did not feel safe."))
    scroll_to(page, card)
    shot(page, "worker-alerts")
    tap(page, page.get_by_role("button", name=re.compile("^I've seen Sam's alert")))
    expect(card).to_have_attribute("aria-label", re.compile("No new safety alerts."))
    shot(page, "worker-alerts-seen")

    tap_to(page, "Lock", "lock-screen")  # the lock screen shows nothing of it either
    expect(page.locator('[flt-semantics-identifier="home-worker"]')).to_have_count(0)
    assert "Safety alerts" not in page.content()
    assert "did not feel safe" not in page.content()
    shot(page, "locked")

    with HouseholdStore.open(served_app.data_dir, PASSPHRASE, read_only=True) as store:
        alerts = store.find(ALERTS)
    assert [(a["source"], a["urgent"], a["synced"]) for a in alerts] == [
        ("checkin", True, False)]
