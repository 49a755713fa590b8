"""A change made from what a screen showed earlier is refused when someone has saved since:
signing words nobody showed, or saving a form over a newer change, loses nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from taylors import SAM_PICTURES, FixedClock, create_taylors, people

from app.domain.agreement import RuleField
from app.domain.chores import ChorePlan, Often, Who
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.programme.moments import Ending, MomentDraft
from app.domain.programme.network import NetworkDetails
from app.domain.rituals import RitualPlan
from app.services.agreement import agreement_for, words_stamp
from app.services.chores import chores_for
from app.services.diary import diary_for
from app.services.errors import ChangedMeanwhile, stamp_of
from app.services.household import HouseholdService
from app.services.programme.moments import moments_for
from app.services.programme.network import network_for
from app.services.rituals import rituals_for


@pytest.fixture
def home(tmp_path: Path) -> HouseholdService:
    # the clock stands still: two saves in one second must still be told apart
    return create_taylors(tmp_path / "h", FixedClock(1_800_000_000.0), second_parent=True)[1]


def rule(text: str, broken: str) -> dict[RuleField, str]:
    return {RuleField.TEXT: text, RuleField.BROKEN: broken}


def test_signing_words_changed_since_the_screen_showed_them_is_refused(
        home: HouseholdService) -> None:
    agreement, p = agreement_for(home), people(home)
    kind = agreement.save_rule(p["Jo"], None, rule("We speak kindly", "We say sorry"), "talk")
    shown = agreement.latest()
    assert shown is not None
    agreement.save_rule(p["Alex"], kind.id, rule("We speak kindly", "No pocket money"), "talk")

    with pytest.raises(ChangedMeanwhile):
        agreement.sign_with_pin(p["Jo"].id, "2580", seen=words_stamp(shown))
    with pytest.raises(ChangedMeanwhile):
        agreement.sign_with_pictures(p["Sam"].id, SAM_PICTURES, seen=words_stamp(shown))
    with pytest.raises(ChangedMeanwhile):
        agreement.say_not_yet(p["Sam"].id, SAM_PICTURES, seen=words_stamp(shown))
    latest = agreement.latest()
    assert latest is not None and not latest.signatures and not latest.not_yet
    assert home.try_pin(p["Jo"].id, "2580").ok  # no PIN try was used up by the refusal

    # the words she has now read: signed
    assert agreement.sign_with_pin(p["Jo"].id, "2580", seen=words_stamp(latest)).ok


def test_another_signature_does_not_stop_someone_signing_the_same_words(
        home: HouseholdService) -> None:
    agreement, p = agreement_for(home), people(home)
    agreement.save_rule(p["Jo"], None, rule("We speak kindly", "We say sorry"), "talk")
    shown = agreement.latest()
    assert shown is not None
    assert agreement.sign_with_pin(p["Alex"].id, "1357", seen=words_stamp(shown)).ok
    assert agreement.sign_with_pin(p["Jo"].id, "2580", seen=words_stamp(shown)).ok


def test_a_rule_saved_from_an_older_form_is_refused_and_the_newer_words_stay(
        home: HouseholdService) -> None:
    agreement, p = agreement_for(home), people(home)
    opened = agreement.save_rule(p["Jo"], None, rule("We speak kindly", "We say sorry"), "talk")
    agreement.save_rule(p["Jo"], opened.id, rule("We speak kindly", "We talk at tea time"),
                        "talk", seen=opened)

    with pytest.raises(ChangedMeanwhile):
        agreement.save_rule(p["Alex"], opened.id, {**rule("We speak kindly", "We say sorry"),
                                                   RuleField.WHY: "Home feels safe"},
                            "talk", seen=opened)
    latest = agreement.latest()
    assert latest is not None
    assert latest.rules[0].broken == "We talk at tea time" and latest.rules[0].why == ""


def test_a_chore_saved_from_an_older_form_is_refused(home: HouseholdService) -> None:
    chores, p = chores_for(home), people(home)
    plan = ChorePlan(name="Feed the cat", picture="cat", who=Who.SEVERAL,
                     children=(p["Sam"].id,), often=Often.DAILY, stars=0)
    opened = chores.add(p["Jo"], plan)
    chores.edit(p["Jo"], opened.id, ChorePlan(**{**plan.__dict__, "stars": 2}),
                seen=stamp_of(opened))

    with pytest.raises(ChangedMeanwhile):
        chores.edit(p["Alex"], opened.id, ChorePlan(**{**plan.__dict__, "name": "Feed Tom"}),
                    seen=stamp_of(opened))
    now = chores.chore(opened.id)
    assert (now.name, now.stars) == ("Feed the cat", 2)


def test_an_older_diary_screen_never_shares_an_entry_made_private_since(
        home: HouseholdService) -> None:
    diary, jo = diary_for(home), people(home)["Jo"]
    shared = DiaryWords(day=date.fromtimestamp(1_800_000_000.0), part=DayPart.EVENING,
                        sharing=Sharing.WORKER, was_hard="Bedtime was hard")
    opened = diary.write(jo, shared)
    diary.change(jo, opened.entry_id, DiaryWords(**{**shared.__dict__,
                                                   "sharing": Sharing.PRIVATE}),
                 seen=stamp_of(opened))

    with pytest.raises(ChangedMeanwhile):
        diary.change(jo, opened.entry_id, DiaryWords(**{**shared.__dict__,
                                                       "try_next": "A story first"}),
                     seen=stamp_of(opened))
    latest = diary.entry(jo, opened.entry_id)
    assert not latest.shared and latest.words.try_next == ""


def test_rituals_network_and_moments_refuse_a_change_from_an_older_form(
        home: HouseholdService) -> None:
    p = people(home)
    rituals = rituals_for(home)
    film = rituals.add(p["Jo"], RitualPlan("Film night", "film", "Friday"))
    rituals.edit(p["Jo"], film.id, RitualPlan("Film night", "film", "Saturday"),
                 seen=stamp_of(film))
    with pytest.raises(ChangedMeanwhile):
        rituals.edit(p["Alex"], film.id, RitualPlan("Film and pizza", "film", "Friday"),
                     seen=stamp_of(film))
    assert rituals.ritual(film.id).plan.when == "Saturday"

    network = network_for(home)
    nan = network.add(p["Jo"], NetworkDetails("Nan", "Jo's mum", phone="01234 567890"))
    network.change(p["Jo"], nan.id, NetworkDetails("Nan", "Jo's mum", phone="07700 900123"),
                   seen=stamp_of(nan))
    with pytest.raises(ChangedMeanwhile):
        network.change(p["Alex"], nan.id, NetworkDetails("Nan Pat", "Jo's mum",
                                                         phone="01234 567890"),
                       seen=stamp_of(nan))
    assert network.person(p["Jo"], nan.id).details.phone == "07700 900123"

    log = moments_for(home)
    draft = MomentDraft(children=(p["Sam"].id,), happened_at="2027-01-15T17:40",
                        what_happened="Screens off, and the controller got thrown.")
    moment = log.record(p["Jo"], draft)
    log.change(p["Jo"], moment.id, replace(draft, repair="We tidied up together"),
               seen=stamp_of(moment))
    with pytest.raises(ChangedMeanwhile):
        log.change(p["Alex"], moment.id, replace(draft, ending=Ending.CALM_TOGETHER),
                   seen=stamp_of(moment))
    assert log.moment(p["Jo"], moment.id).draft.repair == "We tidied up together"
