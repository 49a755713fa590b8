"""A double tap on "We're done with this one" retires that goal only.

The button stays where it is while the goals move up under it, so the second tap of a burst
used to retire the next goal too, and a retired goal cannot be brought back. Each button
now belongs to its goal.
"""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as, running_gate

from app.services.reviews import reviews_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

GOALS = ("Calmer mornings", "Tea together every day")


def test_a_double_tap_on_were_done_with_this_one_retires_one_goal(
        data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo = in_order(household)[0]
    for goal in GOALS:
        clock.advance(1)  # goals are listed in the order they were chosen
        reviews_for(household).add_goal(jo, goal)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Monthly review")
        assert all(d.has_text(goal) for goal in GOALS), "|".join(d.texts())
        await d.double_tap("We're done with this one")  # the first goal's
        assert not d.has_text(GOALS[0]) and d.has_text(GOALS[1]), d.texts()
        assert not d.has_text("That goal has gone already")
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        assert [g.text for g in reviews_for(household).goals()] == [GOALS[1]]

    run(go())
