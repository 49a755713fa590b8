"""A table row longer than a page still prints: fpdf2 refuses a row taller than a page, and
the forms let a family or worker write that much (a review's "what would make it one
higher?" holds 2,000 characters; a visit's actions all go into one cell of the summary). A
review never changes, so a month that could not be printed once could never be printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.programme.reviews import MAX_TEXT, GoalRating, Review, check_text
from app.domain.programme.visits import MAX_ACTION, Visit, VisitAction
from app.reports import CaseSummary, case_summary, review_report
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, pdf_text


def test_a_review_with_the_longest_answer_the_form_takes_prints_every_word(
        tmp_path: Path) -> None:
    words = " ".join(f"step{n} calmer mornings with shoes by the door" for n in range(60))
    answer = check_text(words[:MAX_TEXT].rsplit(" ", 1)[0])
    review = Review("review-2026-11", "2026-11", "jo", "2026-11-03T10:00:00+00:00",
                    goals=(GoalRating("g1", "Mornings without shouting", 4, answer),))
    shown = pdf_text(review_report(review, [], {"jo": "Jo"}, HOUSEHOLD, MADE_AT), tmp_path)
    last = answer.split()[-1]
    assert "step0" in shown and last in shown and "Mornings without shouting" in shown


def test_a_visit_with_many_long_actions_prints_in_the_case_summary(tmp_path: Path) -> None:
    actions = tuple(VisitAction(f"a{n}", f"Action{n}: Jo to ring the school about Sam's reading "
                                f"support and ask for a meeting before half term"[:MAX_ACTION],
                                "Jo", "2026-12-01") for n in range(20))
    visit = Visit("v1", "priya", "2026-11-03T10:00:00+00:00", ("jo",),
                  ended_at="2026-11-03T11:00:00+00:00", actions=actions)
    summary = CaseSummary(HOUSEHOLD, date(2026, 11, 1), date(2026, 11, 30),
                          {"jo": "Jo", "priya": "Priya"}, [], [], [], None, [visit], [], [])
    shown = pdf_text(case_summary(summary, MADE_AT), tmp_path)
    assert all(f"Action{n}:" in shown for n in range(20)), shown
