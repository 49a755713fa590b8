"""A second goal in the same words as one the family has now is refused with a plain message,
and the words typed stay in the box to change (two goals alike could not be told apart)."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as, running_gate

from app.services.reviews import reviews_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

BEDTIME = "Bedtime without shouting"


def test_a_goal_in_the_same_words_as_another_is_refused_plainly(
        data_dir: Path, clock: FakeClock) -> None:
    gate, household = create_taylors(data_dir, clock)
    reviews_for(household).add_goal(in_order(household)[0], BEDTIME)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Monthly review")
        await d.type("A new goal, in your own words", "bedtime without shouting")
        await d.tap("Add goal")
        assert d.has_text("You have a goal in these words already. "
                          "Add a few words to say how this one is different."), d.texts()
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        assert [g.text for g in reviews_for(household).goals()] == [BEDTIME]

    run(go())
