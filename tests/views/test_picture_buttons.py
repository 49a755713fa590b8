"""Headless tests that a button with pictures reaches a screen reader as one named button.

In Chromium any ``ft.Semantics`` inside a button's content splits it: a labelled one became
a node of its own (a group) that took the keyboard's focus and the tap, and left the button
itself with no name. A button's name has to come from its words (a Text's
``semantics_label``), its pictures left out. A child who uses a screen reader, a switch or
a keyboard meets these buttons first: choosing who they are, their pictures, their feelings
and "Do you feel safe right now?".
"""

from __future__ import annotations

from pathlib import Path

import flet as ft
from flet.controls.base_control import BaseControl
from headless import Driver, FakeClock, run, until
from steps import PASSPHRASE, start

from tests.services.taylors import create_taylors

BUTTONS = (ft.Button, ft.OutlinedButton, ft.TextButton, ft.IconButton)


def is_button(control: BaseControl) -> bool:
    """A control Chromium shows as one button: Flet's buttons and a tappable box."""
    return isinstance(control, BUTTONS) or (
        isinstance(control, ft.Container) and control.on_click is not None)


def inside(control: BaseControl, button: BaseControl) -> bool:
    """True when ``control`` is drawn inside ``button`` (``button`` itself excluded)."""
    node = control.parent
    while node is not None and node is not button:
        node = node.parent
    return node is button


def spoken_name(d: Driver, button: BaseControl) -> str:
    """What a screen reader says for ``button``: its words, each Text's spoken form first."""
    own = getattr(button, "content", None)
    if isinstance(own, str):
        return own
    icon = getattr(button, "icon", None)
    if isinstance(button, ft.IconButton):
        return getattr(icon, "semantics_label", None) or button.tooltip or ""
    words = [c.semantics_label if c.semantics_label is not None else c.value
             for c in d.controls() if isinstance(c, ft.Text) and inside(c, button)]
    return " ".join(w for w in words if isinstance(w, str) and w)


def check_buttons(d: Driver, screen: str) -> list[str]:
    """Every button on ``screen`` is one named node; returns their names.

    Raises:
        AssertionError: a button holds an ``ft.Semantics`` (the wrapped form) or has no name.
    """
    assert screen in d.identifiers(), (screen, d.identifiers())
    found = [c for c in d._inside(screen) if is_button(c)]
    names: list[str] = []
    for button in found:
        name = spoken_name(d, button)
        wrapped = [c.label or "(no label)" for c in d.controls()
                   if isinstance(c, ft.Semantics) and inside(c, button)]
        assert not wrapped, f"{screen}: button {name!r} holds a Semantics node: {wrapped}"
        assert name, f"{screen}: a button with no name"
        names.append(name)
    return names


def test_a_childs_picture_buttons_are_each_one_named_button(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, _ = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await start(data_dir, clock)
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Open Homeward")
        await until(d, lambda: "who-screen" in d.identifiers())
        assert "Sam, Child" in check_buttons(d, "who-screen")
        await d.tap("Sam, Child")
        await until(d, lambda: "pin-screen" in d.identifiers())
        pad = check_buttons(d, "pin-screen")
        assert {"Apple", "Sun", "Tree", "Star"} <= set(pad), pad
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        await until(d, lambda: "home-child" in d.identifiers())
        await d.tap("How do I feel?")
        feelings = check_buttons(d, "checkin-feeling-screen")
        assert {"Happy", "Scared"} <= set(feelings), feelings
        await d.tap("Scared")
        await until(d, lambda: "checkin-safe-screen" in d.identifiers())
        safe = check_buttons(d, "checkin-safe-screen")
        assert {"Yes, I'm safe", "No, I need help"} <= set(safe), safe
        await d.tap("No, I need help")
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        assert not d.conn.errors

    run(go())
