"""The lines a settle card compares, without a page: each field a worker weighs is a line,
so two versions that differ never read the same."""

from __future__ import annotations

from datetime import date

from app.domain.agreement import AgreementVersion, ForNow, NotYet, Signature, Status
from app.domain.diary import DayPart, DiaryEntry, DiaryWords
from app.domain.people import Avatar, Member, Role
from app.domain.programme.conference import Conference, Stage, Topic
from app.domain.programme.family_plan import FamilyPlan, PlanAction
from app.domain.programme.network import NetworkDetails, NetworkPerson, NetworkRole, Visibility
from app.domain.rituals import Ritual, RitualPlan
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.documents import describe, record_words
from app.i18n import speaking

AT = "2026-11-03T10:00:00+00:00"


def taylors() -> HouseholdRecords:
    """Jo and Sam, as the hub knows them."""
    people = [Member("jo", "Jo", Role.PARENT, Avatar.PERSON, AT),
              Member("sam", "Sam", Role.CHILD, Avatar.FOX, AT, age=6)]
    return HouseholdRecords("h-1", "The Taylors", members={m.id: m for m in people})


def test_a_not_yet_an_agreement_for_now_and_its_chores_are_lines_of_their_own() -> None:
    version = AgreementVersion("v-1", 2, "jo", AT, rules=(), routines=("Tea at 5",),
                               not_yet=(NotYet("sam", "Sam", AT),))
    agreed = AgreementVersion("v-1", 2, "jo", AT, status=Status.SIGNED, routines=("Tea at 5",),
                              signatures=(Signature("jo", "Jo", "parent", AT),),
                              not_signed=("Sam",), for_now=ForNow("jo", "Jo", AT, "Sam is 4"))
    draft_lines = describe("agreement_versions", version.to_json(), taylors())
    agreed_lines = describe("agreement_versions", agreed.to_json(), taylors())
    assert "Version 2, still a draft" in draft_lines
    assert 'Sam said "Not yet": wants to talk about it' in draft_lines
    assert "Nobody has signed this version yet." in draft_lines
    assert "Version 2, agreed" in agreed_lines
    assert "Had not signed when it started: Sam" in agreed_lines
    assert "Jo agreed it for now. Why: Sam is 4" in agreed_lines


def test_an_unknown_record_taken_away_says_so() -> None:
    lines = describe("rituals", {"id": "r-1", "name": "Film night", "removed_at": AT,
                                 "removed_by": "jo"}, taylors())
    assert lines == ["Name: Film night", "Removed by Jo"]


def test_a_member_is_named_on_the_card_and_described_in_welsh_too() -> None:
    sam = Member("sam", "Sam", Role.CHILD, Avatar.FOX, AT, age=6, language="cy-GB",
                 text_scale=125).to_json()
    assert record_words("members", [None, sam], taylors()) == "Sam's details"
    assert record_words("members", [None, None], taylors()) == "A person in the household"
    assert record_words("household", [{}], taylors()) == "The household's details"
    with speaking("cy-GB"):
        lines = describe("members", sam, taylors())
        assert record_words("child_safety_plans", [{"child_id": "sam"}], taylors()) == (
            "Cynllun diogelwch Sam")
    assert lines == ["Enw: Sam", "Rôl: Plentyn", "Oed: 6", "Yn y cartref o hyd",
                     "Iaith: Cymraeg", "Maint y testun: 125%"]


def test_two_crossed_wordings_of_a_diary_entry_read_as_the_diary_page_does() -> None:
    words = DiaryWords(date(2026, 11, 3), DayPart.MORNING, went_well="Breakfast together",
                       was_hard="Shoes again")
    entry = DiaryEntry("e-1-r2", "e-1", 2, "jo", AT, words)
    assert describe("diary_entries", entry.to_json(), taylors()) == [
        "Morning, 3 Nov 2026", "Written by Jo", "What went well: Breakfast together",
        "What was hard: Shoes again"]
    assert record_words("diary_entries", [entry.to_json()], taylors()) == (
        "A diary entry shared with you")


def family_plan(*actions: PlanAction, **changes: object) -> dict[str, object]:
    """The Taylors' conference, with the family's plan written in private time."""
    worry = Topic("w-1", "Sam misses school on Mondays")
    line = Topic("b-1", "Sam is at school every day")
    conference = Conference(
        "c-1", "priya", AT, stage=Stage.SHARED, worries=(worry,), bottom_lines=(line,),
        information="School says Sam is doing well when he is there",
        plan=FamilyPlan(actions=actions, contingencies="Gran steps in",
                        child_voice="Sam drew his week", bottom_lines_met={"b-1": "Gran walks"}),
        review_on="2026-12-08", revision=3)
    return {**conference.to_json(), **changes}


def test_two_wordings_of_a_family_plan_show_the_plan_itself_not_only_its_bookkeeping() -> None:
    walk = PlanAction("a-1", "Gran walks Sam to school", "Gran", "2026-11-09")
    alarm = PlanAction("a-2", "An alarm clock for Sam", "Jo", None)
    phone = describe("conferences", family_plan(walk, alarm), taylors())
    tablet = describe("conferences", family_plan(walk), taylors())
    assert phone != tablet
    assert "Plan: An alarm clock for Sam (Jo)" in phone
    assert "Plan: Gran walks Sam to school (Gran, by 9 Nov 2026)" in phone
    assert "Worry: Sam misses school on Mondays" in phone
    assert "Bottom line: Sam is at school every day. How it is met: Gran walks" in phone
    assert "If the plan is not working: Gran steps in" in phone
    assert "How the children were heard: Sam drew his week" in phone
    assert "We look at the plan again on 8 Dec 2026." in phone
    assert not [line for line in phone if "2026-" in line or "c-1" in line or "priya" in line]


def test_a_family_plan_with_words_where_a_day_should_be_still_reads() -> None:
    lines = describe("conferences", family_plan(review_on="next month"), taylors())
    assert "We look at the plan again on next month." in lines
    with speaking("cy-GB"):
        welsh = describe("conferences", family_plan(), taylors())
    assert "Worry: Sam misses school on Mondays" not in welsh


def test_a_person_in_the_network_reads_in_words_with_who_at_home_may_see_them() -> None:
    gran = NetworkPerson("n-1", NetworkDetails("Gran", "Jo's mum", NetworkRole.FAMILY,
                                               "07700 900123", Visibility.HELPER), "jo", AT)
    helper = describe("network_people", gran.to_json(), taylors())
    grown_ups = describe("network_people", {**gran.to_json(), "visibility": "grown_ups"},
                         taylors())
    assert helper == ["Name: Gran", "Relationship: Jo's mum", "Role: Family",
                      "Phone: 07700 900123",
                      "Who at home sees them: Everyone, and children can call them for help"]
    assert grown_ups[-1] == "Who at home sees them: Grown-ups only"
    taken_off = describe("network_people", {**gran.to_json(), "removed_at": AT}, taylors())
    assert taken_off[-1] == "Taken off the family's network"
    with speaking("cy-GB"):
        assert not set(describe("network_people", gran.to_json(), taylors())) & set(helper)


def test_a_ritual_says_who_it_is_for_and_whether_it_goes_on() -> None:
    story = Ritual("r-1", RitualPlan("Bedtime story", "book", "Every night", ("sam",)), "jo", AT)
    lines = describe("rituals", story.to_json(), taylors())
    assert lines == ["Ritual: Bedtime story", "When: Every night", "For: Sam", "Still going"]
    stopped = describe("rituals", {**story.to_json(), "stopped": True, "who": []}, taylors())
    assert stopped == ["Ritual: Bedtime story", "When: Every night", "For everyone",
                       "Stopped"]
