"""A family's older visits and reviews are a click away at the hub, never silently left off.

The pages show the newest 24 visits and 12 reviews; after six months of weekly visits the
older ones' notes and actions could not be found at all. Driven headless over a real hub
(SQLite).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.people import Role
from app.domain.programme.reviews import Review
from app.domain.programme.visits import Visit, VisitAction
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run


def test_older_visits_and_reviews_open_with_a_click(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    okafors.member("priya", "Priya", Role.WORKER)  # the family's worker, who made the visits
    for week in range(30):  # thirty weekly visits, the oldest first
        day = now - timedelta(weeks=30 - week)
        visit = Visit(f"v{week}", "priya", iso(day), ("ade",), ended_at=iso(day),
                      actions=(VisitAction(f"a{week}", f"Step from week {week}", "Ade"),))
        okafors.push("visits", visit.to_json())
    for month in range(1, 15):  # fourteen monthly reviews
        stamp = f"{2025 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"
        okafors.push("reviews", Review(f"r{month}", stamp, "ade", f"{stamp}-20T10:00:00+00:00",
                                       went_well=f"Went well in {stamp}").to_json())

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Visits")
        assert d.has_text("Step from week 29") and d.has_text("Step from week 6")
        assert not d.has_text("Step from week 5")
        await d.tap("Show 6 older visits")
        assert d.has_text("Step from week 0") and not d.has_text("Show 6 older visits")
        await d.tap("Back")
        await d.tap("Monthly reviews")
        assert d.has_text("Went well in 2026-02") and d.has_text("Went well in 2025-03")
        assert not d.has_text("Went well in 2025-02")
        await d.tap("Show 2 older reviews")
        assert d.has_text("Went well in 2025-01")
        assert not d.conn.errors

    run(go())
