"""What one browser tab of the worker UI knows: who is signed in, and the agency key if opened.

The session is an observable held by the root component; screens read it through
``WorkerContext`` and change it through its methods. The agency's private key, once the worker
has entered the passphrase, lives only here, in this tab's memory, and is dropped on sign-out,
after a spell of no use, or when the tab's session ends.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

import flet as ft
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine

from app.hub.downloads import ReportDesk
from app.hub.record_checks import on_hub_clock
from app.hub.worker import accounts
from app.hub.worker.accounts import WorkerAccount
from app.i18n import DEFAULT_LANGUAGE, supported, t
from app.views.safety_net import safety_net
from app.views.state import go

log = logging.getLogger(__name__)

#: A tab left alone this long signs its worker out (a phone left on a table at a visit).
IDLE_SIGN_OUT_SECONDS = 30 * 60
#: A tab that lost its connection (a train going into a tunnel, a laptop's lid closed) comes
#: back still signed in within this long; after it, a closed tab's session ends, its agency
#: key dropped. Not longer: a browser's "reopen closed tab" brings the session id back, and
#: the next person at an office or family-centre computer must not land in a family's
#: records. (Flet ends sessions on a 10-second tick, so it may take that much longer.)
RECONNECT_GRACE_SECONDS = 90
#: From this width (logical pixels) a tab shows the desk layout: the caseload beside the
#: household. Narrower, it is the phone layout: one screen at a time.
DESK_WIDTH = 1024


def is_desk(width: float | None) -> bool:
    """True for a window wide enough for the caseload and a household side by side."""
    return width is not None and width >= DESK_WIDTH


@dataclass
class IdleWatch:
    """When the tab was last used, on the session's ``idle_clock``. A plain object, not an
    observable field, so noting each tap does not redraw every screen."""

    last_used: float = 0.0

    def due(self, now: float) -> bool:
        """True once the tab has been left alone for ``IDLE_SIGN_OUT_SECONDS``."""
        return now - self.last_used >= IDLE_SIGN_OUT_SECONDS


@dataclass
class SettledHere:
    """The crossed edits this tab has settled or is settling. A plain object, not an
    observable field: a second tap on a card this tab just settled is the worker's own
    double tap, not someone else settling first, and must not replace "Settled."."""

    ids: set[int] = field(default_factory=set)


@ft.observable
@dataclass
class WorkerSession:
    """One tab's state. Changing a field re-renders the screens that use it."""

    engine: Engine
    clock: Callable[[], float] = time.time  # the wall clock: the days and times shown and kept
    # counts how long the tab was left alone: a clock nobody can set, so setting the
    # computer's clock back cannot keep a worker signed in (nor forward sign one out early)
    idle_clock: Callable[[], float] = time.monotonic
    client: str = ""
    worker: WorkerAccount | None = None
    notice: str = ""
    revision: int = 0  # bumped after a change, so screens read the hub again
    agency_key: X25519PrivateKey | None = None
    idle: IdleWatch = field(default_factory=IdleWatch)
    settled_here: SettledHere = field(default_factory=SettledHere)
    desk: bool = False  # the window is wide enough for the two-pane layout
    reports: ReportDesk | None = None  # where printed reports wait for this tab to fetch
    launcher: ft.UrlLauncher | None = None  # kept, so the service stays registered
    language: str = DEFAULT_LANGUAGE  # the tab's words: the worker's, or chosen at sign-in
    text_scale: int = 100  # the signed-in worker's text size in percent (100 at sign-in)

    def resized(self, width: float | None) -> None:
        """The window changed size: switch layouts only when it crosses the desk width."""
        wanted = is_desk(width)
        if wanted != self.desk:
            self.desk = wanted

    def signed_in_as(self, worker_id: int) -> bool:
        """True while this tab is signed in as this worker (a download checks it)."""
        return self.worker is not None and self.worker.id == worker_id

    async def fetch(self, path: str) -> None:
        """Open a download link in this tab: the file downloads and the page stays."""
        if self.launcher is None:
            self.launcher = ft.UrlLauncher()
        await self.launcher.launch_url(path, web_only_window_name="_self")

    def now(self) -> datetime:
        """The current time from the session's clock, in UTC."""
        return datetime.fromtimestamp(self.clock(), UTC)

    def today(self) -> date:
        """Today on the hub's clock: the day the screens, the family's phones and the
        printed reports count from."""
        return on_hub_clock(self.now()).date()

    def signed_in(self, worker: WorkerAccount) -> None:
        """The worker proved their password."""
        self.touch()
        self.notice = ""
        self.agency_key = None
        self.worker = worker
        self.text_scale = worker.text_scale or 100
        if worker.language:
            self.language = worker.language
        elif self.language != DEFAULT_LANGUAGE:  # chosen on the sign-in screen: keep it
            accounts.set_language(self.engine, worker.id, self.language)

    def choose_text_size(self, percent: int) -> None:
        """The signed-in worker picked a text size: kept for their later tabs too."""
        worker = self.require_worker()
        accounts.set_text_size(self.engine, worker.id, percent)
        self.worker = replace(worker, text_scale=percent)
        self.text_scale = percent

    def choose_language(self, language: str) -> None:
        """The worker (or whoever is at the sign-in screen) picked a language."""
        if supported(language) is None:
            return
        self.language = language
        if self.worker is not None:
            accounts.set_language(self.engine, self.worker.id, language)
            self.worker = replace(self.worker, language=language)

    def sign_out(self) -> None:
        """Forget the worker and the agency key; the tab shows the sign-in screen."""
        self.worker = None
        self.agency_key = None
        self.notice = ""
        self.text_scale = 100

    def opened_agency_key(self, key: X25519PrivateKey) -> None:
        """Keep the agency's private key for this tab only."""
        self.agency_key = key

    def open(self, route: str) -> None:
        """Go to another screen; a notice about the last one is done with."""
        self.notice = ""
        go(route)

    def forget_agency_key(self) -> None:
        """Close the sealed messages again: the key is dropped from this tab."""
        self.agency_key = None

    def changed(self, notice: str = "") -> None:
        """Something was written: read again, and say so if there are words for it."""
        self.notice = notice
        self.revision += 1

    def touch(self) -> None:
        """The worker did something: push the idle sign-out back."""
        self.idle.last_used = self.idle_clock()

    def check_idle(self) -> bool:
        """Sign out a tab left alone too long; True if it signed out just now."""
        if self.worker is None or not self.idle.due(self.idle_clock()):
            return False
        self.sign_out()
        self.notice = t("hub.signin.idle")
        return True

    def ended_by_agency(self) -> None:
        """The agency switched the account off or gave it a new password: sign out now."""
        if self.worker is None:
            return
        self.sign_out()
        self.notice = t("hub.signin.ended")

    def require_worker(self) -> WorkerAccount:
        """The signed-in worker, for event handlers behind sign-in.

        Not for drawing a screen: a tab can be signed out (idle, or by the agency) while its
        screens are being drawn again, and an error there stops the tab's updates for good.
        Drawing code reads ``worker`` and draws nothing when it is None.
        """
        if self.worker is None:
            raise RuntimeError("no worker is signed in to this tab")
        return self.worker


WorkerContext: ft.ContextProvider[WorkerSession | None] = ft.create_context(None)


def use_worker_session() -> WorkerSession:
    """The session of the tab this component renders in."""
    session: WorkerSession | None = ft.use_context(WorkerContext)
    if session is None:
        raise RuntimeError("WorkerContext is not provided")
    return session


def guarded(session: WorkerSession, handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an event handler in the safety net: counts as use, and an unexpected error is
    logged and shown as a kind notice instead of Flet's crash page."""

    def failed() -> None:
        log.exception("unexpected error in a worker screen handler")
        session.notice = t("hub.error.unexpected")

    return safety_net(handler, before=session.touch, failed=failed)
