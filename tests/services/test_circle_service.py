"""Circles on a real encrypted store: running one, reopening it, who may do what."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from taylors import PASSPHRASE, create_taylors, open_gate, people

from app.domain.chores import ChorePlan, Often, Who
from app.domain.circles import Became, CircleKind, TurnKind
from app.services.agreement import agreement_for
from app.services.chores import chores_for
from app.services.circles import CIRCLES, TURNS, circles_for
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.safety import safety_for


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 18, 0).timestamp()

    def __call__(self) -> float:
        self.now += 1  # every record a second after the last, so order is clear
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def home(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService]:
    return create_taylors(tmp_path / "h", clock)


def test_a_circle_with_a_pass_and_an_agreement_survives_close_and_reopen(
        home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    p = people(service)
    jo, sam, mia = p["Jo"], p["Sam"], p["Mia"]
    circles = circles_for(service)
    circle = circles.start(jo, CircleKind.CHECK_IN, [jo.id, sam.id, mia.id])
    circles.speak(jo, circle.id, jo.id, "tired")
    circles.pass_turn(jo, circle.id, sam.id)
    circles.speak(jo, circle.id, mia.id)
    assert circles.progress(circle.id).holder == sam.id  # Sam is offered it again
    circles.speak(jo, circle.id, sam.id, "happy")
    agreement = circles.agree(jo, circle.id, "Sam will put the toys away")
    circles.finish(jo, circle.id)
    gate.close()

    reopened = circles_for(open_gate(tmp_path / "h", clock).unlock(PASSPHRASE))
    saved = reopened.circle(circle.id)
    assert saved.finished and saved.finished_by == jo.id
    assert saved.present == (jo.id, sam.id, mia.id)
    assert [a.text for a in saved.agreements] == ["Sam will put the toys away"]
    assert saved.agreements[0].id == agreement.id and saved.agreements[0].created_by == jo.id
    turns = reopened.turns(circle.id)
    assert [(t.member_id, t.kind, t.words) for t in turns] == [
        (jo.id, TurnKind.SPOKE, "tired"), (sam.id, TurnKind.PASSED, ""),
        (mia.id, TurnKind.SPOKE, ""), (sam.id, TurnKind.SPOKE, "happy")]
    assert all(t.created_by == jo.id and t.created_at for t in turns)
    assert reopened.progress(circle.id).rounds_done


def test_turns_are_kept_by_month_and_the_circle_revision_rises(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    circle = circles.start(p["Jo"], CircleKind.CHECK_OUT, [p["Jo"].id, p["Mia"].id])
    circles.speak(p["Jo"], circle.id, p["Jo"].id)
    assert service.store.find(TURNS)[0]["created_at"].startswith("2026-11")
    circles.agree(p["Jo"], circle.id, "Film night on Friday")
    doc = service.store.get(CIRCLES, circle.id)
    assert doc is not None and doc["revision"] == 2 and doc["created_by"] == p["Jo"].id


def test_a_child_cannot_start_or_run_a_circle(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    with pytest.raises(NotAllowed):
        circles.start(p["Sam"], CircleKind.CHECK_IN, [p["Jo"].id, p["Sam"].id])
    circle = circles.start(p["Jo"], CircleKind.CHECK_IN, [p["Jo"].id, p["Sam"].id])
    with pytest.raises(NotAllowed):
        circles.speak(p["Sam"], circle.id, p["Jo"].id)
    with pytest.raises(NotAllowed):
        circles.agree(p["Sam"], circle.id, "anything")
    assert circles.turns(circle.id) == []


def test_the_worker_runs_a_circle_at_a_visit_and_the_family_decides_what_it_becomes(
    home,  # noqa: ANN001
) -> None:
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    circle = circles.start(p["Priya"], CircleKind.CHECK_IN,
                           [p["Jo"].id, p["Sam"].id, p["Priya"].id])
    circles.speak(p["Priya"], circle.id, p["Jo"].id, "Tired but OK")
    agreement = circles.agree(p["Priya"], circle.id, "Tidy up together on Sunday")
    with pytest.raises(NotAllowed):  # making it a chore is the family's to do
        circles.make_action(p["Priya"], circle.id, agreement.id, agreement.text, "Jo")
    circles.make_action(p["Jo"], circle.id, agreement.id, agreement.text, "Jo")
    assert circles.circle(circle.id).started_by == p["Priya"].id


def test_out_of_turn_and_too_few_people_are_refused_and_change_nothing(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    with pytest.raises(InvalidInput) as refused:
        circles.start(p["Jo"], CircleKind.CHECK_IN, [p["Jo"].id, "someone-not-here"])
    assert refused.value.reason == "circles.error.too_few"
    assert circles.circles() == []
    circle = circles.start(p["Jo"], CircleKind.CHECK_IN, [p["Jo"].id, p["Sam"].id])
    with pytest.raises(InvalidInput) as refused:
        circles.speak(p["Jo"], circle.id, p["Sam"].id)
    assert refused.value.reason == "circles.error.not_their_turn"
    assert circles.turns(circle.id) == []


def test_an_agreement_becomes_a_chore_for_the_chosen_child_once(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    circle = circles.start(p["Jo"], CircleKind.RESTORATIVE, [p["Jo"].id, p["Sam"].id])
    agreement = circles.agree(p["Jo"], circle.id, "Tidy the toys")
    plan = ChorePlan("Tidy the toys", "toys", Who.ONE, (p["Sam"].id,), Often.DAILY)
    chore = circles.make_chore(p["Jo"], circle.id, agreement.id, plan)
    assert [c.name for c in chores_for(service).chores()] == ["Tidy the toys"]
    assert [c.id for c, _tick in chores_for(service).jobs_today(p["Sam"].id)] == [chore.id]
    noted = circles.circle(circle.id).agreement(agreement.id)
    assert (noted.became, noted.became_id, noted.became_by) == (Became.CHORE, chore.id,
                                                                 p["Jo"].id)
    with pytest.raises(InvalidInput):
        circles.make_chore(p["Jo"], circle.id, agreement.id, plan)
    assert len(chores_for(service).chores()) == 1


def test_a_bad_chore_form_leaves_the_agreement_free(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    circle = circles.start(p["Jo"], CircleKind.RESTORATIVE, [p["Jo"].id, p["Sam"].id])
    agreement = circles.agree(p["Jo"], circle.id, "Tidy the toys")
    no_picture = ChorePlan("Tidy the toys", "", Who.ONE, (p["Sam"].id,), Often.DAILY)
    with pytest.raises(InvalidInput):
        circles.make_chore(p["Jo"], circle.id, agreement.id, no_picture)
    assert circles.circle(circle.id).agreement(agreement.id).became is None


def test_an_agreement_becomes_a_safety_plan_action(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    circle = circles.start(p["Jo"], CircleKind.PROBLEM_SOLVING, [p["Jo"].id, p["Mia"].id])
    agreement = circles.agree(p["Jo"], circle.id, "Call Gran when things get loud")
    action_id = circles.make_action(p["Jo"], circle.id, agreement.id,
                                    "Call Gran when things get loud", "Jo")
    actions = safety_for(service).plan().current_actions()
    assert [(a.id, a.what) for a in actions] == [(action_id, "Call Gran when things get loud")]
    assert circles.circle(circle.id).agreement(agreement.id).became is Became.ACTION


def test_an_agreement_becomes_a_draft_rule(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    circles = circles_for(service)
    circle = circles.start(p["Jo"], CircleKind.FAMILY_MEETING, [p["Jo"].id, p["Mia"].id])
    agreement = circles.agree(p["Jo"], circle.id, "We knock before going in")
    rule_id = circles.make_rule(p["Jo"], circle.id, agreement.id, "We knock before going in",
                                "door")
    draft = agreement_for(service).latest()
    assert draft is not None and draft.rule(rule_id).text == "We knock before going in"
    assert circles.circle(circle.id).agreement(agreement.id).became is Became.RULE
