"""The agreement service on a real encrypted store: drafts, signing, versions, talk requests,
who must sign, a child's "Not yet" and a parent's "Agree it for now"."""

from __future__ import annotations

from pathlib import Path

import pytest
from taylors import MIA_PICTURES, PASSPHRASE, SAM_PICTURES, create_taylors, open_gate, people

from app.domain.agreement import AgreedChore, RuleField, Status
from app.services.agreement import (
    PhysicalPunishmentRefused,
    agreement_for,
)
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed

DAY = 86_400.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0  # 15 January 2027

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def home(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService]:
    return create_taylors(tmp_path / "h", clock)


def rule_fields(text: str, broken: str = "Time to calm down, then we talk") -> dict[RuleField, str]:
    return {RuleField.TEXT: text, RuleField.WHY: "So everyone feels safe",
            RuleField.KEPT: "We say well done", RuleField.BROKEN: broken,
            RuleField.REPAIR: "Say sorry in your own words", RuleField.CHILD_WORDS: "Kind words"}


def everyone_signs(service: HouseholdService) -> None:
    agreement = agreement_for(service)
    p = people(service)
    assert agreement.sign_with_pin(p["Jo"].id, "2580").ok
    assert agreement.sign_with_pictures(p["Sam"].id, SAM_PICTURES).ok
    assert agreement.sign_with_pictures(p["Mia"].id, MIA_PICTURES).ok


def test_every_record_survives_close_and_reopen(home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    agreement = agreement_for(service)
    p = people(service)
    jo = p["Jo"]
    agreement.save_rule(jo, None, rule_fields("We speak kindly to each other"), "talk")
    agreement.add_routine(jo, "Bedtime 7.30pm on school nights")
    agreement.set_review_date(jo, "15/04/2027")
    assert agreement.sign_with_pin(p["Priya"].id, "4826").ok
    everyone_signs(service)
    talk = agreement.ask_to_talk(p["Sam"], agreement.in_force().rules[0].id)  # type: ignore[union-attr]
    agreement.ask_to_talk(p["Mia"], talk.rule_id)
    agreement.mark_talked(jo, talk.id)
    agreement.save_rule(jo, None, rule_fields("We use gentle hands"), "hug")
    before = (agreement.versions(), agreement.talk_requests(include_answered=True))
    gate.close()

    reopened = agreement_for(open_gate(tmp_path / "h", clock).unlock(PASSPHRASE))
    after = (reopened.versions(), reopened.talk_requests(include_answered=True))
    assert after == before
    first, second = after[0]
    assert first.frozen and [s.name for s in first.signatures] == ["Priya", "Jo", "Sam", "Mia"]
    assert first.rules[0].child_words == "Kind words" and first.review_date == "2027-04-15"
    assert second.status is Status.DRAFT and len(second.rules) == 2
    assert [r.answered for r in after[1]] == [True, False]


def test_signing_freezes_and_a_change_makes_version_two(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    jo = people(service)["Jo"]
    agreement.save_rule(jo, None, rule_fields("We speak kindly to each other"), "talk")
    agreement.save_rule(jo, None, rule_fields("Screens off at 7pm"), "tablet")
    everyone_signs(service)
    assert [v.status for v in agreement.versions()] == [Status.SIGNED]
    first_rule = agreement.latest().rules[0]  # type: ignore[union-attr]
    agreement.save_rule(jo, first_rule.id, rule_fields("We speak gently to each other"), "talk")
    v1, v2 = agreement.versions()
    assert v1.frozen and v1.rules[0].text == "We speak kindly to each other"
    assert v2.status is Status.DRAFT and v2.rules[0].text == "We speak gently to each other"
    assert v2.rules[0].updated_by == jo.id and v2.updated_by == jo.id
    assert agreement.in_force() == v1



def test_saving_a_rule_unchanged_keeps_the_signatures(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    jo = people(service)["Jo"]
    rule = agreement.save_rule(jo, None, rule_fields("We speak kindly to each other"), "talk")
    assert agreement.sign_with_pin(jo.id, "2580").ok
    agreement.save_rule(jo, rule.id, rule_fields("We speak kindly to each other"), "talk")
    assert agreement.latest().signed_by(jo.id) is not None  # type: ignore[union-attr]
    p = people(service)
    assert agreement.sign_with_pictures(p["Sam"].id, SAM_PICTURES).ok
    assert agreement.sign_with_pictures(p["Mia"].id, MIA_PICTURES).ok
    agreement.save_rule(jo, rule.id, rule_fields("We speak kindly to each other"), "talk")
    assert [v.status for v in agreement.versions()] == [Status.SIGNED]  # no new draft

def test_a_signed_version_lists_the_chores_as_they_were(home) -> None:  # noqa: ANN001
    _gate, service = home
    service.store.put("chores", {"id": "c1", "name": "Feed the dog", "picture": "dog",
                                 "status": "active"})
    service.store.put("chores", {"id": "c2", "name": "Old job", "picture": "bin",
                                 "status": "retired"})
    agreement = agreement_for(service)
    assert agreement.chores() == [AgreedChore("c1", "Feed the dog", "dog")]
    agreement.add_routine(people(service)["Jo"], "Tea at 5.30pm")
    everyone_signs(service)
    service.store.put("chores", {"id": "c1", "name": "Walk the dog", "picture": "dog",
                                 "status": "active"})
    assert agreement.in_force().chores == (AgreedChore("c1", "Feed the dog", "dog"),)  # type: ignore[union-attr]


def test_wrong_pin_or_pictures_do_not_sign_and_count_as_tries(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    p = people(service)
    agreement.add_routine(p["Jo"], "Tea at 5.30pm")
    result = agreement.sign_with_pin(p["Jo"].id, "1397")
    assert not result.ok and result.pin.tries_left == 4
    assert not agreement.sign_with_pictures(p["Sam"].id, MIA_PICTURES).ok
    assert agreement.latest().signatures == ()  # type: ignore[union-attr]
    assert service.lockout(p["Jo"].id).failures == 1
    with pytest.raises(InvalidInput):
        agreement.sign_with_pin(p["Sam"].id, "2580")  # children sign with pictures
    assert agreement.sign_with_pin(p["Jo"].id, "2580").ok
    with pytest.raises(InvalidInput) as caught:
        agreement.sign_with_pin(p["Jo"].id, "2580")
    assert caught.value.reason == "agreement.error.already_signed"


def test_nothing_to_sign_until_there_is_a_rule_or_routine(home) -> None:  # noqa: ANN001
    _gate, service = home
    with pytest.raises(InvalidInput) as caught:
        agreement_for(service).sign_with_pin(people(service)["Jo"].id, "2580")
    assert caught.value.reason == "agreement.error.nothing_to_sign"


def test_children_cannot_change_the_agreement_but_the_worker_can(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    p = people(service)
    with pytest.raises(NotAllowed):
        agreement.save_rule(p["Sam"], None, rule_fields("No bedtime"), "bed")
    with pytest.raises(NotAllowed):
        agreement.add_routine(p["Mia"], "Ice cream every day")
    assert agreement.versions() == []
    rule = agreement.save_rule(p["Priya"], None, rule_fields("We tidy up after ourselves"),
                               "toys")
    assert rule.created_by == p["Priya"].id
    with pytest.raises(NotAllowed):
        agreement.remove_rule(p["Sam"], rule.id)


def test_physical_punishment_is_refused_and_nothing_is_saved(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    jo = people(service)["Jo"]
    with pytest.raises(PhysicalPunishmentRefused) as caught:
        agreement.save_rule(jo, None, rule_fields("We use gentle hands",
                                                  broken="A smack on the hand"), "hug")
    assert caught.value.found == {RuleField.BROKEN: ("smack",)}
    assert agreement.versions() == []
    # naming hitting as the behaviour is fine
    agreement.save_rule(jo, None, {RuleField.TEXT: "We use gentle hands",
                                   RuleField.WHY: "Hitting hurts"}, "hug")
    assert len(agreement.latest().rules) == 1  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "reason"), [
    ("", "agreement.error.date"), ("31/02/2027", "agreement.error.date"),
    ("01/01/2027", "agreement.error.date_past"),
])
def test_bad_review_dates_change_nothing(home, text: str, reason: str) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    jo = people(service)["Jo"]
    agreement.add_routine(jo, "Tea at 5.30pm")
    before = agreement.latest()
    with pytest.raises(InvalidInput) as caught:
        agreement.set_review_date(jo, text)
    assert caught.value.reason == reason
    assert agreement.latest() == before


def test_review_reminder_shows_once_the_date_has_come(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    jo = people(service)["Jo"]
    agreement.add_routine(jo, "Tea at 5.30pm")
    agreement.set_review_date(jo, "20/01/2027")
    everyone_signs(service)
    assert agreement.review_due() is None
    clock.now += 5 * DAY
    assert agreement.review_due() == agreement.in_force()


def test_asking_twice_to_talk_about_a_rule_keeps_one_request(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    p = people(service)
    rule = agreement.save_rule(p["Jo"], None, rule_fields("Screens off at 7pm"), "tablet")
    first = agreement.ask_to_talk(p["Sam"], rule.id)
    assert agreement.ask_to_talk(p["Sam"], rule.id) == first
    assert [r.created_by for r in agreement.talk_requests()] == [p["Sam"].id]
    with pytest.raises(NotAllowed):
        agreement.mark_talked(p["Sam"], first.id)
    agreement.mark_talked(p["Jo"], first.id)
    assert agreement.talk_requests() == []
    with pytest.raises(InvalidInput):
        agreement.mark_talked(p["Jo"], first.id)


# who signs: the signing age, a child's "Not yet", and agreeing it for now ------------------

def a_draft(service: HouseholdService) -> None:
    agreement_for(service).save_rule(people(service)["Jo"], None,
                                     rule_fields("Screens off at 7pm"), "tablet")


def test_a_child_under_the_signing_age_is_asked_not_needed(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    p = people(service)
    a_draft(service)
    assert agreement.sign_from_age() == 7
    assert [m.name for m in agreement.required_signers()] == ["Jo", "Mia"]
    assert [m.name for m in agreement.by_need()[1]] == ["Sam"]
    assert agreement.sign_with_pin(p["Jo"].id, "2580").ok
    assert agreement.sign_with_pictures(p["Mia"].id, MIA_PICTURES).ok
    version = agreement.latest()
    assert version.frozen and version.not_signed == ("Sam",) and version.for_now is None  # type: ignore[union-attr]
    assert agreement.sign_with_pictures(p["Sam"].id, SAM_PICTURES).ok  # invited, still welcome
    assert agreement.latest().signed_by(p["Sam"].id) is not None  # type: ignore[union-attr]


def test_only_a_parent_changes_the_signing_age_and_it_survives_reopening(
        home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    agreement = agreement_for(service)
    p = people(service)
    a_draft(service)
    for someone in (p["Sam"], p["Priya"]):
        with pytest.raises(NotAllowed):
            agreement.set_sign_from_age(someone, 10)
    for age in (3, 13):
        with pytest.raises(InvalidInput) as caught:
            agreement.set_sign_from_age(p["Jo"], age)
        assert caught.value.reason == "agreement.error.sign_age"
    assert agreement.sign_with_pin(p["Jo"].id, "2580").ok
    assert not agreement.latest().frozen  # type: ignore[union-attr]  # Mia (9) must sign
    took_effect = agreement.set_sign_from_age(p["Jo"], 10)  # now Mia is asked, not needed
    assert took_effect is not None and took_effect.frozen
    assert took_effect.not_signed == ("Sam", "Mia")
    assert agreement.set_sign_from_age(p["Jo"], 5) is None  # a signed version stays as it is
    gate.close()
    reopened = agreement_for(open_gate(tmp_path / "h", clock).unlock(PASSPHRASE))
    assert reopened.sign_from_age() == 5 and reopened.latest() == took_effect


def test_a_child_says_not_yet_only_for_themselves_and_may_sign_later(home) -> None:  # noqa: ANN001
    _gate, service = home
    agreement = agreement_for(service)
    p = people(service)
    a_draft(service)
    assert not agreement.say_not_yet(p["Mia"].id, SAM_PICTURES).ok  # Sam cannot speak for Mia
    assert service.lockout(p["Mia"].id).failures == 1
    with pytest.raises(NotAllowed):
        agreement.say_not_yet(p["Jo"].id, SAM_PICTURES)
    result = agreement.say_not_yet(p["Sam"].id, SAM_PICTURES)
    assert result.ok
    assert [(n.name, n.said_at) for n in agreement.latest().open_not_yet()] == [  # type: ignore[union-attr]
        ("Sam", result.version.not_yet[0].said_at)]  # type: ignore[union-attr]
    assert agreement.sign_with_pin(p["Jo"].id, "2580").ok
    assert agreement.sign_with_pictures(p["Mia"].id, MIA_PICTURES).ok
    assert not agreement.latest().frozen  # type: ignore[union-attr]  # Sam has been heard
    assert agreement.sign_with_pictures(p["Sam"].id, SAM_PICTURES).ok
    version = agreement.latest()
    assert version.frozen and version.not_signed == () and version.open_not_yet() == ()  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        agreement.say_not_yet(p["Sam"].id, SAM_PICTURES)  # Sam has signed


def test_agree_for_now_needs_a_parent_a_reason_and_every_parent_signed(
        tmp_path: Path, clock: Clock) -> None:
    gate, service = create_taylors(tmp_path / "h", clock, second_parent=True)
    agreement = agreement_for(service)
    p = people(service)
    a_draft(service)
    assert agreement.say_not_yet(p["Sam"].id, SAM_PICTURES).ok
    assert agreement.sign_with_pin(p["Jo"].id, "2580").ok
    reason = "Sam is too young to sign; we read it to him. We will talk with Mia on Saturday."
    with pytest.raises(InvalidInput) as caught:
        agreement.agree_for_now(p["Jo"], reason)
    assert caught.value.reason == "agreement.error.parents_first"  # Alex has not signed
    assert agreement.sign_with_pin(p["Alex"].id, "1357").ok
    assert agreement.may_agree_for_now(p["Jo"]) and not agreement.may_agree_for_now(p["Priya"])
    for someone in (p["Priya"], p["Sam"], p["Mia"]):
        with pytest.raises(NotAllowed):
            agreement.agree_for_now(someone, reason)
    for words, key in (("   ", "reason_missing"), ("why " * 80, "reason_long")):
        with pytest.raises(InvalidInput) as caught:
            agreement.agree_for_now(p["Jo"], words)
        assert caught.value.reason == f"agreement.error.{key}"
    assert not agreement.latest().frozen  # type: ignore[union-attr]
    agreed = agreement.agree_for_now(p["Jo"], "  " + reason + "\n")
    assert agreed.frozen and agreed.for_now is not None
    assert (agreed.for_now.name, agreed.for_now.reason) == ("Jo", reason)
    assert agreed.not_signed == ("Sam", "Mia")
    with pytest.raises(InvalidInput) as caught:
        agreement.agree_for_now(p["Jo"], reason)
    assert caught.value.reason == "agreement.error.already_agreed"
    gate.close()

    reopened = agreement_for(open_gate(tmp_path / "h", clock).unlock(PASSPHRASE))
    assert reopened.in_force() == agreed
    assert reopened.sign_with_pictures(p["Mia"].id, MIA_PICTURES).ok  # Mia signs after all
    after = reopened.in_force()
    assert after.signed_by(p["Mia"].id) is not None and after.for_now == agreed.for_now  # type: ignore[union-attr]
    assert after.not_signed == ("Sam", "Mia")  # a record of how it was agreed  # type: ignore[union-attr]
