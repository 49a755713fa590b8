"""A section's title is a heading, so a screen reader can jump from part to part of a long
screen (Settings, the safety scale, a child's feelings)."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest
from headless import Driver, FakeClock, run
from steps import open_as

from app.domain.checkins import Feeling
from app.i18n import t
from app.services.checkins import checkins_for
from app.services.safety import safety_for
from tests.services.taylors import create_taylors, in_order


def headings(d: Driver) -> set[str]:
    """The words of every heading on the page."""
    found: set[str] = set()
    for control in d.controls():
        if isinstance(control, ft.Semantics) and control.header:
            stack = [control.content]
            while stack:
                node = stack.pop()
                if isinstance(node, ft.Text) and node.value:
                    found.add(str(node.value))
                stack.extend(c for c in (getattr(node, "content", None),) if c is not None)
    return found


@pytest.fixture
def seeded(data_dir: Path, clock: FakeClock) -> Path:
    gate, household = create_taylors(data_dir, clock)
    jo, sam, _mia, _priya = in_order(household)
    safety_for(household).rate(jo, 7, "")
    checkins_for(household).record(sam, Feeling.HAPPY, 2)
    (data_dir.parent / "sam").write_text(sam.id)
    gate.close()
    return data_dir


@pytest.mark.parametrize(("route", "titles"), [
    ("/settings", ("settings.nation.title", "settings.auto_lock.title",
                   "settings.passphrase.title", "settings.export.title",
                   "settings.recovery.title", "sync.settings.heading")),
    ("/safety/scale", ("safety.scale.latest", "safety.scale.over_time",
                       "safety.scale.history")),
    ("/checkins/child/SAM", ("checkins.child.strip", "checkins.child.chart",
                             "checkins.child.recent")),
])
def test_each_sections_title_is_a_heading(seeded: Path, clock: FakeClock, route: str,
                                          titles: tuple[str, ...]) -> None:
    async def go() -> None:
        d = await open_as(seeded, clock, "Jo, Parent or carer", pin="2580")
        d.page.navigate(route.replace("SAM", (seeded.parent / "sam").read_text()))
        await d.settle(60)
        missing = {t(key) for key in titles} - headings(d)
        assert missing == set(), (missing, sorted(headings(d)))

    run(go())
