"""What one browser session knows: whether it is unlocked, and who is using it.

The session state is an observable held by the root component; screens read it
through ``SessionContext`` and ask for changes through its methods, so every
screen sees the same answer to "who is here, and is the app locked?".
"""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, cast

import flet as ft

from app.domain.autolock import AutoLock
from app.domain.people import Member, Role
from app.downloads import Shelf
from app.i18n import DEFAULT_LANGUAGE, speaking, supported, t
from app.services.gate import HouseholdGate, InvalidText
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.views.passphrase_changed import passphrase_still_proved
from app.views.safety_net import safety_net

log = logging.getLogger(__name__)
P = ParamSpec("P")

#: Where a child who says they are not safe is taken: trusted adults, Childline and 999.
HELP_ROUTE = "/safety/help"
#: A message just for the worker, and a child's turn to tell the worker something at a visit.
WORKER_MESSAGE_ROUTE = "/worker-message"
CHILD_AT_VISIT_ROUTE = "/visit/child"
#: Screens only a child's alert or a child's words to their worker lead to. The browser is
#: never given their address: its history, with the time, is there for anyone at home to read.
PRIVATE_ROUTES = (HELP_ROUTE, WORKER_MESSAGE_ROUTE, CHILD_AT_VISIT_ROUTE)


class Phase:
    """Where the session is: the order a person moves through on first use and every day."""

    SETUP = "setup"  # no household yet, or its first-run setup is not finished
    PASSPHRASE = "passphrase"  # the household exists; this session has not proved the passphrase
    LOCKED = "locked"  # unlocked before, locked since: show no family data
    WHO = "who"  # choose who is using Homeward
    SIGNED_IN = "signed_in"  # a person is using their own screens


#: How long before the auto-lock the screen says it is coming.
LOCK_WARNING_SECONDS = 30

@ft.observable
@dataclass
class Session:
    """One browser session's state. Changing a field re-renders the screens that use it."""

    gate: HouseholdGate
    clock: Callable[[], float] = time.time  # the phone's clock: the times the app writes down
    # counts how long the app was left alone: a clock nobody can set, so setting the phone's
    # clock back cannot keep a screen unlocked (nor setting it forward lock one early)
    idle_clock: Callable[[], float] = time.monotonic
    downloads: Shelf = field(default_factory=Shelf)  # files the screens offer to download
    service: HouseholdService | None = None
    member: Member | None = None
    locked: bool = False
    notice: str = ""
    lock_warned: bool = False  # the notice says the auto-lock is near
    help_open: bool = False  # Childline and 999 over whatever screen, locked or not
    new_recovery_key: str = ""  # shown once over the screen, then forgotten
    revision: int = 0  # bumped when the household changed in a way fields can't show
    autolock: AutoLock = field(default_factory=AutoLock)
    language: str = DEFAULT_LANGUAGE  # the words this tab shows: its person's, else shared
    picked_language: str = ""  # picked on a shared screen of this tab (the household's if "")
    text_scale: int = 100  # how big this tab's words are, in percent: its person's choice
    signed_in_at: float = 0.0  # when the person now signed in proved their PIN
    # what someone typed and left unsaved (a lock, a tap on Back), by person and form; kept
    # only in this tab's memory, never in the data folder. Private to the observable: a
    # public dict would be watched, and every key typed into a kept box would render the
    # whole tab again (the browser lost letters while it did)
    _drafts: dict[str, Any] = field(default_factory=dict)
    _helping: bool = False  # a child asked for help in this sign-in (see ``keep_then_help``)
    help_told: str = ""  # who will know, said once on help (a key; ``keep_then_help``)
    way_back: tuple[str, str] = ("", "")  # a screen opened, and where its Back leads (way_back)

    @property
    def drafts(self) -> dict[str, Any]:
        """Words typed and not saved, by person and form (see ``_drafts``)."""
        return self._drafts

    @property
    def phase(self) -> str:
        """The screen family this session should show now."""
        if self.service is None:
            return Phase.PASSPHRASE if self.gate.exists() else Phase.SETUP
        if not self.service.household().setup_complete:
            return Phase.SETUP
        if self.locked:
            return Phase.LOCKED
        if self.member is None:
            return Phase.WHO
        return Phase.SIGNED_IN

    def unlocked(self, service: HouseholdService, new_recovery_key: str = "") -> None:
        """The passphrase was proved: remember the household for this session.

        ``new_recovery_key`` (just made) is shown once, over the screen. Without one, a key
        nobody said they kept (a reload before "Done" lost it) is made again and shown: else
        nobody would hold a key that works, and nothing would say so.
        """
        self.autolock.minutes = service.household().auto_lock_minutes
        self.touch()
        self.service = service
        self.locked = False
        self.member = None
        if not new_recovery_key and service.household().setup_complete:
            new_recovery_key = self.gate.recovery_key_again() or ""  # setup makes its own
        self.new_recovery_key = new_recovery_key
        self.speak_shared()
        self.refresh()

    def refresh(self) -> None:
        """Re-render every screen: the household changed underneath them."""
        self.revision += 1

    def sign_in(self, member: Member) -> None:
        """A person proved their PIN."""
        self.touch()
        self.member = member
        self.signed_in_at = self.clock()
        self._helping = False
        self.help_told = ""
        self.locked = False
        self.notice = ""  # a notice was for the person before
        self.language = member.language or self._shared_language()
        self.text_scale = member.text_percent

    def _shared_language(self) -> str:
        if self.picked_language:
            return self.picked_language
        household = self.service.household().language if self.service is not None else None
        return household or DEFAULT_LANGUAGE

    def speak_shared(self) -> None:
        """Show the household's shared language at the normal text size (no one signed in)."""
        self.language = self._shared_language()
        self.text_scale = 100

    def choose_language(self, language: str) -> None:
        """The language picked on a shared screen, before anyone has signed in (this tab)."""
        self.picked_language = supported(language) or DEFAULT_LANGUAGE
        self.language = self.picked_language

    def member_changed(self, member: Member) -> None:
        """The person using the tab changed something about themselves (language, text size)."""
        if self.member is not None and self.member.id == member.id:
            self.member = member
            self.language = member.language or self._shared_language()
            self.text_scale = member.text_percent

    def gone_since_sign_in(self) -> bool:
        """True if the person signed in here was taken off the household, or their PIN (or
        pictures) changed, since they signed in: another tab on the same household did it."""
        if self.member is None or self.service is None:
            return False
        return not self.service.still_signed_in(self.member.id, self.signed_in_at)

    def pin_set_here(self, member: Member) -> None:
        """A new PIN was set in this tab: if it is its own person's, they stay signed in."""
        if self.member is not None and self.member.id == member.id:
            self.signed_in_at = self.clock()

    def sign_out_changed(self) -> None:
        """Back to "Who's using Homeward?", saying kindly why (see ``gone_since_sign_in``)."""
        self.switch_person()
        self.notice = t("who.signed_out")

    def switch_person(self) -> None:
        """Back to "Who's using Homeward?"."""
        self.member = None
        self.notice = ""
        self.way_back = ("", "")
        self.downloads.withdraw(self)
        self.speak_shared()

    def lock(self) -> None:
        """Lock now: forget who is here and show a screen with no family data."""
        self.member = None
        self.way_back = ("", "")
        self.locked = True
        self.notice = ""
        self.lock_warned = False
        self.downloads.withdraw(self)
        self.speak_shared()

    def offer_download(self, filename: str, media_type: str,
                       produce: Callable[[], bytes]) -> str:
        """A link that fetches a file once (see app.downloads); it stops working on lock.

        The file is made when fetched, in the language the person was using when offered it.
        """
        language = self.language

        def in_their_language() -> bytes:
            with speaking(language):
                return produce()

        return self.downloads.offer(filename, media_type, in_their_language, owner=self)

    def touch(self) -> None:
        """Someone used the app: push the auto-lock back (and take down its warning)."""
        self.autolock.touch(self.idle_clock())
        if self.lock_warned:
            self.lock_warned = False
            self.notice = ""

    def check_autolock(self) -> bool:
        """Lock if the app has been left alone too long; True if it locked just now."""
        if self.phase not in (Phase.WHO, Phase.SIGNED_IN):
            return False  # nothing of the family shows before unlock, during setup or locked
        if self.service is not None:  # another tab may have made it shorter (in memory)
            self.autolock.minutes = self.service.household().auto_lock_minutes
        now = self.idle_clock()
        if self.autolock.due(now):
            self.lock()
            return True
        if (self.phase == Phase.SIGNED_IN and not self.lock_warned
                and self.autolock.seconds_left(now) <= LOCK_WARNING_SECONDS):
            # Reading (or listening) is not a tap: say so before the screen goes.
            self.notice = t("autolock.soon")
            self.lock_warned = True
        return False

    def require_service(self) -> HouseholdService:
        """The household service; screens past unlock can rely on it."""
        if self.service is None:
            raise RuntimeError("the household is not unlocked in this session")
        return self.service

    def require_member(self) -> Member:
        """The person signed in; screens past sign-in can rely on it."""
        if self.member is None:
            raise RuntimeError("nobody is signed in")
        return self.member


SessionContext: ft.ContextProvider[Session | None] = ft.create_context(None)


def use_session() -> Session:
    """The session of the browser tab this component renders in."""
    session: Session | None = ft.use_context(SessionContext)
    if session is None:
        raise RuntimeError("SessionContext is not provided")
    return session


def signed_in_only(render: Callable[P, ft.Control]) -> Callable[P, ft.Control]:
    """Guard a component that reads the signed-in person against a last render after they left.

    Locking or "Someone else's turn" clears the person at once; a component already queued
    for an update could otherwise render with nobody signed in, and an exception there stops
    Flet's update loop for the whole tab (it froze on the worker's home). It renders nothing
    instead, and the shell replaces it in the same update. ``tests/test_layout.py`` checks
    that every component reading the person at render time carries this guard.
    """

    @functools.wraps(render)
    def guarded_render(*args: P.args, **kwargs: P.kwargs) -> ft.Control:
        if use_session().member is None:
            return ft.Container()
        return render(*args, **kwargs)

    return guarded_render


def go(route: str) -> None:
    """Open another screen: the router is told at once, the browser's address follows.

    Told only through the browser, the router moved after a round trip, and a second tap on
    the button that led away (a double tap, a slow link) was handled on the old screen: a
    check-in saved twice. Told here, the new screen is rendered before the next event is
    handled (``event_order``), so that tap finds its button gone. The browser's echo of the
    route changes nothing (Flet drops a route change to where the page already is).

    A private screen (``PRIVATE_ROUTES``) is shown by the router alone and the address stays
    where it was: a history entry "/safety/help" at 05:03 told a parent a child had raised an
    alert then (DOMAIN rule 7). Back, the lock and the next sign-in go through the router as
    ever; a reload or the browser's Back leads to the screen the child was on before.
    """
    page = ft.context.page
    change = ft.RouteChangeEvent(name="route_change", control=page, route=route)
    router: Callable[..., Any] | None = page.on_route_change
    if page.before_event(cast(ft.Event[Any], change)) is not False and router is not None:
        router(change)
    if not is_private(route):
        page.navigate(route)


def is_private(route: str) -> bool:
    """True for a screen whose address the browser must never keep (see ``PRIVATE_ROUTES``)."""
    path = route.split("?", 1)[0].rstrip("/")
    return any(path == private or path.startswith(private + "/") for private in PRIVATE_ROUTES)


def start_at_home() -> None:
    """Put the page back at home before someone signs in.

    The signed-in screens' router is made afresh at each sign-in and starts at the page's
    route. Left as it was, the next person landed on the screen the last one locked on or
    signed out from (a child on a parent's own check-in, a worker on another's family), and
    a tap back to that screen was dropped as a route change to where the page already was.
    """
    go("/")
    ft.context.page.route = "/"


def sign_in_at_home(session: Session, member: Member) -> None:
    """Sign ``member`` in on the home screen (see ``start_at_home``)."""
    start_at_home()
    session.sign_in(member)


def error_message(error: Exception) -> str:
    """The kind words for an error a person caused."""
    if isinstance(error, InvalidInput):
        return t(error.reason, **error.values)
    if isinstance(error, NotAllowed):
        return t("error.not_allowed")
    if isinstance(error, InvalidText):
        return t("error.broken_text")
    return t("error.unexpected")


def keep_then_help(session: Session, keep: Callable[[], object], thanks: str = "",
                   told: str = "") -> None:
    """A child's sign of danger: ``keep`` it (the alert for the worker), then show help, always.

    Words the store refused still leave the alert kept (the services see to that), so the child
    is thanked and told who will know (``told``: said once on help, kept in memory only). If
    nothing could be kept (a full phone), help is shown all the same and the child is told so
    plainly, never the usual "nothing you saved has been lost".
    """
    try:
        keep()
    except (InvalidInput, InvalidText, NotAllowed):
        pass  # the alert was kept without the words
    except Exception:  # help comes first; the failure is logged
        log.exception("a child's sign of danger could not be kept")
        thanks, told = "safety.help.not_kept", ""
    if thanks:
        session.notice = t(thanks)
    session._helping, session.help_told = True, told
    go(HELP_ROUTE)


def guarded(session: Session, handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an event handler in the one safety net every screen uses.

    It counts as activity for auto-lock, and an unexpected exception is logged and shown
    as a kind notice instead of Flet's crash page, so nothing typed on the screen is lost.
    A tab whose passphrase another tab has changed only asks for the new one.

    The person signed in is checked against the household first (``gone_since_sign_in``): a
    grown-up taken off it, or with a new PIN, is signed out before the tap does anything. A
    child's tap still runs, since it may be "I need help" (DOMAIN rule 1); the child is
    signed out after it (or, the passphrase changed, the tab asks for it), unless they asked
    for help in this sign-in: help stays on screen.
    """
    changed = False

    def before() -> bool:
        nonlocal changed
        session.touch()
        child = session.member is not None and session.member.role is Role.CHILD
        if not child and not passphrase_still_proved(session):
            return False
        changed = session.gone_since_sign_in()
        if changed and not child:
            session.sign_out_changed()
            return False
        return True

    def after() -> None:
        if session._helping:
            return
        if passphrase_still_proved(session) and changed and session.member is not None:
            session.sign_out_changed()

    def failed() -> None:
        if isinstance(sys.exc_info()[1], InvalidText):  # a broken character, typed or sent
            session.notice = t("error.broken_text")
            return
        log.exception("unexpected error in a screen handler")
        session.notice = t("error.unexpected")

    return safety_net(handler, before=before, failed=failed, after=after)

