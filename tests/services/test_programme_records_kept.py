"""Records about people who have left, sessions already held, and days that cannot be right:
a hard moment or a session stays finishable (nobody is refused for a child who has left), a
held session is never quietly written over, and a day far out of reach is refused with words
that say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.programme.moments import MomentDraft
from app.domain.programme.sessions import SessionPlan
from app.services.household import InvalidInput
from app.services.programme.moments import moments_for
from app.services.programme.sessions import programme_for
from tests.services.taylors import FixedClock, create_taylors, in_order

START = 1_796_000_000.0  # Sat 30 Nov 2026 (about)
DAY = 24 * 3600


@pytest.fixture
def taylors(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FixedClock(START)
    gate, household = create_taylors(tmp_path / "home", clock)
    yield household, clock
    gate.close()


def a_moment(*children: str, when: str = "2026-11-29T17:40", repair: str = "") -> MomentDraft:
    return MomentDraft(children=children, happened_at=when, what_happened="Slammed the door",
                       repair=repair)


def test_a_moment_about_a_child_who_has_left_can_still_have_its_repair_added(taylors) -> None:  # type: ignore[no-untyped-def]
    household, _clock = taylors
    jo, sam, mia, _priya = in_order(household)
    log = moments_for(household)
    moment = log.record(jo, a_moment(sam.id, mia.id))
    household.remove(jo, sam.id)
    changed = log.change(jo, moment.id, a_moment(sam.id, mia.id, repair="We had a hug"))
    assert changed.draft.children == (sam.id, mia.id) and changed.draft.repair == "We had a hug"
    untick = log.change(jo, moment.id, a_moment(mia.id, repair="We had a hug"))
    assert untick.draft.children == (mia.id,)
    with pytest.raises(InvalidInput) as refused:  # once off the record, he cannot be put back
        log.change(jo, moment.id, a_moment(sam.id, mia.id))
    assert refused.value.reason == "moments.error.no_child"
    with pytest.raises(InvalidInput) as refused:  # nor named on a new moment
        log.record(jo, a_moment(sam.id))
    assert refused.value.reason == "moments.error.no_child"


def test_a_session_with_someone_who_has_left_can_still_be_filled_in(taylors) -> None:  # type: ignore[no-untyped-def]
    household, clock = taylors
    jo, sam, mia, _priya = in_order(household)
    plan = programme_for(household)
    session = plan.plan(jo, SessionPlan("Bedtime", "2026-11-29", (jo.id, sam.id)))
    household.remove(jo, sam.id)
    held = plan.record(jo, session.id, [jo.id, sam.id], "Routines help")
    assert held.attended == (jo.id, sam.id)
    other = plan.plan(jo, SessionPlan("Rituals", "2026-11-29", (jo.id,)))
    with pytest.raises(InvalidInput) as refused:  # only people on the record may stay on it
        plan.record(jo, other.id, [jo.id, sam.id], "")
    assert refused.value.reason == "programme.error.who"
    later = plan.plan(jo, SessionPlan("Circles", "2026-12-10", (jo.id, mia.id)))
    household.remove(jo, mia.id)
    replanned = plan.replan(jo, later.id, SessionPlan("Circles", "2026-12-11", (jo.id, mia.id)))
    assert replanned.plan.expected == (jo.id, mia.id)


def test_a_held_session_is_not_written_over_nor_taken_out_of_the_plan(taylors) -> None:  # type: ignore[no-untyped-def]
    household, _clock = taylors
    jo, sam, mia, priya = in_order(household)
    plan = programme_for(household)
    session = plan.plan(jo, SessionPlan("Bedtime", "2026-11-29", (jo.id, sam.id, mia.id)))
    plan.record(priya, session.id, [jo.id, sam.id], "Routines help Sam settle")
    with pytest.raises(InvalidInput) as refused:
        plan.record(priya, session.id, [jo.id, sam.id, mia.id], "oops")
    assert refused.value.reason == "programme.error.held"
    with pytest.raises(InvalidInput) as refused:
        plan.cancel(jo, session.id)
    assert refused.value.reason == "programme.error.held"
    kept = plan.session(session.id)
    assert kept.attended == (jo.id, sam.id) and kept.took_away == "Routines help Sam settle"
    assert not kept.cancelled


@pytest.mark.parametrize(("when", "problem"), [
    ("2099-12-31T19:00", "moments.error.future"),
    ("2026-12-01T08:00", "moments.error.future"),  # tomorrow, on the phone's clock
    ("1999-12-31T19:00", "moments.error.too_old"),
    ("1900-01-01T19:00", "moments.error.too_old"),
])
def test_a_moment_on_a_day_that_cannot_be_right_is_refused(taylors, when: str,  # type: ignore[no-untyped-def]
                                                           problem: str) -> None:
    household, _clock = taylors
    jo, sam, _mia, _priya = in_order(household)
    log = moments_for(household)
    with pytest.raises(InvalidInput) as refused:
        log.record(jo, a_moment(sam.id, when=when))
    assert refused.value.reason == problem
    assert log.moments(jo) == [] and log.patterns(jo).total == 0


def test_a_moment_today_or_long_ago_is_kept(taylors) -> None:  # type: ignore[no-untyped-def]
    household, _clock = taylors
    jo, sam, _mia, _priya = in_order(household)
    log = moments_for(household)
    today = log.today().isoformat()
    log.record(jo, a_moment(sam.id, when=f"{today}T23:50"))
    log.record(jo, a_moment(sam.id, when="2000-01-01T09:00"))
    assert len(log.moments(jo)) == 2


@pytest.mark.parametrize(("day", "problem"), [
    ("1900-01-01", "programme.error.day_old"),
    ("1999-12-31", "programme.error.day_old"),
    ("2099-12-31", "programme.error.day_far"),
    ("2029-01-01", "programme.error.day_far"),
])
def test_a_session_on_a_day_out_of_reach_is_refused(taylors, day: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    household, _clock = taylors
    jo, _sam, _mia, _priya = in_order(household)
    plan = programme_for(household)
    with pytest.raises(InvalidInput) as refused:
        plan.plan(jo, SessionPlan("Bedtime", day, (jo.id,)))
    assert refused.value.reason == problem
    session = plan.plan(jo, SessionPlan("Bedtime", "2028-11-01", (jo.id,)))
    with pytest.raises(InvalidInput) as refused:
        plan.replan(jo, session.id, SessionPlan("Bedtime", day, (jo.id,)))
    assert refused.value.reason == problem
    assert [s.plan.day for s in plan.sessions()] == ["2028-11-01"]
