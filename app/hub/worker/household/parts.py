"""What the household screens share: reading the household for the route, and their frame."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

import flet as ft
from sqlalchemy.exc import SQLAlchemyError

from app.hub.casework.allocation import Access, WriteRefused, access
from app.hub.worker import frame
from app.hub.worker.household.data import (
    HouseholdRecords,
    from_day,
    household_records,
    to_day,
)
from app.hub.worker.session import WorkerSession, guarded, use_worker_session
from app.i18n import plural, t
from app.views import widgets as w

log = logging.getLogger(__name__)

T = TypeVar("T")


def read(session: WorkerSession, query: Callable[[], T]) -> T | None:
    """Run a read for a screen; None (logged) if the database cannot answer just now."""
    try:
        return query()
    except SQLAlchemyError:
        log.exception("the hub database did not answer a worker screen's read")
        return None


def use_household(*, recent: timedelta | None = None, since: date | None = None,
                  until: date | None = None
                  ) -> tuple[WorkerSession, str, HouseholdRecords | None]:
    """The session, the household id in the address, and that household's records (or None).

    A screen that shows only the last ``recent`` stretch, or the days from ``since`` to
    ``until``, reads the daily kinds of record for then only (``household_records``): a busy
    household's years of check-ins and chore ticks are not read for a page about this month.

    Access is asked again before every read, not only when the gate was drawn: a screen
    already open reads again (other dates, after a change) and must read nothing once the
    household is taken off the worker's caseload. None then, and the screen shows
    ``Unreadable``.
    """
    session = use_worker_session()
    household_id = ft.use_route_params().get("household_id", "")
    start = session.now() - recent if recent is not None else None
    if since is not None:
        start = from_day(since)
    end = to_day(until) if until is not None else None
    worker = session.worker

    def allowed_records() -> HouseholdRecords | None:
        if worker is None or access(session.engine, worker.id, household_id,
                                    worker.epoch) is not Access.OPEN:
            return None
        return household_records(session.engine, household_id, since=start, until=end)

    return session, household_id, read(session, allowed_records)


def household_route(household_id: str, section: str = "") -> str:
    """The address of a household's page, or of one of its sections."""
    return f"/household/{household_id}" + (f"/{section}" if section else "")


def sign_out_button(session: WorkerSession) -> Callable[..., Any] | None:
    """Sign out sits on the page itself on a phone; at a desk it is on the caseload beside."""
    return None if session.desk else guarded(session, session.sign_out)


def missing(session: WorkerSession) -> ft.Control:
    """The page for a household the hub does not have (or cannot read just now)."""
    return frame.page(t("hub.household.missing_title"), [
        w.para(t("hub.household.missing_body")),
        w.primary(t("hub.household.to_caseload"), guarded(session, lambda: session.open("/"))),
    ], identifier="hub-household-missing", on_sign_out=sign_out_button(session),
        wide=session.desk)


@ft.component
def Unreadable() -> ft.Control:
    """In place of a household's screen whose records were not read: "not on your caseload"
    if the worker may no longer open it (a tab left open), else "not found"."""
    session = use_worker_session()
    worker = session.worker
    household_id = ft.use_route_params().get("household_id", "")
    allowed = None if worker is None else read(
        session, lambda: access(session.engine, worker.id, household_id, worker.epoch))
    return not_yours(session) if allowed is Access.NOT_YOURS else missing(session)


def refused_words(refused: WriteRefused) -> str:
    """Why a worker's change was not saved: the case is closed, or the family is not theirs."""
    if refused.access is Access.CLOSED:
        return t("hub.write.closed")
    return t("hub.write.not_yours")


def not_yours(session: WorkerSession) -> ft.Control:
    """The page for a household not on this worker's caseload: nothing of it is read or shown."""
    return frame.page(t("hub.household.not_yours_title"), [
        w.para(t("hub.household.not_yours_body")),
        w.primary(t("hub.household.to_caseload"), guarded(session, lambda: session.open("/"))),
    ], identifier="hub-not-yours", on_sign_out=sign_out_button(session), wide=session.desk)


def section_page(
    session: WorkerSession,
    records: HouseholdRecords,
    title: str,
    body: Sequence[ft.Control],
    *,
    identifier: str,
    skipped: int = 0,
) -> ft.Control:
    """A page of one part of a household: Back goes to the household's page.

    ``skipped``: how many of the records this page reads beside ``records`` could not be read
    here, said in one note with those ``records`` left out.
    """
    back = household_route(records.household_id)
    body = [*closed_note(records), *not_read_note(records, skipped), *body]
    return frame.page(title, body, identifier=identifier, subtitle=records.name,
                      on_back=guarded(session, lambda: session.open(back)),
                      on_sign_out=sign_out_button(session), wide=session.desk)


def closed_note(records: HouseholdRecords) -> list[ft.Control]:
    """For a closed case, first on its pages: what a worker may still do with it."""
    return [w.message(t("hub.household.closed"), kind="warn")] if records.closed else []


def not_read_note(records: HouseholdRecords, skipped: int = 0) -> list[ft.Control]:
    """How many of the records read for this screen (``records``, and ``skipped`` more read
    beside them) could not be read here at all: counted, so a worker knows something is
    missing, and never shown (the hub cannot tell what it is)."""
    count = records.skipped + skipped
    if not count:
        return []
    return [w.message(plural(count, "hub.household.not_read"), kind="warn")]
