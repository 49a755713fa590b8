"""Headless tests that a picked picture or answer says so: a screen reader hears "(chosen)"
in its name, and a tick shows it, so the pale yellow fill is never the only sign. A child
who cannot see the yellow must still know which face they tapped, and whether their
grown-ups will see what they put in a house."""

from __future__ import annotations

from pathlib import Path

import flet as ft
from flet.controls.base_control import BaseControl
from headless import Driver, FakeClock, run
from steps import open_as

from tests.services.taylors import create_taylors
from tests.views.houses.test_house_views import seed as linked_taylors

SAM = ("Sam, Child", ("Apple", "Sun", "Tree"))
CHOSEN = " (chosen)"


def ticked(d: Driver, button: BaseControl) -> bool:
    """True when a tick is drawn inside ``button``."""
    for control in d.controls():
        if isinstance(control, ft.Icon) and control.icon == ft.Icons.CHECK_CIRCLE:
            node: BaseControl | None = control
            while node is not None and node is not button:
                node = node.parent
            if node is button:
                return True
    return False


def only_this_is_chosen(d: Driver, picked: str, others: list[str]) -> None:
    """``picked`` is named and ticked as chosen; none of ``others`` is."""
    assert ticked(d, d.button(picked + CHOSEN)), picked
    for other in others:
        assert ticked(d, d.button(other)) is False, other
        assert other + CHOSEN not in d.texts(), other


def test_a_child_hears_and_sees_which_safety_face_they_tapped(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, _ = create_taylors(data_dir, clock)
    gate.close()
    faces = ["Not safe at all", "Not very safe", "In the middle", "Quite safe", "Very safe"]

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("How safe do I feel?")
        for face in faces:
            assert ticked(d, d.button(face)) is False, face
        await d.tap("Not very safe")
        only_this_is_chosen(d, "Not very safe", [f for f in faces if f != "Not very safe"])
        await d.tap("Quite safe")  # a change of mind moves the words and the tick
        only_this_is_chosen(d, "Quite safe", [f for f in faces if f != "Quite safe"])
        assert not d.conn.errors

    run(go())


def test_a_child_hears_and_sees_whether_their_grown_ups_will_see_a_worry(
    data_dir: Path, clock: FakeClock
) -> None:
    linked_taylors(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("My three houses")
        await d.tap("Add a worry")
        await d.tap("No, just for Priya")
        only_this_is_chosen(d, "No, just for Priya", ["Yes, show them"])
        await d.tap("Yes, show them")
        only_this_is_chosen(d, "Yes, show them", ["No, just for Priya"])
        assert not d.conn.errors

    run(go())


def test_a_child_hears_and_sees_who_and_which_picture_a_proud_moment_is_about(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, _ = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("Add a proud moment")
        only_this_is_chosen(d, "Star", ["Heart"])  # the picture a proud moment starts with
        await d.tap("Mia")
        only_this_is_chosen(d, "Mia", ["Me"])
        await d.tap("Heart")
        only_this_is_chosen(d, "Heart", ["Star"])
        assert not d.conn.errors

    run(go())
