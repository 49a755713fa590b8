"""Each month's review card names a goal the way the chart above it does.

A goal retired and added again in the same words ("Bedtime without shouting", then
"bedtime without shouting") is two lines on the chart, "(1)" and "(2)". The cards under the
chart said both without a number, so a parent could not tell which line a month's score was on.
The agency's cards do the same as the family's (tests/hub/worker/test_review_cards_alike.py).
"""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as

from app.services.reviews import reviews_for
from tests.hub.worker.test_review_goals_alike import BEDTIME
from tests.services.taylors import create_taylors, in_order


def seed(data_dir: Path, clock: FakeClock) -> None:
    """September rated the first goal 3; it was retired, the same words added again, and
    October rated the new one 7."""
    gate, household = create_taylors(data_dir, clock)
    jo = in_order(household)[0]
    reviews = reviews_for(household)
    first = reviews.add_goal(jo, BEDTIME)
    reviews.make_review(jo, "2026-09", [(first.id, 3, "")], [])
    reviews.retire_goal(jo, first.id)
    again = reviews.add_goal(jo, BEDTIME.lower())
    reviews.make_review(jo, "2026-10", [(again.id, 7, "")], [])
    gate.close()


def test_the_familys_cards_number_goals_worded_alike_as_the_chart_does(
        data_dir: Path, clock: FakeClock) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Monthly review")
        assert d.has_text(f"{BEDTIME} (1): 3 out of 10"), d.texts()
        assert d.has_text(f"{BEDTIME.lower()} (2): 7 out of 10"), d.texts()

    run(go())
