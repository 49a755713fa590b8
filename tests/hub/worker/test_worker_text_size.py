"""A worker with low vision chooses 200% text, and the hub makes room for her words on a phone;
at 100% every page is laid out as before.

At 200% on a 390 px phone, a page's title squeezed between Back and Sign out broke in the
middle of a word ("househ / old"), an alert's words stood a word or two a line beside its
"Mark as seen" button, and the charts' axes kept 100% room for 200% numbers (the check-ins
chart cut its day numbers in half, the safety scale broke "10" in two). Driven headless over a
real hub (SQLite); ``tests/browser/test_hub.py`` looks at the same pages in Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import flet as ft
import flet_charts as fch
import pytest
from flet.controls.base_control import BaseControl

from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock, run

OKAFORS = "The Okafor household"


def ancestors(control: BaseControl) -> Iterator[BaseControl]:
    node = control.parent
    while node is not None:
        yield node
        node = node.parent


def one(d: Driver, kind: type, **wanted: object) -> BaseControl:
    """The one control of ``kind`` on the page with these attributes."""
    found = [c for c in d.controls() if isinstance(c, kind)
             and all(getattr(c, name, None) == value for name, value in wanted.items())]
    assert len(found) == 1, (kind, wanted, d.texts())
    return found[0]


def title_beside_back(d: Driver, title: str) -> bool:
    """Whether the page's title is in the row that holds Back (and Sign out)."""
    back = one(d, ft.IconButton, tooltip="Back")
    return back.parent in set(ancestors(one(d, ft.Text, value=title)))


@pytest.mark.parametrize("percent", [100, 200])
def test_the_household_pages_make_room_for_the_words_at_200_percent(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int,  # noqa: F811
    okafors: Family, percent: int,
) -> None:
    okafors.rating("ade", 7, now - timedelta(days=3))
    okafors.rating("ade", 4, now - timedelta(days=1))
    factor = percent / 100
    big = percent != 100

    async def go() -> None:
        d = await signed_in(hub, clock)
        if big:
            await d.tap(f"Text size {percent}%")
            await d.settle(40)
        # the caseload: above 100% the row's sign goes before the name, not in a column of
        # its own beside the lines
        tile = one(d, ft.ListTile)
        assert (tile.leading is None) is big
        household = f"/household/{hub.household_id}"
        d.page.navigate(household)
        await d.settle(40)
        assert "hub-household" in d.identifiers(), d.texts()
        assert title_beside_back(d, OKAFORS) is not big
        seen = d.button("Mark as seen: Tolu said they don't feel safe")
        assert isinstance(seen, ft.OutlinedButton)
        assert isinstance(seen.parent, ft.Column if big else ft.Row)  # under the words, or beside

        d.page.navigate(f"{household}/checkins")
        await d.settle(40)
        assert title_beside_back(d, "Check-ins") is not big
        chart = one(d, fch.BarChart)
        assert chart.bottom_axis.label_size == 20 * factor
        assert chart.left_axis.label_size == 24 * factor
        bars_height = chart.height - chart.bottom_axis.label_size
        assert bars_height == 160  # the bars keep their height while the numbers grow

        d.page.navigate(f"{household}/safety")
        await d.settle(40)
        assert one(d, fch.LineChart).left_axis.label_size == 28 * factor
        assert not d.conn.errors

    run(go())

