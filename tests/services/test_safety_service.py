"""Safety plans on a real encrypted store: permissions, events, and surviving a reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from taylors import FixedClock as Clock
from taylors import create_taylors, in_order
from taylors import reopen as reopen_household

from app.domain.safety import ChildList, Section
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.safety import RATINGS, TICKS, SafetyService, safety_for

NOV_2 = 1_793_613_600.0  # 2026-11-02 10:00 UTC
DEC_3 = NOV_2 + 31 * 86_400


@pytest.fixture
def clock() -> Clock:
    return Clock(NOV_2)


@pytest.fixture
def home(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService]:
    return create_taylors(tmp_path / "h", clock)


people = in_order


def reopen(gate: HouseholdGate, tmp_path: Path, clock: Clock) -> SafetyService:
    return safety_for(reopen_household(gate, tmp_path / "h", clock))


def test_bottom_lines_are_the_workers_alone(home) -> None:  # noqa: ANN001
    _gate, household = home
    jo, sam, _mia, priya = people(household)
    safety = safety_for(household)
    plan = safety.add_point(priya, Section.BOTTOM_LINES, "Sam is never left alone with Dean.",
                            "Agreed at the child protection conference")
    line = plan.points(Section.BOTTOM_LINES)[0]
    for someone in (jo, sam):
        with pytest.raises(NotAllowed):
            safety.add_point(someone, Section.BOTTOM_LINES, "Softer rule")
        with pytest.raises(NotAllowed):
            safety.change_point(someone, Section.BOTTOM_LINES, line.id, "Softer rule")
        with pytest.raises(NotAllowed):
            safety.remove_point(someone, Section.BOTTOM_LINES, line.id)
    assert [p.text for p in safety.plan().points(Section.BOTTOM_LINES)] == [
        "Sam is never left alone with Dean."]
    assert safety.plan().revision == 1


def test_children_cannot_change_the_map_or_tick_actions(home) -> None:  # noqa: ANN001
    _gate, household = home
    jo, sam, _mia, _priya = people(household)
    safety = safety_for(household)
    plan = safety.add_action(jo, "Book the GP", "Jo", "2026-11-20")
    with pytest.raises(NotAllowed):
        safety.add_point(sam, Section.WORRIES, "x")
    with pytest.raises(NotAllowed):
        safety.tick_action(sam, plan.current_actions()[0].id)


def test_bad_input_changes_nothing_and_names_the_problem(home) -> None:  # noqa: ANN001
    _gate, household = home
    jo, sam, _mia, _priya = people(household)
    safety = safety_for(household)
    with pytest.raises(InvalidInput) as caught:
        safety.add_point(jo, Section.WORRIES, "   ")
    assert caught.value.reason == "safety.error.text_missing"
    with pytest.raises(InvalidInput) as caught:
        safety.add_trusted_adult(jo, sam.id, "Gran", "Nan", "ring me")
    assert caught.value.reason == "safety.error.phone"
    with pytest.raises(InvalidInput):
        safety.rate(jo, 11)
    assert safety.plan().revision == 0
    assert safety.child_plan(jo, sam.id).revision == 0
    assert safety.ratings() == []


def test_a_child_reads_only_their_own_plan(home) -> None:  # noqa: ANN001
    _gate, household = home
    jo, sam, mia, _priya = people(household)
    safety = safety_for(household)
    safety.add_trusted_adult(jo, sam.id, "Gran", "My nan", "07700 900123")
    assert safety.child_plan(sam, sam.id).adults()[0].name == "Gran"
    with pytest.raises(NotAllowed):
        safety.child_plan(mia, sam.id)
    safety.add_child_item(sam, sam.id, ChildList.CALM_IDEAS, "Lego")
    with pytest.raises(NotAllowed):
        safety.add_child_item(sam, sam.id, ChildList.WARNING_SIGNS, "x")


def test_every_record_round_trips_and_survives_a_reopen(home, tmp_path: Path,  # noqa: ANN001
                                                        clock: Clock) -> None:
    gate, household = home
    jo, sam, _mia, priya = people(household)
    safety = safety_for(household)
    safety.add_point(jo, Section.WORKING_WELL, "Bedtime is calmer")
    safety.add_point(priya, Section.WORRIES, "Shouting at night")
    safety.add_point(priya, Section.BOTTOM_LINES, "No smacking, ever.", "The law in Wales")
    action = safety.add_action(jo, "Book the GP", "Jo", "2026-11-20").current_actions()[0]
    safety.tick_action(jo, action.id, True)
    safety.rate(jo, 5, "Up and down")
    safety.rate(sam, 8)
    clock.now = DEC_3
    safety.tick_action(priya, action.id, False)
    safety.rate(jo, 7, "Better")
    safety.add_trusted_adult(jo, sam.id, "Gran", "My nan", "+44 7700 900123")
    for kind, words in ((ChildList.WARNING_SIGNS, "Tummy ache"), (ChildList.CALM_IDEAS, "Lego"),
                        (ChildList.SAFE_PLACES, "My bed")):
        safety.add_child_item(jo, sam.id, kind, words)
    before = (safety.plan(), safety.ticks(), safety.ratings(), safety.child_plan(jo, sam.id))

    again = reopen(gate, tmp_path, clock)
    after = (again.plan(), again.ticks(), again.ratings(), again.child_plan(jo, sam.id))
    assert after == before
    assert again.plan().revision == 4
    assert [(t.done, t.created_by) for t in again.ticks()] == [(True, jo.id), (False, priya.id)]
    assert again.action_states()[action.id].done is False
    assert [r.score for r in again.ratings()] == [5, 8, 7]  # the earlier 5 is kept
    assert {k: r.score for k, r in again.latest_ratings().items()} == {jo.id: 7, sam.id: 8}
    assert again.child_plan(jo, sam.id).adults()[0].tel == "tel:+447700900123"


def test_ratings_and_ticks_are_sharded_by_month(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, household = home
    jo, _sam, _mia, _priya = people(household)
    safety = safety_for(household)
    action = safety.add_action(jo, "Call school", "", None).current_actions()[0]
    safety.rate(jo, 6)
    safety.tick_action(jo, action.id)
    clock.now = DEC_3
    safety.rate(jo, 7)
    store = household.store
    tables = set(store._tables.read())  # the shard tables on disk
    assert {f"{RATINGS}@2026-11", f"{RATINGS}@2026-12", f"{TICKS}@2026-11"} <= tables


def test_a_next_steps_day_is_kept_as_a_day_and_words_that_are_no_day_are_refused(
    home,  # noqa: ANN001
) -> None:
    _gate, household = home
    jo, _sam, _mia, _priya = people(household)
    safety = safety_for(household)
    before = safety.plan()
    with pytest.raises(InvalidInput) as refused:
        safety.add_action(jo, "Book the GP", "Jo", "someday")
    assert refused.value.reason == "safety.error.due"
    assert safety.plan() == before
    plan = safety.add_action(jo, "Book the GP", "Jo", " 20261120 ")
    assert plan.current_actions()[0].due == "2026-11-20"


def test_a_tick_put_right_on_a_device_whose_clock_is_behind_still_counts(
    home, clock: Clock  # noqa: ANN001
) -> None:
    _gate, household = home
    jo, _sam, _mia, priya = people(household)
    safety = safety_for(household)
    action = safety.add_action(jo, "Call school", "", None).current_actions()[0]
    safety.tick_action(jo, action.id)
    clock.now -= 4 * 60  # the family tablet, a few minutes slow
    safety.tick_action(priya, action.id, False)
    assert not safety.action_states()[action.id].done
    safety.tick_action(jo, action.id)  # again at the same moment by this clock
    assert safety.action_states()[action.id].done
