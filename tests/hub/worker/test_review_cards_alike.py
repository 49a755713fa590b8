"""The agency's monthly review cards name goals worded alike as the chart does, "(1)" and
"(2)"; a goal alone in its words keeps them plain. Driven headless over a real hub (SQLite);
the family's cards are in tests/views/reviews/test_review_cards_goals_alike.py."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.hub.programme_kit import review
from tests.hub.worker.test_review_goals_alike import BEDTIME
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run


def test_the_agencys_cards_number_goals_worded_alike(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    review(okafors, "2026-09", now - timedelta(days=60),
           {"g-sam": (BEDTIME, 2), "g-mia": (BEDTIME, 8), "g-calm": ("Calm mornings", 5)})
    review(okafors, "2026-10", now - timedelta(days=30),
           {"g-sam": (BEDTIME, 3), "g-mia": (BEDTIME, 9)})

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Monthly reviews")
        for said in (f"{BEDTIME} (1): 3 out of 10", f"{BEDTIME} (2): 9 out of 10",
                     f"{BEDTIME} (1): 2 out of 10", f"{BEDTIME} (2): 8 out of 10",
                     "Calm mornings: 5 out of 10"):
            assert d.has_text(said), (said, d.texts())
        assert not d.conn.errors

    run(go())
