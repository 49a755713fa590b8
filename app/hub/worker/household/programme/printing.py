"""Printing from the hub: a case summary for a chosen period, and a monthly review.

The report is made in the tab (so a problem is said on screen), then handed to the hub's
report desk and fetched once through ``/downloads/<token>`` in this same tab (see
``app.hub.downloads``). Before anything is made, the worker's access to the household is
checked again. The reports themselves come from ``app.reports``; a hub without it says so
plainly instead of offering a button that cannot work.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from types import ModuleType
from typing import Any

import flet as ft
from sqlalchemy import Engine

from app.domain.programme.reviews import Review
from app.domain.programme.sessions import in_month
from app.hub.casework.allocation import PRINTED, Access, access
from app.hub.downloads import file_name
from app.hub.worker import frame
from app.hub.worker.household.data import HouseholdRecords, household_records
from app.hub.worker.household.gate import note
from app.hub.worker.household.programme.plan_data import plan_records
from app.hub.worker.household.timeline_screen import period_fields
from app.hub.worker.session import WorkerSession, guarded, use_worker_session
from app.hub.worker.words import month_words, period, period_error
from app.i18n import t
from app.views import widgets as w

log = logging.getLogger(__name__)

#: The case summary's period unless the worker chooses another: the last three months.
DEFAULT_DAYS = 91


def reports_module() -> ModuleType | None:
    """``app.reports`` if this installation has it (it makes the PDFs), else None."""
    try:
        return importlib.import_module("app.reports")
    except ImportError:
        return None


def names_for(records: HouseholdRecords) -> dict[str, str]:
    """Everyone a report may name: the household's people and the agency's workers."""
    return {**records.workers, **records.names()}


Maker = Callable[[ModuleType, HouseholdRecords, datetime], bytes]


async def print_report(session: WorkerSession, household_id: str, what: str,
                       make: Maker) -> str:
    """Make a report from the household's records as the hub holds them now, and download it.

    Returns what to say on screen if it cannot be printed ("" when it is downloading).
    """
    worker = session.require_worker()
    reports = reports_module()
    if reports is None or session.reports is None:
        return t("hub.print.not_ready")
    allowed = await asyncio.to_thread(access, session.engine, worker.id, household_id,
                                      worker.epoch)
    records = await asyncio.to_thread(household_records, session.engine, household_id)
    if allowed is not Access.OPEN or records is None:
        return t("hub.print.refused")
    # Made on this computer's clock: the report says the time in words, as people read it.
    try:
        body = await asyncio.to_thread(make, reports, records, session.now().astimezone())
    except Exception:  # a record no report can read: the worker is told, next to the button
        log.exception("a report for household %s could not be made", household_id)
        return t("hub.print.failed")
    link = session.reports.issue(worker.id, household_id, file_name(records.name, what), body,
                                 lambda: session.signed_in_as(worker.id), worker.epoch)
    await asyncio.to_thread(note, session, household_id, PRINTED)
    await session.fetch(link)
    session.notice = t("hub.print.downloading")
    return ""


def summary_maker(start: date, end: date) -> Maker:
    """What makes the case summary over ``start``..``end`` from the household's records."""

    def make(reports: ModuleType, records: HouseholdRecords, made_at: datetime) -> bytes:
        summary = reports.CaseSummary(
            household_name=records.name, start=start, end=end, names=names_for(records),
            checkins=records.checkins, alerts=records.alerts, ratings=records.ratings,
            plan=records.plan, visits=records.visits, reviews=records.reviews,
            strengths=records.strengths,
            left=frozenset(m.id for m in records.members.values() if not m.active))
        made: Any = reports.case_summary(summary, made_at)
        return bytes(made)

    return make


def review_maker(review_id: str, engine: Engine) -> Maker:
    """What makes one monthly review's report, with the months before it for its charts and
    the month's programme sessions as the hub holds them now (as the family's device prints
    them)."""

    def make(reports: ModuleType, records: HouseholdRecords, made_at: datetime) -> bytes:
        review = next((r for r in records.reviews if r.id == review_id), None)
        if review is None:
            raise LookupError(review_id)
        earlier = sorted((r for r in records.reviews if r.month < review.month),
                         key=lambda r: r.month)
        sessions = in_month(plan_records(engine, records.household_id).sessions, review.month)
        made: Any = reports.review_report(review, earlier, names_for(records), records.name,
                                          made_at, sessions)
        return bytes(made)

    return make


@ft.component
def PrintSummary(records: HouseholdRecords) -> ft.Control:
    """"Print a case summary": choose the period (the last three months to start with)."""
    session = use_worker_session()
    today = session.today()
    first, set_first = ft.use_state(f"{(today - timedelta(days=DEFAULT_DAYS)):%d/%m/%Y}")
    last, set_last = ft.use_state(f"{today:%d/%m/%Y}")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def summary() -> None:
        try:
            start, end = period(first, last)
        except ValueError as wrong:
            set_error(period_error(wrong))
            return
        set_error("")
        set_busy(True)
        try:
            problem = await print_report(
                session, records.household_id, t("hub.print.summary_file"),
                summary_maker(start or today - timedelta(days=DEFAULT_DAYS), end or today))
        finally:
            set_busy(False)
        set_error(problem)

    submit = guarded(session, summary)
    return frame.card(t("hub.print.summary_title"), [
        w.para(t("hub.print.summary_body"), size=15, muted=True),
        period_fields(first, set_first, last, set_last, submit),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(t("hub.print.busy") if busy else t("hub.print.summary"), submit)],
               wrap=True),
    ], identifier="hub-print-summary")


@ft.component
def PrintReview(records: HouseholdRecords, review: Review) -> ft.Control:
    """"Print this review", with what went wrong if it could not be printed."""
    session = use_worker_session()
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def print_it() -> None:
        set_busy(True)
        try:
            problem = await print_report(session, records.household_id,
                                         t("hub.print.review_file", month=review.month),
                                         review_maker(review.id, session.engine))
        finally:
            set_busy(False)
        set_error(problem)

    return ft.Column([
        *([w.message(error)] if error else []),
        frame.small_button(t("hub.print.busy") if busy else t("hub.print.review"),
                           guarded(session, print_it),
                           name=t("hub.print.review_named", month=month_words(review.month))),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.START)
