"""Where the browser journeys keep their screenshots, and taking one once Flutter is still.

The ``shot`` fixture saves ``test-artifacts/screens/<test>/<NN>-<name>.png``; when a test
fails, the ``page`` fixture keeps the page and the server's log in the same folder.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from PIL import Image, ImageChops
from playwright.sync_api import Page

SCREENS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"


def screens_folder(test_name: str) -> Path:
    """The screenshot folder for one test, with characters unsafe in paths replaced."""
    return SCREENS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)


#: A change no wider than this and no taller than that is a text field's blinking caret
#: (2 px wide, a line high even at 200% text), not the screen still moving.
CARET_MAX_WIDTH = 6
CARET_MAX_HEIGHT = 90


def _same_picture(before: bytes, after: bytes) -> bool:
    """True if two screenshots differ at most by a blinking caret."""
    if before == after:
        return True
    with Image.open(io.BytesIO(before)) as a, Image.open(io.BytesIO(after)) as b:
        if a.size != b.size:
            return False
        box = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox()
    if box is None:
        return True
    left, top, right, bottom = box
    return right - left <= CARET_MAX_WIDTH and bottom - top <= CARET_MAX_HEIGHT


def settled_screenshot(
    page: Page, *, interval_s: float = 0.1, still_s: float = 0.4, limit_s: float = 6.0
) -> bytes:
    """A screenshot taken once the picture has not changed for ``still_s`` seconds.

    Flutter's semantics tree (what locators wait for) is ready a few frames before the
    canvas is painted (measured: ~0.25 s blank), and transitions animate: waiting for a
    still picture keeps screenshots from catching a blank or half-drawn screen. A blinking
    caret does not count as change: a screen with a focused field would otherwise never be
    still, and each such screenshot waited out ``limit_s``.
    """
    previous = page.screenshot()
    still_since = time.monotonic()
    deadline = still_since + limit_s
    while time.monotonic() < deadline:
        time.sleep(interval_s)
        current = page.screenshot()
        if not _same_picture(previous, current):
            still_since = time.monotonic()
        elif time.monotonic() - still_since >= still_s:
            return current
        previous = current
    return previous
