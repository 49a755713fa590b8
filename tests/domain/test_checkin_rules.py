"""The rules of check-ins, carers' check-ins and safety alerts, with no store and no screens."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest

from app.domain.alerts import (
    AlertSeen,
    AlertSource,
    SafetyAlert,
    may_see_alerts,
    new_alert,
    unseen,
)
from app.domain.checkins import (
    CHECKIN_VISIBILITY,
    CheckIn,
    CheckinProblem,
    CheckinRefused,
    Feeling,
    Help,
    Reason,
    may_see_checkin,
    new_checkin,
    new_note,
    two_week_strip,
)
from app.domain.checkins_carer import Prompt, new_carer_checkin
from app.domain.people import Avatar, Member, Role

AT = "2026-11-02T10:00:00+00:00"


def person(name: str, role: Role) -> Member:
    avatar = {Role.PARENT: Avatar.PERSON, Role.WORKER: Avatar.WORKER}.get(role, Avatar.FOX)
    return Member(id=name.lower(), name=name, role=role, avatar=avatar,
                  created_at=AT, created_by=None, age=6 if role is Role.CHILD else None)


JO, SAM, MIA, PRIYA = (person("Jo", Role.PARENT), person("Sam", Role.CHILD),
                       person("Mia", Role.CHILD), person("Priya", Role.WORKER))


def test_a_checkin_carries_household_and_worker_visibility_through_storage() -> None:
    checkin = new_checkin("c1", SAM, Feeling.WORRIED, 4, (Reason.SCHOOL,), (Help.HUG,),
                          "  spelling   test ", AT)
    assert checkin.visible_to == CHECKIN_VISIBILITY == ("household", "worker")
    assert checkin.words == "spelling test"
    again = CheckIn.from_json(checkin.to_json())
    assert again == checkin
    assert checkin.to_json()["visible_to"] == ["household", "worker"]


def test_checkins_and_alerts_are_frozen_events_that_cannot_be_edited() -> None:
    checkin = new_checkin("c1", SAM, Feeling.HAPPY, 2, (), (), "", AT)
    alert = new_alert("a1", SAM, AlertSource.CHECKIN, AT)
    for record, field in ((checkin, "size"), (alert, "created_at")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, 1)
    # and the domain offers no way to make a changed copy of either
    for cls in (CheckIn, SafetyAlert):
        assert not [name for name in vars(cls) if name.startswith(("with", "without",
                                                                   "changed", "edit"))]


@pytest.mark.parametrize("size", [0, 6, True, 2.5])
def test_a_size_outside_one_to_five_is_refused(size: object) -> None:
    with pytest.raises(CheckinRefused) as refused:
        new_checkin("c1", SAM, Feeling.SAD, size, (), (), "", AT)  # type: ignore[arg-type]
    assert refused.value.problem is CheckinProblem.SIZE


def test_the_worker_does_not_check_in_for_the_family() -> None:
    with pytest.raises(PermissionError):
        new_checkin("c1", PRIYA, Feeling.HAPPY, 3, (), (), "", AT)


def test_grown_ups_see_a_childs_checkin_but_brothers_and_sisters_do_not() -> None:
    checkin = new_checkin("c1", SAM, Feeling.SAD, 3, (), (), "", AT)
    assert may_see_checkin(SAM, checkin)
    assert may_see_checkin(JO, checkin)
    assert may_see_checkin(PRIYA, checkin)
    assert not may_see_checkin(MIA, checkin)


def test_a_response_note_is_its_own_event_linked_to_the_checkin() -> None:
    checkin = new_checkin("c1", SAM, Feeling.SAD, 3, (), (), "", AT)
    note = new_note("n1", JO, checkin, "We had a cuddle", AT)
    assert note.checkin_id == "c1" and note.visible_to == CHECKIN_VISIBILITY
    with pytest.raises(CheckinRefused):
        new_note("n2", JO, checkin, "   ", AT)
    with pytest.raises(PermissionError):
        new_note("n3", MIA, checkin, "I saw", AT)


def test_a_safety_alert_is_urgent_unsent_and_for_the_worker_only() -> None:
    alert = new_alert("a1", SAM, AlertSource.HELP_BUTTON, AT)
    stored = alert.to_json()
    assert stored["urgent"] is True and stored["synced"] is False
    assert stored["visible_to"] == ["worker"]
    assert SafetyAlert.from_json(stored) == alert
    assert may_see_alerts(PRIYA)
    assert not any(may_see_alerts(m) for m in (JO, SAM, MIA))


def test_only_a_child_raises_an_alert_for_themselves() -> None:
    with pytest.raises(PermissionError):
        new_alert("a1", JO, AlertSource.CHECKIN, AT)


def test_seeing_an_alert_is_a_separate_mark_and_the_alert_stays_the_same() -> None:
    first = new_alert("a1", SAM, AlertSource.CHECKIN, AT)
    second = new_alert("a2", MIA, AlertSource.HELP_BUTTON, "2026-11-03T09:00:00+00:00")
    before = first.to_json()
    left = unseen([second, first], [AlertSeen("s1", "a1", "priya", AT)])
    assert left == [second]
    assert first.to_json() == before


def test_the_strip_has_a_square_a_day_with_the_days_last_feeling() -> None:
    early = new_checkin("c1", SAM, Feeling.SAD, 3, (), (), "", "2026-11-02T08:00:00+00:00")
    late = new_checkin("c2", SAM, Feeling.HAPPY, 2, (), (), "", "2026-11-02T18:00:00+00:00")
    old = new_checkin("c3", SAM, Feeling.ANGRY, 5, (), (), "", "2026-10-01T18:00:00+00:00")
    strip = two_week_strip([late, early, old], date(2026, 11, 3))
    assert len(strip) == 14
    assert strip[0][0] == date(2026, 10, 21) and strip[-1][0] == date(2026, 11, 3)
    assert strip[-2][1] == late
    assert [c for _d, c in strip if c is not None] == [late]


def answers(**given: int) -> dict[Prompt, int]:
    base = {Prompt.ENJOYED: 3, Prompt.DRAINED: 1, Prompt.WORN_OUT: 1, Prompt.RESTED: 3,
            Prompt.SUPPORTED: 3}
    base.update({Prompt(k): v for k, v in given.items()})
    return base


def test_a_carer_doing_well_is_not_told_they_need_support() -> None:
    checkin = new_carer_checkin("k1", JO, answers(), "", AT)
    assert checkin.score == 15 and not checkin.needs_support
    assert checkin.visible_to == ("self", "worker")


def test_blocked_care_alone_is_enough_to_offer_support() -> None:
    assert new_carer_checkin("k1", JO, answers(drained=3), "", AT).needs_support


def test_a_low_score_offers_support() -> None:
    low = answers(enjoyed=1, rested=0, supported=1, drained=2, worn_out=2)
    checkin = new_carer_checkin("k1", JO, low, "", AT)
    assert checkin.score <= 9 and checkin.needs_support


def test_every_carer_question_needs_an_answer_and_only_parents_answer() -> None:
    partial = answers()
    del partial[Prompt.RESTED]
    with pytest.raises(CheckinRefused):
        new_carer_checkin("k1", JO, partial, "", AT)
    with pytest.raises(CheckinRefused):
        new_carer_checkin("k1", JO, answers(rested=5), "", AT)
    with pytest.raises(PermissionError):
        new_carer_checkin("k1", SAM, answers(), "", AT)


def test_a_checkin_just_after_midnight_is_on_todays_square(uk_time: None) -> None:
    evening = new_checkin("c1", SAM, Feeling.SAD, 3, (), (), "", "2026-06-14T18:00:00+00:00")
    # 00:30 BST on Monday 15 June, as the phone stores it (23:30 UTC on the Sunday)
    after_midnight = new_checkin("c2", SAM, Feeling.HAPPY, 2, (), (), "",
                                 "2026-06-14T23:30:00+00:00")
    strip = two_week_strip([evening, after_midnight], date(2026, 6, 15))
    assert strip[-1] == (date(2026, 6, 15), after_midnight)
    assert strip[-2] == (date(2026, 6, 14), evening)


def test_an_evening_checkin_in_new_york_is_on_that_days_square(
    time_zone: Callable[[str], None]
) -> None:
    time_zone("America/New_York")
    # 21:00 EDT on 14 June is 01:00 UTC on 15 June
    late = new_checkin("c1", SAM, Feeling.CALM, 2, (), (), "", "2026-06-15T01:00:00+00:00")
    assert two_week_strip([late], date(2026, 6, 14))[-1] == (date(2026, 6, 14), late)
