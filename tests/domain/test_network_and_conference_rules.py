"""Rules of the family's network and of a family group conference (pure, no storage)."""

from __future__ import annotations

import pytest

from app.domain.people import Avatar, Member, Role
from app.domain.programme.conference import (
    Conference,
    ConferenceProblem,
    ConferenceRefused,
    Stage,
    Topic,
    new_conference,
    next_conference_id,
)
from app.domain.programme.family_plan import FamilyPlan, PlanProblem, PlanRefused
from app.domain.programme.network import (
    NetworkDetails,
    NetworkPerson,
    NetworkProblem,
    NetworkRefused,
    NetworkRole,
    Visibility,
    carer_support,
    checked,
    helpers_for_child,
    may_see,
)

AT = "2026-11-30T10:00:00+00:00"
JO = Member("jo", "Jo", Role.PARENT, Avatar.PERSON, AT)
SAM = Member("sam", "Sam", Role.CHILD, Avatar.FOX, AT, age=6)
PRIYA = Member("priya", "Priya", Role.WORKER, Avatar.WORKER, AT)
WORRY = Topic("w1", "Shouting at bedtime")
LINE = Topic("b1", "No physical punishment of the children")


def person(name: str, role: NetworkRole, visibility: Visibility, phone: str = "07700 900123"
           ) -> NetworkPerson:
    return NetworkPerson(name.lower(), checked(NetworkDetails(name, "", role, phone, visibility)),
                         "jo", AT)


def test_a_child_sees_only_the_people_chosen_for_them() -> None:
    grandma = person("Pat", NetworkRole.FAMILY, Visibility.HELPER)
    listener = person("Ali", NetworkRole.EMPATHIC_LISTENER, Visibility.GROWN_UPS)
    teacher = person("Mrs Khan", NetworkRole.TEACHER, Visibility.EVERYONE)
    assert may_see(listener, JO) and may_see(listener, PRIYA) and not may_see(listener, SAM)
    assert may_see(teacher, SAM)
    assert helpers_for_child([grandma, listener, teacher], SAM) == [grandma]


def test_the_true_roles_are_the_carers_support_team_in_the_models_order() -> None:
    csw = person("Dee", NetworkRole.CHILDRENS_SUPPORT_WORKER, Visibility.GROWN_UPS)
    ssw = person("Ruth", NetworkRole.SUPERVISING_SOCIAL_WORKER, Visibility.GROWN_UPS)
    grandma = person("Pat", NetworkRole.FAMILY, Visibility.HELPER)
    assert [p.name for p in carer_support([csw, grandma, ssw])] == ["Ruth", "Dee"]


@pytest.mark.parametrize(("details", "problem"), [
    (NetworkDetails("  "), NetworkProblem.NAME_MISSING),
    (NetworkDetails("\u200b\u00ad"), NetworkProblem.NAME_MISSING),
    (NetworkDetails("Pat", phone="call me"), NetworkProblem.PHONE),
    (NetworkDetails("Pat", visibility=Visibility.HELPER), NetworkProblem.HELPER_NEEDS_PHONE),
])
def test_network_details_that_cannot_be_saved_say_why(details: NetworkDetails,
                                                      problem: NetworkProblem) -> None:
    with pytest.raises(NetworkRefused) as refused:
        checked(details)
    assert refused.value.problem is problem


@pytest.mark.parametrize(("typed", "kept"), [
    ("+353 74 912 3456", "+353 74 912 3456"), ("00353 74 912 3456", "+353 74 912 3456"),
    ("+44 (0)7700 900123", "+44 7700 900123"), ("07700 900123", "07700 900123")])
def test_a_helper_over_the_border_can_be_called(typed: str, kept: str) -> None:
    granny = person("Granny Rose", NetworkRole.FAMILY, Visibility.HELPER, typed)
    assert granny.details.phone == kept
    assert granny.tel == "tel:" + kept.replace(" ", "")


def test_a_person_round_trips_and_a_call_link_has_only_digits() -> None:
    pat = person("Pat", NetworkRole.FAMILY, Visibility.HELPER, "(07700) 900-123")
    assert pat.tel == "tel:07700900123"
    assert NetworkPerson.from_json(pat.to_json()) == pat


def conference_in_private_time() -> Conference:
    c = new_conference("c1", PRIYA, AT).prepared(
        PRIYA, AT, invited=("pat",), worries=(WORRY,), bottom_lines=(LINE,),
        information="Our worry is the shouting. Priya thinks Jo is trying hard.")
    return c.started(PRIYA, AT).with_private_time(PRIYA, AT)


def test_private_family_time_shows_nothing_of_the_workers_notes() -> None:
    c = conference_in_private_time()
    assert c.stage is Stage.PRIVATE_TIME
    shown = c.as_shown()
    assert shown.information == "" and shown.bottom_lines == (LINE,)
    assert "Priya thinks" not in str(shown.to_json())


def test_a_plan_cannot_meet_a_bottom_line_with_physical_punishment() -> None:
    c = conference_in_private_time()
    names = ("Jo", "Sam", "Mia", "Grandma Pat")
    for change in (
        lambda p: p.with_bottom_line_met("b1", "If Sam hits Mia he gets a smack"),
        lambda p: p.with_action("a1", "Grandma gives him a tap on the hand", "Pat", None),
        lambda p: p.with_contingencies("A good hiding if it goes wrong again"),
        lambda p: p.with_action("a1", "Jo will hit Sam if he swears", "", None),
    ):
        with pytest.raises(PlanRefused) as refused:
            c.with_plan(JO, AT, change, names)
        assert refused.value.problem is PlanProblem.PHYSICAL_PUNISHMENT
        assert refused.value.words
        assert c.plan == FamilyPlan()  # nothing of it was kept
    # naming what a child did is not planning to punish them
    kept = c.with_plan(JO, AT, lambda p: p.with_bottom_line_met(
        "b1", "If Sam hits Mia, he has quiet time, then we talk calmly"), names)
    assert kept.plan.bottom_lines_met["b1"].startswith("If Sam hits Mia")


def test_the_family_writes_the_plan_and_shares_it_only_when_every_bottom_line_is_met() -> None:
    c = conference_in_private_time()
    with pytest.raises(ConferenceRefused) as refused:
        c.with_plan(PRIYA, AT, lambda p: p)
    assert refused.value.problem is ConferenceProblem.NOT_FAMILY
    c = c.with_plan(JO, AT, lambda p: p.with_action(
        "a1", "Pick Sam up from school on Tuesdays", "Grandma Pat", "2026-12-07"))
    with pytest.raises(PlanRefused) as open_line:
        c.shared(JO, AT)
    assert open_line.value.problem is PlanProblem.BOTTOM_LINE_OPEN
    c = c.with_plan(JO, AT, lambda p: p.with_bottom_line_met("b1", "Time out and a calm talk"))
    c = c.shared(JO, AT)
    with pytest.raises(ConferenceRefused):
        c.decided(PRIYA, AT, agreed=True, why="  ", review_on="2027-01-11")
    c = c.decided(PRIYA, AT, agreed=True, why="It keeps Sam safe.", review_on="2027-01-11")
    assert c.stage is Stage.DECIDED and c.agreed and c.review_on == "2027-01-11"
    assert type(c).from_json(c.to_json()) == c


def test_a_plan_the_agency_does_not_agree_goes_back_to_private_time_without_its_views() -> None:
    c = conference_in_private_time().with_plan(JO, AT, lambda p: p.with_action(
        "a1", "Pat has Sam on Tuesdays", "Pat", None).with_bottom_line_met("b1", "Quiet time"))
    c = c.shared(JO, AT).decided(PRIYA, AT, agreed=False,
                                 why="Priya's view: Tuesdays alone is not enough", review_on=None)
    assert c.stage is Stage.DECIDED and c.agreed is False
    again = c.with_private_time(PRIYA, AT)
    assert again.private_time
    assert again.as_shown().decision_why == "" and again.as_shown().information == ""
    assert again.plan == c.plan  # the family carries on from what it wrote


def test_the_plan_is_the_familys_own_until_they_share_it_and_again_when_they_rewrite_it(
) -> None:
    c = conference_in_private_time().with_plan(JO, AT, lambda p: p.with_action(
        "a1", "Pat has Sam on Tuesdays", "Pat", None).with_bottom_line_met("b1", "Quiet time"))
    assert not new_conference("c0", PRIYA, AT).plan_shared and not c.plan_shared
    shared = c.shared(JO, AT)
    decided = shared.decided(PRIYA, AT, agreed=False, why="Not enough yet", review_on=None)
    assert shared.plan_shared and decided.plan_shared
    assert not decided.with_private_time(PRIYA, AT).plan_shared


def test_the_next_conference_id_is_the_same_on_every_device_and_every_version_of_the_app() -> None:
    """Fixed values: an app update that made other ids would stop two devices' conferences
    crossing at the agency, and one would be hidden behind the other again."""
    first = next_conference_id(None)
    assert first == "23c328c9-cf9a-578c-949d-e946f986bc54"
    assert next_conference_id(first) == "aadd61c4-0c9f-5be0-bd85-bdb75cba895d"
    older = "5ef997bc-b443-4eb9-8791-fbd0c75f39a4"  # made before ids were worked out
    assert next_conference_id(older) == "28ac30ac-81b2-546c-8c75-0e4625c56ecd"
    assert len({first, next_conference_id(first), next_conference_id(older), older}) == 4


def test_a_new_conference_never_takes_the_id_of_one_already_kept() -> None:
    first = next_conference_id(None)
    second = next_conference_id(first)
    # A device clock far behind can make the first look newest: the second is still kept.
    assert next_conference_id(first, {first, second}) == next_conference_id(second)
