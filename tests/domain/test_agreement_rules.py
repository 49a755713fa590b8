"""Pure rules of the household agreement: versions, signing, review dates, physical punishment."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.agreement import (
    AgreementFrozen,
    AgreementVersion,
    Rule,
    RuleField,
    Signature,
    Status,
    months_later,
    parse_uk_date,
    punishment_in,
    review_reminder,
    sounds_negative,
)
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
