"""The visit record and the monthly review, as printed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.domain.programme.reviews import Review
from app.domain.programme.visits import Visit
from app.reports import review_report, visit_report
from tests.reports.pdfkit import (
    HOUSEHOLD,
    MADE_AT,
    NAMES,
    first_page_png,
    page_count,
    pdf_text,
    review_for,
    words,
)


def test_visit_report_says_who_was_there_what_was_said_and_what_was_agreed(
        visit: Visit, tmp_path: Path) -> None:
    pdf = visit_report(visit, NAMES, HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert "Our home visit" in text and HOUSEHOLD in text
    assert "What we talked about at the visit on 3 November 2026" in text
    assert "Made on 30 November 2026 at 14:05" in text
    assert "Who was there: Jo Okafor, Siân Ŵyn, Dafydd Ŵyn and Mia Okafor" in text
    assert "Children seen on their own: Dafydd Ŵyn" in text
    assert "Worker: Priya Shah" in text
    assert "Since the last visit" in text and "Mornings have been calmer." in text
    assert "Dafydd showed me his dragon drawings." in text
    assert "Ring the school about the reading group" in text and "17 November 2026" in text
    assert "Try the bedtime story rota" in text and "Together" in text
    assert "1 December 2026" in text
    pages = page_count(pdf, tmp_path)
    assert f"Page 1 of {pages}" in text
    assert first_page_png(pdf, "visit_report").stat().st_size > 0


def test_someone_the_report_was_not_told_about_is_someone_not_an_id(
        visit: Visit, tmp_path: Path) -> None:
    text = words(pdf_text(visit_report(visit, {"jo": "Jo Okafor"}, HOUSEHOLD, MADE_AT),
                          tmp_path))
    assert "Worker: Someone" in text and "priya" not in text


def test_review_report_charts_goals_and_safety_month_on_month_with_words(
        reviews: list[Review], tmp_path: Path) -> None:
    november, earlier = reviews[-1], reviews[:-1]
    pdf = review_report(november, earlier, NAMES, HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert "Our monthly review: November 2026" in text and HOUSEHOLD in text
    assert "since September 2026" in text
    assert "Mornings without shouting" in text and "7 out of 10" in text
    assert "A calmer school run" in text
    # each chart is followed by what it shows, every value and which way it went
    assert ("What this chart shows: • Mornings without shouting: 3 in September 2026, "
            "5 in October 2026, 7 in November 2026. Up by 4 over these months.") in text
    assert "Film night every Friday: 6 in October 2026, 8 in November 2026. Up by 2" in text
    assert "Dafydd Ŵyn: 5 in September 2026, 6 in October 2026, 7 in November 2026." in text
    assert "Priya Shah: 6 in October 2026, 7 in November 2026." in text
    assert "Dafydd Ŵyn's check-ins: happy 5, worried 2" in text
    assert "93% of days" in text and "21 jobs done" in text
    assert "Mia finds mornings hard." in text
    pages = page_count(pdf, tmp_path)
    assert f"Page {pages} of {pages}" in text
    assert first_page_png(pdf, "review_report").stat().st_size > 0


def test_a_first_review_and_later_reviews_are_not_charted(
        reviews: list[Review], tmp_path: Path) -> None:
    september = reviews[0]
    text = words(pdf_text(review_report(september, reviews[1:], NAMES, HOUSEHOLD, MADE_AT),
                          tmp_path))
    assert "This is our first review" in text
    assert "October 2026" not in text
    assert "Mornings without shouting: 3 in September 2026." in text


def test_a_review_with_no_scores_says_so_instead_of_an_empty_chart(tmp_path: Path) -> None:
    bare = review_for("2026-11", {}, {})
    text = words(pdf_text(review_report(bare, [], NAMES, HOUSEHOLD, MADE_AT), tmp_path))
    assert "No goals were scored this month." in text
    assert "There are no scores to show yet." in text


def test_an_ended_visit_says_its_notes_are_sealed_and_never_prints_them(
        visit: Visit, tmp_path: Path) -> None:
    # as stored (notes gone), and as the agency might hand it back with the notes opened
    for sealed in (replace(visit, notes={}, sealed_notes="U0VBTEVELU5PVEVTLUJZVEVT"),
                   replace(visit, sealed_notes="U0VBTEVELU5PVEVTLUJZVEVT")):
        _says_sealed_and_keeps_the_words_out(sealed, tmp_path)


def _says_sealed_and_keeps_the_words_out(sealed: Visit, tmp_path: Path) -> None:
    text = words(pdf_text(visit_report(sealed, NAMES, HOUSEHOLD, MADE_AT), tmp_path))
    assert "The worker's notes from this visit are kept by the agency" in text
    assert "U0VBTEVE" not in text and "dragon" not in text
    assert "Ring the school about the reading group" in text


def test_the_charts_go_back_a_year_at_most(tmp_path: Path) -> None:
    months = [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01", "2026-02"]
    history = [review_for(m, {"g1": n % 11}, {"jo": 5}) for n, m in enumerate(months)]
    text = words(pdf_text(review_report(history[-1], history[:-1], NAMES, HOUSEHOLD, MADE_AT),
                          tmp_path))
    assert "since March 2025" in text
    assert "January 2025" not in text and "February 2025" not in text
