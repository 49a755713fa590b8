"""Our agency: connecting the household to it, how sync is going, and what it can see.

A parent pairs the household with their worker present, then sees in plain words what was
sent and what is waiting, presses "Sync now", and reads what the agency can see and what
stays at home (``settings``, ``words``). ``watch`` syncs on unlock, every few minutes, and at
once when a child's safety alert is waiting. The worker sees what this device set aside
(``set_aside``).
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import plural, t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.state import Session, go, guarded
from app.views.sync.set_aside import ROUTE as SET_ASIDE_ROUTE
from app.views.sync.set_aside import SetAsideScreen
from app.views.sync.settings import (
    ROUTE,
    SyncScreen,
    status_icon,
    sync_of,
)
from app.views.sync.words import status_summary


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """A parent's home card saying, in one line, how sync with the agency is going.

    The worker instead sees a card when this device has set records aside.
    """
    if member.role is Role.WORKER:
        aside = len(sync_of(session).set_aside())
        if not aside:
            return []
        return [ft.Semantics(identifier="set-aside-tile", container=True, content=w.tile(
            ft.Icons.REPORT_OUTLINED, t("sync.aside.title"),
            plural(aside, "sync.aside.tile"),
            guarded(session, lambda: go(SET_ASIDE_ROUTE))))]
    if member.role is not Role.PARENT:
        return []
    status = sync_of(session).status()
    return [ft.Semantics(identifier="sync-tile", container=True, content=w.tile(
        status_icon(status), t("sync.tile.title"), status_summary(status, session.clock()),
        guarded(session, lambda: go(ROUTE))))]


FEATURE = Feature(routes=[ft.Route(path="settings/sync", component=SyncScreen),
                          ft.Route(path="settings/sync/set-aside", component=SetAsideScreen)],
                  tiles=tiles)
