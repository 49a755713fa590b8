"""Getting the served app ready to test in a page: Flutter started and drawn, semantics on.

Flutter paints on a canvas: text and controls are only in the DOM once semantics are on
(:func:`enable_semantics`). :func:`open_app` does all of it for one address; the
``open_app``, ``wait_for_app`` and ``enable_semantics`` fixtures hand these out so test
modules need no imports. When an exception escapes a handler, Flet paints its error screen
instead of the app; :func:`shows_error_screen` tells it.
"""

from __future__ import annotations

import contextlib

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

APP_READY_TIMEOUT_MS = 30_000
#: What Flet paints instead of the app when an exception escapes a handler.
PAGE_FAILURE_TEXT = "Error running app"


def wait_for_app(page: Page, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    """Wait until Flutter has started and drawn its view (the loading splash is gone)."""
    page.wait_for_selector("flutter-view", state="attached", timeout=timeout_ms)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=timeout_ms)
    page.wait_for_selector("#loading", state="detached", timeout=timeout_ms)


def enable_semantics(page: Page, *, wait: bool = True) -> None:
    """Turn on Flutter's semantics tree so text and controls appear in the DOM."""
    placeholder = page.locator("flt-semantics-placeholder")
    if placeholder.count() > 0:
        placeholder.dispatch_event("click")
    if wait:
        page.wait_for_selector("flt-semantics-host flt-semantics", state="attached")


def open_app(page: Page, url: str, path: str = "/") -> None:
    """Open the served app at ``path``, wait for it, and turn semantics on."""
    response = page.goto(url + path)
    assert response is not None and response.ok, f"GET {path} failed: {response}"
    wait_for_app(page)
    enable_semantics(page)


def shows_error_screen(page: Page) -> bool:
    """True when Flet replaced the app with its error screen."""
    with contextlib.suppress(PlaywrightError):  # a page that never loaded cannot show it
        enable_semantics(page, wait=False)
        if page.get_by_text(PAGE_FAILURE_TEXT).count() > 0:
            return True
        return PAGE_FAILURE_TEXT in page.content()
    return False
