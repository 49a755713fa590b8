"""The family's own plan from a conference, on the real store: the reviewer's cases.

A plan may say that smacking has stopped, is not OK, or what a child will do with a feeling;
it may never meet a bottom line with the slipper, a skelp, a whipping, a cuff round the ear
or the wooden spoon. A refused change keeps nothing of it, and says which words.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.people import Member
from app.domain.programme.conference import Conference
from app.domain.programme.family_plan import FamilyPlan
from app.domain.safety import Section
from app.services.household import InvalidInput
from app.services.programme.conference import ConferenceService, conferences_for
from app.services.safety import safety_for
from tests.services.taylors import FixedClock, create_taylors, in_order

Private = tuple[ConferenceService, Member, str]


@pytest.fixture
def private_time(tmp_path: Path) -> Iterator[Private]:
    gate, household = create_taylors(tmp_path / "home", FixedClock(1_796_000_000.0))
    jo, _s, _m, priya = in_order(household)
    safety_for(household).add_point(priya, Section.BOTTOM_LINES, "No physical punishment",
                                    reason="It harms children and it is against the law")
    c = conferences_for(household)
    _, lines = c.to_address()
    c.prepare(priya, invited=[], worries=[], bottom_lines=[b.id for b in lines], information="")
    c.start_day(priya)
    c.start_private_time(priya)
    yield c, jo, lines[0].id
    gate.close()


def _plan(c: ConferenceService) -> Conference:
    current = c.current()
    assert current is not None
    return current


@pytest.mark.parametrize("words", [
    "Dad walks away instead of smacking",
    "We have agreed that smacking is not OK in our house",
    "Jo has stopped smacking since the parenting course",
    "If Alex feels like hitting out he will ring Grandma Pat",
])
def test_a_plan_may_say_smacking_has_stopped_or_is_wrong(private_time: Private,
                                                          words: str) -> None:
    c, jo, line = private_time
    c.change_plan(jo, lambda p: p.with_bottom_line_met(line, words))
    c.change_plan(jo, lambda p: p.with_contingencies(words))
    plan = _plan(c).plan
    assert plan.bottom_lines_met[line] == words and plan.contingencies == words


@pytest.mark.parametrize(("words", "found"), [
    ("If Sam swears he gets the slipper", "gets the slipper"),
    ("A wee skelp if he runs into the road", "skelp"),
    ("He gets a whipping if he steals", "a whipping"),
    ("A cuff round the ear if he is cheeky", "cuff round the ear"),
    ("The wooden spoon if they fight", "the wooden spoon"),
])
def test_a_plan_never_meets_a_bottom_line_with_physical_punishment(
    private_time: Private, words: str, found: str,
) -> None:
    c, jo, line = private_time
    def met(p: FamilyPlan) -> FamilyPlan:
        return p.with_bottom_line_met(line, words)

    def contingencies(p: FamilyPlan) -> FamilyPlan:
        return p.with_contingencies(words)

    for change in (met, contingencies):
        with pytest.raises(InvalidInput) as refused:
            c.change_plan(jo, change)
        assert refused.value.reason == "conference.plan.error.physical_punishment"
        assert found in refused.value.values["words"]
    plan = _plan(c).plan
    assert plan.bottom_lines_met == {} and plan.contingencies == ""  # nothing of it kept
