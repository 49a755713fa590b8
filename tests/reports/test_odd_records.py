"""Reports print what they are given: a month that is no month, a feeling, role or picture a
newer Homeward knows, or a review date that is no date is printed plainly, never a failure,
so one odd record from a paired device never stops a family's paper (rules 3 and 8)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.agreement import AgreementVersion, Signature
from app.domain.programme.reviews import MonthFigures
from app.domain.programme.three_houses import House, HouseItem, Sitting
from app.i18n import speaking, t_or
from app.reports import CaseSummary, agreement_poster, case_summary, review_report
from app.reports.houses import meeting_page
from app.reports.paper import picture_file
from app.reports.review import figures_words
from app.reports.words import month_words, short_month
from tests.reports.pdfkit import AT, HOUSEHOLD, MADE_AT, NAMES, pdf_text, review_for, words


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "next month", "", "2026-W01"])
def test_a_month_that_is_no_month_is_printed_as_written(month: str) -> None:
    assert month_words(month) == month
    assert short_month(month) == month


def test_a_real_month_is_still_said_in_words() -> None:
    assert month_words("2026-11") == "November 2026"
    assert short_month("2026-11") == "Nov 2026"


def test_a_message_a_record_names_falls_back_plainly_when_no_catalogue_has_it() -> None:
    assert t_or("reports.feeling.happy", "reports.feeling.another", name="happy") == "happy"
    assert t_or("reports.feeling.furious", "reports.feeling.another",
                name="furious") == "another feeling (furious)"
    with speaking("cy-GB"):
        assert t_or("reports.feeling.furious", "reports.feeling.another",
                    name="furious") == "teimlad arall (furious)"


def test_a_feeling_a_newer_homeward_knows_is_counted_plainly() -> None:
    figures = MonthFigures(feelings={"dafydd": {"furious": 3, "happy": 1}})
    assert figures_words(figures, NAMES)[0].endswith("another feeling (furious) 3, happy 1")


def test_earlier_reviews_whose_month_is_no_month_are_left_out_of_the_charts(
        tmp_path: Path) -> None:
    this = review_for("2026-11", {"g1": 7}, {"jo": 8})
    earlier = [review_for("2026-10", {"g1": 5}, {"jo": 6}),
               replace(review_for("2026-10", {"g1": 2}, {"jo": 2}), month="2026-00")]
    text = words(pdf_text(review_report(this, earlier, NAMES, HOUSEHOLD, MADE_AT), tmp_path))
    assert "since October 2026" in text and "2026-00" not in text


def test_a_review_whose_own_month_is_no_month_still_prints(tmp_path: Path) -> None:
    odd = replace(review_for("2026-11", {"g1": 7}, {"jo": 8}), month="2026-13")
    earlier = [review_for("2026-10", {"g1": 5}, {"jo": 6})]
    text = words(pdf_text(review_report(odd, earlier, NAMES, HOUSEHOLD, MADE_AT), tmp_path))
    assert "Our monthly review: 2026-13" in text and "Mornings without shouting" in text


def test_a_review_whose_month_is_no_month_is_left_out_of_the_case_summary(
        summary: CaseSummary, tmp_path: Path) -> None:
    odd = replace(review_for("2026-11", {"g1": 1}, {"jo": 1}), month="2026-13")
    text = words(pdf_text(case_summary(replace(summary, reviews=[*summary.reviews, odd]),
                                       MADE_AT), tmp_path))
    assert "Monthly reviews: 2" in text and "2026-13" not in text


def test_a_review_of_the_last_month_the_calendar_holds_is_in_a_summary_that_reaches_it(
        summary: CaseSummary, tmp_path: Path) -> None:
    from datetime import date

    last = review_for("9999-12", {"g1": 4}, {"jo": 4})
    wide = replace(summary, start=date(1, 1, 1), end=date(9999, 12, 31), reviews=[last])
    text = words(pdf_text(case_summary(wide, MADE_AT), tmp_path))
    assert "Monthly reviews: 1" in text and "December 9999" in text


def test_a_role_a_newer_homeward_knows_signs_the_agreement_plainly(
        agreement: AgreementVersion, tmp_path: Path) -> None:
    signed = replace(agreement, signatures=(
        Signature("nain", "Nain Gwenllian", "grandparent", "2026-11-03T18:00:00+00:00"),))
    text = words(pdf_text(agreement_poster(signed, HOUSEHOLD, MADE_AT), tmp_path))
    assert "Nain Gwenllian (Family member)" in text


def test_a_review_date_that_is_no_date_is_printed_as_written(
        agreement: AgreementVersion, tmp_path: Path) -> None:
    text = words(pdf_text(agreement_poster(replace(agreement, review_date="after Easter"),
                                           HOUSEHOLD, MADE_AT), tmp_path))
    assert "after Easter" in text


def test_a_picture_a_newer_homeward_knows_is_printed_as_a_picture(tmp_path: Path) -> None:
    day = "2026-11-30"
    latest = Sitting(day, (
        HouseItem("i1", "sam", House.GOOD, day, "sam", AT, "unicorn", "", shown=True),
        HouseItem("i2", "sam", House.GOOD, day, "sam", AT, "../../pictures/dog", "",
                  shown=True)))
    text = words(pdf_text(meeting_page("Sam", None, latest, MADE_AT), tmp_path))
    assert text.count("A picture") == 2
    assert picture_file("../pictures/dog") is None and picture_file("dog") is not None
