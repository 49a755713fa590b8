"""Pure chore rules: when a chore is due and for whom, ticks, undo, and the week."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.chore_week import DayMark, child_week
from app.domain.chores import (
    Chore,
    ChorePlan,
    ChoreProblem,
    ChoreStatus,
    Often,
    TickEvent,
    TickKind,
    Who,
    due_for,
    due_on,
    jobs_done,
    jobs_for,
    live_in_slot,
    live_ticks,
    plan_problem,
    tick_states,
    tidy_plan,
    who_on,
)

MONDAY = date(2026, 11, 23)  # ISO week 48
SAM, MIA, LEE = "sam", "mia", "lee"


def chore(**fields: object) -> Chore:
    base = Chore(id="c1", name="Make your bed", picture="rest", who=Who.ONE, children=(SAM,),
                 often=Often.DAILY, starts_on=MONDAY, created_by="jo",
                 created_at="2026-11-23T08:00:00+00:00")
    return replace(base, **fields)  # type: ignore[arg-type]


def tick(n: int, day: date, chore_id: str = "c1", child: str = SAM, stars: int = 1) -> TickEvent:
    return TickEvent(id=f"t{n}", kind=TickKind.TICK, chore_id=chore_id, child_id=child, day=day,
                     by=child, at=f"2026-11-{day.day:02d}T17:{n:02d}:00+00:00", stars=stars)


def answer(n: int, kind: TickKind, tick_id: str, day: date) -> TickEvent:
    return TickEvent(id=f"a{n}", kind=kind, chore_id="c1", child_id=SAM, day=day, by="jo",
                     at=f"2026-11-{day.day:02d}T19:{n:02d}:00+00:00", tick_id=tick_id)


def test_a_daily_chore_is_due_every_day_from_its_start() -> None:
    daily = chore()
    assert all(due_on(daily, MONDAY + timedelta(days=n)) for n in range(10))
    assert not due_on(daily, MONDAY - timedelta(days=1))


def test_chosen_weekdays_are_the_only_days_due() -> None:
    some = chore(often=Often.WEEKDAYS, weekdays=(0, 2, 4))
    due = [n for n in range(7) if due_on(some, MONDAY + timedelta(days=n))]
    assert due == [0, 2, 4]


def test_a_weekly_chore_is_due_on_its_day_each_week() -> None:
    weekly = chore(often=Often.WEEKLY, weekdays=(5,))
    due = [n for n in range(21) if due_on(weekly, MONDAY + timedelta(days=n))]
    assert due == [5, 12, 19]


def test_a_once_chore_is_due_only_on_its_date() -> None:
    once = chore(often=Often.ONCE, on_date=MONDAY + timedelta(days=3))
    due = [n for n in range(14) if due_on(once, MONDAY + timedelta(days=n))]
    assert due == [3]


@pytest.mark.parametrize("status", [ChoreStatus.PAUSED, ChoreStatus.RETIRED])
def test_paused_and_retired_chores_are_never_due(status: ChoreStatus) -> None:
    assert not due_on(chore(status=status), MONDAY + timedelta(days=1))


def test_a_rotating_chore_passes_to_the_next_child_each_iso_week() -> None:
    wednesday_start = MONDAY + timedelta(days=2)
    turns = chore(who=Who.ROTATE, children=(SAM, MIA, LEE), starts_on=wednesday_start)
    weeks = [who_on(turns, MONDAY + timedelta(weeks=n, days=4)) for n in range(5)]
    assert weeks == [(SAM,), (MIA,), (LEE,), (SAM,), (MIA,)]
    # the same whatever day of the week is asked about
    assert {who_on(turns, MONDAY + timedelta(days=7 + n)) for n in range(7)} == {(MIA,)}
    assert due_for(turns, MIA, MONDAY + timedelta(days=8))
    assert not due_for(turns, SAM, MONDAY + timedelta(days=8))


def test_several_children_each_have_the_chore() -> None:
    both = chore(who=Who.SEVERAL, children=(SAM, MIA))
    assert jobs_for([both], SAM, MONDAY) == [both]
    assert jobs_for([both], MIA, MONDAY) == [both]
    assert jobs_for([both], LEE, MONDAY) == []


@pytest.mark.parametrize(
    ("plan", "problem"),
    [
        (ChorePlan("  ", "rest", Who.ONE, (SAM,), Often.DAILY), ChoreProblem.NAME_MISSING),
        (ChorePlan("x" * 41, "rest", Who.ONE, (SAM,), Often.DAILY), ChoreProblem.NAME_LONG),
        (ChorePlan("Bed", "rocket", Who.ONE, (SAM,), Often.DAILY), ChoreProblem.PICTURE),
        (ChorePlan("Bed", "rest", Who.ONE, (), Often.DAILY), ChoreProblem.NOBODY),
        (ChorePlan("Bed", "rest", Who.ROTATE, (SAM,), Often.DAILY), ChoreProblem.ROTATE_NEEDS_TWO),
        (ChorePlan("Bed", "rest", Who.ONE, (SAM,), Often.WEEKDAYS), ChoreProblem.DAYS_MISSING),
        (ChorePlan("Bed", "rest", Who.ONE, (SAM,), Often.WEEKLY, (9,)), ChoreProblem.DAYS_MISSING),
        (ChorePlan("Bed", "rest", Who.ONE, (SAM,), Often.ONCE), ChoreProblem.DATE_MISSING),
        (ChorePlan("Bed", "rest", Who.ONE, (SAM,), Often.DAILY, stars=6), ChoreProblem.STARS),
    ],
)
def test_a_plan_that_cannot_work_says_why(plan: ChorePlan, problem: ChoreProblem) -> None:
    assert plan_problem(plan) is problem


def test_a_tidied_plan_matches_who_to_the_children_and_drops_unused_choices() -> None:
    plan = tidy_plan(ChorePlan(" Feed   the cat ", "cat", Who.SEVERAL, (SAM, SAM), Often.DAILY,
                               weekdays=(1, 2), on_date=MONDAY, stars=2))
    assert plan == ChorePlan("Feed the cat", "cat", Who.ONE, (SAM,), Often.DAILY, (), None, 2)


def test_a_second_tick_for_the_same_day_does_not_count_twice() -> None:
    events = [tick(1, MONDAY), tick(2, MONDAY)]
    standing = live_ticks(events)
    assert list(standing) == [("c1", SAM, MONDAY)]
    assert standing[("c1", SAM, MONDAY)].tick.id == "t1"
    week = child_week([chore(stars=1)], events, SAM, MONDAY, MONDAY)
    assert week.stars == 1


def test_an_undo_is_an_event_and_the_tick_stays_in_history() -> None:
    events = [tick(1, MONDAY), answer(1, TickKind.UNDO, "t1", MONDAY)]
    states = tick_states(events)
    assert states["t1"].undone_by == "jo"
    assert not states["t1"].live
    assert live_ticks(events) == {}
    week = child_week([chore()], events, SAM, MONDAY, MONDAY)
    assert week.rows[0].marks[0] is DayMark.NOT_DONE
    assert week.stars == 0
    # ticked again after the undo: done once more
    again = live_ticks([*events, tick(3, MONDAY)])
    assert again[("c1", SAM, MONDAY)].tick.id == "t3"


def test_a_job_ticked_on_two_devices_is_taken_back_by_undoing_every_tick_for_it() -> None:
    events = [tick(1, MONDAY), tick(2, MONDAY), tick(3, MONDAY, "c2")]
    assert [s.tick.id for s in live_in_slot(events, events[0])] == ["t1", "t2"]
    # one undo leaves the other device's tick standing in its place ...
    once = [*events, answer(1, TickKind.UNDO, "t1", MONDAY)]
    assert [s.tick.id for s in live_in_slot(once, events[0])] == ["t2"]
    assert live_ticks(once)[("c1", SAM, MONDAY)].tick.id == "t2"
    # ... so the job is undone only when each of its ticks is
    both = [*once, answer(2, TickKind.UNDO, "t2", MONDAY)]
    assert live_in_slot(both, events[0]) == []
    assert list(live_ticks(both)) == [("c2", SAM, MONDAY)]


def test_a_job_ticked_on_two_devices_counts_once_and_not_once_taken_back() -> None:
    tuesday = MONDAY + timedelta(days=1)
    events = [tick(1, MONDAY), tick(2, MONDAY), tick(3, tuesday), tick(4, MONDAY, "c2")]
    assert jobs_done(events) == Counter({"c1": 2, "c2": 1})
    undone = [*events, answer(1, TickKind.UNDO, "t1", MONDAY),
              answer(2, TickKind.UNDO, "t2", MONDAY)]
    assert jobs_done(undone) == Counter({"c1": 1, "c2": 1})


def test_jobs_done_since_a_time_go_by_the_first_tick_of_each_job() -> None:
    tuesday = MONDAY + timedelta(days=1)
    events = [tick(1, MONDAY), tick(2, MONDAY), tick(3, tuesday)]
    # Monday's job was done before then; a later tick from another device is not new
    assert jobs_done(events, made_after="2026-11-23T17:01:30+00:00") == Counter({"c1": 1})
    assert jobs_done([]).total() == 0


def test_a_job_with_any_tick_made_before_is_not_new_whatever_the_clocks_said() -> None:
    # t2 was ticked before the visit on a device whose clock was ahead, t1 after it on one
    # whose clock was behind: by the times t1 is first, but the job was done before
    events = [tick(1, MONDAY), tick(2, MONDAY), tick(3, MONDAY + timedelta(days=1))]
    made_after_visit = {"t1": True, "t2": False, "t3": True}
    assert jobs_done(events, made_after=lambda t: made_after_visit[t.id]) == Counter({"c1": 1})
    # taken back before, done again after: the job is new
    undone = [*events, answer(1, TickKind.UNDO, "t2", MONDAY)]
    assert jobs_done(undone, made_after=lambda t: made_after_visit[t.id]) == Counter({"c1": 2})


def test_a_confirmation_is_recorded_on_its_tick() -> None:
    states = tick_states([answer(1, TickKind.CONFIRM, "t1", MONDAY), tick(1, MONDAY)])
    assert states["t1"].confirmed_by == "jo"
    assert states["t1"].live


def test_the_week_shows_done_not_done_later_and_not_due() -> None:
    some = chore(often=Often.WEEKDAYS, weekdays=(0, 1, 3, 5), stars=2)
    wednesday = MONDAY + timedelta(days=2)
    week = child_week([some], [tick(1, MONDAY, stars=2)], SAM, wednesday, wednesday)
    assert week.monday == MONDAY
    assert week.rows[0].marks == (
        DayMark.DONE, DayMark.NOT_DONE, DayMark.NOT_DUE, DayMark.LATER,
        DayMark.NOT_DUE, DayMark.LATER, DayMark.NOT_DUE,
    )
    assert week.stars == 2


def test_a_chore_not_for_the_child_is_left_out_of_their_week() -> None:
    week = child_week([chore(children=(MIA,))], [], SAM, MONDAY, MONDAY)
    assert week.rows == ()


def test_the_week_counts_only_the_jobs_done_never_a_run_that_could_break() -> None:
    daily = chore(starts_on=MONDAY - timedelta(days=5))
    tuesday = MONDAY + timedelta(days=1)
    events = [tick(1, MONDAY), tick(2, MONDAY + timedelta(days=2))]  # Tuesday missed
    week = child_week([daily], events, SAM, MONDAY + timedelta(days=3), tuesday)
    assert week.done == 2
    assert not hasattr(week, "streak")


def test_records_round_trip_through_json() -> None:
    full = chore(who=Who.ROTATE, children=(SAM, MIA), often=Often.ONCE, on_date=MONDAY,
                 stars=3, status=ChoreStatus.PAUSED, revision=4, updated_by="jo",
                 updated_at="2026-11-24T08:00:00+00:00")
    assert Chore.from_json(full.to_json()) == full
    event = answer(1, TickKind.UNDO, "t1", MONDAY)
    assert TickEvent.from_json(event.to_json()) == event
    assert event.shard == "2026-11"
