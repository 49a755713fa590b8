"""Pure rules of the household agreement: versions, who signs, review dates, physical punishment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.agreement import (
    AgreementFrozen,
    AgreementVersion,
    ForNow,
    NotYet,
    Rule,
    RuleField,
    Signature,
    Status,
    months_later,
    parse_uk_date,
    punishment_in,
    review_reminder,
    signers_by_need,
    sounds_negative,
)
from app.domain.people import Avatar, Member, Role
from app.domain.punishment import mentions_physical_punishment, physical_punishment_words

AT = "2026-11-02T10:00:00+00:00"
LATER = "2026-11-03T10:00:00+00:00"


def rule(rule_id: str = "r1", text: str = "We speak kindly to each other") -> Rule:
    return Rule(id=rule_id, text=text, created_by="jo", created_at=AT,
                broken="Time to calm down, then we talk")


def draft(**fields: object) -> AgreementVersion:
    base = AgreementVersion(id="v1", number=1, created_by="jo", created_at=AT,
                            review_date="2027-02-02")
    return base.with_rule(rule(), "jo", AT) if not fields else base.changed("jo", AT, **fields)


def sign(version: AgreementVersion, who: str, required: list[str]) -> AgreementVersion:
    return version.signed(Signature(who, who.title(), "parent", LATER), required)


def test_signing_by_everyone_required_freezes_the_version() -> None:
    required = ["jo", "sam", "mia"]
    version = sign(sign(draft(), "jo", required), "sam", required)
    assert version.status is Status.DRAFT
    assert version.missing(required) == ["mia"]
    version = sign(version, "mia", required)
    assert version.frozen
    assert version.signed_at == LATER
    with pytest.raises(AgreementFrozen):
        version.with_rule(rule("r2", "We use gentle hands"), "jo", LATER)


def test_a_change_after_signing_is_a_new_draft_and_the_signed_version_stays() -> None:
    signed = sign(draft(), "jo", ["jo"])
    new = signed.next_draft("v2", "priya", LATER).with_rule(rule("r2", "We use gentle hands"),
                                                             "priya", LATER)
    assert (new.number, new.status, new.copied_from) == (2, Status.DRAFT, 1)
    assert [r.text for r in new.rules] == ["We speak kindly to each other", "We use gentle hands"]
    assert new.signatures == ()
    assert [r.text for r in signed.rules] == ["We speak kindly to each other"]
    assert signed.signed_by("jo") is not None
    assert AgreementVersion.from_json(signed.to_json()) == signed
    assert AgreementVersion.from_json(new.to_json()) == new


def test_changing_a_draft_clears_signatures_given_to_the_old_words() -> None:
    version = sign(draft(), "jo", ["jo", "sam"])
    assert version.signed_by("jo") is not None
    changed = version.with_rule(rule("r2", "We use gentle hands"), "jo", LATER)
    assert changed.signatures == ()
    assert changed.revision > version.revision


def test_an_optional_signer_may_sign_a_frozen_version_without_changing_it() -> None:
    signed = sign(draft(), "jo", ["jo"])
    with_worker = signed.signed(Signature("priya", "Priya", "worker", LATER), ["jo"])
    assert with_worker.frozen and with_worker.rules == signed.rules
    assert with_worker.signed_by("priya") is not None
    assert sign(with_worker, "priya", ["jo"]) == with_worker  # signing twice adds nothing


def test_review_reminder_comes_on_the_review_date_for_the_newest_signed_version() -> None:
    signed = sign(draft(), "jo", ["jo"])
    assert review_reminder([signed], date(2027, 2, 1)) is None
    assert review_reminder([signed], date(2027, 2, 2)) == signed
    assert review_reminder([signed], date(2027, 3, 1)) == signed
    assert review_reminder([draft()], date(2027, 3, 1)) is None  # never signed: no reminder
    newer = sign(signed.next_draft("v2", "jo", LATER).changed("jo", LATER,
                                                             review_date="2027-06-01"),
                 "jo", ["jo"])
    assert review_reminder([signed, newer], date(2027, 3, 1)) is None
    no_date = sign(draft().changed("jo", AT, review_date=None), "jo", ["jo"])
    assert review_reminder([no_date], date(2030, 1, 1)) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("14/03/2027", date(2027, 3, 14)), ("1/2/27", date(2027, 2, 1)),
    (" 3.11.2026 ", date(2026, 11, 3)), ("31/02/2027", None), ("2027-03-14", None), ("", None),
])
def test_review_dates_are_read_day_first(text: str, expected: date | None) -> None:
    assert parse_uk_date(text) == expected


def test_months_later_keeps_the_day_or_uses_the_month_end() -> None:
    assert months_later(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_later(date(2026, 1, 15), 3) == date(2026, 4, 15)


@pytest.mark.parametrize("text", [
    "A smack", "smacking", "He gets smacked", "a smacked bottom", "Slap on the wrist",
    "slapped", "A spanking", "spanked", "we hit him", "Hitting", "a clip round the ear",
    "a clip 'round the ear", "clip him round the ear", "a clip around the head",
    "He gets the belt", "belted", "beat him", "a beating", "whack", "a whack on the legs",
    "Tap on the hand", "a tap on the bottom", "tapped on the wrist", "a little tap on the hand",
    "A good hiding", "thump", "punched", "kick him", "the cane", "pinch", "pull his ear",
    "Physical punishment", "corporal punishment", "SMACK!", "smack\u2019s", "wallop",
    "If you hit, you get hit back",
])
def test_physical_punishment_in_a_consequence_is_caught(text: str) -> None:
    assert mentions_physical_punishment(text), text


@pytest.mark.parametrize("text", [
    "Hitting the books for an hour", "hit the road", "a smash hit", "hit the hay",
    "beat the clock", "tapping the table", "Tap the table twice to ask for quiet",
    "We beat our record for tidying", "beat Mum at cards", "put your seat belt on",
    "karate black belt", "kick a ball in the garden", "a punch bag to let off steam",
    "Say sorry for hitting", "no hitting back", "If you hit, you take time out to calm down",
    "out of whack", "find a hiding place", "a pinch of salt", "Screens off for the evening",
    "Time to calm down, then we talk", "the hit song on the radio",
])
def test_ordinary_words_are_not_caught(text: str) -> None:
    assert not mentions_physical_punishment(text), physical_punishment_words(text)


def test_a_rule_may_name_hitting_as_the_behaviour_but_never_a_smack() -> None:
    fields = {RuleField.TEXT: "We use gentle hands", RuleField.WHY: "Hitting hurts people",
              RuleField.BROKEN: "Time out"}
    assert punishment_in(fields) == {}
    fields[RuleField.WHY] = "Or you get a smack"
    fields[RuleField.BROKEN] = "We hit them"
    assert punishment_in(fields) == {RuleField.WHY: ("smack",), RuleField.BROKEN: ("hit",)}


def test_rules_that_start_as_a_ban_get_a_positive_words_tip() -> None:
    assert sounds_negative("No running inside")
    assert sounds_negative("Don\u2019t shout")
    assert not sounds_negative("We walk inside")
    assert not sounds_negative("Nobody is left out")


# who signs: asked and required, "Not yet", and agreeing it for now ------------------------

def person(member_id: str, role: Role, age: int | None = None) -> Member:
    return Member(member_id, member_id.title(), role, Avatar.FOX, AT, age=age)


JO, SAM, MIA = person("jo", Role.PARENT), person("sam", Role.CHILD, 6), person("mia", Role.CHILD, 9)
KIT, PRIYA = person("kit", Role.CHILD), person("priya", Role.WORKER)  # Kit's age is not recorded


def child_signs(version: AgreementVersion, child: Member, at: str = LATER) -> AgreementVersion:
    return version.signed(Signature(child.id, child.name, "child", at), ["jo", "mia"], (), (SAM,))


def test_children_under_the_signing_age_are_asked_and_the_rest_must_sign() -> None:
    everyone = [JO, SAM, MIA, KIT, PRIYA]
    assert signers_by_need(everyone, 7) == ([JO, MIA, KIT], [SAM])
    assert signers_by_need(everyone, 10) == ([JO, KIT], [SAM, MIA])
    assert signers_by_need(everyone, 6) == ([JO, SAM, MIA, KIT], [])  # Sam is 6: at the age
    assert signers_by_need([JO, PRIYA], 12) == ([JO], [])  # the worker is never needed


def test_a_draft_takes_effect_without_an_asked_child_who_may_still_sign() -> None:
    version = child_signs(sign(draft(), "jo", ["jo", "mia"]), MIA)
    assert version.frozen and version.not_signed == ("Sam",) and version.for_now is None
    later = child_signs(version, SAM, "2026-11-04T10:00:00+00:00")
    assert later.frozen and later.signed_by("sam") is not None and later.rules == version.rules
    assert later.signed_at == version.signed_at and later.not_signed == ("Sam",)


def test_not_yet_is_heard_holds_the_draft_and_signing_later_answers_it() -> None:
    said = NotYet("sam", "Sam", AT)
    version = draft().said_not_yet(said)
    assert version.open_not_yet() == (said,)
    version = child_signs(sign(version, "jo", ["jo", "mia"]), MIA)
    assert not version.frozen and not version.ready(["jo", "mia"])  # heard: not agreed past Sam
    again = version.said_not_yet(NotYet("sam", "Sam", LATER))
    assert [n.said_at for n in again.not_yet] == [LATER]  # the latest "Not yet" counts
    version = child_signs(version, SAM)
    assert version.frozen and version.not_signed == () and version.open_not_yet() == ()
    assert version.not_yet == (NotYet("sam", "Sam", AT, signed_at=LATER),)  # who, when, then
    with pytest.raises(AgreementFrozen):
        version.said_not_yet(said)


def test_a_not_yet_said_after_the_childs_signature_stands_by_its_time() -> None:
    signed = child_signs(sign(draft(), "jo", ["jo", "mia", "sam"]), SAM, AT)
    assert signed.signed_by("sam") is not None
    # her signature reached this device with a "Not yet" she said later, on another one
    later = replace(signed, not_yet=(NotYet("sam", "Sam", LATER),))
    assert later.open_not_yet() == later.not_yet and not later.ready(["jo", "sam"])
    earlier = replace(signed, not_yet=(NotYet("sam", "Sam", "2026-11-01T10:00:00+00:00"),))
    assert earlier.open_not_yet() == () and earlier.ready(["jo", "sam"])  # she signed since


def test_a_not_yet_stands_when_the_words_change_but_signatures_do_not() -> None:
    version = sign(draft().said_not_yet(NotYet("sam", "Sam", AT)), "jo", ["jo", "mia"])
    changed = version.with_rule(rule("r2", "We use gentle hands"), "jo", LATER)
    assert changed.signatures == () and len(changed.open_not_yet()) == 1
    assert changed.next_draft("v2", "jo", LATER).not_yet == ()


def test_agreeing_for_now_keeps_the_reason_and_who_had_not_signed() -> None:
    version = draft().said_not_yet(NotYet("sam", "Sam", AT))
    assert not version.may_agree_for_now(["jo"])  # a parent has not signed yet
    version = sign(version, "jo", ["jo", "mia"])
    assert version.may_agree_for_now(["jo"])
    reason = ForNow("jo", "Jo", LATER, "We will talk with Sam and Mia on Saturday")
    agreed = version.took_effect(LATER, (), (JO, SAM, MIA), reason)
    assert agreed.frozen and agreed.signed_at == LATER and agreed.for_now == reason
    assert agreed.not_signed == ("Sam", "Mia") and not agreed.may_agree_for_now(["jo"])
    assert AgreementVersion.from_json(agreed.to_json()) == agreed
    with pytest.raises(AgreementFrozen):
        agreed.took_effect(LATER, (), (SAM,), reason)
    assert not AgreementVersion(id="v", number=1, created_by="jo",
                                created_at=AT).may_agree_for_now([])  # nothing to agree


def old_record(**changes: object) -> dict[str, object]:
    """A version exactly as the code before "Not yet" stored it."""
    stored: dict[str, object] = {
        "id": "v1", "number": 1, "status": "draft",
        "rules": [{"id": "r1", "text": "We speak kindly", "why": "", "kept": "", "broken": "",
                   "repair": "", "child_words": "", "picture": "talk", "created_by": "jo",
                   "created_at": AT, "updated_by": None, "updated_at": None}],
        "routines": ["Tea at 5.30pm"], "review_date": "2027-02-02",
        "signatures": [{"member_id": "jo", "name": "Jo", "role": "parent", "signed_at": AT}],
        "chores": [], "signed_at": None, "created_by": "jo", "created_at": AT,
        "updated_by": "jo", "updated_at": AT, "revision": 3, "copied_from": None,
    }
    return {**stored, **changes}


def test_records_from_before_not_yet_read_and_behave_as_before() -> None:
    old = AgreementVersion.from_json(old_record())
    assert (old.not_yet, old.not_signed, old.for_now) == ((), (), None)
    assert old.rules[0].text == "We speak kindly" and old.signed_by("jo") is not None
    assert AgreementVersion.from_json(old.to_json()) == old
    assert old.to_json().items() >= old_record().items()  # every old field kept as it was
    signed = child_signs(old, MIA)
    assert signed.frozen and signed.not_signed == ("Sam",)
    frozen = AgreementVersion.from_json(old_record(
        status="signed", signed_at=LATER, chores=[{"id": "c1", "name": "Feed the dog"}]))
    assert frozen.frozen and frozen.for_now is None and frozen.chores[0].picture == "broom"
