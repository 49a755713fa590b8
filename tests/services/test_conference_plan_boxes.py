"""The family's plan saved one box at a time, on a real encrypted store (the Taylors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.programme.family_plan import BoxKind, PlanBox
from app.domain.safety import Section
from app.services.errors import ChangedMeanwhile, stamp_of_words
from app.services.household import InvalidInput
from app.services.programme.conference import conferences_for
from app.services.safety import safety_for
from tests.services.taylors import FixedClock, create_taylors, in_order

BOXES = (PlanBox(BoxKind.CONTINGENCIES), PlanBox(BoxKind.CHILD_VOICE))


def test_each_box_refuses_a_save_over_words_saved_since_it_was_opened(tmp_path: Path) -> None:
    gate, household = create_taylors(tmp_path, FixedClock(1_800_000_000.0))
    jo, _sam, _mia, priya = in_order(household)
    safety = safety_for(household)
    safety.add_point(jo, Section.WORRIES, "Shouting at bedtime")
    safety.add_point(priya, Section.BOTTOM_LINES, "No hitting", reason="It harms children")
    conferences = conferences_for(household)
    worries, lines = conferences.to_address()
    conferences.prepare(priya, invited=[], worries=[worries[0].id],
                        bottom_lines=[lines[0].id], information="")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    empty = stamp_of_words("")

    for box in (*BOXES, PlanBox(BoxKind.BOTTOM_LINE_MET, lines[0].id)):
        conferences.write(jo, box, "  First words  ", seen=empty)
        with pytest.raises(ChangedMeanwhile):  # opened on the empty box: Jo's words since
            conferences.write(jo, box, "Other words", seen=empty)
        current = conferences.current()
        assert current is not None and box.words(current.plan) == "First words", box
        conferences.write(jo, box, "Other words", seen=stamp_of_words("First words"))
        current = conferences.current()
        assert current is not None and box.words(current.plan) == "Other words", box
    with pytest.raises(InvalidInput) as hit:  # one box's words are checked as before
        conferences.write(jo, BOXES[0], "If Sam is rude we smack him",
                          seen=stamp_of_words("Other words"))
    assert hit.value.reason == "conference.plan.error.physical_punishment"
    gate.close()
