"""The worker UI at a desk, in Chromium at 1280×800, served by ``homeward hub`` on 127.0.0.1.

Two families' phones have synced through the real protocol, and the Okafors' tablet has sent
their work with the agency: strengths, a ritual, carers' check-ins, visits and four monthly
reviews. The worker signs in at a desk: the caseload stays on the left while she reads the
Okafors beside it, looks at their reviews month on month, and prints a review and a case
summary, which download as PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flutter_page import screen, see, tap, type_into
from flutter_start import APP_READY_TIMEOUT_MS
from hub_seed import (
    ALERTED,
    GOAL,
    SAFETY_LOWEST,
    SETTLED,
    VISIT_ACTION,
    lowest_at_agency,
    prepare_hub,
    seed_families,
    seed_programme,
    utc_now,
)
from hub_steps import sign_in_at_hub
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from servers import ServedApp, running_hub

from app.hub.worker.words import month_words
from tests.hubkit import AGENCY_PASSPHRASE

Shot = Callable[[Page, str], Path]
DESK_VIEWPORT = {"width": 1280, "height": 800}
MONTHS: list[str] = []
SEEDED_AT: list[datetime] = []


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """The agency's hub (SQLite) with two families' records, the Okafors' programme too."""
    folder = tmp_path_factory.mktemp("hub")
    plan = prepare_hub(folder)
    with running_hub(folder, plan.database_url) as hub:
        now = utc_now()
        SEEDED_AT[:] = [now]
        seed_families(plan.database_url, hub.url, plan, now)
        MONTHS[:] = seed_programme(plan.database_url, hub.url, plan, now)
        yield hub


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A desk-sized browser context (the harness's ``page`` keeps its foreign-host guard)."""
    ctx = browser.new_context(viewport=DESK_VIEWPORT, locale="en-GB", service_workers="block",
                              device_scale_factor=1, accept_downloads=True)
    ctx.set_default_timeout(APP_READY_TIMEOUT_MS)
    yield ctx
    ctx.close()


def part(page: Page, identifier: str) -> Locator:
    """The part of the page with this semantics identifier."""
    return page.locator(f'[flt-semantics-identifier="{identifier}"]').first


def tile(page: Page, start: str) -> Locator:
    """A caseload row or household tile whose accessible name starts with ``start``."""
    return page.get_by_role("button", name=re.compile("^" + re.escape(start))).first


def wheel_to(page: Page, target: Locator) -> None:
    """Wheel the right-hand pane until ``target`` is wholly on screen.

    The harness's ``scroll_to`` wheels at the left edge, which at a desk is the caseload: the
    household beside it scrolls only under the mouse. Off-screen parts may have no box yet.
    """
    page.mouse.move(DESK_VIEWPORT["width"] * 2 / 3, DESK_VIEWPORT["height"] / 2)
    for _ in range(25):
        box = target.bounding_box() if target.count() else None
        if box is not None and box["height"] > 0:
            top, bottom = box["y"], box["y"] + box["height"]
            if top >= 0 and bottom <= DESK_VIEWPORT["height"]:
                return
            delta = top - 200 if top < 0 else bottom - DESK_VIEWPORT["height"] + 120
        else:
            delta = 300
        page.mouse.wheel(0, delta)
        page.wait_for_timeout(250)
    raise AssertionError(f"could not wheel {target} into view")


def downloaded(page: Page, button: Locator) -> bytes:
    """Tap a print button and return the file the browser downloaded."""
    wheel_to(page, button)
    with page.expect_download() as arrived:
        tap(page, button)
    path = arrived.value.path()
    assert arrived.value.suggested_filename.endswith(".pdf")
    return Path(path).read_bytes()


def test_a_worker_at_a_desk_reads_a_family_beside_the_caseload_and_prints(
    served_app: ServedApp, page: Page, shot: Shot
) -> None:
    sign_in_at_hub(page, served_app.url)
    expect(part(page, "hub-desk-welcome")).to_be_attached()
    top = part(page, "caseload-0").get_by_role("button")
    expect(top).to_have_accessible_name(re.compile(
        f"^{ALERTED}.*Safety alert 10 minutes ago.*check-ins in the last 7 days", re.S))
    expect(part(page, "caseload-1").get_by_role("button")).to_have_accessible_name(
        re.compile(f"^{SETTLED}.*Review due: no monthly review yet", re.S))
    shot(page, "desk-caseload")

    tap(page, tile(page, ALERTED))
    screen(page, "hub-household")
    expect(part(page, "hub-caseload")).to_be_attached()  # still there, beside
    for box in (part(page, "hub-caseload"), part(page, "hub-household")):
        assert box.bounding_box() is not None
    caseload_box, household_box = (part(page, i).bounding_box()
                                   for i in ("hub-caseload", "hub-household"))
    assert caseload_box and household_box and caseload_box["x"] < household_box["x"]
    expect(see(page, re.compile("^Tolu said they don't feel safe"))).to_be_visible()
    expect(see(page, "Going well")).to_be_visible()
    shot(page, "desk-household")
    wheel_to(page, tile(page, "Monthly reviews"))
    shot(page, "desk-household-parts")

    wheel_to(page, tile(page, "Visits"))
    tap(page, tile(page, "Visits"))
    screen(page, "hub-visits")
    expect(see(page, "Seen on their own: Tolu")).to_be_visible()
    expect(see(page, f"Agreed: {VISIT_ACTION}")).to_be_attached()
    shot(page, "desk-visits-sealed")
    type_into(page, "Agency passphrase", AGENCY_PASSPHRASE)
    tap(page, "Open the notes")
    expect(see(page, "Tolu showed me the garden")).to_be_visible()
    shot(page, "desk-visits-notes-opened")
    tap(page, "Back")
    screen(page, "hub-household")

    wheel_to(page, tile(page, "Monthly reviews"))
    tap(page, tile(page, "Monthly reviews"))
    screen(page, "hub-reviews")
    first, last = month_words(MONTHS[0]), month_words(MONTHS[-1])
    low_first, low_last = (lowest_at_agency(MONTHS[n], SAFETY_LOWEST[n], SEEDED_AT[0])
                           for n in (0, -1))
    expect(part(page, "hub-review-chart")).to_have_text(
        f"Monthly reviews, 4 months from {first} to {last}: {GOAL} from 3 to 8; "
        f"Safety scale (lowest rating) from {low_first} to {low_last}.")
    shot(page, "desk-reviews-chart")
    review = downloaded(page, page.get_by_role("button", name=f"Print this review: {last}"))
    assert review.startswith(b"%PDF")
    expect(see(page, re.compile("^Your report is downloading"))).to_be_visible()
    shot(page, "desk-review-printed")
    tap(page, "Back")
    screen(page, "hub-household")

    wheel_to(page, page.get_by_role("button", name="Print a case summary", exact=True))
    shot(page, "desk-print-summary")
    summary = downloaded(page, page.get_by_role("button", name="Print a case summary",
                                                exact=True))
    assert summary.startswith(b"%PDF")
    screen(page, "hub-household")  # the page stayed where it was

    wheel_to(page, tile(page, "Timeline"))
    tap(page, tile(page, "Timeline"))
    screen(page, "hub-timeline")
    type_into(page, "From", "not a date")
    tap(page, "Show these dates")
    expect(see(page, re.compile("^Please write each date as day/month/year"))).to_be_visible()
    shot(page, "desk-timeline-filter")
