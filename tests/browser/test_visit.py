"""A home visit in Chromium at phone size (390×844), on the family's phone.

The Taylors' phone is connected to the agency's hub (``homeward hub`` on SQLite, 127.0.0.1).
Priya starts a visit with Jo, Sam and Mia, sees Sam on his own, hands him the phone to tell
her something in pictures (sealed for the agency), writes a note, agrees an action with Jo
and picks the next visit, and ends it, which signs her out. Jo reads what was agreed (never
the note, never what Sam said); after a sync the visit is at the agency, its note opened with
the agency key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import hub_steps
from flutter_page import back, screen, see, tap, type_into
from hub_steps import open_taylors_at_hub, sync_from_home
from playwright.sync_api import Page, expect
from seed import JO, PRIYA, choose, unlock
from servers import ServedApp

from tests.hubkit import AGENCY_PASSPHRASE

Shot = Callable[[Page, str], Path]
# The Taylors' hub and their phone paired to it (module fixtures shared with other tests).
agency = hub_steps.agency
app_data_dir = hub_steps.app_data_dir
NOTE = "Sam showed me his room and his football cards"
SAM_SAYS = "I like it when Mum reads to me"


def part(item: str) -> str:
    """The card of one part of the visit's agenda."""
    return f'[flt-semantics-identifier="visit-{item}"]'


def test_a_worker_runs_a_visit_that_reaches_the_agency(
    served_app: ServedApp, page: Page, shot: Shot, agency: tuple[ServedApp, str]
) -> None:
    unlock(page, served_app.url)
    choose(page, PRIYA)
    tap(page, page.get_by_role("button", name=re.compile("^Start a visit")))
    screen(page, "visit-start-screen")
    shot(page, "start-a-visit")
    tap(page, "Start the visit")
    screen(page, "visit-screen")
    expect(see(page, "Here: Jo, Sam, Mia")).to_be_visible()
    shot(page, "visit-agenda")

    # Sam, on his own: the worker ticks it, and hands him the phone.
    tap(page, page.get_by_role("checkbox", name="I saw Sam on their own"))
    expect(page.get_by_role("checkbox", name="I saw Sam on their own")).to_be_checked()
    tap(page, "Hear from Sam")
    screen(page, "visit-child-screen")
    expect(see(page, re.compile("No one at home can see it"))).to_be_visible()
    tap(page, "Happy")
    type_into(page, "In your own words (you don't have to)", SAM_SAYS)
    shot(page, "sam-tells-priya")
    tap(page, "Give it to Priya")
    screen(page, "visit-screen")
    expect(see(page, re.compile("It is sealed up safe for your worker"))).to_be_visible()

    # A note, an action with Jo, and the next visit.
    type_into(page, "Notes: Each child's voice", NOTE)
    tap(page, page.locator(part("children")).get_by_role("button", name="Save note"))
    type_into(page, "What will happen", "Book the eye test")
    type_into(page, "Who will do it", "Jo")
    tap(page, "Add")
    expect(page.locator(part("actions"))).to_have_accessible_name(
        re.compile("Book the eye test"))
    expect(page.get_by_role("textbox", name="What will happen")).to_have_value("")
    tap(page, page.get_by_role("button", name=re.compile("^In 2 weeks")))
    expect(page.locator(part("next_visit"))).to_have_accessible_name(
        re.compile("Next visit: "))
    shot(page, "visit-actions-and-next")
    tap(page, "End the visit")  # the phone is the family's again: Priya is signed out
    screen(page, "who-screen")
    expect(see(page, re.compile("The visit is saved.*Priya is signed out"))).to_be_visible()

    # Jo reads what was agreed, and nothing of the note or of what Sam said.
    choose(page, JO)
    tap(page, page.get_by_role("button", name=re.compile("^Visits")).first)
    screen(page, "visits-screen")
    expect(see(page, "Seen on their own: Sam")).to_be_visible()
    expect(see(page, "• Book the eye test (Jo)")).to_be_visible()
    expect(page.get_by_text(re.compile("football cards|reads to me"))).to_have_count(0)
    shot(page, "jo-reads-the-visit")
    back(page, "visits-screen")
    screen(page, JO.home)

    # Sync, then the visit is at the agency.
    sync_from_home(page)
    hub, _code = agency
    open_taylors_at_hub(page, hub.url)
    tap(page, page.get_by_role("button", name=re.compile("^Visits")).first)
    screen(page, "hub-visits")
    expect(see(page, "Seen on their own: Sam")).to_be_visible()
    expect(see(page, "Agreed: Book the eye test")).to_be_visible()
    expect(page.get_by_text(NOTE)).to_have_count(0)  # sealed until the agency key opens it
    shot(page, "hub-visit-notes-sealed")
    type_into(page, "Agency passphrase", AGENCY_PASSPHRASE)
    tap(page, "Open the notes")
    expect(see(page, NOTE)).to_be_visible()
    shot(page, "hub-visit-notes-opened")
    assert "Traceback" not in hub.log_text()
