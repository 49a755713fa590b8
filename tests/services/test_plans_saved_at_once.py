"""Two grown-ups each changing a plan at once, from their own tabs, on a real encrypted
store (a box of the family's conference plan each, or a point each on the safety map): both
keep their words.

The interleaving is made, not hoped for: a service reads the clock between reading the plan
and saving it, and the clock below lets the other tab save right then.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.programme.family_plan import BoxKind, PlanBox
from app.domain.safety import Section
from app.services.errors import stamp_of_words
from app.services.programme.conference import conferences_for
from app.services.safety import safety_for
from tests.services.at_once import ClockThatLetsATabIn
from tests.services.taylors import create_taylors, in_order

NOW = 1_800_000_000.0  # 15 January 2027


def test_two_boxes_saved_at_once_both_keep_their_words(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    gate, household = create_taylors(tmp_path, clock)
    jo, _sam, _mia, priya = in_order(household)
    safety_for(household).add_point(jo, Section.WORRIES, "Shouting at bedtime")
    safety_for(household).add_point(priya, Section.BOTTOM_LINES, "No hitting",
                                    reason="It harms children")
    conferences = conferences_for(household)
    worries, lines = conferences.to_address()
    conferences.prepare(priya, invited=[], worries=[worries[0].id],
                        bottom_lines=[lines[0].id], information="")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    plans, voice = PlanBox(BoxKind.CONTINGENCIES), PlanBox(BoxKind.CHILD_VOICE)
    empty = stamp_of_words("")

    clock.let_in(lambda: conferences_for(household).write(jo, voice, "Sam wants a say",
                                                          seen=empty))
    conferences.write(jo, plans, "Gran has the children", seen=empty)
    clock.finish()

    current = conferences.current()
    assert current is not None
    assert plans.words(current.plan) == "Gran has the children"
    assert voice.words(current.plan) == "Sam wants a say"
    gate.close()


def test_two_points_added_to_the_safety_map_at_once_are_both_kept(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    gate, household = create_taylors(tmp_path, clock)
    jo, _sam, _mia, priya = in_order(household)

    clock.let_in(lambda: safety_for(household).add_point(priya, Section.WORRIES,
                                                         "Nobody hears Mia at night"))
    safety_for(household).add_point(jo, Section.WORRIES, "Shouting at bedtime")
    clock.finish()

    worries = safety_for(household).plan().points(Section.WORRIES)
    assert sorted(p.text for p in worries) == ["Nobody hears Mia at night",
                                               "Shouting at bedtime"]
    gate.close()
