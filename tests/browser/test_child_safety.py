"""A child's safety everywhere a child can be, in Chromium at phone size (390×844).

The Taylors' phone is connected to the agency's hub (``homeward hub`` on SQLite, 127.0.0.1).
Sam, locked out of his pictures, still reaches Childline and 999. Mia rates how safe she
feels a 2: help opens at once, and the worker sees the alert. Mia taps "Please come and talk
to me": the worker opens it at the agency with the agency passphrase. Jo's Settings shows
nothing of either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import hub_steps
from flutter_page import back, screen, scroll_to, see, tap, type_into
from hub_steps import sign_in_at_hub
from playwright.sync_api import Page, expect
from seed import JO, MIA, PRIYA, SAM, switch_to, unlock
from servers import ServedApp

from tests.hubkit import AGENCY_PASSPHRASE

Shot = Callable[[Page, str], Path]
# The Taylors' hub and their phone paired to it (module fixtures shared with other tests).
agency = hub_steps.agency
app_data_dir = hub_steps.app_data_dir
HELP = "Help: Childline and 999"


def unnamed_in_history(page: Page, address: str, entries: int) -> None:
    """The browser's address and history never name a screen a child's alert or words to
    their worker led to: a parent reading the history would learn when (rule 7)."""
    page.wait_for_timeout(500)  # time for an address the app gave the browser to arrive
    assert address not in page.url
    assert page.evaluate("history.length") == entries


def test_help_everywhere_alerts_from_every_sign_and_nothing_at_home_shows_them(
    served_app: ServedApp, page: Page, shot: Shot, agency: tuple[ServedApp, str]
) -> None:
    unlock(page, served_app.url)
    # Sam is locked out of his pictures: help is still one tap away, with no family data.
    tap(page, f"{SAM.name}, {SAM.role_words}")
    screen(page, "pin-screen")
    for attempt in range(5):
        for picture in ("Moon", "Star", "Fish"):  # not Sam's pictures
            tap(page, picture)
        if attempt < 4:  # each wrong try is answered before the next one starts
            expect(see(page, "Oops, not quite! Try again.")).to_be_visible()
            expect(see(page, "0 of 3 pictures chosen")).to_be_visible()
    expect(see(page, re.compile("Let's take a little break"))).to_be_visible()
    shot(page, "sam-locked-out")
    tap(page, HELP)
    screen(page, "public-help-screen")
    expect(see(page, "0800 1111")).to_be_visible()
    expect(see(page, "999").first).to_be_visible()
    expect(page.get_by_text(re.compile("Sam|Taylor"))).to_have_count(0)
    shot(page, "help-from-the-picture-screen")
    tap(page, "Close")
    screen(page, "pin-screen")
    back(page, "pin-screen")

    # Mia rates a 2: help at once, and an alert for the worker.
    tap(page, f"{MIA.name}, {MIA.role_words}")
    for picture in MIA.pictures:
        tap(page, picture)
    screen(page, MIA.home)
    shot(page, "mia-home-strengths-first")
    tap(page, "How safe do I feel?")
    screen(page, "safety-rate-screen")
    expect(see(page, re.compile("Your grown-ups will see it only if you say so"))
           ).to_be_visible()
    tap(page, "2 out of 10")
    shot(page, "mia-rates-2")
    expect(page).to_have_url(re.compile(r"/safety/rate$"))
    entries = page.evaluate("history.length")
    tap(page, "Save my rating")
    screen(page, "safety-help-screen")
    shot(page, "help-after-a-low-rating")
    unnamed_in_history(page, "/safety/help", entries)
    back(page, "safety-help-screen")
    screen(page, MIA.home)

    # "Please come and talk to me", one tap, sealed for the worker.
    expect(page).to_have_url(re.compile(r"/$"))
    entries = page.evaluate("history.length")
    tap(page, "A message just for Priya")
    screen(page, "worker-message-screen")
    unnamed_in_history(page, "/worker-message", entries)
    shot(page, "message-screen-with-one-tap")
    tap(page, "Please come and talk to me, Priya")
    expect(see(page, re.compile("Thank you for telling Priya"))).to_be_visible()
    shot(page, "come-and-talk-sent")
    back(page, "worker-message-screen")
    screen(page, MIA.home)

    # Jo's Settings: nothing of either.
    switch_to(page, JO)
    tap(page, page.get_by_role("button", name=re.compile("^Our agency")).first)
    screen(page, "sync-screen")
    tap(page, "Sync now")
    sees = page.locator('[flt-semantics-identifier="agency-sees"]')
    expect(sees).to_contain_text("What your agency can see")
    expect(sees).not_to_contain_text(re.compile("safe|[Mm]essage|alert"))
    expect(page.locator('[flt-semantics-identifier="sync-status"]')).to_contain_text(
        "Everything has been sent.")
    shot(page, "parent-settings-show-nothing")
    back(page, "sync-screen")
    screen(page, "settings-screen")
    back(page, "settings-screen")
    screen(page, JO.home)

    # The worker, on the family's connected phone, is sent to the agency: anyone at home can
    # add a "worker" here, so the phone lists no alert (rule 7).
    switch_to(page, PRIYA)
    alerts = page.locator('[flt-semantics-identifier="safety-alerts"]')
    expect(alerts).to_have_accessible_name(re.compile("go straight to your agency"))
    expect(alerts).not_to_contain_text("Mia")
    shot(page, "worker-sent-to-the-agency")

    # At the agency, the worker reads the alert and opens Mia's sealed message.
    hub, _code = agency
    sign_in_at_hub(page, hub.url)
    tap(page, page.get_by_role("button", name=re.compile("^The Taylor household")).first)
    screen(page, "hub-household")
    expect(see(page, re.compile("^Mia said they feel very unsafe at home"))).to_be_visible()
    tap(page, page.get_by_role("button", name=re.compile("^Messages for you")).first)
    screen(page, "hub-messages")
    type_into(page, "Agency passphrase", AGENCY_PASSPHRASE)
    tap(page, "Open sealed messages")
    expect(see(page, "Please come and talk to me.")).to_be_visible()
    scroll_to(page, see(page, "Please come and talk to me."))
    shot(page, "worker-opens-come-and-talk")
    assert "Traceback" not in hub.log_text()
