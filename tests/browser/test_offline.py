"""When the server cannot be reached: Homeward's service worker shows the offline page.

A family opens Homeward, the server goes away (the laptop sleeps, the phone loses the home
network), and someone opens it again: instead of a blank page they see "Homeward can't be
reached right now. Nothing is lost." and the help lines, with nothing of the family on it;
when the server is back the page brings the app back by itself. The worker keeps the offline
page and nothing else: never a page of the app or anything of the family.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flutter_page import screen
from flutter_start import wait_for_app
from phone_browser import VIEWPORT
from playwright.sync_api import Browser, BrowserContext, Page, expect
from seed import HOUSEHOLD, JO, MIA, PASSPHRASE, SAM, seed_household, sign_in
from servers import start_server

from app.i18n import t
from app.services.household import HouseholdService
from app.storage import HouseholdStore
from tests.hubkit import free_port

Shot = Callable[[Page, str], Path]


@pytest.fixture
def installed(browser: Browser) -> Iterator[BrowserContext]:
    """A phone-sized profile that lets the service worker run (the others block it)."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", service_workers="allow")
    context.set_default_timeout(60_000)
    yield context
    context.close()


def _kept_paths(page: Page) -> list[str]:
    return page.evaluate("""async () => {
        const kept = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                kept.push(new URL(request.url).pathname);
            }
        }
        return kept;
    }""")


def test_the_offline_page_shows_help_and_nothing_of_the_family_then_the_app_returns(
    installed: BrowserContext, tmp_path: Path, shot: Shot
) -> None:
    folder = seed_household(tmp_path / "household")
    with HouseholdStore.open(folder, PASSPHRASE) as store:
        household = HouseholdService(store)
        jo, _sam, mia = household.members()[:3]
        household.set_language(jo, mia.id, "cy-GB")
    port = free_port()
    page = installed.new_page()
    with start_server(folder, tmp_path / "first.log", port=port) as served:
        sign_in(page, served.url, SAM)
        assert page.evaluate(
            "navigator.serviceWorker.ready.then(r => r.active.scriptURL)"
        ).endswith("/service-worker.js")
        session = installed.new_cdp_session(page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # A test profile is a private one, which Chromium never installs from; nothing else.
        assert [error["errorId"] for error in errors if error["errorId"] != "in-incognito"] == []
        page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.reload()
    expect(page.get_by_role("heading", name="Homeward can't be reached right now.")).to_be_visible()
    for line in ("Nothing is lost.", "0800 1111", "080880 23456", "999", "Childline", "Meic"):
        expect(page.get_by_text(line, exact=False).first).to_be_visible()
    shot(page, "offline-page")
    words = page.locator("body").inner_text()
    for family in (HOUSEHOLD, "Taylor", SAM.name, JO.name):
        assert family not in words
    assert page.get_by_role("link", name="0800 1111").get_attribute("href") == "tel:08001111"

    assert _kept_paths(page) == ["/offline.html"]

    with start_server(folder, tmp_path / "again.log", port=port) as again:
        # The offline page notices the server is back and reloads into the app.
        wait_for_app(page, timeout_ms=60_000)
        page.locator("flt-semantics-placeholder").dispatch_event("click")
        screen(page, "passphrase-screen")
        shot(page, "back-again")
        # Mia uses Welsh: the browser keeps the language of whoever last used the tab
        sign_in(page, again.url, MIA)
        page.wait_for_function(
            "localStorage.getItem('flutter.homeward.language') === JSON.stringify('cy-GB')")

    page.reload()
    expect(page.get_by_role("heading", name=t("web.offline.title", language="cy-GB"))
           ).to_be_visible()
    expect(page.get_by_text("080880 23456").first).to_be_visible()
    assert MIA.name not in page.locator("body").inner_text()
    shot(page, "offline-page-welsh")
