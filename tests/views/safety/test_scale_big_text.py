"""At 200% text a safety score of 10 fits its badge.

The badge was a fixed 52 px circle holding text at 24 pt, 48 px at 200%: "10" (about 54 px
wide) broke into "1" and "0" and was cut off.
"""

from __future__ import annotations

from pathlib import Path

import flet as ft
import flet_charts as fch
from headless import FakeClock, run
from steps import open_as

from app.services.safety import safety_for
from tests.services.taylors import create_taylors, in_order


def test_a_ten_fits_its_badge_at_200_percent(data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, _sam, _mia, _priya = in_order(household)
    household.set_text_size(jo, jo.id, 200)
    safety_for(household).rate(jo, 7, "")
    safety_for(household).rate(jo, 10, "A calm week")
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Safety plan")
        await d.tap("Safety scale")
        assert "safety-scale-screen" in d.identifiers(), d.texts()
        badges = [c for c in d.controls() if isinstance(c, ft.Container)
                  and isinstance(c.content, ft.Text) and c.content.value == "10"]
        assert badges, d.texts()
        for badge in badges:
            text = badge.content
            assert isinstance(text, ft.Text) and text.size is not None
            # two digits are about 1.1 em wide: the circle must hold them with room
            assert badge.width is not None and badge.width >= 2 * text.size, (
                badge.width, text.size)
        # the chart's axis makes room for its "10" as the badge does (a fixed 30 px broke it)
        [chart] = [c for c in d.controls() if isinstance(c, fch.LineChart)]
        assert chart.left_axis is not None and chart.left_axis.labels
        for label in chart.left_axis.labels:
            assert isinstance(label.label, ft.Text) and label.label.size is not None
            assert chart.left_axis.label_size >= 2 * label.label.size, label.label.value
        assert not d.conn.errors

    run(go())
