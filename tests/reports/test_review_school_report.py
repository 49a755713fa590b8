"""The printed monthly review says a school figure nobody gave is not set, not nought."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.domain.programme.reviews import Review, School
from app.reports import review_report
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, NAMES, pdf_text, words


def test_blank_school_figures_print_as_not_set(reviews: list[Review], tmp_path: Path) -> None:
    november = replace(reviews[-1], school=(School("dafydd", 93, None),))
    text = words(pdf_text(review_report(november, reviews[:-1], NAMES, HOUSEHOLD, MADE_AT),
                          tmp_path))
    assert "Not set" in text and "None" not in text, text
