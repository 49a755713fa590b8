"""Acting on a Flutter web page the way a person does: scroll to it, tap it, type.

Flutter paints on a canvas and mirrors it as a semantics tree in the DOM. Playwright's
own scrolling moves the DOM mirror but not the painted page, so a tap on something below
the fold would land on whatever is painted there. These helpers scroll the painted page
with the mouse wheel until the target is on screen, then tap its middle.
"""

from __future__ import annotations

import contextlib
import re
import time

from playwright.sync_api import FloatRect, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def button(page: Page, name: str) -> Locator:
    """The button whose accessible name is exactly ``name``."""
    return page.get_by_role("button", name=name, exact=True)


def see(page: Page, text: str | re.Pattern[str]) -> Locator:
    """Text on screen (not Flutter's copy of it for screen-reader announcements)."""
    return page.locator("flt-semantics-host").get_by_text(text, exact=isinstance(text, str)).first


def screen(page: Page, identifier: str) -> None:
    """Wait until the screen with this semantics identifier is showing.

    Raises:
        AssertionError: it never came; says which screens are showing and what they say, so a
            failure on a machine nobody can watch tells why.
    """
    try:
        page.locator(f'[flt-semantics-identifier="{identifier}"]').first.wait_for(
            state="attached")
    except PlaywrightTimeout as exc:
        raise AssertionError(f"{identifier!r} never came; {showing(page)}") from exc


def showing(page: Page) -> str:
    """The screens on the page and the words on them, for a failure's message."""
    shown = page.eval_on_selector_all(
        "[flt-semantics-identifier]",
        "nodes => nodes.map(n => n.getAttribute('flt-semantics-identifier'))")
    words = page.eval_on_selector_all(
        "flt-semantics-host [aria-label], flt-semantics-host span,"
        " flt-semantics-host [role=button]",
        "nodes => nodes.map(n => n.getAttribute('aria-label') || n.textContent)"
        ".filter(w => w && w.trim())")
    return f"the page shows {shown}, saying {words[:40]}"


def _visible_bottom(page: Page, height: float) -> float:
    """Where the screen's scrolling part ends: above the help bar at the foot of the app."""
    bar = page.locator('[flt-semantics-identifier="help-bar"]')
    box = bar.first.bounding_box() if bar.count() else None
    return min(height, box["y"]) if box else height


def scroll_to(page: Page, target: Locator) -> None:
    """Wheel the painted page until ``target`` is wholly inside the viewport (above the help
    bar, which stays at the foot of every screen)."""
    height = (page.viewport_size or {"height": 844})["height"]
    last_y = None
    for _ in range(20):
        target.wait_for(state="attached")
        box = target.bounding_box()
        if box is None:  # replaced mid-redraw (a background sync refreshes the screen)
            page.wait_for_timeout(250)
            box = target.bounding_box()
        assert box is not None, f"{target} has no size"
        top, bottom = box["y"], box["y"] + box["height"]
        limit = _visible_bottom(page, height)
        if top >= limit:  # the help bar itself (or something in it) is always in view
            limit = height
        if top >= 0 and bottom <= limit:
            return
        if box["y"] == last_y:
            break  # the page scrolls no further
        last_y = box["y"]
        delta = top - height / 3 if top < 0 else bottom - height * 2 / 3
        page.mouse.move(20, height / 2)
        page.mouse.wheel(0, delta)
        page.wait_for_timeout(250)
    raise AssertionError(f"could not scroll {target} into view")


def tap(page: Page, target: Locator | str) -> None:
    """Scroll to and tap a button (by name) or any locator."""
    locator = button(page, target) if isinstance(target, str) else target
    locator.wait_for(state="attached")
    expect(locator).to_be_enabled()
    scroll_to(page, locator)
    box = steady_box(page, locator)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def tap_to(page: Page, target: Locator | str, identifier: str) -> None:
    """Tap a button that leads to the screen ``identifier`` and wait for that screen.

    Only for taps that are safe to repeat (Lock, Back, a form's Next). Flutter can leave the
    accessibility tree's positions stale for a moment after a change scrolls the page, so a
    tap at the button's reported place can miss it. If the screen has not come and the button
    is still there to press (not busy, not gone), it is activated once more the way a screen
    reader does (a click event on the button itself), and at last tapped once more.
    """
    locator = button(page, target) if isinstance(target, str) else target
    wanted = page.locator(f'[flt-semantics-identifier="{identifier}"]').first
    tap(page, locator)
    # Seen now and then on a loaded machine just after a notice slid in above the screen:
    # neither activation arrived. A person would tap again; so does the test.
    for again in (_activate, tap):
        if _arrives(wanted, 8000):
            return
        if _still_pressable(locator):
            again(page, locator)
    if not _arrives(wanted, 30000):  # say where the page is instead, to tell why
        raise AssertionError(f"{identifier!r} never came; {showing(page)}")


def _arrives(wanted: Locator, timeout: float) -> bool:
    try:
        wanted.wait_for(state="attached", timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def _still_pressable(locator: Locator) -> bool:
    """The button is still on the page and can be pressed: the tap never arrived (a button
    that says it is busy, or has gone, is working on it)."""
    try:
        return locator.count() > 0 and locator.first.is_enabled(timeout=1000)
    except PlaywrightTimeout:
        return False


def _activate(page: Page, locator: Locator) -> None:
    """Press the button as a screen reader does: a click event on the element itself."""
    with contextlib.suppress(PlaywrightTimeout):  # gone the moment before: it was pressed
        locator.dispatch_event("click", timeout=5000)


def steady_box(page: Page, target: Locator) -> FloatRect:
    """The target's box once it has stopped moving.

    A notice sliding in above the screen, or a list growing, moves everything below it a
    moment after the tree is ready; tapping the old place would hit something else.
    """
    box = target.bounding_box()
    for _ in range(20):
        page.wait_for_timeout(120)
        again = target.bounding_box()
        if again == box and box is not None:
            return box
        box = again
    assert box is not None, f"{target} has no size"
    return box


def type_into(page: Page, label: str, text: str) -> None:
    """Focus the text box labelled ``label``, clear it and type at a person's pace.

    Each key is a round trip to the app, which echoes the value back; typing faster than
    that round trip can interleave with the echo and lose a letter (seen on a busy
    machine: "togeter"), and a box not yet focused can keep what it held. So the words are
    read back from Flutter's editing element and, if they differ, typed again more slowly
    (spaces and dashes a box adds as it formats are not counted).
    """
    box = page.get_by_role("textbox", name=label)
    box.wait_for(state="attached")
    scroll_to(page, box)
    for delay in (40, 150, 400):
        box.click()
        page.wait_for_timeout(150)  # Flutter moves focus to its own editing element
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        box.press_sequentially(text, delay=delay)
        if not _letters_lost(page, text):
            return
    raise AssertionError(f"{label!r} kept fewer letters than {text!r}")


def _letters_lost(page: Page, text: str, still_s: float = 0.6, limit_s: float = 4.0) -> bool:
    """True when Flutter's editing element does not hold ``text`` (spaces and dashes a box
    adds aside) once its value has stopped changing for ``still_s``: a letter lost to the
    app's echo, or what was there before left in place. False if there is no editing
    element."""
    editing = page.locator("flt-text-editing-host input, flt-text-editing-host textarea")
    deadline = time.monotonic() + limit_s
    value: str | None = None
    still_since = time.monotonic()
    while True:
        if editing.count() != 1:
            return False
        current = editing.input_value()
        if current != value:
            value, still_since = current, time.monotonic()
        elif time.monotonic() - still_since >= still_s or time.monotonic() > deadline:
            return _squeezed(value) != _squeezed(text)
        page.wait_for_timeout(100)


def _squeezed(text: str) -> str:
    """``text`` as a box that formats it may show it: no spaces or dashes, any case."""
    return "".join(text.split()).replace("-", "").casefold()


def back(page: Page, from_screen: str) -> None:
    """Tap the Back button of the screen ``from_screen`` (its semantics identifier)."""
    tap(page, page.locator(f'[flt-semantics-identifier="{from_screen}"]')
        .get_by_role("button", name="Back").first)
