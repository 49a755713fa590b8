"""Words a family wrote print as they wrote them, braces and all.

fpdf2 swaps an alias for the number of pages once the pages are made; its alias is "{nb}" unless
told otherwise, so "Nain comes on day {nb} of the plan" printed as "day 1" (rule 3: nothing
recorded is lost, and bad input is never changed). Each report now has an alias of its own
that no family could type by chance.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.domain.agreement import AgreementVersion
from app.domain.programme.reviews import Review
from app.reports import agreement_poster, review_report
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, NAMES, page_count, pdf_text, words

NAIN = "Nain comes on day {nb} of the plan"


def test_a_review_prints_nb_as_the_family_wrote_it(reviews: list[Review],
                                                   tmp_path: Path) -> None:
    november = replace(reviews[-1], worries=NAIN)
    pdf = review_report(november, reviews[:-1], NAMES, HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert NAIN in text
    pages = page_count(pdf, tmp_path)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_the_agreement_poster_prints_nb_as_the_family_wrote_it(
        agreement: AgreementVersion, tmp_path: Path) -> None:
    rule = replace(agreement.rules[0], text=NAIN)
    pdf = agreement_poster(replace(agreement, rules=(rule, *agreement.rules[1:])),
                           HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert NAIN in text
    pages = page_count(pdf, tmp_path)
    assert f"Page {pages} of {pages}" in text
