"""A child's name from a device is said as a name at the hub: a direction control in it never
turns the hub's own words round, and a line break in it never fakes a line of the hub's own.

Driven headless over a real hub (SQLite): the names arrive as a hostile device sends them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.people import Role
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run

DIRECTION_CONTROLS = {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
                      "\u200e", "\u200f", "\u061c"}
FAKED = "Mia\nMarked seen by Priya Shah: nothing to do"


def _bad(text: str) -> bool:
    return "\n" in text or any(control in text for control in DIRECTION_CONTROLS)


def test_names_with_direction_controls_or_line_breaks_read_as_plain_names(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    okafors.member("ruby", "Ru\u202eby", Role.CHILD)
    okafors.member("mia", FAKED, Role.CHILD)
    okafors.alert("ruby", now - timedelta(minutes=20))
    okafors.alert("mia", now - timedelta(minutes=30))
    okafors.checkin("mia", now - timedelta(minutes=25))
    okafors.rating("ruby", 1, now - timedelta(minutes=15))

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert not [text for text in d.texts() if _bad(text)], d.texts()  # the caseload
        await d.tap("The Okafor household")
        shown = d.texts()
        assert "Ruby said they don't feel safe" in shown, shown
        assert "Mia Marked seen by Priya Shah: nothing to do said they don't feel safe" in shown
        assert d.button("Mark as seen: Ruby said they don't feel safe")
        assert not [text for text in shown if _bad(text)]
        await d.tap("Timeline")
        assert not [text for text in d.texts() if _bad(text)]

    run(go())
