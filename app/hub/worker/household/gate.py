"""The door to a household's pages: only its allocated workers (and managers) go through.

Every household route sits inside ``HouseholdGate``. It asks the database, each time it is
drawn, whether the signed-in worker may open this household. If not, it shows a plain "not on
your caseload" page, and the household's own screen is never drawn, so nothing of it is
read. When the worker does open it, one line goes to the access log; moving between the
household's parts is the same opening, and coming back to it later is a new one. A try at a
household not on the worker's caseload is a line too (nothing for an id no household has).
"""

from __future__ import annotations

import logging

import flet as ft
from sqlalchemy.exc import SQLAlchemyError

from app.hub.casework.allocation import (
    OPENED_HOUSEHOLD,
    TRIED_NOT_YOURS,
    Access,
    access,
    note_opening,
)
from app.hub.worker.household.parts import missing, not_yours, read
from app.hub.worker.session import WorkerSession, use_worker_session

log = logging.getLogger(__name__)


def note(session: WorkerSession, household_id: str, what: str) -> None:
    """Write an opening to the access log; a database that cannot take it is logged, and the
    worker goes on (the opening is refused only when access itself cannot be checked)."""
    worker = session.worker
    if worker is None:
        return
    try:
        note_opening(session.engine, worker.id, household_id, what, session.now())
    except SQLAlchemyError:
        log.exception("an opening could not be written to the access log")


@ft.component
def HouseholdGate() -> ft.Control:
    """The household's page or part, if this worker may open it; else "not yours"."""
    session = use_worker_session()
    worker = session.worker
    household_id = ft.use_route_params().get("household_id", "")
    outlet = ft.use_route_outlet()
    allowed = None if worker is None else read(
        session, lambda: access(session.engine, worker.id, household_id, worker.epoch))

    def opened() -> None:
        if allowed is Access.OPEN:
            note(session, household_id, OPENED_HOUSEHOLD)
        elif allowed is Access.NOT_YOURS:  # a manager reads who tried, too
            note(session, household_id, TRIED_NOT_YOURS)

    ft.use_effect(opened, dependencies=[household_id, worker and worker.id, allowed])
    if worker is None:
        return ft.Container()  # signed out this moment: the sign-in screen replaces this
    if allowed is Access.OPEN:
        return outlet
    if allowed is Access.NOT_YOURS:
        return not_yours(session)
    return missing(session)  # a manager's unknown household, or the database did not answer
