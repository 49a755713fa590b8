"""Our agency: connecting the household to it, how sync is going, and what it can see.

A parent pairs the household with their worker present (the agency's address and a
one-time pairing code), then sees in plain words what was sent and what is waiting, can
press "Sync now", and reads two lists: what the agency can see, and what is kept at home.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, cast

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.sync.pairing import Pairing, PairingFailed
from app.sync.service import Shared, SyncService, SyncStatus, sync_for
from app.views import widgets as w
from app.views.chores.parts import heading
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.sync.words import (
    pairing_words,
    spoken_key_check,
    status_lines,
    status_summary,
)
from app.views.text_size import sized

ROUTE = "/settings/sync"


def sync_of(session: Session) -> SyncService:
    """The sync service of the household this session has unlocked."""
    return sync_for(session.require_service())


_LOOKS = {  # background and text colour for the most serious line in the box
    "error": (theme.ERROR_BG, theme.ERROR),
    "warn": (theme.WARN_BG, theme.TEXT),
    "ok": (theme.OK_BG, theme.BRAND_DARK),
}


def status_box(status: SyncStatus, now: float) -> ft.Control:
    """The sync status in one box, coloured by its most serious line; read out on change."""
    lines = status_lines(status, now)
    kinds = {line.kind for line in lines}
    kind = "error" if "error" in kinds else "warn" if "warn" in kinds else "ok"
    background, colour = _LOOKS[kind]
    return ft.Semantics(identifier="sync-status", container=True, live_region=True,
                        content=ft.Container(ft.Row([
                            ft.Icon(status_icon(status), color=colour),
                            ft.Column([ft.Text(line.text, size=sized(16), color=colour)
                                       for line in lines], spacing=6, expand=True),
                        ], vertical_alignment=ft.CrossAxisAlignment.START),
                            bgcolor=background, border_radius=12, padding=12))


def _shared_lines(items: list[Shared], none: str) -> list[ft.Control]:
    if not items:
        return [ft.Text(none, size=sized(16), color=theme.MUTED, italic=True)]
    return [ft.Semantics(label=t("sync.line", label=t(item.label_key), count=item.count),
                         container=True, content=ft.Semantics(exclude_semantics=True, content=(
                             ft.Row([ft.Text(t(item.label_key), size=sized(17), color=theme.TEXT,
                                             expand=True),
                                     ft.Text(str(item.count), size=sized(17), color=theme.TEXT,
                                             weight=ft.FontWeight.BOLD)],
                                    vertical_alignment=ft.CrossAxisAlignment.START))))
            for item in items]


def what_is_shared(sync: SyncService, paired: bool, viewer: Member) -> list[ft.Control]:
    """The two lists: what the agency can see, and what never leaves home (of ``viewer``'s)."""
    sees = ft.Column([
        heading(t("sync.sees.title")),
        w.para(t("sync.sees.intro" if paired else "sync.sees.intro_not_paired"), muted=True),
        *_shared_lines(sync.agency_can_see(), t("sync.sees.none")),
    ], spacing=6)
    home = ft.Column([
        heading(t("sync.home.title")),
        w.para(t("sync.home.intro"), muted=True),
        *_shared_lines(sync.kept_at_home(viewer), t("sync.home.none")),
    ], spacing=6)
    return [ft.Semantics(identifier="agency-sees", container=True, content=sees),
            ft.Semantics(identifier="kept-at-home", container=True, content=home)]


@ft.component
def PairForm(joining: bool = False) -> ft.Control:
    """The agency's address and the pairing code, typed with the worker beside the parent;
    then the agency's key check, which the worker compares before anything is kept.

    ``joining``: this device has nothing yet and joins the household another device set up
    (during its first run); otherwise a parent connects this household in Settings.
    """
    session = use_session()
    hub_url, set_hub_url = ft.use_state("")
    code, set_code = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    pending, set_pending = ft.use_state(cast(Pairing | None, None))

    def contact() -> Pairing:
        sync = sync_of(session)
        if joining:
            return sync.connect_to_join(hub_url.strip(), code.strip())
        return sync.connect(session.require_member(), hub_url.strip(), code.strip())

    async def attempt(step: Callable[[], Any]) -> Any:
        """Run a step off the event loop; a refusal becomes words on the form."""
        set_busy(True)
        try:
            return await asyncio.to_thread(step)
        except PairingFailed as exc:
            set_error(pairing_words(exc.reason))
        except NotAllowed:
            set_error(t("sync.pair.parents_only"))
        except InvalidInput as exc:
            set_error(error_message(exc))
        finally:
            set_busy(False)
        return None

    async def connect() -> None:
        pairing = await attempt(contact)
        if pairing is not None:
            set_error("")
            set_pending(pairing)

    async def confirmed() -> None:
        if pending is None:
            return
        member = None if joining else session.require_member()
        status = await attempt(lambda: sync_of(session).confirm(member, pending))
        set_pending(None)
        if status is None:
            return
        for setter in (set_hub_url, set_code, set_error):
            setter("")
        if joining:
            session.unlocked(session.require_service())  # the household has arrived
            session.notice = t("device.join.done", agency=status.agency_name or "")
        else:
            session.notice = t("sync.pair.done", agency=status.agency_name or "")
        session.refresh()

    def different() -> None:
        set_pending(None)
        set_code("")
        set_error(pairing_words("key_mismatch"))

    if pending is not None:
        return _key_check(session, pending, busy, confirmed, different)
    intro = "device.join.intro" if joining else "sync.pair.intro"
    return ft.Semantics(identifier="pair-form", container=True, content=ft.Column([
        *([] if joining else [heading(t("sync.pair.title"))]),
        w.para(t(intro)),
        w.para(t("sync.pair.once"), muted=True),
        w.text_field(t("sync.pair.hub_url"), hub_url, set_hub_url,
                     helper=t("sync.pair.hub_url.helper")),
        w.text_field(t("sync.pair.code"), code, set_code),
        *([w.message(error)] if error else []),
        ft.Row([w.primary(t("sync.pair.busy") if busy else t(
            "device.join.save" if joining else "sync.pair.save"),
            guarded(session, connect), disabled=busy)]),
    ], spacing=theme.GAP, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


def _key_check(session: Session, pending: Pairing, busy: bool,
               confirmed: Callable[[], Any], different: Callable[[], None]) -> ft.Control:
    """The agency key's fingerprint, large, for the worker to compare with theirs."""
    fingerprint = pending.fingerprint
    shown = ft.Semantics(
        label=t("sync.pair.check.label", fingerprint=spoken_key_check(fingerprint)),
        container=True, identifier="agency-key-check",
        content=ft.Semantics(exclude_semantics=True, content=ft.Container(
            ft.Text(fingerprint, size=sized(24), weight=ft.FontWeight.BOLD, color=theme.BRAND_DARK,
                    font_family="monospace", text_align=ft.TextAlign.CENTER),
            bgcolor=theme.OK_BG, border_radius=12, padding=16,
            alignment=ft.Alignment.CENTER)))
    return ft.Semantics(identifier="pair-check", container=True, content=ft.Column([
        heading(t("sync.pair.check.title")),
        # The household the code belongs to, so a code meant for another family is caught
        # here, before a single record is sent to the wrong household.
        *([w.para(t("sync.pair.check.household", household=pending.household_name))]
          if pending.household_name else []),
        w.para(t("sync.pair.check.intro")),
        shown,
        w.para(t("sync.pair.check.note"), muted=True),
        ft.Row([w.primary(t("sync.pair.busy") if busy else t("sync.pair.check.same"),
                          guarded(session, confirmed), disabled=busy)]),
        ft.Row([w.secondary(t("sync.pair.check.different"), guarded(session, different))],
               wrap=True),
    ], spacing=theme.GAP, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


@ft.component
@signed_in_only
def SyncScreen() -> ft.Control:
    """How the household and its agency are getting on, for parents."""
    session = use_session()
    me = session.require_member()
    busy, set_busy = ft.use_state(False)
    sync = sync_of(session)
    status = sync.status()

    async def sync_now() -> None:
        set_busy(True)
        try:
            done = await asyncio.to_thread(sync.sync_now)
        finally:
            set_busy(False)
        if done.problem is None and not done.waiting:
            session.notice = t("sync.now.done")
        session.refresh()  # the worker's changes may have come back

    body: list[ft.Control]
    if me.role is not Role.PARENT:
        body = [w.message(t("sync.pair.parents_only"))]
    else:
        body = [status_box(status, session.clock())]
        if not status.paired or status.problem == "revoked":  # a new code connects it again
            body.append(PairForm())
        else:
            body.append(ft.Row([w.primary(t("sync.now.busy") if busy else t("sync.now"),
                                          guarded(session, sync_now), disabled=busy)]))
        body += [ft.Divider(), *what_is_shared(sync, status.paired, me)]
    return w.screen(t("sync.title"), body, on_back=guarded(session, lambda: go("/settings")),
                    on_lock=guarded(session, session.lock), identifier="sync-screen")


def settings_section(session: Session) -> list[ft.Control]:
    """The agency part of Settings: the status in one line and the way in."""
    status = sync_of(session).status()
    opens = "sync.settings.open_paired" if status.paired else "sync.settings.open"
    return [
        w.section(t("sync.settings.heading")),
        w.para(status_summary(status, session.clock()), muted=True),
        ft.Row([w.secondary(t(opens), guarded(session, lambda: go(ROUTE)))], wrap=True),
    ]


def status_icon(status: SyncStatus) -> ft.IconData:
    if not status.paired or status.problem == "revoked":
        return ft.Icons.CLOUD_OFF_OUTLINED
    if status.problem is not None or status.waiting:
        return ft.Icons.CLOUD_UPLOAD_OUTLINED
    return ft.Icons.CLOUD_DONE_OUTLINED
