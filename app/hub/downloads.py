"""Printed reports from the hub: a one-time link that only the signed-in tab that asked knows.

A worker's tab makes the report first (so any problem is told on screen), then hands it to
the ``ReportDesk`` and gets a long random token for it. The tab opens ``/downloads/<token>``
at once; the hub hands the file over once, within a minute, and only if the tab is still
signed in as that worker, the account's sessions have not been ended since the tab signed in,
and the worker may still open that household (decided from the database again at that moment).
The report lives in memory until then and never touches the disk; the answer says
``Cache-Control: no-store`` and ``Content-Disposition: attachment``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from app.downloads import ROUTE, OneTimeLinks, plain_letters
from app.hub.casework.allocation import Access, access
from app.i18n import t

log = logging.getLogger(__name__)

LIFETIME_SECONDS = 60.0
MAX_WAITING = 100
PDF = "application/pdf"


@dataclass(frozen=True)
class Ticket:
    """A report waiting to be fetched once, by the tab that asked for it."""

    worker_id: int
    household_id: str
    filename: str
    body: bytes
    still_signed_in: Callable[[], bool]
    epoch: int | None = None  # the account's session number when the tab signed in


class ReportDesk:
    """The reports this hub's tabs have made and not yet handed over (one hub process)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._links: OneTimeLinks[Ticket] = OneTimeLinks(LIFETIME_SECONDS, MAX_WAITING, clock)

    def issue(self, worker_id: int, household_id: str, filename: str, body: bytes,
              still_signed_in: Callable[[], bool], epoch: int | None = None) -> str:
        """Keep a made report for one fetch within a minute; return the link's path."""
        ticket = Ticket(worker_id, household_id, filename, body, still_signed_in, epoch)
        return f"{ROUTE}/{self._links.offer(ticket)}"

    def take(self, token: str) -> Ticket | None:
        """The report behind a token, once; None if unknown, used or out of time."""
        return self._links.take(token)


def file_name(*parts: str) -> str:
    """A safe file name from words: "the-okafor-household-case-summary.pdf".

    Letters fold to plain ones first ("Teulu Ŵyn" is "teulu-wyn", "Łucja Wąs" is
    "lucja-was"), so Welsh and Polish names keep their letters; anything else that is not a
    plain letter or digit becomes a dash.
    """
    words = plain_letters("-".join(parts)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return f"{slug or 'report'}.pdf"


def _page(status: int, key: str) -> HTMLResponse:
    """A plain page in the hub's words when a link cannot be used (not a file)."""
    body = (f"<!doctype html><html lang=\"en-GB\"><meta charset=\"utf-8\">"
            f"<title>{escape(t('hub.app_title'))}</title>"
            f"<p>{escape(t(key))}</p><p><a href=\"/\">{escape(t('hub.download.back'))}</a></p>")
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def create_download_app(engine: Engine, desk: ReportDesk) -> FastAPI:
    """The hub's download route, over the same database and desk as the worker UI."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get(ROUTE + "/{token}")
    async def download(token: str) -> Response:
        """Hand over a report once, to the signed-in worker allocated to its household."""
        ticket = desk.take(token)
        if ticket is None:
            return _page(404, "hub.download.gone")
        allowed = await run_in_threadpool(access, engine, ticket.worker_id, ticket.household_id,
                                          ticket.epoch)
        if allowed is not Access.OPEN or not ticket.still_signed_in():
            log.info("a report link was refused: the tab signed out or lost the household")
            return _page(403, "hub.download.refused")
        return Response(ticket.body, media_type=PDF, headers={
            "Content-Disposition": f'attachment; filename="{ticket.filename}"',
            "Cache-Control": "no-store",
        })

    return app
