"""One odd record pushed by a paired device never stops the agency printing a family's reports
(rules 3 and 8): a review whose month is not a month is left out of the summary and of the
charts, a feeling a newer Homeward knows is printed plainly, and if a report still cannot be
made the worker is told so in plain words."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from app.domain.programme.reviews import GoalRating, MonthFigures, Review
from app.hub.downloads import ReportDesk
from app.hub.worker.accounts import sign_in
from app.hub.worker.household.data import HouseholdRecords, household_records
from app.hub.worker.household.programme.printing import (
    print_report,
    reports_module,
    summary_maker,
)
from app.hub.worker.session import WorkerSession
from tests.hub.worker.test_printed_review_sessions import printed_words, the_okafors
from tests.hub.worker.worker_ui_kit import PASSWORD
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.reports.pdfkit import pdf_text
from tests.views.headless import run


def push_review(family: Family, rid: str, month: str, at: datetime, **figures: Any) -> str:
    made = Review(rid, month, "ade", iso(at), (GoalRating("g-1", "Calm mornings", 5),),
                  MonthFigures(**figures))
    family.push("reviews", made.to_json(), record_id=rid)
    return rid


def test_a_review_with_a_month_that_is_no_month_leaves_a_good_review_printable(
    hub: RunningHub, tmp_path: Path
) -> None:
    family, now, month = the_okafors(hub)
    good = push_review(family, "r-good", month, now - timedelta(days=1))
    push_review(family, "r-bad", "2025-13", now - timedelta(days=30))
    words = printed_words(hub, good, now, tmp_path)
    assert "Calm mornings" in words and "2025-13" not in words


def test_a_feeling_this_hub_does_not_know_is_printed_plainly_in_the_review(
    hub: RunningHub, tmp_path: Path
) -> None:
    family, now, month = the_okafors(hub)
    rid = push_review(family, "r", month, now - timedelta(days=1),
                      feelings={"tolu": {"furious": 2, "happy": 1}})
    words = printed_words(hub, rid, now, tmp_path)
    assert "another feeling (furious) 2" in words and "happy 1" in words


def test_a_review_with_a_month_that_is_no_month_is_left_out_of_the_case_summary(
    hub: RunningHub, tmp_path: Path
) -> None:
    family, now, month = the_okafors(hub)
    push_review(family, "r", "2026-13", now - timedelta(days=1))
    push_review(family, "r-good", month, now - timedelta(days=2))
    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    reports = reports_module()
    assert reports is not None
    pdf = summary_maker(now.date() - timedelta(days=90), now.date())(reports, records, now)
    words = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Monthly reviews: 1" in words and "2026-13" not in words


def test_a_report_that_cannot_be_made_says_so_plainly_to_the_worker(
    hub: RunningHub, worker_id: int, now: datetime
) -> None:
    session = WorkerSession(engine=hub.engine, reports=ReportDesk())
    session.worker = sign_in(hub.engine, "priya", PASSWORD, client="test", now=now)

    def broken(reports: ModuleType, records: HouseholdRecords, made_at: datetime) -> bytes:
        raise ValueError("a record no report can read")

    said = run(print_report(session, hub.household_id, "case summary", broken))
    assert said == "This report could not be made. Please try again, or ask whoever looks " \
                   "after the hub."
    assert session.notice == ""
