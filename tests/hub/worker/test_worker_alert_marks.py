"""Marking an alert seen marks that alert only: a second press where the button was (a second
Enter on a keyboard) never marks the next child's alert.

Driven headless over a real hub (SQLite).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import flet as ft
from sqlalchemy import select

from app.domain.people import Role
from app.hub.db import records
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run

TOLU = "Mark as seen: Tolu said they don't feel safe"
SAM = "Mark as seen: Sam said they don't feel safe"


def _seen(hub: RunningHub) -> int:
    with hub.engine.connect() as connection:
        return len(connection.execute(select(records.c.record_id).where(
            records.c.collection == "safety_alerts_seen")).all())


def test_a_second_press_after_marking_an_alert_marks_no_other_alert(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    okafors.member("sam", "Sam", Role.CHILD)
    sam_alert = okafors.alert("sam", now - timedelta(minutes=20))

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert d.has_text("Tolu said they don't feel safe") and d.has_text(
            "Sam said they don't feel safe")
        # Each alert's row is its own control, known by the alert's id.
        keys = {c.key for c in d.controls() if isinstance(c.key, str)}
        assert f"alert-{sam_alert}" in keys, keys
        pressed = d.button(TOLU)
        await d.tap(TOLU)
        await d.settle(60)
        assert _seen(hub) == 1 and d.has_text("Marked as seen.")
        assert d.has_text("Sam said they don't feel safe")
        # The same press again, on the control that had the focus: nothing more is marked.
        await d.session.dispatch_event(pressed._i, "click", None)
        await d.settle(60)
        assert _seen(hub) == 1
        assert d.button(SAM) is not pressed
        assert not [c for c in d.controls() if isinstance(c, ft.OutlinedButton)
                    and c is pressed]

    run(go())
