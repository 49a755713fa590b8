"""Whether a Flutter screen fits a phone, read from its semantics boxes (what a screen reader
and a finger find): no named control runs off the side of the screen, and no two controls a
person can tap lie on top of each other. Shared by the family's app's and the hub's checks at
200% text (``test_text_size.py``, ``test_hub.py``).
"""

from __future__ import annotations

import math
from typing import Any

from playwright.sync_api import Locator, Page

SLACK = 1.0  # px: Flutter rounds boxes; a shared edge is not an overlap
TAPPABLE = ("button", "checkbox", "link", "textbox", "radio", "switch", "slider", "tab",
            "combobox", "menuitem")

#: Every semantics node a person can find: its box, role and name. The screen scrolls above
#: the help bar, which clips it: a node's box there ends at the bar (Flutter's boxes do not).
_NODES = """() => {
  const bar = document.querySelector('[flt-semantics-identifier="help-bar"]');
  const foot = bar ? bar.getBoundingClientRect().top : window.innerHeight;
  return [...document.querySelectorAll('flt-semantics')].map(n => {
    const r = n.getBoundingClientRect();
    const inBar = bar !== null && bar.contains(n);
    const leaf = n.querySelector('flt-semantics') === null;  // its words are its own
    const own = leaf ? (n.textContent || '') : '';
    return {role: n.getAttribute('role') || '', name: n.getAttribute('aria-label') || own.trim(),
            words: (n.textContent || '').trim().slice(0, 50),
            left: r.left, right: r.right, top: r.top,
            bottom: inBar ? r.bottom : Math.min(r.bottom, foot)};
  }).filter(n => (n.role || n.name) && n.right - n.left > 0 && n.bottom - n.top > 0);
}"""


def problems_on_screen(page: Page) -> list[str]:
    """What is cut off at the sides or piled on top of another control, as seen now."""
    width = page.viewport_size["width"] if page.viewport_size else 390
    height = page.viewport_size["height"] if page.viewport_size else 844
    nodes: list[dict[str, Any]] = page.evaluate(_NODES)
    found = [f"off the side: {n['role'] or 'text'} {n['name']!r} at x {n['left']:.0f}–"
             f"{n['right']:.0f}" for n in nodes
             if n["left"] < -SLACK or n["right"] > width + SLACK]
    on_screen = [n for n in nodes if n["role"] in TAPPABLE
                 and n["bottom"] > 0 and n["top"] < height]
    for i, a in enumerate(on_screen):
        for b in on_screen[i + 1:]:
            if _inside(a, b) or _inside(b, a):
                continue  # a control within a control is one thing to a finger
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > SLACK and down > SLACK:
                found.append(f"overlap: {_called(a)} and {_called(b)} "
                             f"({across:.0f}×{down:.0f} px)")
    return found


def _called(node: dict[str, Any]) -> str:
    """A node as the failure message names it: role, name (or words) and box."""
    return (f"{node['role']} {node['name'] or node['words']!r} at "
            f"({node['left']:.0f}, {node['top']:.0f})–({node['right']:.0f}, {node['bottom']:.0f})")


def _inside(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    return (inner["left"] >= outer["left"] - SLACK and inner["right"] <= outer["right"] + SLACK
            and inner["top"] >= outer["top"] - SLACK
            and inner["bottom"] <= outer["bottom"] + SLACK)


def to_the_foot(page: Page) -> bool:
    """Wheel the painted page down until it moves no further; True if it moved at all."""
    page.mouse.move(195, 400)
    moved = False
    for _ in range(15):
        before = page.evaluate(_NODES)
        page.mouse.wheel(0, 700)
        page.wait_for_timeout(350)
        if page.evaluate(_NODES) == before:
            break
        moved = True
    return moved


#: The width, in px, of words on one line at a size, measured as the browser draws them.
_ONE_LINE = """([words, px]) => {
  const pen = document.createElement('canvas').getContext('2d');
  pen.font = `${px}px Roboto, sans-serif`;
  return pen.measureText(words).width;
}"""


def words_cut_off(page: Page, long: Locator, short: Locator, size: float = 16) -> str | None:
    """Why the button ``long`` cannot be showing all its words, or None if it can.

    The boxes in the semantics tree keep a button's whole name even when its words are cut;
    a button whose words wrap is as tall as its lines and the room above and below them
    (what a one-line button, ``short``, has beyond its one line), or taller. The lines are
    counted from the words' width on one line, trimmed by a fifth so a font a little
    narrower than the browser's still counts fairly.
    """
    name = long.get_attribute("aria-label") or long.inner_text()
    box, one = long.bounding_box(), short.bounding_box()
    assert box is not None and one is not None
    room = box["width"] - 2 * 14 - 4  # the button's sides and its border
    lines = math.ceil(0.8 * page.evaluate(_ONE_LINE, [name, size]) / room)
    line = size * 1.05  # a line of words is a little taller than the letters' size
    wanted = max(one["height"], lines * line + 2 * 8)  # 8: a choice's room over its words
    if box["height"] + SLACK < wanted:
        return (f"{name!r} needs {lines} lines ({wanted:.0f} px) but its button is "
                f"{box['height']:.0f} px tall")
    return None
