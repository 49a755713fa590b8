"""The rules of the hard moments log and the programme plan, with no storage: the physical-
punishment check, patterns by time of day and trigger, and attendance counted."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.programme.moments import (
    Ending,
    HardMoment,
    MomentDraft,
    MomentProblem,
    MomentRefused,
    Need,
    TimeOfDay,
    Trigger,
    check_draft,
    patterns,
    punishment_in_moment,
    time_of_day,
)
from app.domain.programme.sessions import (
    ProgrammeSession,
    SessionPlan,
    SessionProblem,
    SessionRefused,
    check_plan,
    count_attendance,
    in_month,
)


def draft(**changes: object) -> MomentDraft:
    base: dict[str, object] = {"children": ("sam",), "happened_at": "2026-11-30T17:40",
                               "what_happened": "Sam threw his plate when the TV went off."}
    base.update(changes)
    return MomentDraft(**base)  # type: ignore[arg-type]


def moment(when: str, trigger: Trigger | None = None, children: tuple[str, ...] = ("sam",),
           needs: tuple[Need, ...] = (), ending: Ending | None = None,
           repair: str = "") -> HardMoment:
    return HardMoment(id=when, draft=draft(happened_at=when, trigger=trigger, children=children,
                                           needs=needs, ending=ending, repair=repair),
                      created_by="jo", created_at=when)


@pytest.mark.parametrize("consequence", [
    "A smack on the legs", "He got a tap on the hand", "a clip round the ear",
    "I hit him", "slapped her hand", "Dad used the belt",
])
def test_a_physical_punishment_as_consequence_is_found(consequence: str) -> None:
    assert punishment_in_moment(draft(consequence=consequence))


@pytest.mark.parametrize("consequence", [
    "No tablet until after tea", "Said sorry for the hitting, then helped tidy up",
    "Time in with me on the sofa", "Fixed the tower together",
])
def test_agreed_consequences_and_behaviour_words_pass(consequence: str) -> None:
    assert punishment_in_moment(draft(consequence=consequence)) == ()


def test_what_happened_may_name_what_the_child_did_but_the_repair_is_checked() -> None:
    assert punishment_in_moment(draft(what_happened="Sam hit Mia and kicked the door")) == ()
    assert punishment_in_moment(draft(repair="We hugged and talked about the hitting")) == ()
    assert punishment_in_moment(draft(repair="gave him a smack and then a hug")) == ("smack",)


def test_a_moment_needs_words_a_child_and_a_real_time() -> None:
    for changes, problem in (({"what_happened": "  "}, MomentProblem.WHAT_MISSING),
                             ({"children": ()}, MomentProblem.NO_CHILD),
                             ({"happened_at": "yesterday"}, MomentProblem.WHEN),
                             ({"consequence": "x" * 301}, MomentProblem.CONSEQUENCE_LONG)):
        with pytest.raises(MomentRefused) as refused:
            check_draft(draft(**changes))
        assert refused.value.problem is problem
    saved = check_draft(draft(children=("sam", "sam"), needs=(Need.SAFE, Need.SAFE),
                              happened_at="2026-11-30T17:40:59"))
    assert saved.children == ("sam",) and saved.needs == (Need.SAFE,)
    assert saved.happened_at == "2026-11-30T17:40"


def test_parts_of_the_day() -> None:
    from datetime import datetime as dt

    assert [time_of_day(dt(2026, 1, 1, h)) for h in (4, 5, 11, 12, 16, 17, 20, 21, 23)] == [
        TimeOfDay.NIGHT, TimeOfDay.MORNING, TimeOfDay.MORNING, TimeOfDay.AFTERNOON,
        TimeOfDay.AFTERNOON, TimeOfDay.EVENING, TimeOfDay.EVENING, TimeOfDay.NIGHT,
        TimeOfDay.NIGHT]


def test_patterns_count_by_time_of_day_trigger_and_need() -> None:
    log = [
        moment("2026-11-02T07:30", Trigger.SCHOOL, needs=(Need.KNOW_WHAT_NEXT,)),
        moment("2026-11-03T17:45", Trigger.SCREENS, needs=(Need.CALM,),
               ending=Ending.CALM_TOGETHER),
        moment("2026-11-04T18:10", Trigger.SCREENS, needs=(Need.CALM, Need.CLOSE),
               ending=Ending.PUT_RIGHT, repair="Built the tower again together"),
        moment("2026-11-05T19:00", Trigger.CONTACT, children=("mia",),
               ending=Ending.STILL_UPSET),
    ]
    found = patterns(log)
    assert found.total == 4
    assert dict(found.by_time) == {TimeOfDay.MORNING: 1, TimeOfDay.AFTERNOON: 0,
                                   TimeOfDay.EVENING: 3, TimeOfDay.NIGHT: 0}
    assert found.busiest_time is TimeOfDay.EVENING
    assert found.by_trigger == ((Trigger.SCREENS, 2), (Trigger.SCHOOL, 1), (Trigger.CONTACT, 1))
    assert found.by_need[0] == (Need.CALM, 2)
    assert (found.ended_calm, found.repaired) == (2, 1)
    just_mia = patterns(log, "mia")
    assert just_mia.total == 1 and just_mia.by_trigger == ((Trigger.CONTACT, 1),)
    assert patterns([]).busiest_time is None


def test_a_moment_round_trips_and_unknown_prompts_from_a_newer_device_are_left_out() -> None:
    kept = moment("2026-11-03T17:45", Trigger.SCREENS, needs=(Need.CALM,),
                  ending=Ending.PUT_RIGHT)
    assert HardMoment.from_json(kept.to_json()) == kept
    newer = {**kept.to_json(), "needs": ["calm", "a_new_one"], "trigger": "a_new_trigger"}
    read = HardMoment.from_json(newer)
    assert read.draft.needs == (Need.CALM,) and read.draft.trigger is None


def session(day: str, expected: tuple[str, ...] = ("jo", "sam"),
            attended: tuple[str, ...] | None = None, cancelled: bool = False) -> ProgrammeSession:
    return ProgrammeSession(id=day, plan=SessionPlan("Setting boundaries", day, expected),
                            created_by="priya", created_at=day, attended=attended,
                            cancelled=cancelled)


def test_a_session_needs_a_topic_a_day_and_someone_expected() -> None:
    for plan, problem in ((SessionPlan(" ", "2026-12-01", ("jo",)), SessionProblem.TOPIC_MISSING),
                          (SessionPlan("Circles", "soon", ("jo",)), SessionProblem.DAY),
                          (SessionPlan("Circles", "2026-12-01", ()),
                           SessionProblem.NOBODY_EXPECTED)):
        with pytest.raises(SessionRefused) as refused:
            check_plan(plan)
        assert refused.value.problem == problem
    assert check_plan(SessionPlan("  Using   rituals ", "2026-12-01", ("jo", "jo"))) == \
        SessionPlan("Using rituals", "2026-12-01", ("jo",))


def test_attendance_is_recorded_only_once_a_session_has_come() -> None:
    planned = session("2026-12-05")
    with pytest.raises(SessionRefused) as refused:
        planned.recorded("priya", "t", date(2026, 12, 1), ("jo",), "")
    assert refused.value.problem == SessionProblem.NOT_YET
    held = planned.recorded("priya", "t", date(2026, 12, 5), ("jo",), "  Say what we see ")
    assert held.held and held.attended == ("jo",) and held.took_away == "Say what we see"
    assert ProgrammeSession.from_json(held.to_json()) == held


def test_attendance_is_counted_per_person_over_held_sessions() -> None:
    sessions = [
        session("2026-11-03", attended=("jo", "sam")),
        session("2026-11-10", attended=("jo",)),
        session("2026-11-17", expected=("jo",), attended=("jo", "mia")),  # Mia came too
        session("2026-11-24"),  # past, not recorded yet
        session("2026-11-26", cancelled=True),
        session("2026-12-01"),
    ]
    counted = count_attendance(sessions, date(2026, 11, 28))
    assert (counted.planned, counted.held, counted.to_come, counted.waiting_for_record) == (
        5, 3, 1, 1)
    people = {p.member_id: (p.expected, p.came) for p in counted.people}
    assert people == {"jo": (3, 3), "sam": (2, 1), "mia": (0, 1)}
    november = count_attendance(sessions, date(2026, 11, 28), "2026-11")
    assert (november.planned, november.held) == (4, 3)
    assert [s.plan.day for s in in_month(sessions, "2026-11")] == [
        "2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"]
