"""The worker UI's factory: one ``main`` per hub, one session per browser tab, and the routes.

Every route needs a signed-in worker: until then the tab shows the sign-in screen, whatever the
address, and a worker who signs out (or is signed out after a spell of no use) sees it again.
Every route sits inside ``Desk``, which at a desk puts the caseload beside the screen; every
household route sits inside ``HouseholdGate``, which shows a household only to a worker
allocated to it (or a manager) and writes each opening to the access log.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import flet as ft
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app import theme
from app.hub.downloads import ReportDesk
from app.hub.worker.access_screen import AccessLogScreen
from app.hub.worker.accounts import session_current
from app.hub.worker.caseload_screen import CaseloadScreen
from app.hub.worker.desk import Desk
from app.hub.worker.household.conflicts import ConflictsScreen
from app.hub.worker.household.family_life import (
    AgreementScreen,
    ChoresScreen,
    CirclesScreen,
    DiaryScreen,
)
from app.hub.worker.household.gate import HouseholdGate
from app.hub.worker.household.messages import MessagesScreen
from app.hub.worker.household.page import HouseholdScreen
from app.hub.worker.household.programme.family import (
    CarersScreen,
    RitualsScreen,
    StrengthsScreen,
)
from app.hub.worker.household.programme.houses import HousesScreen
from app.hub.worker.household.programme.plan import MomentsScreen, ProgrammeScreen
from app.hub.worker.household.programme.reviews import ReviewsScreen
from app.hub.worker.household.programme.visits import VisitsScreen
from app.hub.worker.household.safety import SafetyScreen
from app.hub.worker.household.timeline_screen import CheckinsScreen, TimelineScreen
from app.hub.worker.session import (
    WorkerContext,
    WorkerSession,
    guarded,
    is_desk,
    use_worker_session,
)
from app.hub.worker.signin import SignInScreen
from app.i18n import t
from app.i18n.pages import speak_for
from app.views import widgets as w
from app.views.event_order import handle_in_order
from app.views.text_size import show_text_at, size_for

log = logging.getLogger(__name__)

#: How often a tab checks that it is still in use, and that the agency has not switched its
#: worker's account off or ended its sessions (a new password) meanwhile.
SESSION_CHECK_SECONDS = 2.0

HOUSEHOLD = "household/:household_id"
#: A household's parts, each behind the household's gate.
HOUSEHOLD_PARTS = [
    ft.Route(index=True, component=HouseholdScreen),
    ft.Route(path="timeline", component=TimelineScreen),
    ft.Route(path="checkins", component=CheckinsScreen),
    ft.Route(path="safety", component=SafetyScreen),
    ft.Route(path="agreement", component=AgreementScreen),
    ft.Route(path="chores", component=ChoresScreen),
    ft.Route(path="circles", component=CirclesScreen),
    ft.Route(path="diary", component=DiaryScreen),
    ft.Route(path="strengths", component=StrengthsScreen),
    ft.Route(path="rituals", component=RitualsScreen),
    ft.Route(path="carers", component=CarersScreen),
    ft.Route(path="visits", component=VisitsScreen),
    ft.Route(path="reviews", component=ReviewsScreen),
    ft.Route(path="programme", component=ProgrammeScreen),
    ft.Route(path="moments", component=MomentsScreen),
    ft.Route(path="houses", component=HousesScreen),
    ft.Route(path="messages", component=MessagesScreen),
    ft.Route(path="conflicts", component=ConflictsScreen),
]
ROUTES = [
    ft.Route(component=Desk, children=[
        ft.Route(index=True, component=CaseloadScreen),
        ft.Route(path="access-log", component=AccessLogScreen),
        ft.Route(path=HOUSEHOLD, component=HouseholdGate, children=HOUSEHOLD_PARTS),
    ]),
]


@ft.component
def NotFound() -> ft.Control:
    """An address the worker UI does not have: a way back to the caseload."""
    session = use_worker_session()
    return w.screen(t("hub.notfound.title"), [
        w.para(t("hub.notfound.body")),
        w.primary(t("hub.notfound.home"), guarded(session, lambda: session.open("/"))),
    ], identifier="hub-not-found")


@ft.component
def Shell() -> ft.Control:
    """The sign-in screen until a worker signs in; then the routed screens and a notice slot."""
    session = use_worker_session()
    content = SignInScreen() if session.worker is None else ft.Router(ROUTES, not_found=NotFound)
    # The notice slot is always there (hidden when empty), so the screen keeps its state.
    banner = ft.Container(
        ft.Row([
            ft.Container(w.message(session.notice or " ", kind="ok"), expand=True),
            ft.IconButton(icon=ft.Icon(ft.Icons.CLOSE, semantics_label=t("common.dismiss")),
                          tooltip=t("common.dismiss"),
                          on_click=lambda: setattr(session, "notice", "")),
        ]),
        padding=ft.Padding.only(left=12, right=12, top=8),
        width=theme.MAX_WIDTH,
        visible=bool(session.notice),
    )
    return ft.Column([banner, ft.Container(content, expand=True)], expand=True, spacing=0,
                     horizontal_alignment=ft.CrossAxisAlignment.CENTER)


@ft.component
def WorkerApp(made: WorkerSession) -> ft.Control:
    """The root: the tab's session, the watch that signs it out, and the shell."""
    session: WorkerSession = ft.use_state(lambda: made)[0]  # type: ignore[arg-type,return-value]
    task_ref: ft.MutableRef[asyncio.Task[None]] = ft.use_ref(None)

    async def watch_session() -> None:
        while True:
            await asyncio.sleep(SESSION_CHECK_SECONDS)
            if session.check_idle():
                log.info("a worker was signed out after a spell of no use")
            worker = session.worker
            if worker is None:
                continue
            try:
                current = await asyncio.to_thread(session_current, session.engine, worker)
            except SQLAlchemyError:
                log.exception("could not check a worker's account; checking again shortly")
                continue
            if not current and session.worker is worker:
                log.info("a worker's session was ended by the agency")
                session.ended_by_agency()

    def start() -> None:
        task_ref.current = asyncio.get_running_loop().create_task(watch_session())

    def stop() -> None:
        if task_ref.current is not None:
            task_ref.current.cancel()
        session.sign_out()  # the tab's session ends: drop the agency key with it

    ft.use_effect(start, dependencies=[], cleanup=stop)
    ft.use_effect(lambda: show_text_at(ft.context.page, session.text_scale),
                  dependencies=[session.text_scale])
    return WorkerContext(session, lambda: Shell())


def build_worker_main(
    engine: Engine, *, clock: Callable[[], float] = time.time,
    idle_clock: Callable[[], float] = time.monotonic, reports: ReportDesk | None = None
) -> Callable[[ft.Page], None]:
    """Return the Flet ``main`` of the worker UI over a migrated hub database.

    ``clock`` gives the days and times shown and kept; ``idle_clock`` counts a tab's time
    left alone for the idle sign-out, on a clock nobody can set.

    ``reports`` is where printed reports wait for the download route (one per hub process).
    """
    desk = reports or ReportDesk()

    def main(page: ft.Page) -> None:
        page.title = t("hub.app_title")
        page.theme = theme.build_theme()
        page.theme_mode = ft.ThemeMode.LIGHT
        page.bgcolor = theme.BACKGROUND
        page.padding = 0
        handle_in_order(page.session)
        session = WorkerSession(engine=engine, clock=clock, idle_clock=idle_clock,
                                client=page.client_ip or "", reports=desk,
                                desk=is_desk(page.width))
        # Set before the first render, so the browser knows to report every resize.
        page.on_resize = lambda event: session.resized(event.width)
        speak_for(page, session)
        size_for(page, session)
        page.render(WorkerApp, session)

    return main
