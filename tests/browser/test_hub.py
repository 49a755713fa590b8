"""The worker UI in Chromium at phone size, served by ``homeward hub`` on 127.0.0.1.

Two families' phones have synced through the real protocol: the Okafors' child raised a safety
alert and sent a message sealed to the agency; the Adams have nothing pressing. The worker
signs in, finds the Okafors at the top of the caseload, marks the alert seen and opens the
sealed message with the agency passphrase.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flutter_page import button, screen, scroll_to, see, steady_box, tap, type_into
from hub_seed import (
    ALERTED,
    CHILD_WORDS,
    SETTLED,
    WORKER,
    prepare_hub,
    seed_families,
    utc_now,
)
from hub_steps import sign_in_at_hub
from PIL import Image
from playwright.sync_api import FloatRect, Locator, Page, expect
from servers import ServedApp, running_hub
from sqlalchemy import select, update
from text_fit import problems_on_screen, to_the_foot

from app.hub.db import open_database, records, workers
from tests.hubkit import AGENCY_PASSPHRASE

Shot = Callable[[Page, str], Path]
START_TIMEOUT = 30.0


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """The agency's hub (SQLite), with two families' records already synced to it."""
    folder = tmp_path_factory.mktemp("hub")
    plan = prepare_hub(folder)
    with running_hub(folder, plan.database_url) as hub:
        seed_families(plan.database_url, hub.url, plan, utc_now())
        yield hub


#: The household's section pages a worker reads on her phone: (address, screen identifier).
ALARM = re.compile("^Tolu said they don't feel safe")
PARTS = [("checkins", "hub-checkins"), ("safety", "hub-safety"),
         ("timeline", "hub-timeline"), ("messages", "hub-messages")]


def go_to(page: Page, path: str) -> None:
    """Go to ``path`` the way the browser's own history does (as a link in the page would)."""
    page.evaluate("path => { history.pushState(null, '', path);"
                  " window.dispatchEvent(new PopStateEvent('popstate')); }", path)


def tile(page: Page, start: str) -> Locator:
    """A caseload row or household tile whose accessible name starts with ``start``."""
    return page.get_by_role("button", name=re.compile("^" + re.escape(start))).first


def row(page: Page, index: int) -> Locator:
    """The caseload's row at ``index`` (0 is the top)."""
    return page.locator(f'[flt-semantics-identifier="caseload-{index}"]')


def test_at_200_percent_the_household_and_its_parts_fit_a_phone(
    served_app: ServedApp, page: Page, shot: Shot
) -> None:
    """A worker with low vision: her words at 200%, every page fits the phone's width and
    nothing she taps lies on another. Runs before the alert is marked seen (the next test),
    and puts her text size back after."""
    sign_in_at_hub(page, served_app.url)
    tap(page, "Text size 200%")
    found: list[str] = []
    try:
        found += [f"caseload: {p}" for p in problems_on_screen(page)]
        shot(page, "caseload")
        tap(page, tile(page, ALERTED))
        screen(page, "hub-household")
        shot(page, "household")
        # the name has a line of its own, so it breaks between words; the alert's words run
        # the card's width, with "Mark as seen" under them
        name, alert = see(page, ALERTED).bounding_box(), see(page, ALARM).bounding_box()
        assert name is not None and name["x"] < 40, name
        assert alert is not None and alert["width"] > 250, alert
        found += [f"household: {p}" for p in problems_on_screen(page)]
        if to_the_foot(page):
            shot(page, "household-foot")
            found += [f"household (foot): {p}" for p in problems_on_screen(page)]
        household = urlsplit(page.url).path.rstrip("/")
        for part, identifier in PARTS:
            go_to(page, f"{household}/{part}")
            screen(page, identifier)
            shot(page, identifier)
            found += [f"{identifier}: {p}" for p in problems_on_screen(page)]
            if to_the_foot(page):
                shot(page, identifier + "-foot")
                found += [f"{identifier} (foot): {p}" for p in problems_on_screen(page)]
    finally:  # her choice is kept with her account: the module's other tests read at 100%
        engine = open_database(f"sqlite:///{served_app.data_dir / 'hub.sqlite3'}")
        try:
            with engine.begin() as connection:
                connection.execute(update(workers).where(workers.c.username == WORKER[1])
                                   .values(text_scale=None))
        finally:
            engine.dispose()
    assert not found, "\n".join(found)


def test_worker_sees_the_alert_first_marks_it_seen_and_opens_the_sealed_message(
    served_app: ServedApp, page: Page, shot: Shot, wait_for_app: Callable[..., None]
) -> None:
    page.goto(served_app.url + "/")
    wait_for_app(page)
    sign_in_at_hub(page, served_app.url, shot)
    top = row(page, 0).get_by_role("button")
    expect(top).to_have_accessible_name(re.compile(f"^{ALERTED}.*Safety alert 10 minutes ago",
                                                   re.S))
    expect(row(page, 1).get_by_role("button")).to_have_accessible_name(re.compile(f"^{SETTLED}"))
    shot(page, "caseload")

    tap(page, tile(page, ALERTED))
    screen(page, "hub-household")
    expect(see(page, re.compile("^Tolu said they don't feel safe"))).to_be_visible()
    shot(page, "household-with-alert")
    tap(page, "Mark as seen: Tolu said they don't feel safe")
    expect(see(page, "1 earlier alert, already seen.")).to_be_visible()
    shot(page, "alert-seen")

    tap(page, tile(page, "Messages for you"))
    screen(page, "hub-messages")
    expect(see(page, "1 sealed message is waiting.")).to_be_visible()
    type_into(page, "Agency passphrase", "not the passphrase")
    tap(page, "Open sealed messages")
    expect(see(page, re.compile("That passphrase doesn't open the messages"))).to_be_visible()
    shot(page, "wrong-passphrase")
    type_into(page, "Agency passphrase", AGENCY_PASSPHRASE)
    tap(page, "Open sealed messages")
    expect(see(page, CHILD_WORDS)).to_be_visible()
    expect(see(page, "From Tolu (child)")).to_be_visible()
    shot(page, "sealed-message-opened")

    engine = open_database(f"sqlite:///{served_app.data_dir / 'hub.sqlite3'}")
    try:
        with engine.connect() as connection:
            seen = connection.execute(select(records.c.author).where(
                records.c.collection == "safety_alerts_seen")).scalars().all()
    finally:
        engine.dispose()
    assert len(seen) == 1 and seen[0].startswith("agency:")


def test_worker_reviews_the_safety_plan_and_check_ins_on_a_phone(
    served_app: ServedApp, page: Page, shot: Shot
) -> None:
    sign_in_at_hub(page, served_app.url)
    tap(page, tile(page, ALERTED))
    screen(page, "hub-household")
    tap(page, tile(page, "Timeline"))
    screen(page, "hub-timeline")
    expect(see(page, re.compile("^Tolu said they don't feel safe"))).to_be_visible()
    shot(page, "timeline")
    tap(page, "Back")
    screen(page, "hub-household")
    tap(page, tile(page, "Check-ins"))
    screen(page, "hub-checkins")
    chart = page.locator('[flt-semantics-identifier="hub-checkin-chart"]')
    expect(chart).to_have_text(re.compile(r"^Check-ins in the last two weeks: 5\."))
    shot(page, "check-ins")
    tap(page, "Back")
    screen(page, "hub-household")
    tap(page, tile(page, "Safety plan and scale"))
    screen(page, "hub-safety")
    expect(see(page, re.compile("^Arguments at bedtime"))).to_be_visible()
    shot(page, "safety-plan")
    type_into(page, "New bottom line", "Ade does not drink when the children are home")
    type_into(page, "Why this bottom line? (the family will read this)",
              "Agreed at the review on 2 December")
    tap(page, "Add bottom line")
    expect(see(page, re.compile("^Ade does not drink when the children are home"))).to_be_visible()
    scale = page.locator('[flt-semantics-identifier="hub-scale-chart"]')
    shot(page, "safety-plan-bottom-line-added")
    scroll_to(page, scale)
    expect(scale).to_have_text("Safety scale: 2 ratings, latest 4 from Ade")
    shot(page, "safety-scale")
    tap(page, "Back")
    screen(page, "hub-household")
    tap(page, tile(page, "Edits to settle"))
    screen(page, "hub-conflicts")
    expect(see(page, "The safety plan: two versions")).to_be_visible()
    expect(see(page, "• Working well: Walks to the park on Sunday (only in this version)")
           ).to_be_visible()
    shot(page, "conflict")
    tap(page, "Use the family's version")
    expect(see(page, "Nothing to settle.")).to_be_visible()
    shot(page, "conflict-settled")
    tap(page, "Sign out")
    screen(page, "hub-sign-in")


def _ring_pixels(picture: bytes, box: FloatRect) -> int:
    """How many pixels at and just outside a control's edge are the focus ring's near-black."""
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    left, top = int(box["x"]) - 4, int(box["y"]) - 4
    right, bottom = int(box["x"] + box["width"]) + 4, int(box["y"] + box["height"]) + 4
    edge = [(x, y) for x in range(left, right) for y in range(top, bottom)
            if min(x - left, right - 1 - x, y - top, bottom - 1 - y) < 8]
    # the ring is drawn under the button's own 10% focus tint: #0D1214 shows as about #262A2C
    return sum(1 for x, y in edge if max(image.getpixel((x, y))) < 64)  # type: ignore[arg-type]


def test_tab_shows_a_ring_round_the_focused_button(
    served_app: ServedApp, page: Page, shot: Shot
) -> None:
    """A worker who uses the keyboard sees where it is: a dark ring round "Sign in"."""
    page.goto(served_app.url + "/")
    page.wait_for_selector("flt-semantics-placeholder", state="attached")
    page.locator("flt-semantics-placeholder").dispatch_event("click")
    screen(page, "hub-sign-in")
    sign_in = button(page, "Sign in")
    box = steady_box(page, sign_in)
    before = _ring_pixels(page.screenshot(), box)
    type_into(page, "Password", WORKER[2])
    focused = "() => (document.activeElement?.getAttribute('aria-label') || " \
              "document.activeElement?.textContent || '').trim()"
    for _ in range(8):  # from the password box, past its Show button, to Sign in
        was = page.evaluate(focused)
        page.keyboard.press("Tab")
        for _ in range(20):  # Flutter moves focus on its own frame: wait for it
            if page.evaluate(focused) != was:
                break
            page.wait_for_timeout(100)
        if page.evaluate(focused) == "Sign in":
            break
    assert page.evaluate(focused) == "Sign in"
    after = 0
    for _ in range(20):  # the ring is painted a frame or two after focus arrives
        after = _ring_pixels(page.screenshot(), box)
        if after > before + 2 * (box["width"] + box["height"]):
            break
        page.wait_for_timeout(250)
    shot(page, "sign-in-focused")
    assert after > before + 2 * (box["width"] + box["height"]), (before, after)
