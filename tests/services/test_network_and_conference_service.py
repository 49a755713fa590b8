"""The network and family group conferences on a real encrypted store (the Taylors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.programme.conference import Stage
from app.domain.programme.network import NetworkDetails, NetworkRole, Visibility
from app.domain.safety import Section
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.conference import conferences_for
from app.services.programme.network import network_for
from app.services.safety import safety_for
from tests.services.taylors import FixedClock, create_taylors, in_order, reopen

NOTES = "Priya's view: Jo is trying hard, the shouting is less."


def test_parents_and_the_worker_keep_the_network_and_a_child_sees_only_their_helpers(
    tmp_path: Path,
) -> None:
    clock = FixedClock(1_800_000_000.0)
    gate, household = create_taylors(tmp_path, clock)
    jo, sam, _mia, priya = in_order(household)
    network = network_for(household)
    pat = network.add(jo, NetworkDetails("Grandma Pat", "Grandma", NetworkRole.FAMILY,
                                         "07700 900123", Visibility.HELPER))
    network.add(priya, NetworkDetails("Ruth", "", NetworkRole.SUPERVISING_SOCIAL_WORKER,
                                      "0161 496 0000", Visibility.GROWN_UPS))
    with pytest.raises(NotAllowed):
        network.add(sam, NetworkDetails("Lee"))
    with pytest.raises(InvalidInput) as bad:
        network.add(jo, NetworkDetails("Lee", phone="not a number"))
    assert bad.value.reason == "network.error.phone"
    assert [p.name for p in network.people(sam)] == ["Grandma Pat"]
    assert [p.name for p in network.helpers_for(sam)] == ["Grandma Pat"]
    assert [p.name for p in network.carer_support()] == ["Ruth"]
    household = reopen(gate, tmp_path, clock)
    jo = in_order(household)[0]
    network_for(household).remove(jo, pat.id)
    assert [p.name for p in network_for(household).people(jo)] == ["Ruth"]
    assert network_for(household).names()[pat.id] == "Grandma Pat"  # kept for history


def test_a_conference_from_preparing_to_an_agreed_plan_ticked_over_time(tmp_path: Path) -> None:
    clock = FixedClock(1_800_000_000.0)
    gate, household = create_taylors(tmp_path, clock)
    jo, sam, _mia, priya = in_order(household)
    safety = safety_for(household)
    safety.add_point(jo, Section.WORRIES, "Shouting at bedtime")
    safety.add_point(priya, Section.BOTTOM_LINES, "No physical punishment",
                     reason="It harms children")
    pat = network_for(household).add(jo, NetworkDetails("Grandma Pat", "Grandma"))
    conferences = conferences_for(household)
    worries, lines = conferences.to_address()
    with pytest.raises(NotAllowed):
        conferences.prepare(jo, invited=[], worries=[], bottom_lines=[], information="")
    conferences.prepare(priya, invited=[pat.id], worries=[worries[0].id],
                        bottom_lines=[lines[0].id], information=NOTES)
    conferences.start_day(priya)
    assert conferences.current().information == NOTES  # the information stage: everyone hears

    conferences.start_private_time(priya)
    assert conferences.in_private_time()
    for seen in (conferences.current(), *conferences.conferences()):
        assert seen is not None and seen.information == "" and NOTES not in str(seen.to_json())
    with pytest.raises(InvalidInput) as hit:
        conferences.change_plan(jo, lambda p: p.with_bottom_line_met(
            lines[0].id, "A smack if he hits Mia"))
    assert hit.value.reason == "conference.plan.error.physical_punishment"
    assert "smack" in hit.value.values["words"]
    with pytest.raises(NotAllowed):
        conferences.add_action(priya, "Worker writes the plan", "", None)
    conferences.add_action(jo, "Pick Sam up on Tuesdays", "Grandma Pat", "2027-01-05")
    conferences.change_plan(jo, lambda p: p.with_bottom_line_met(
        lines[0].id, "Time out, then a calm talk"))
    conferences.change_plan(jo, lambda p: p.with_child_voice("Sam drew his happy place"))
    household = reopen(gate, tmp_path, clock)  # nothing typed is lost
    jo, sam, _mia, priya = in_order(household)
    conferences = conferences_for(household)
    conferences.share_plan(jo)
    shared = conferences.current()
    assert shared is not None and shared.information == NOTES  # the worker is back in

    conferences.decide(priya, agreed=True, why="It keeps Sam safe", review_on="2027-02-01")
    action = conferences.current().plan.actions[0]  # type: ignore[union-attr]
    with pytest.raises(NotAllowed):
        conferences.tick(sam, action.id)
    conferences.tick(jo, action.id)
    decided = conferences.current()
    assert decided is not None and decided.stage is Stage.DECIDED and decided.agreed
    assert conferences.done(decided.id) == {action.id}
    # Put right on a device whose clock is a few minutes behind: the correction still counts.
    clock.now -= 4 * 60
    conferences.tick(jo, action.id, False)
    assert conferences.done(decided.id) == set()
    conferences.tick(jo, action.id, True)  # and again, at the same moment by this clock
    assert conferences.done(decided.id) == {action.id}



def test_a_plan_shared_again_waits_for_a_new_answer(tmp_path: Path) -> None:
    clock = FixedClock(1_800_000_000.0)
    gate, household = create_taylors(tmp_path, clock)
    jo, _sam, _mia, priya = in_order(household)
    safety_for(household).add_point(jo, Section.WORRIES, "Shouting at bedtime")
    pat = network_for(household).add(jo, NetworkDetails("Grandma Pat", "Grandma"))
    conferences = conferences_for(household)
    worries, _lines = conferences.to_address()
    conferences.prepare(priya, invited=[pat.id], worries=[worries[0].id], bottom_lines=[],
                        information="")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    conferences.add_action(jo, "Grandma Pat does bedtime on Fridays", "Grandma Pat", None)
    conferences.share_plan(jo)
    conferences.decide(priya, agreed=False, why="Nothing yet about the shouting itself",
                       review_on="2027-02-12")
    conferences.start_private_time(priya)
    conferences.add_action(jo, "Jo goes to the parenting group on Tuesdays", "Jo", None)
    conferences.share_plan(jo)
    shared = conferences.current()
    gate.close()
    assert shared is not None and shared.stage is Stage.SHARED
    assert (shared.agreed, shared.decision_why, shared.review_on) == (None, "", None)

def test_days_typed_in_another_iso_form_are_kept_as_year_month_day(tmp_path: Path) -> None:
    """The agency's review date and a plan's "by when" are kept as YYYY-MM-DD, whatever ISO
    form reached the service ("20270201", a week date, a phone keyboard's trailing space)."""
    clock = FixedClock(1_800_000_000.0)
    gate, household = create_taylors(tmp_path, clock)
    jo, _sam, _mia, priya = in_order(household)
    safety_for(household).add_point(jo, Section.WORRIES, "Shouting at bedtime")
    conferences = conferences_for(household)
    worries, _lines = conferences.to_address()
    conferences.prepare(priya, invited=[], worries=[worries[0].id], bottom_lines=[],
                        information="")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    with pytest.raises(InvalidInput) as bad_day:
        conferences.add_action(jo, "Grandma Pat does bedtime", "Grandma Pat", "5/1/2027")
    assert bad_day.value.reason == "conference.plan.error.date"
    conferences.add_action(jo, "Grandma Pat does bedtime on Fridays", "Grandma Pat",
                           "2027-W02-2 ")
    conferences.share_plan(jo)
    with pytest.raises(InvalidInput) as bad_review:
        conferences.decide(priya, agreed=True, why="It keeps Sam safe", review_on="1/2/2027")
    assert bad_review.value.reason == "conference.error.review_date"
    conferences.decide(priya, agreed=True, why="It keeps Sam safe", review_on="20270201")
    household = reopen(gate, tmp_path, clock)
    [doc] = household.store.find("conferences")
    assert doc["review_on"] == "2027-02-01"
    assert doc["plan"]["actions"][0]["by_when"] == "2027-01-12"
    current = conferences_for(household).current()
    assert current is not None and current.review_on == "2027-02-01"
    gate.close()


def test_every_refusal_stage_role_and_choice_has_words() -> None:
    from app.domain.programme.conference import ConferenceProblem
    from app.domain.programme.family_plan import PlanProblem
    from app.domain.programme.network import NetworkProblem
    from app.i18n import DEFAULT_LANGUAGE, _catalogue

    words = _catalogue(DEFAULT_LANGUAGE)
    keys = [f"network.error.{p.value}" for p in NetworkProblem]
    keys += [f"network.role.{r.value}" for r in NetworkRole]
    keys += [f"network.visibility.{v.value}" for v in Visibility]
    keys += [f"conference.plan.error.{p.value}" for p in PlanProblem]
    keys += [f"conference.error.{p.value}" for p in ConferenceProblem
             if p not in (ConferenceProblem.NOT_WORKER, ConferenceProblem.NOT_FAMILY)]
    keys += [f"hub.conference.stage.{s.value}" for s in Stage]
    keys += [f"conference.tile.{s.value}" for s in Stage if s is not Stage.PRIVATE_TIME]
    assert [k for k in keys if k not in words] == []
