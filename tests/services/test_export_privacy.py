"""The family's export holds what the person asking may read, and nothing kept from them.

A parent's diary is theirs alone, a carer's own wellbeing check-in is theirs and their
worker's, and a child's "Why?" on the safety scale is for the worker unless the child said the
grown-ups may read it. The screens already keep these apart; the export must too, whether a
parent downloads it from Settings or anyone with the passphrase runs ``homeward export``.
Real stores on disk, real crypto.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.domain.checkins_carer import Prompt
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.services.checkins import checkins_for
from app.services.diary import diary_for
from app.services.export import archive_of, archive_pdf, export_for
from app.services.household import HouseholdService
from app.services.reviews import reviews_for
from app.services.safety import safety_for
from tests.reports.pdfkit import pdf_text
from tests.services.taylors import FixedClock, create_taylors, people

JO_DIARY = "Bedtime went smoothly for once"
ALEX_DIARY = "I shouted and I regret it"
JO_WELLBEING = "Tired but hopeful"
ALEX_WELLBEING = "I cannot cope with Jo"
SAM_FOR_WORKER = "Dad shouts at night when he drinks"
MIA_FOR_FAMILY = "We had a nice tea"
ANSWERS = {prompt: 3 for prompt in Prompt}


@pytest.fixture
def taylors(tmp_path: Path) -> HouseholdService:
    """Two parents, each with a private diary entry and a wellbeing check-in; two children's
    ratings, one reason for the worker only and one the child shared with the family."""
    _gate, household = create_taylors(tmp_path / "household", FixedClock(1_796_000_000.0),
                                      second_parent=True)
    who = people(household)
    diary = diary_for(household)
    for name, words in (("Jo", JO_DIARY), ("Alex", ALEX_DIARY)):
        diary.write(who[name], DiaryWords(date(2026, 11, 29), DayPart.MORNING, went_well=words,
                                          sharing=Sharing.PRIVATE))
    checkins = checkins_for(household)
    checkins.record_carer(who["Jo"], ANSWERS, JO_WELLBEING)
    checkins.record_carer(who["Alex"], {prompt: 0 for prompt in Prompt}, ALEX_WELLBEING)
    safety = safety_for(household)
    safety.rate(who["Sam"], 3, SAM_FOR_WORKER)
    safety.rate(who["Mia"], 8, MIA_FOR_FAMILY, reason_for_family=True)
    reviews_for(household).make_review(who["Jo"], "2026-11", [], [])
    return household


def test_a_parents_download_holds_their_own_words_and_not_what_is_kept_from_them(
        taylors: HouseholdService) -> None:
    jo, alex = people(taylors)["Jo"], people(taylors)["Alex"]
    text = json.dumps(export_for(taylors, jo), ensure_ascii=False)
    assert JO_DIARY in text and JO_WELLBEING in text and MIA_FOR_FAMILY in text
    for kept in (ALEX_DIARY, ALEX_WELLBEING, SAM_FOR_WORKER):
        assert kept not in text, kept
    archive = export_for(taylors, jo)
    [review] = archive["collections"]["reviews"]
    assert set(review["figures"]["carer"]) == {jo.id}  # Alex's wellbeing score is Alex's
    # Sam's 3 raised an alert: for his worker alone, so not in a parent's download at all
    assert not [r for r in archive["collections"]["safety_ratings"]
                if r["created_by"] == people(taylors)["Sam"].id]
    alexs = json.dumps(export_for(taylors, alex), ensure_ascii=False)
    assert ALEX_DIARY in alexs and ALEX_WELLBEING in alexs and JO_DIARY not in alexs


def test_the_passphrase_alone_exports_nothing_private_to_one_person(
        taylors: HouseholdService) -> None:
    archive = archive_of(taylors.store, "The Taylor family")
    text = json.dumps(archive, ensure_ascii=False)
    for kept in (JO_DIARY, ALEX_DIARY, JO_WELLBEING, ALEX_WELLBEING, SAM_FOR_WORKER):
        assert kept not in text, kept
    assert MIA_FOR_FAMILY in text
    assert "diary" in archive["left_out"] and "wellbeing" in archive["left_out"]
    [review] = archive["collections"]["reviews"]
    assert review["figures"]["carer"] == {}


def test_the_readable_copy_says_the_same(taylors: HouseholdService, tmp_path: Path) -> None:
    shown = pdf_text(archive_pdf(export_for(taylors, people(taylors)["Jo"])), tmp_path)
    assert "Bedtime went smoothly" in shown
    assert "I shouted" not in shown and "Dad shouts" not in shown
