"""The monthly review's printed report lists the month's programme sessions: the day, the
topic, who came (or that it is not filled in yet) and what the family took from it."""

from __future__ import annotations

from pathlib import Path

from app.domain.programme.reviews import Review
from app.domain.programme.sessions import ProgrammeSession, SessionPlan
from app.reports import review_report
from tests.reports.pdfkit import AT, HOUSEHOLD, MADE_AT, NAMES, pdf_text, words


def test_the_review_report_lists_the_months_programme_sessions(
        reviews: list[Review], tmp_path: Path) -> None:
    november, earlier = reviews[-1], reviews[:-1]
    sessions = [
        ProgrammeSession("s-1", SessionPlan("Setting limits", "2026-11-04", ("jo", "mia")),
                         "priya", AT, attended=("jo", "mia"),
                         took_away="Say the rule, then the choice"),
        ProgrammeSession("s-2", SessionPlan("Talking in a circle", "2026-11-25", ("jo",)),
                         "priya", AT),
    ]
    text = words(pdf_text(review_report(november, earlier, NAMES, HOUSEHOLD, MADE_AT, sessions),
                          tmp_path))
    assert "Programme sessions this month" in text
    assert ("04/11/2026: Setting limits. Came: Jo Okafor, Mia Okafor. "
            "What we took from it: Say the rule, then the choice") in text
    assert "25/11/2026: Talking in a circle. Not filled in yet." in text
    without = words(pdf_text(review_report(november, earlier, NAMES, HOUSEHOLD, MADE_AT),
                             tmp_path))
    assert "Programme sessions this month" not in without
