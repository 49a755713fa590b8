"""A child taken off the household, in the worker's screens: no longer listed as a child at
home, their old low rating no longer the reason the family is on the list, their ratings kept
in the history and marked as before they left, and the day they left on the timeline.

Driven headless over a real hub (SQLite); the caseload's reading is tested on both databases
in tests/hub/test_child_left.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.domain.people import Role
from app.domain.safety import Point
from app.domain.safety_child import ChildSafetyPlan
from app.hub.worker.household.data import household_records
from app.hub.worker.household.programme.printing import reports_module, summary_maker
from tests.hub.test_child_left import take_off
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.reports.pdfkit import pdf_text
from tests.views.headless import FakeClock, run

LOW = "Tolu rated how safe things are at home 2 out of 10"


def test_a_child_taken_off_the_household_is_shown_as_gone(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    okafors = Family(hub, hub.household_id, now)
    okafors.member("ade", "Ade", Role.PARENT)
    okafors.member("tolu", "Tolu", Role.CHILD)
    okafors.rating("tolu", 2, now - timedelta(days=2))
    okafors.checkin("tolu", now - timedelta(days=2))
    okafors.checkin("ade", now - timedelta(days=1))
    okafors.push("child_safety_plans", ChildSafetyPlan("tolu", calm_ideas=(
        Point("p-1", "Drawing", "tolu", iso(now - timedelta(days=3))),)).to_json())
    take_off(okafors, "tolu", "Tolu", Role.CHILD, now - timedelta(hours=20))

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert d.has_text("The Okafor household"), d.texts()
        assert not d.has_text(LOW)
        await d.tap("The Okafor household")
        assert "hub-household" in d.identifiers()
        assert not d.has_text(LOW)
        assert d.has_text("Nothing needs attention")
        await d.tap("Strengths and proud moments")
        assert not d.has_text("Tolu") and not d.has_text("Nothing noted yet."), d.texts()
        await d.tap("Back")
        await d.tap("Timeline")
        assert d.has_text("Tolu was taken off the household"), d.texts()
        assert d.has_text("Tolu rated how safe home feels: 2 out of 10")  # kept in history
        await d.tap("Back")
        await d.tap("Safety plan and scale")
        assert d.has_text("Tolu: 2 out of 10"), d.texts()
        assert d.has_text("Before Tolu was taken off the household")
        # Tolu's own plan is kept, and said to be from before (its adults may not be his now)
        assert d.has_text("Drawing"), d.texts()
        assert d.has_text("Tolu was taken off the household. This is Tolu's plan as it was.")
        assert not d.conn.errors

    run(go())


def test_the_printed_case_summary_says_a_childs_last_rating_was_before_they_left(
    hub: RunningHub, now: datetime, tmp_path: Path
) -> None:
    okafors = Family(hub, hub.household_id, now)
    okafors.member("ade", "Ade", Role.PARENT)
    okafors.member("tolu", "Tolu", Role.CHILD)
    okafors.rating("tolu", 2, now - timedelta(days=2))
    okafors.rating("ade", 7, now - timedelta(days=2))
    take_off(okafors, "tolu", "Tolu", Role.CHILD, now - timedelta(hours=20))
    reports = reports_module()
    records = household_records(hub.engine, hub.household_id)
    assert reports is not None and records is not None
    day = now.date()
    pdf = summary_maker(day - timedelta(days=30), day)(reports, records, now)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "before Tolu was taken off the household" in text, text
    assert "before Ade" not in text
