"""The fridge posters: the household agreement and a child's own safety plan."""

from __future__ import annotations

from pathlib import Path

from app.domain.agreement import AgreementVersion, Status
from app.domain.safety_child import ChildSafetyPlan
from app.reports import agreement_poster, child_plan_poster
from tests.reports.pdfkit import (
    HOUSEHOLD,
    MADE_AT,
    first_page_png,
    page_count,
    pdf_text,
    words,
)


def test_agreement_poster_shows_the_rules_the_routines_and_who_signed(
        agreement: AgreementVersion, tmp_path: Path) -> None:
    pdf = agreement_poster(agreement, HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert pdf.startswith(b"%PDF")
    assert "Our household agreement" in text
    assert HOUSEHOLD in text
    assert "version 2, agreed on 3 November 2026" in text
    assert "Made on 30 November 2026 at 14:05" in text
    for rule in agreement.rules:
        assert rule.text in text
    assert "Kind words" in text and "Putting it right: Say sorry in your own words" in text
    assert "Bedtime 7.30pm" in text and "Feed the cat" in text
    assert "Dafydd Ŵyn (Child), 3 November 2026" in text
    assert "Siân Ŵyn (Parent or carer)" in text
    assert "Still to sign, when they are ready: Mia Okafor." in text
    assert "3 February 2027" in text
    pages = page_count(pdf, tmp_path)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert first_page_png(pdf, "agreement_poster").stat().st_size > 0


def test_the_household_name_appears_only_in_the_title(agreement: AgreementVersion,
                                                     tmp_path: Path) -> None:
    text = pdf_text(agreement_poster(agreement, HOUSEHOLD, MADE_AT), tmp_path)
    assert words(text).count(HOUSEHOLD) == 1


def test_a_draft_says_it_is_not_agreed_yet(agreement: AgreementVersion, tmp_path: Path) -> None:
    draft = AgreementVersion(id="v3", number=3, created_by="jo", created_at=agreement.created_at,
                             status=Status.DRAFT, rules=agreement.rules)
    text = words(pdf_text(agreement_poster(draft, HOUSEHOLD, MADE_AT), tmp_path))
    assert "This is version 3. It is a draft and is not agreed yet." in text
    assert "Nobody has signed yet." in text


def test_child_plan_poster_gives_trusted_adults_numbers_and_childline(
        child_plan: ChildSafetyPlan, tmp_path: Path) -> None:
    pdf = child_plan_poster(child_plan, "Dafydd Ŵyn", MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert "Dafydd Ŵyn's safety plan" in text
    assert "Nain Gwenllian" in text and "Call 07700 900123" in text
    assert "Mr Evans" in text and "Call 01632 960555" in text
    assert "Old neighbour" not in text  # taken off the plan
    assert "Childline: 0800 1111" in text
    assert "call 999" in text
    assert "My tummy hurts" in text and "Drawing dragons" in text and "My bedroom" in text
    assert "Tŷ Nain" in text  # Welsh letters are drawn and read back
    assert first_page_png(pdf, "child_plan_poster").stat().st_size > 0
    pages = page_count(pdf, tmp_path)
    assert text.count("0800 1111") >= pages + 1  # in the box, and at the foot of every page
    assert f"Page {pages} of {pages}" in text


def test_an_empty_child_plan_still_says_who_to_call(tmp_path: Path) -> None:
    text = words(pdf_text(child_plan_poster(ChildSafetyPlan("mia"), "Mia", MADE_AT), tmp_path))
    assert "No trusted adults written yet" in text
    assert "0800 1111" in text and "999" in text


def test_a_child_in_wales_finds_meic_on_the_poster_too(child_plan: ChildSafetyPlan,
                                                       tmp_path: Path) -> None:
    """Meic is the helpline for children and young people in Wales; the app's help screen
    shows it there, and the poster on the fridge must not be the one place without it."""
    pdf = child_plan_poster(child_plan, "Dafydd Ŵyn", MADE_AT, wales=True)
    text = words(pdf_text(pdf, tmp_path))
    pages = page_count(pdf, tmp_path)
    assert "Meic: 080880 23456" in text
    assert text.count("080880 23456") >= pages + 1  # in the box, and at the foot of every page
    assert "Childline: 0800 1111" in text
    elsewhere = words(pdf_text(child_plan_poster(child_plan, "Dafydd", MADE_AT), tmp_path))
    assert "080880 23456" not in elsewhere
