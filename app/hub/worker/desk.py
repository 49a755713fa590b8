"""The desk layout: at 1024 px and wider, the caseload on the left beside the open screen.

A worker at a desk keeps their families in view while reading one of them, and moves between
them in one tap. Narrower (a phone, a small window) the layout is one screen at a time, as it
always was. The caseload on the left is read again when something changes (``revision``), not
on every redraw of the screen beside it.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.hub.worker import frame
from app.hub.worker.caseload_screen import caseload_body, my_caseload
from app.hub.worker.household.parts import read
from app.hub.worker.session import guarded, use_worker_session
from app.i18n import t

PANE_WIDTH = 400


@ft.component
def CaseloadPane(selected: str) -> ft.Control:
    """The caseload as a column on the left, the open household marked."""
    session = use_worker_session()
    minute = int(session.clock() // 60)  # "10 minutes ago" moves on when the pane is redrawn
    found = ft.use_memo(lambda: None if session.worker is None else read(
        session, lambda: my_caseload(session)),
        dependencies=[session.revision, session.worker, minute])
    if session.worker is None:
        return ft.Container()  # signed out this moment: the sign-in screen replaces this
    return frame.page(t("hub.caseload.title"), caseload_body(session, found, selected),
                      identifier="hub-caseload", on_sign_out=guarded(session, session.sign_out),
                      wide=True)


@ft.component
def Desk() -> ft.Control:
    """Every route's frame: at a desk the caseload and the route side by side; else the route."""
    session = use_worker_session()
    outlet = ft.use_route_outlet()
    household_id = ft.use_route_params().get("household_id", "")
    if not session.desk:
        return outlet
    return ft.Row([
        ft.Container(CaseloadPane(household_id), width=PANE_WIDTH, bgcolor=theme.BACKGROUND),
        ft.VerticalDivider(width=1, thickness=1, color=frame.BORDER),
        ft.Container(outlet, expand=True),
    ], expand=True, spacing=0, vertical_alignment=ft.CrossAxisAlignment.STRETCH)
