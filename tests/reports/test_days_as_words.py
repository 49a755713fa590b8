"""A day another copy of the app kept as words that are no day ("next week") never stops a
report or a screen: the report shows the words as written, a screen leaves the day out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.domain.programme.family_plan import PlanAction
from app.domain.safety import Action
from app.reports import CaseSummary, case_summary
from app.reports.words import iso_date_words
from app.views.conference.plan import action_line
from tests.reports.pdfkit import MADE_AT, pdf_text


def test_a_report_shows_a_day_kept_as_words_as_written() -> None:
    assert iso_date_words("next week") == "next week"
    assert iso_date_words("2026-12-10") == "10 December 2026"


def test_the_case_summary_prints_with_a_step_whose_day_is_words(
    summary: CaseSummary, tmp_path: Path
) -> None:
    odd = Action("x2", "Ring the school", "Jo", "next week", "jo", "2026-11-01T10:00:00+00:00")
    plan = replace(summary.plan, actions=(*summary.plan.actions, odd))
    made = case_summary(replace(summary, plan=plan), MADE_AT)
    text = " ".join(pdf_text(made, tmp_path).split())
    assert "Ring the school" in text and "next week" in text


def test_a_plan_line_whose_day_is_words_shows_without_its_day() -> None:
    assert action_line(PlanAction("a1", "Picks Sam up", "Gran", "next week")) == (
        "• Gran: Picks Sam up")
