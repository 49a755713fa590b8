"""Two tabs on one real encrypted store running the same circle at once (a parent's phone and
the family tablet): two things agreed are both written down, a turn tapped twice is one turn,
and an agreement made into a chore twice makes one chore.

The interleaving is made, not hoped for: the circles service reads the clock between reading
the circle (or its turns) and saving, and the clock (at_once.py) lets the other tab act
right then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from at_once import ClockThatLetsATabIn
from taylors import create_taylors, people

from app.domain.chores import ChorePlan, Often, Who
from app.domain.circles import CircleKind
from app.services.chores import chores_for
from app.services.circles import circles_for
from app.services.household import InvalidInput

NOW = 1_800_000_000.0  # 15 January 2027


def told(happen: Callable[[], object]) -> str:
    """What a person is told when ``happen`` runs: done, or the message key."""
    try:
        happen()
    except InvalidInput as refused:
        return refused.reason
    return "done"


def test_two_things_agreed_on_two_tabs_at_once_are_both_written_down(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock, second_parent=True)
    p = people(household)
    circles = circles_for(household)
    circle = circles.start(p["Jo"], CircleKind.FAMILY_MEETING,
                           [p["Jo"].id, p["Alex"].id, p["Sam"].id])

    clock.let_in(lambda: circles_for(household).agree(p["Alex"], circle.id,
                                                      "Film night on Friday"))
    circles.agree(p["Jo"], circle.id, "Sam will put the toys away")
    clock.finish()

    agreed = sorted(a.text for a in circles.circle(circle.id).agreements)
    assert agreed == ["Film night on Friday", "Sam will put the toys away"]


def test_a_turn_tapped_on_two_tabs_at_once_is_one_turn(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock, second_parent=True)
    p = people(household)
    circles = circles_for(household)
    circle = circles.start(p["Jo"], CircleKind.CHECK_IN, [p["Jo"].id, p["Sam"].id])
    tablet: list[str] = []

    clock.let_in(lambda: tablet.append(told(
        lambda: circles_for(household).speak(p["Alex"], circle.id, p["Jo"].id, "tired"))))
    circles.speak(p["Jo"], circle.id, p["Jo"].id, "tired")
    clock.finish()

    assert [t.member_id for t in circles.turns(circle.id)] == [p["Jo"].id]
    assert tablet != ["done"]  # the tablet is told it is not Jo's turn any more
    assert circles.progress(circle.id).holder == p["Sam"].id


def test_an_agreement_made_into_a_chore_on_two_tabs_at_once_makes_one_chore(
        tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock, second_parent=True)
    p = people(household)
    circles = circles_for(household)
    circle = circles.start(p["Jo"], CircleKind.RESTORATIVE, [p["Jo"].id, p["Sam"].id])
    agreement = circles.agree(p["Jo"], circle.id, "Tidy the toys")
    plan = ChorePlan("Tidy the toys", "toys", Who.ONE, (p["Sam"].id,), Often.DAILY)
    tablet: list[str] = []

    clock.let_in(lambda: tablet.append(told(
        lambda: circles_for(household).make_chore(p["Alex"], circle.id, agreement.id, plan))))
    chore = circles.make_chore(p["Jo"], circle.id, agreement.id, plan)
    clock.finish()

    assert [c.id for c in chores_for(household).chores()] == [chore.id]
    assert tablet == ["circles.error.already_became"]
    assert circles.circle(circle.id).agreement(agreement.id).became_id == chore.id
