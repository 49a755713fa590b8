"""A child's Three Houses in Chromium at phone size (390×844), through to the agency.

The Taylors' phone is connected to the agency's hub (``homeward hub`` on SQLite, 127.0.0.1).
Sam is told who will see his houses before he adds anything; he puts a picture in each house
and a drawing in the dreams house, shows the good thing to his grown-ups and keeps the worry
and the dream for Priya; a second worry he shows, then takes back. Jo sees only the good thing.
After sync, Priya at the agency opens the kept ones with the agency passphrase and sees
everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import hub_steps
from flutter_page import back, button, screen, scroll_to, see, tap, type_into
from hub_steps import TAYLORS, sign_in_at_hub, sync_from_home
from playwright.sync_api import Locator, Page, expect
from seed import JO, MIA, PRIYA, SAM, sign_in, switch_to
from servers import ServedApp

from tests.hubkit import AGENCY_PASSPHRASE

Shot = Callable[[Page, str], Path]
agency = hub_steps.agency
app_data_dir = hub_steps.app_data_dir
SHOWN = "My dog Biscuit"
TAKEN_BACK = "Shouting at night"


def who_sees(page: Page) -> Locator:
    """The box saying who will see what the child adds."""
    return page.locator('[flt-semantics-identifier="houses-who-sees"]').first


def _draw(page: Page) -> None:
    """A finger stroke across the drawing pad."""
    pad = page.locator('[flt-semantics-identifier="houses-draw-pad"]').first
    scroll_to(page, pad)
    box = pad.bounding_box()
    assert box is not None
    x, y = box["x"], box["y"]
    page.mouse.move(x + 40, y + 50)
    page.mouse.down()
    for step in range(1, 13):
        page.mouse.move(x + 40 + step * 18, y + 50 + (step % 4) * 30, steps=3)
        page.wait_for_timeout(30)
    page.mouse.up()
    page.wait_for_timeout(500)


def _add(page: Page, shot: Shot, add: str, picture: str, *, show: bool, words: str = "",
         drawing: bool = False, name: str = "") -> None:
    tap(page, add)
    screen(page, "houses-add-screen")
    # who will see it, first, before anything can be added
    expect(who_sees(page)).to_have_accessible_name(re.compile("^Priya will see all you put"))
    if name:
        shot(page, f"{name}-who-sees-first")
    tap(page, picture)
    if words:
        type_into(page, "My words", words)
    if drawing:
        _draw(page)
        shot(page, f"{name}-drawing")
    tap(page, "Yes, show them" if show else "No, just for Priya")
    if name:
        scroll_to(page, button(page, "Put it in my house"))
        shot(page, f"{name}-show-my-grown-ups")
    tap(page, "Put it in my house")
    expect(see(page, re.compile("It is in your house!" if show else "Kept safe for Priya"))
           ).to_be_visible()
    tap(page, "Back to my houses")
    screen(page, "houses-screen")


def test_a_child_fills_the_three_houses_the_parent_sees_only_what_is_shown(
    served_app: ServedApp, page: Page, shot: Shot, agency: tuple[ServedApp, str]
) -> None:
    sign_in(page, served_app.url, SAM)
    scroll_to(page, button(page, "My three houses"))
    shot(page, "child-home-houses-card")
    tap(page, "My three houses")
    screen(page, "houses-screen")
    expect(who_sees(page)).to_have_accessible_name(re.compile("^Priya will see all you put"))
    shot(page, "three-houses-empty")
    _add(page, shot, "Add a good thing", "A dog", show=True, words=SHOWN, name="good")
    _add(page, shot, "Add a worry", "Scared", show=False)
    _add(page, shot, "Add a dream", "My family", show=False, drawing=True, name="dream")
    # A worry shown, then taken back: it goes from the house and is kept for Priya.
    _add(page, shot, "Add a worry", "Sad", show=True, words=TAKEN_BACK)
    worries = page.locator('[flt-semantics-identifier="house-worries"]').first
    tap(page, worries.get_by_role("button", name="Take it back").first)
    screen(page, "houses-take-back-screen")
    expect(see(page, re.compile("Priya will still see it, so nothing is lost"))).to_be_visible()
    shot(page, "take-back-what-happens")
    tap(page, "Yes, take it back")
    screen(page, "houses-screen")
    expect(see(page, "Done. Only Priya can see it now.")).to_be_visible()
    expect(page.locator("flt-semantics-host")).not_to_contain_text(TAKEN_BACK)
    expect(page.locator('[flt-semantics-identifier="house-good"]').first
           ).to_have_accessible_name(re.compile(SHOWN))
    shot(page, "three-houses-after")
    tap(page, "What I want my meeting to know")
    screen(page, "houses-meeting-screen")
    type_into(page, "What I want them to know", "I like living with Mum")
    tap(page, "Home")
    tap(page, "Send it to my meeting")
    expect(see(page, "Thank you. Your meeting will hear it.")).to_be_visible()
    shot(page, "meeting-words")
    back(page, "houses-meeting-screen")
    screen(page, "houses-screen")
    back(page, "houses-screen")
    screen(page, SAM.home)

    switch_to(page, JO)
    tap(page, page.get_by_role("button", name=re.compile("^Three houses")).first)
    screen(page, "houses-family-screen")
    button(page, "Look back at Sam's houses").wait_for()
    shown = page.locator("flt-semantics-host").aria_snapshot()
    assert SHOWN in shown and "I like living with Mum" in shown, shown
    for hidden in ("Scared", "Worries", "Dreams", "A drawing", "Kept safe", TAKEN_BACK):
        assert hidden not in shown, hidden
    shot(page, "parent-sees-only-the-good-thing")
    tap(page, "Look back at Sam's houses")
    screen(page, "houses-history-screen")
    shot(page, "parent-looks-back")
    back(page, "houses-history-screen")
    screen(page, "houses-family-screen")
    back(page, "houses-family-screen")
    screen(page, JO.home)
    sync_from_home(page)

    hub, _code = agency
    sign_in_at_hub(page, hub.url)
    # What Sam kept waits at the top of the caseload until someone opens it.
    expect(page.locator("flt-semantics-host")).to_contain_text(
        "3 sealed notes for the worker, the newest")
    shot(page, "worker-caseload-words-waiting")
    tap(page, page.get_by_role("button", name=re.compile(f"^{TAYLORS}")).first)
    screen(page, "hub-household")
    houses_tile = page.get_by_role("button", name=re.compile("^Three houses")).first
    expect(houses_tile).to_have_accessible_name(
        re.compile("3 things kept for you, not opened yet"))
    shot(page, "worker-household-words-waiting")
    tap(page, houses_tile)
    screen(page, "hub-houses")
    expect(see(page, "3 things are kept for you, sealed.")).to_be_visible()
    type_into(page, "Agency passphrase", AGENCY_PASSPHRASE)
    tap(page, "Open their houses")
    expect(page.locator("flt-semantics-host")).to_contain_text("Kept for the worker")
    everything = page.locator("flt-semantics-host").aria_snapshot()
    for seen in (SHOWN, "Scared", "My family", "Worries", "Dreams", "A drawing",
                 "Kept for the worker", "Shown to the family", "I like living with Mum",
                 TAKEN_BACK, "then taken back on"):
        assert seen in everything, seen
    shot(page, "worker-sees-everything")
    back(page, "hub-houses")
    screen(page, "hub-household")
    tap(page, page.get_by_role("button", name=re.compile("^Timeline")).first)
    screen(page, "hub-timeline")
    expect(see(page, "Sam showed 1 thing in their three houses")).to_be_visible()
    expect(see(page, "3 things kept for the worker in the three houses arrived, sealed")
           ).to_be_visible()
    shot(page, "worker-timeline-houses")
    assert "Traceback" not in hub.log_text()


def test_the_worker_on_the_family_phone_turns_a_dream_into_a_plan_step(
    served_app: ServedApp, page: Page, shot: Shot
) -> None:
    sign_in(page, served_app.url, MIA)
    tap(page, "My three houses")
    screen(page, "houses-screen")
    tap(page, "Add a dream")
    screen(page, "houses-add-screen")
    tap(page, "The park")
    type_into(page, "My words", "Picnics in the park with everyone")
    tap(page, "Yes, show them")
    tap(page, "Put it in my house")
    expect(see(page, re.compile("It is in your house!"))).to_be_visible()
    tap(page, "Back to my houses")
    screen(page, "houses-screen")
    tap(page, "Look back")
    screen(page, "houses-history-screen")
    shot(page, "child-looks-back")
    back(page, "houses-history-screen")
    screen(page, "houses-screen")
    back(page, "houses-screen")
    screen(page, MIA.home)

    switch_to(page, PRIYA)
    tap(page, page.get_by_role("button", name=re.compile("^Three houses")).first)
    screen(page, "houses-family-screen")
    tap(page, "Look back at Mia's houses")
    screen(page, "houses-history-screen")
    tap(page, "Make it a safety plan step")
    type_into(page, "What needs to happen?", "A family picnic once a month")
    shot(page, "worker-makes-a-plan-step")
    tap(page, "Add to the safety plan")
    expect(see(page, "Added to the safety plan, with Mia's words.")).to_be_visible()
    shot(page, "worker-step-added")
