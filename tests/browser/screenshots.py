"""Where the browser journeys keep their screenshots, and taking one once Flutter is still.

The ``shot`` fixture saves ``test-artifacts/screens/<test>/<NN>-<name>.png``; when a test
fails, the ``page`` fixture keeps the page and the server's log in the same folder.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import Page

SCREENS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"


def screens_folder(test_name: str) -> Path:
    """The screenshot folder for one test, with characters unsafe in paths replaced."""
    return SCREENS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)


def settled_screenshot(
    page: Page, *, interval_s: float = 0.2, still_s: float = 0.5, limit_s: float = 6.0
) -> bytes:
    """A screenshot taken once the picture has not changed for ``still_s`` seconds.

    Flutter's semantics tree (what locators wait for) is ready a few frames before the
    canvas is painted (measured: ~0.25 s blank), and transitions animate: waiting for a
    still picture keeps screenshots from catching a blank or half-drawn screen.
    """
    previous = page.screenshot()
    still_since = time.monotonic()
    deadline = still_since + limit_s
    while time.monotonic() < deadline:
        time.sleep(interval_s)
        current = page.screenshot()
        if current != previous:
            previous, still_since = current, time.monotonic()
        elif time.monotonic() - still_since >= still_s:
            break
    return previous
