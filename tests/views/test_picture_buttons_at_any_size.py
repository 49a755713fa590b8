"""A picture button keeps its 64-point square at every text size.

A picture button (a chore's, a calm idea's, a house's) holds a picture and no words, so a
bigger text size has nothing to wrap in it. Its height went through the rule for buttons with
words (none above 100%, so they grow), and with no padding it shrank to its 40-point picture:
at 200% a child's taps got smaller, not bigger.
"""

from __future__ import annotations

from pathlib import Path

import flet as ft
from headless import FakeClock, run, until
from steps import open_as

from tests.services.taylors import create_taylors, in_order


def test_picture_buttons_stay_64_points_square_at_200_percent(
        data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo = in_order(household)[0]
    household.set_text_size(jo, jo.id, 200)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        d.page.navigate("/chores/add")
        await until(d, lambda: "chores-add-screen" in d.identifiers() or d.has_text("Bins"))
        pictures = [c for c in d.controls()
                    if isinstance(c, ft.OutlinedButton) and c.width == 64]
        assert len(pictures) >= 4, d.texts()
        assert {(c.width, c.height) for c in pictures} == {(64, 64)}

    run(go())
