"""Pure rules of safety plans: who may change what, ratings as events, phone numbers."""

from __future__ import annotations

import pytest

from app.domain.people import Avatar, Member, Role
from app.domain.safety import (
    ActionTick,
    ChildList,
    SafetyPlan,
    SafetyProblem,
    SafetyRuleBroken,
    Section,
    WorkerOnly,
    clean_phone,
    latest_ticks,
    may_read_child_plan,
    tel_link,
)
from app.domain.safety_child import ChildSafetyPlan
from app.domain.safety_scale import (
    SafetyRating,
    in_time_order,
    latest_by_person,
    may_read_reason,
    new_rating,
)


def person(member_id: str, role: Role) -> Member:
    return Member(member_id, member_id.title(), role, Avatar.PERSON, "2026-11-01T09:00:00")


JO = person("jo", Role.PARENT)
SAM = person("sam", Role.CHILD)
MIA = person("mia", Role.CHILD)
PRIYA = person("priya", Role.WORKER)
AT = "2026-11-02T10:00:00+00:00"
LATER = "2026-11-09T10:00:00+00:00"


def test_only_the_worker_sets_bottom_lines() -> None:
    plan = SafetyPlan().with_point(PRIYA, Section.BOTTOM_LINES, "b1", "Sam is collected by Jo.",
                                   AT, "Agreed at the conference")
    assert [p.text for p in plan.points(Section.BOTTOM_LINES)] == ["Sam is collected by Jo."]
    for someone in (JO, SAM):
        with pytest.raises(WorkerOnly):
            plan.with_point(someone, Section.BOTTOM_LINES, "b2", "Anything", AT)
        with pytest.raises(WorkerOnly):
            plan.with_changed_point(someone, Section.BOTTOM_LINES, "b1", "Softer words", AT)
        with pytest.raises(WorkerOnly):
            plan.without_point(someone, Section.BOTTOM_LINES, "b1", AT)


def test_worker_changes_a_bottom_line_and_who_changed_it_is_recorded() -> None:
    plan = SafetyPlan().with_point(PRIYA, Section.BOTTOM_LINES, "b1", "First words", AT,
                                   "Because")
    changed = plan.with_changed_point(PRIYA, Section.BOTTOM_LINES, "b1", "Better words", LATER)
    line = changed.points(Section.BOTTOM_LINES)[0]
    assert (line.text, line.updated_by, line.updated_at) == ("Better words", "priya", LATER)
    assert changed.revision == plan.revision + 1 == 2


def test_parents_edit_the_family_sections_but_children_do_not() -> None:
    plan = SafetyPlan().with_point(JO, Section.WORKING_WELL, "w1", "Bedtime is calmer", AT)
    plan = plan.with_point(PRIYA, Section.WORRIES, "w2", "Shouting at night", AT)
    assert plan.points(Section.WORKING_WELL)[0].created_by == "jo"
    with pytest.raises(PermissionError):
        plan.with_point(SAM, Section.WORRIES, "w3", "x", AT)


def test_a_removed_point_is_hidden_but_kept_with_who_removed_it() -> None:
    plan = SafetyPlan().with_point(JO, Section.WORRIES, "w1", "Money", AT)
    plan = plan.without_point(JO, Section.WORRIES, "w1", LATER)
    assert plan.points(Section.WORRIES) == ()
    assert plan.worries[0].removed_by == "jo" and plan.worries[0].text == "Money"
    with pytest.raises(SafetyRuleBroken):
        plan.without_point(JO, Section.WORRIES, "w1", LATER)


def test_every_change_raises_the_revision() -> None:
    plan = SafetyPlan()
    plan = plan.with_point(JO, Section.WORKING_WELL, "a", "One", AT)
    plan = plan.with_action(JO, "x", "Book the GP", "Jo", "2026-11-20", AT)
    plan = plan.without_action(JO, "x", AT)
    assert plan.revision == 3 and plan.updated_by == "jo"
    assert SafetyPlan.from_json(plan.to_json()) == plan


@pytest.mark.parametrize("text", ["", "   ", "x" * 301])
def test_blank_or_overlong_words_are_refused(text: str) -> None:
    with pytest.raises(SafetyRuleBroken):
        SafetyPlan().with_point(JO, Section.WORRIES, "w", text, AT)


def test_actions_done_and_undone_are_both_recorded_and_the_latest_counts() -> None:
    ticks = [
        ActionTick("t1", "a1", True, "jo", AT),
        ActionTick("t2", "a1", False, "priya", LATER),
        ActionTick("t3", "a2", True, "priya", AT),
    ]
    latest = latest_ticks(ticks)
    assert latest["a1"].done is False and latest["a1"].created_by == "priya"
    assert latest["a2"].done is True
    assert len(ticks) == 3  # the earlier tick is still there: nothing is overwritten


def test_ratings_are_append_only_and_the_latest_per_person_wins() -> None:
    ratings = [
        new_rating("r1", JO, 4, "Rough week", AT),
        new_rating("r2", SAM, 8, "", AT),
        new_rating("r3", JO, 7, "Calmer now", LATER),
    ]
    latest = latest_by_person(ratings)
    assert latest["jo"].score == 7 and latest["sam"].score == 8
    assert [r.score for r in in_time_order(ratings)] == [4, 8, 7]
    assert ratings[0] == SafetyRating("r1", 4, "Rough week", "jo", AT)  # earlier one stays


def test_the_why_of_someone_this_device_does_not_know_is_kept_like_a_childs() -> None:
    """A second "Ella" waiting for the worker has no member record on the other devices: her
    "Why?" is for her worker unless it says the family may read it, as a known child's is."""
    private = SafetyRating("r1", 6, "Dad shouts", "ella-tablet", AT)
    shared = SafetyRating("r2", 8, "Pizza night", "ella-tablet", AT, reason_for_family=True)
    assert not may_read_reason(private, None)
    assert may_read_reason(shared, None)
    assert may_read_reason(SafetyRating("r3", 4, "Rough week", "jo", AT), JO)


@pytest.mark.parametrize("score", [-1, 11, True])
def test_a_rating_must_be_a_whole_number_from_0_to_10(score: int) -> None:
    with pytest.raises(SafetyRuleBroken) as caught:
        new_rating("r", JO, score, "", AT)
    assert caught.value.problem is SafetyProblem.SCORE


def test_children_rate_too_and_zero_and_ten_are_allowed() -> None:
    assert new_rating("r", SAM, 0, "", AT).score == 0
    assert new_rating("r", PRIYA, 10, "", AT).score == 10


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("07700 900123", "07700 900123"), ("+44 7700 900123", "+44 7700 900123"),
     ("999", "999"), ("111", "111"), ("0800 1111", "0800 1111"), ("116 123", "116 123"),
     ("(01632) 960-001", "01632 960 001"),
     # family over a border or overseas: Granny in Donegal, an aunt in Poland
     ("+353 74 912 3456", "+353 74 912 3456"), ("00353 74 912 3456", "+353 74 912 3456"),
     ("+48 512 345 678", "+48 512 345 678"), ("+1 (202) 555-0143", "+1 202 555 0143"),
     ("+44 (0)7700 900123", "+44 7700 900123"), ("0044 7700 900123", "+44 7700 900123")],
)
def test_uk_style_phone_numbers_are_accepted(typed: str, kept: str) -> None:
    assert clean_phone(typed) == kept


@pytest.mark.parametrize("typed", ["", "call nan", "12", "0770090012345", "+44 0770 090",
                                   "07700 9OO123", "+1 555 0100",
                                   "+353 12", "00353", "+999 1234 5678", "+44 (0)",
                                   "++44 7700 900123", "0044 0770 090"])
def test_numbers_that_cannot_be_called_are_refused(typed: str) -> None:
    with pytest.raises(SafetyRuleBroken):
        clean_phone(typed)


def test_the_call_link_keeps_only_digits_and_plus() -> None:
    assert tel_link("+44 7700 900123") == "tel:+447700900123"
    assert tel_link("0800 1111") == "tel:08001111"


def test_a_childs_plan_is_read_by_the_child_and_grown_ups_not_by_siblings() -> None:
    assert may_read_child_plan(SAM, "sam") and may_read_child_plan(JO, "sam")
    assert may_read_child_plan(PRIYA, "sam")
    assert not may_read_child_plan(MIA, "sam")


def test_a_child_adds_calm_ideas_and_safe_places_but_not_warning_signs_or_adults() -> None:
    plan = ChildSafetyPlan("sam").with_item(SAM, ChildList.CALM_IDEAS, "c", "Lego", AT)
    plan = plan.with_item(SAM, ChildList.SAFE_PLACES, "s", "My bed", AT)
    assert [i.text for i in plan.items(ChildList.CALM_IDEAS)] == ["Lego"]
    with pytest.raises(PermissionError):
        plan.with_item(SAM, ChildList.WARNING_SIGNS, "w", "x", AT)
    with pytest.raises(PermissionError):
        plan.with_adult(SAM, "a", "Nan", "Nan", "07700 900123", AT)
    with pytest.raises(PermissionError):
        ChildSafetyPlan("mia").with_item(SAM, ChildList.CALM_IDEAS, "c", "Lego", AT)


def test_a_trusted_adult_needs_a_name_and_a_callable_number() -> None:
    plan = ChildSafetyPlan("sam").with_adult(JO, "a", " Gran ", "My nan", "07700 900123", AT)
    adult = plan.adults()[0]
    assert (adult.name, adult.tel) == ("Gran", "tel:07700900123")
    with pytest.raises(SafetyRuleBroken):
        plan.with_adult(JO, "b", "", "Nan", "07700 900123", AT)
    with pytest.raises(SafetyRuleBroken):
        plan.with_adult(JO, "b", "Nan", "Nan", "not a number", AT)
    assert ChildSafetyPlan.from_json(plan.to_json()) == plan
    assert not plan.empty and ChildSafetyPlan("mia").empty


def test_the_worker_says_why_and_a_parent_acknowledges_what_is_new() -> None:
    with pytest.raises(SafetyRuleBroken) as missing:
        SafetyPlan().with_point(PRIYA, Section.BOTTOM_LINES, "b1", "Sam is collected by Jo.",
                                AT, "  ")
    assert missing.value.problem is SafetyProblem.REASON_MISSING
    with pytest.raises(SafetyRuleBroken):
        SafetyPlan().with_action(PRIYA, "a1", "Book the GP", "Jo", None, AT)
    plan = SafetyPlan().with_point(PRIYA, Section.BOTTOM_LINES, "b1", "Sam is collected by Jo.",
                                   AT, "The court order says so")
    plan = plan.with_action(PRIYA, "a1", "Book the GP", "Jo", None, AT, "Sam's cough")
    plan = plan.with_action(JO, "a2", "Buy a night light", "Jo", None, AT)  # a parent need not
    assert [item.id for item in plan.new_from_worker()] == ["b1", "a1"]
    with pytest.raises(PermissionError):
        plan.acknowledged(SAM, "b1", LATER)
    read = plan.acknowledged(JO, "b1", LATER)
    line = read.points(Section.BOTTOM_LINES)[0]
    assert (line.reason, line.acknowledged_by, line.acknowledged_at) == (
        "The court order says so", "jo", LATER)
    assert [item.id for item in read.new_from_worker()] == ["a1"]
    with pytest.raises(SafetyRuleBroken):
        read.acknowledged(JO, "b1", LATER)  # already read
    assert SafetyPlan.from_json(read.to_json()) == read
