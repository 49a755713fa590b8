"""The printed review tells two goals worded alike apart, as the screens do: its table of the
month's goals, its chart's key and the words after the chart all number them (1) and (2)."""

from __future__ import annotations

from pathlib import Path

from app.domain.programme.reviews import Review
from app.reports import review_report
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, NAMES, pdf_text, words

BEDTIME = "Bedtime without shouting"


def rev(month: str, sam: int, mia: int) -> Review:
    """Sam's and Mia's bedtime goals, worded alike, rated for the month."""
    return Review.from_json({"id": month, "month": month, "created_by": "jo",
                             "created_at": f"{month}-20T10:00:00+00:00",
                             "goals": [{"goal_id": "g-sam", "text": BEDTIME, "score": sam},
                                       {"goal_id": "g-mia", "text": BEDTIME, "score": mia}]})


def test_the_printed_review_numbers_goals_worded_alike(tmp_path: Path) -> None:
    text = words(pdf_text(review_report(rev("2026-10", 3, 9), [rev("2026-09", 2, 8)], NAMES,
                                        HOUSEHOLD, MADE_AT), tmp_path))
    assert f"{BEDTIME} (1) 3 out of 10" in text, text
    assert f"{BEDTIME} (2) 9 out of 10" in text, text
    assert f"{BEDTIME} (1): 2 in September 2026, 3 in October 2026" in text, text
    assert f"{BEDTIME} (2): 8 in September 2026, 9 in October 2026" in text, text
