"""At the agency, a review's safety figures come from every rating the hub holds.

The family's phone leaves a child's rating that raised an alert out of the review it makes
(nothing at home shows it, rule 7), and a rating from a phone that was offline reaches the
hub after the review was made. The agency's review page, chart and printed review must still
show the month's lowest answers: a child's low rating is never averaged or left away.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.people import Role
from app.hub.worker.household.data import household_records
from app.hub.worker.household.programme.reviews import safety_series
from tests.hub.programme_kit import review
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub


def test_the_agencys_review_shows_the_childs_low_rating_the_phone_left_out(
        hub: RunningHub) -> None:
    made = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
    home = Family(hub, hub.household_id, made)
    home.member("ade", "Ade", Role.PARENT)
    home.member("tolu", "Tolu", Role.CHILD)
    home.rating("ade", 6, made - timedelta(days=5))
    home.rating("tolu", 7, made - timedelta(days=10))
    home.rating("tolu", 1, made - timedelta(days=4))  # raised an alert: not in the phone's
    review(home, "2026-11", made, {"g-1": ("Calm mornings", 6)},
           safety={"ade": 6, "tolu": 7, "gran": 8})  # Gran rated on a phone since taken off
    home.rating("ade", 5, made + timedelta(days=3))  # from a phone that was offline

    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    (shown,) = records.reviews
    assert shown.figures.safety == {"ade": 5, "tolu": 1, "gran": 8}
    assert safety_series(records.reviews) == [1]
