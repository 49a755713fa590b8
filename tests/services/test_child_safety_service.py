"""A child's safety at the edges, on the real encrypted store: every sign of danger keeps an
alert, a child's words reach only who they were told, and the worker's changes are explained
and read at home."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling, Reason, ask_if_safe
from app.domain.safety import SafetyProblem, Section
from app.domain.safety_scale import FACE_SCORES, may_read_reason, uses_faces
from app.domain.strengths import StrengthKind
from app.services.checkins import checkins_for
from app.services.household import InvalidInput, NotAllowed
from app.services.safety import safety_for
from app.services.strengths import strengths_for
from tests.services.taylors import FixedClock, create_taylors, in_order, reopen

NOW = 1_796_000_000.0


@pytest.fixture
def taylors(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FixedClock(NOW)
    gate, household = create_taylors(tmp_path / "home", clock)
    yield gate, household, clock, tmp_path / "home"
    gate.close()


@pytest.mark.parametrize(("feeling", "size", "reasons", "asked"), [
    (Feeling.SCARED, None, (), True),  # asked at once, before "how big"
    (Feeling.WORRIED, 4, (), True),
    (Feeling.SAD, 5, (), True),
    (Feeling.ANGRY, 4, (), True),
    (Feeling.WORRIED, 3, (), False),
    (Feeling.HAPPY, 5, (), False),
    (Feeling.HAPPY, 1, (Reason.HOME,), True),
    (Feeling.CALM, 2, (Reason.MY_BODY,), True),
    (Feeling.TIRED, 2, (Reason.SCHOOL,), False),
])
def test_do_you_feel_safe_is_asked_after_every_sign_of_worry(
    feeling: Feeling, size: int | None, reasons: tuple[Reason, ...], asked: bool
) -> None:
    assert ask_if_safe(feeling, size, reasons) is asked


def test_no_i_need_help_keeps_the_check_in_and_an_alert_in_one_save(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    checkins = checkins_for(household)
    checkins.record(sam, Feeling.WORRIED, 5, reasons=(Reason.HOME,), unsafe=True)
    [alert] = checkins.alerts(priya)
    assert alert.child_id == sam.id and alert.source is AlertSource.CHECKIN
    assert [c.feeling for c in checkins.checkins_of(jo, sam.id)] == [Feeling.WORRIED]


@pytest.mark.parametrize(("score", "alerted"), [(0, True), (2, True), (3, True), (4, False),
                                                (10, False)])
def test_a_childs_low_rating_is_an_alert_even_the_first_one(
    taylors, score: int, alerted: bool  # type: ignore[no-untyped-def]
) -> None:
    gate, household, clock, folder = taylors
    _jo, sam, _mia, priya = in_order(household)
    safety_for(household).rate(sam, score)
    alerts = checkins_for(household).alerts(priya)
    assert [a.source for a in alerts] == ([AlertSource.SAFETY_SCALE] if alerted else [])
    again = reopen(gate, folder, clock)  # kept, with the rating, across a restart
    assert len(checkins_for(again).alerts(priya)) == (1 if alerted else 0)
    assert len(again.store.find("safety_ratings")) == 1
    # one that raised an alert is for the worker alone: nothing at home shows it
    assert len(safety_for(again).ratings()) == (0 if alerted else 1)


def test_a_grown_ups_low_rating_raises_no_alert_in_a_childs_name(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, _sam, _mia, priya = in_order(household)
    safety_for(household).rate(jo, 1)
    assert checkins_for(household).alerts(priya) == []


def test_a_childs_why_is_for_the_worker_and_for_parents_only_if_the_child_says(
    taylors,  # type: ignore[no-untyped-def]
) -> None:
    _gate, household, _clock, _folder = taylors
    jo, sam, mia, priya = in_order(household)
    safety = safety_for(household)
    kept = safety.rate(sam, 6, "Dad shouts at bedtime")
    shared = safety.rate(mia, 8, "Better since Friday", reason_for_family=True)
    parent = safety.rate(jo, 7, "Calmer week")
    # read by the worker at the agency; on the device by nobody, not even Sam (a grown-up
    # who sets his pictures would be "Sam" here)
    assert not may_read_reason(kept, sam)
    assert may_read_reason(shared, mia)
    assert may_read_reason(parent, jo)  # a grown-up's reason is for everyone


def test_young_children_rate_with_five_faces_on_the_same_scale(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, mia, _priya = in_order(household)
    assert uses_faces(sam) and not uses_faces(mia) and not uses_faces(jo)  # Sam 6, Mia 9
    assert FACE_SCORES[0] == 0 and FACE_SCORES[-1] == 10
    assert [score <= 3 for score in FACE_SCORES] == [True, True, False, False, False]


def test_the_workers_changes_say_why_and_arrive_as_new_until_a_parent_reads_them(
    taylors,  # type: ignore[no-untyped-def]
) -> None:
    gate, household, clock, folder = taylors
    jo, sam, _mia, priya = in_order(household)
    safety = safety_for(household)
    with pytest.raises(InvalidInput, match=SafetyProblem.REASON_MISSING.value):
        safety.add_point(priya, Section.BOTTOM_LINES, "Sam is collected by Jo or Gran")
    safety.add_point(priya, Section.BOTTOM_LINES, "Sam is collected by Jo or Gran",
                     "Agreed at the review on 2 December")
    safety.add_action(priya, "Book Sam's eye test", "Jo", None, "The school noticed squinting")
    safety.add_action(jo, "Buy a night light", "Jo", None)  # a parent need not say why
    news = safety.plan().new_from_worker()
    assert [getattr(item, "text", None) or getattr(item, "what", "") for item in news] == [
        "Sam is collected by Jo or Gran", "Book Sam's eye test"]
    with pytest.raises(NotAllowed):  # a child cannot say the family has read it
        safety.acknowledge(sam, news[0].id)
    safety.acknowledge(jo, news[0].id)
    again = reopen(gate, folder, clock)
    plan = safety_for(again).plan()
    [line] = plan.points(Section.BOTTOM_LINES)
    assert (line.acknowledged_by, line.reason) == (jo.id, "Agreed at the review on 2 December")
    assert [item.id for item in plan.new_from_worker()] == [news[1].id]


def test_a_child_may_say_a_proud_moment_with_a_picture_alone(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, _priya = in_order(household)
    notes = strengths_for(household)
    note = notes.add(sam, sam.id, StrengthKind.PROUD, "", "trophy")
    assert note.words == "" and note.picture == "trophy"
    with pytest.raises(InvalidInput, match="strengths.error.empty"):
        notes.add(jo, sam.id, StrengthKind.PROUD, "  ", "trophy")
