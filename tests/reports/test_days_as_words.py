"""A day another copy of the app kept as words that are no day ("next week") never stops a
report or a screen: the report shows the words as written, a screen leaves the day out."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from app.domain.agreement import AgreementVersion
from app.domain.programme.family_plan import PlanAction
from app.domain.safety import Action
from app.reports import CaseSummary, agreement_poster, case_summary
from app.reports.words import iso_date_words, when_words
from app.views.conference.plan import action_line
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, pdf_text


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


def test_made_on_is_said_on_this_devices_clock(uk_time: None) -> None:
    # 00:30 BST on 15 June 2026, as a phone passes it (UTC) and as the hub does (local)
    made = datetime(2026, 6, 14, 23, 30, tzinfo=UTC)
    assert when_words(made) == "15 June 2026 at 00:30"
    assert when_words(made.astimezone()) == "15 June 2026 at 00:30"
    assert when_words(datetime(2026, 6, 15, 0, 30)) == "15 June 2026 at 00:30"


def test_a_printed_poster_says_when_it_was_made_on_the_familys_clock(
    uk_time: None, agreement: AgreementVersion, tmp_path: Path
) -> None:
    made = agreement_poster(agreement, HOUSEHOLD, datetime(2026, 6, 14, 23, 30, tzinfo=UTC))
    text = " ".join(pdf_text(made, tmp_path).split())
    assert "15 June 2026 at 00:30" in text and "23:30" not in text
