"""What every report shares: A4 pages, Homeward's own font embedded, page numbers, when it
was made, and the family's name only in the title."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.agreement import AgreementVersion
from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling
from app.domain.programme.reviews import Review
from app.domain.programme.visits import AgendaItem, Visit
from app.domain.safety import ChildList, Section
from app.domain.safety_child import ChildSafetyPlan
from app.domain.strengths import StrengthKind
from app.i18n import DEFAULT_LANGUAGE, _catalogue
from app.reports import (
    CaseSummary,
    agreement_poster,
    case_summary,
    child_plan_poster,
    household_export,
    review_report,
    visit_report,
)
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, NAMES, page_count, pdf_text, words

Maker = Callable[[], bytes]


@pytest.fixture
def makers(agreement: AgreementVersion, child_plan: ChildSafetyPlan, visit: Visit,
           reviews: list[Review], summary: CaseSummary) -> dict[str, Maker]:
    """Each report, made from the household's records."""
    store = {"members": [{"id": k, "name": v, "role": "parent"} for k, v in NAMES.items()],
             "visits": [visit.to_json()]}
    return {
        "agreement_poster": lambda: agreement_poster(agreement, HOUSEHOLD, MADE_AT),
        "child_plan_poster": lambda: child_plan_poster(child_plan, "Dafydd Ŵyn", MADE_AT),
        "visit_report": lambda: visit_report(visit, NAMES, HOUSEHOLD, MADE_AT),
        "review_report": lambda: review_report(reviews[-1], reviews[:-1], NAMES, HOUSEHOLD,
                                               MADE_AT),
        "case_summary": lambda: case_summary(summary, MADE_AT),
        "household_export": lambda: household_export(store, HOUSEHOLD, MADE_AT),
    }


REPORTS = ["agreement_poster", "child_plan_poster", "visit_report", "review_report",
           "case_summary", "household_export"]


def _poppler(tool: str, pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    return subprocess.run([tool, str(source)], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("name", REPORTS)
def test_every_page_is_a4_and_numbered(name: str, makers: dict[str, Maker],
                                       tmp_path: Path) -> None:
    pdf = makers[name]()
    assert "Page size:       595.28 x 841.89 pts (A4)" in _poppler("pdfinfo", pdf, tmp_path)
    pages = page_count(pdf, tmp_path)
    text = words(pdf_text(pdf, tmp_path))
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_embeds_dejavu_and_no_other_font(name: str, makers: dict[str, Maker],
                                                      tmp_path: Path) -> None:
    rows = _poppler("pdffonts", makers[name](), tmp_path).splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        assert "DejaVuSans" in row, row
        assert " yes yes " in row, row  # embedded, and a subset: only the letters used


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_says_when_it_was_made_and_names_the_family_only_in_its_title(
        name: str, makers: dict[str, Maker], tmp_path: Path) -> None:
    text = words(pdf_text(makers[name](), tmp_path))
    assert "Made on 30 November 2026 at 14:05" in text
    assert text.count(HOUSEHOLD) == (0 if name == "child_plan_poster" else 1)


@pytest.mark.parametrize("name", [n for n in REPORTS if n != "case_summary"])
def test_only_the_case_summary_speaks_of_alerts(name: str, makers: dict[str, Maker],
                                                tmp_path: Path) -> None:
    text = words(pdf_text(makers[name](), tmp_path))
    for words_of_an_alert in ("asked for help", "did not feel safe", "didn't feel safe",
                              "For the agency's meetings"):
        assert words_of_an_alert not in text


def test_every_word_a_report_builds_from_a_name_is_in_the_catalogue() -> None:
    keys = ([f"reports.feeling.{f.value}" for f in Feeling]
            + [f"reports.alert.{a.value}" for a in AlertSource]
            + [f"reports.strength.{k.value}" for k in StrengthKind]
            + [f"reports.child.{k.value}" for k in ChildList]
            + [f"reports.summary.plan.{s.value}" for s in Section]
            + [f"visits.item.{a.value}" for a in AgendaItem])
    assert [k for k in keys if k not in _catalogue(DEFAULT_LANGUAGE)] == []
