"""The case summary: for the agency's meetings, over a chosen period only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.reports import CaseSummary, case_summary
from app.reports.words import name_of
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, first_page_png, page_count, pdf_text, words


def test_the_first_line_says_it_is_for_meetings_not_the_fridge(
        summary: CaseSummary, tmp_path: Path) -> None:
    pdf = case_summary(summary, MADE_AT)
    lines = [line.strip() for line in pdf_text(pdf, tmp_path).splitlines() if line.strip()]
    assert lines[0] == "For the agency's meetings. Not for the family's fridge."
    text = words(" ".join(lines))
    assert "Case summary" in text and HOUSEHOLD in text
    assert "from 1 October 2026 to 30 November 2026" in text
    pages = page_count(pdf, tmp_path)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert first_page_png(pdf, "case_summary").stat().st_size > 0


def test_the_summary_keeps_only_what_falls_inside_its_period(
        summary: CaseSummary, tmp_path: Path) -> None:
    text = words(pdf_text(case_summary(summary, MADE_AT), tmp_path))
    assert "Times a child asked for help or said they did not feel safe: 1" in text
    assert "Feelings check-ins: 3" in text
    assert "Safety scale ratings: 3" in text
    assert "Home visits: 1" in text and "Monthly reviews: 2" in text
    assert "Strengths and proud moments: 1" in text
    assert "Dafydd Ŵyn" in text and "Read a whole book" in text
    assert "Ring the school about the reading group" in text
    assert "Outside-the-period" not in text
    assert "Tapped a help button" not in text  # September's alert
    assert "September" not in text and "August" not in text and "Dec 2026" not in text


def test_the_summary_lists_alerts_counts_feelings_and_charts_the_scale_in_words(
        summary: CaseSummary, tmp_path: Path) -> None:
    text = words(pdf_text(case_summary(summary, MADE_AT), tmp_path))
    assert 'Said "I need help" when asked "Do you feel safe right now?"' in text
    assert "scared 1" in text and "happy 1" in text
    assert ("What this chart shows: • Jo Okafor: 6 in October 2026, 8 in November 2026. "
            "Up by 2 over these months.") in text
    assert "Dafydd Ŵyn: 4 in November 2026." in text
    assert "Private words" not in text  # a rating's reason stays in the app
    assert "Dafydd is collected from school by Jo or Siân" in text
    assert "Agreed at the family group conference" in text
    assert "Book the family group conference" in text


def test_a_quiet_period_says_none_rather_than_leaving_gaps(summary: CaseSummary,
                                                         tmp_path: Path) -> None:
    quiet = replace(summary, checkins=[], alerts=[], ratings=[], visits=[], reviews=[],
                    strengths=[], plan=None)
    text = words(pdf_text(case_summary(quiet, MADE_AT), tmp_path))
    assert text.count("None in this period.") == 6
    assert "No family safety plan has been written yet." in text


def test_a_period_of_centuries_charts_only_the_months_with_ratings(
        summary: CaseSummary, tmp_path: Path) -> None:
    """The hub takes any dates a worker types ("1/1/1" to "31/12/9999"): the summary is made
    from the months that hold ratings, not by walking every month of the period (which kept
    the hub busy for minutes with a few hundred ratings)."""
    from datetime import date

    wide = replace(summary, start=date(1, 1, 1), end=date(9999, 12, 31))
    text = words(pdf_text(case_summary(wide, MADE_AT), tmp_path))
    assert "from 1 January 1 to 31 December 9999" in text
    assert "Safety scale ratings: 4" in text and "Outside-the-period" in text  # all of them
    assert "Aug 2026 Oct 2026 Nov 2026 Jo Okafor" in text  # no empty month is charted
    assert "Jo Okafor: 2 in August 2026, 6 in October 2026, 8 in November 2026" in text


def test_a_checkin_the_hub_read_in_part_is_counted_with_its_feeling_said_plainly(
        summary: CaseSummary, tmp_path: Path) -> None:
    """A check-in from a newer Homeward, read in part at the agency's hub, is in the summary's
    count, its feeling named as one the hub does not know (never guessed)."""
    from app.hub.worker.household.checkins import HubCheckIn

    newer = HubCheckIn("c-new", None, None, (), (), "", "dafydd", "2026-11-22T08:00:00+00:00",
                       ("feeling", "size"))
    text = words(pdf_text(case_summary(replace(summary, checkins=[*summary.checkins, newer]),
                                       MADE_AT), tmp_path))
    assert "Feelings check-ins: 4" in text
    assert "a feeling this hub does not know 1" in text


def test_a_childs_last_rating_from_before_they_left_the_household_says_so(
        summary: CaseSummary, tmp_path: Path) -> None:
    text = words(pdf_text(case_summary(replace(summary, left=frozenset({"dafydd"})), MADE_AT),
                          tmp_path))
    assert "Dafydd Ŵyn: 4 out of 10 (20 Nov 2026), before Dafydd Ŵyn was taken off the " \
           "household" in text, text
    assert "Jo Okafor: 8 out of 10 (3 Nov 2026)" in text
    assert "before Jo Okafor" not in text


def test_a_childs_name_is_printed_as_a_name_on_one_line(
        summary: CaseSummary, tmp_path: Path) -> None:
    names = {**summary.names, "mia": "Mia\nMarked seen by Priya Shah: nothing to do",
             "dafydd": "Daf\u202eydd"}
    assert name_of(names, "mia") == "Mia Marked seen by Priya Shah: nothing to do"
    text = pdf_text(case_summary(replace(summary, names=names), MADE_AT), tmp_path)
    assert "\u202e" not in text and "Dafydd" in words(text)
