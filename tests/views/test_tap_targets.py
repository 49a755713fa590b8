"""Every tap target on the screens a child and a parent use first is at least 48 px tall.

Small fingers (and tired thumbs) miss anything smaller; the help button at the foot of every
screen, the one way to Childline and 999 on most of them, was 44.
"""

from __future__ import annotations

from pathlib import Path

import flet as ft
from headless import BUTTONS, Driver, FakeClock, run
from steps import first_run, restart_and_unlock, sign_in_child, sign_in_parent, start

from app import theme

SMALLEST = 48


def too_small(d: Driver) -> list[str]:
    """Buttons and tappable boxes whose set height is under ``SMALLEST``."""
    found = []
    for control in d.controls():
        tappable = isinstance(control, BUTTONS) or (
            isinstance(control, ft.Container) and control.on_click is not None)
        height = getattr(control, "height", None)
        if tappable and height is not None and height < SMALLEST:
            found.append(f"{type(control).__name__} {height}: {_named(control)}")
    return found


def _named(control: object) -> str:
    """Something to tell the control by: its words, or the label of a Semantics it is in."""
    content = getattr(control, "content", None)
    if isinstance(content, str):
        return content
    node = control
    while node is not None:
        label = getattr(node, "label", None)
        if isinstance(label, str) and label:
            return label
        node = getattr(node, "parent", None)
    return "?"


def test_no_tap_target_under_48_px_where_a_child_or_parent_starts(
        data_dir: Path, clock: FakeClock) -> None:
    assert theme.TAP >= SMALLEST

    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        seen = {"who": too_small(d)}
        await sign_in_child(d)
        seen["child home"] = too_small(d)
        await d.tap("Someone else's turn")
        await sign_in_parent(d)
        seen["parent home"] = too_small(d)
        assert all(not small for small in seen.values()), seen

    run(go())
