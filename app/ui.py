"""The app factory: one ``main`` per data folder, one session state per browser tab."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path

import flet as ft

from app import theme
from app.domain.people import Role
from app.downloads import Shelf
from app.i18n import t
from app.i18n.pages import speak_for
from app.services.gate import HouseholdGate
from app.storage import KdfParams, StoreError
from app.views import widgets as w
from app.views.event_order import handle_in_order
from app.views.features import FEATURES
from app.views.home import Home
from app.views.passphrase_changed import passphrase_still_proved
from app.views.safety.help import PublicHelpScreen, open_help
from app.views.safety.parts import in_wales
from app.views.setup.new_key import NewRecoveryKeyScreen
from app.views.setup.wizard import SetupWizard
from app.views.state import Phase, Session, SessionContext, go, guarded, use_session
from app.views.sync.watch import SYNC_EVERY_SECONDS, use_sync_watch
from app.views.text_size import show_text_at, size_for, sized, tap_height
from app.views.unlock import LockScreen, PassphraseScreen
from app.views.who import WhoScreen
from app.web.offline import LANGUAGE_PREFERENCE

log = logging.getLogger(__name__)

AUTOLOCK_CHECK_SECONDS = 5.0

SIGNED_IN_ROUTES = [
    ft.Route(index=True, component=Home),
    *[route for feature in FEATURES for route in feature.routes],
]
#: The only addresses a child's tab is routed to: their home and the screens it leads to.
#: Back, or an address typed in, must not open the grown-ups' screens the last person left.
CHILD_ROUTES = [
    ft.Route(index=True, component=Home),
    *[route for feature in FEATURES for route in feature.routes
      if route.path in feature.child_routes],
]


@ft.component
def NotFound() -> ft.Control:
    """A route that does not exist: a way home, never a blank page."""
    session = use_session()
    return w.screen(t("notfound.title"), [
        w.para(t("notfound.body")),
        w.primary(t("notfound.home"), lambda: go("/")),
    ], on_lock=session.lock)


@ft.component
def ChildNotFound() -> ft.Control:
    """A grown-up's address in a child's tab: a short, kind line and a big way home."""
    session = use_session()
    return w.screen(t("notfound.title.child"), [
        w.para(t("notfound.body.child"), size=20),
        w.primary(t("notfound.home.child"), guarded(session, lambda: go("/"))),
    ], on_lock=guarded(session, session.lock), identifier="child-not-here", read_aloud=True)


@ft.component
def Shell() -> ft.Control:
    """Shows the screen for the session's phase; the signed-in area is routed."""
    session = use_session()
    phase = session.phase
    if phase == Phase.SETUP:
        content: ft.Control = SetupWizard()
    elif phase == Phase.PASSPHRASE:
        content = PassphraseScreen()
    elif phase == Phase.LOCKED:
        content = LockScreen()
    elif phase == Phase.WHO:
        content = WhoScreen()
    elif session.member is not None and session.member.role is Role.CHILD:
        content = ft.Router(CHILD_ROUTES, not_found=ChildNotFound)
    else:
        content = ft.Router(SIGNED_IN_ROUTES, not_found=NotFound)
    # A new recovery key is shown once, over the screen, before anything else.
    showing_key = bool(session.new_recovery_key) and phase in (Phase.WHO, Phase.SIGNED_IN)
    show_notice = bool(session.notice) and phase in (Phase.SIGNED_IN, Phase.WHO, Phase.SETUP,
                                                   Phase.PASSPHRASE)
    # The notice slot is always there (hidden when empty) so the screen below keeps its
    # place in the tree and its state (the router's location, half-typed text).
    banner = ft.Container(
        ft.Row(
            [
                ft.Container(w.message(session.notice or " ", kind="ok"), expand=True),
                ft.IconButton(icon=ft.Icon(ft.Icons.CLOSE, semantics_label=t("common.dismiss")),
                              tooltip=t("common.dismiss"),
                              # a tap: closing the auto-lock's warning keeps them going
                              on_click=guarded(session, lambda: setattr(session, "notice", ""))),
            ],
        ),
        padding=ft.Padding.only(left=12, right=12, top=8),
        width=theme.MAX_WIDTH,
        visible=show_notice,
    )
    return ft.Column(
        [
            banner,
            # Help opens over the screen without taking it away: closing help goes back to
            # exactly where the child was (a half-chosen PIN, a half-typed message).
            ft.Container(content, expand=True,
                         visible=not session.help_open and not showing_key),
            *([ft.Container(NewRecoveryKeyScreen(), expand=True)]
              if showing_key and not session.help_open else []),
            *([ft.Container(PublicHelpScreen(), expand=True)] if session.help_open else []),
            help_bar(session),
        ],
        expand=True,
        spacing=0,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )


def help_bar(session: Session) -> ft.Control:
    """The small, calm help button at the foot of every screen, whoever is (or isn't) here."""
    # The name is the words' spoken form, so it and the button are one node to a screen reader.
    button = ft.TextButton(
        content=w.named(t("help.bar.name.wales" if in_wales(session) else "help.bar.name"),
                        ft.Row([ft.Icon(ft.Icons.PHONE_IN_TALK_OUTLINED, color=theme.BRAND,
                                        size=22),
                                ft.Text(t("help.bar"), size=sized(16), color=theme.BRAND)],
                               spacing=6, tight=True)),
        on_click=guarded(session, lambda: open_help(session)),
        height=tap_height(48),  # the smallest a small finger hits for sure
    )
    return ft.Container(
        ft.Row([ft.Semantics(identifier="help-bar", container=True, content=button)],
               alignment=ft.MainAxisAlignment.END),
        width=theme.MAX_WIDTH, padding=ft.Padding.only(right=12, bottom=4),
        visible=not session.help_open,
    )


def remember_language(language: str) -> None:
    """Keep the tab's language in the browser, for the offline page (app/web/offline.html)."""
    async def keep() -> None:
        try:
            await ft.SharedPreferences().set(LANGUAGE_PREFERENCE, language)
        except Exception:  # an old browser without storage: the offline page speaks English
            log.info("the browser did not keep the language")

    ft.context.page.run_task(keep)


@ft.component
def App(gate: HouseholdGate, clock: Callable[[], float],
        sync_every: float = SYNC_EVERY_SECONDS, downloads: Shelf | None = None,
        idle_clock: Callable[[], float] = time.monotonic) -> ft.Control:
    """The root: one session state per tab, the auto-lock and sync watches, and the shell."""
    session: Session = ft.use_state(lambda: Session(  # type: ignore[arg-type,return-value]
        gate=gate, clock=clock, idle_clock=idle_clock, downloads=downloads or Shelf()))[0]
    speak_for(ft.context.page, session)
    size_for(ft.context.page, session)

    task_ref: ft.MutableRef[asyncio.Task[None]] = ft.use_ref(None)

    async def watch_autolock() -> None:
        while True:
            await asyncio.sleep(AUTOLOCK_CHECK_SECONDS)
            try:
                passphrase_still_proved(session)  # changed in another tab: ask for it
                locked = session.check_autolock()
            except StoreError:  # the store was closed under the tab (the app is stopping)
                return
            if locked:
                log.info("locked after %s minutes without use", session.autolock.minutes)

    def start() -> None:
        task_ref.current = asyncio.get_running_loop().create_task(watch_autolock())

    def stop() -> None:
        if task_ref.current is not None:
            task_ref.current.cancel()

    ft.use_effect(start, dependencies=[], cleanup=stop)
    ft.use_effect(lambda: remember_language(session.language),
                  dependencies=[session.language])
    ft.use_effect(lambda: show_text_at(ft.context.page, session.text_scale),
                  dependencies=[session.text_scale])
    use_sync_watch(session, sync_every)
    return SessionContext(session, lambda: Shell())


def build_main(
    data_dir: Path,
    *,
    kdf: KdfParams | None = None,
    clock: Callable[[], float] = time.time,
    idle_clock: Callable[[], float] = time.monotonic,
    sync_every: float = SYNC_EVERY_SECONDS,
    downloads: Shelf | None = None,
    gate: HouseholdGate | None = None,
) -> Callable[[ft.Page], None]:
    """Return the Flet ``main`` serving the household stored in ``data_dir``.

    One gate (and so one open store) is shared by every browser session of the process.
    ``clock`` gives the times the app writes down; ``idle_clock`` counts time left alone
    for the auto-lock, on a clock nobody can set (see ``Session.idle_clock``).
    ``sync_every`` is how often a paired household syncs while the app is open (seconds);
    ``downloads`` is the shelf the server fetches offered files from (reports, the export).
    ``gate``: the folder's gate, when the caller keeps it (to close it, as a process ending
    would); otherwise one is made here.
    """
    gate = gate or HouseholdGate(data_dir, kdf=kdf, clock=clock)

    def main(page: ft.Page) -> None:
        page.title = t("app.name")
        page.theme = theme.build_theme()
        page.theme_mode = ft.ThemeMode.LIGHT
        page.bgcolor = theme.BACKGROUND
        page.padding = 0
        handle_in_order(page.session)
        page.render(App, gate, clock, sync_every, downloads, idle_clock)

    return main
