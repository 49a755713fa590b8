"""Joining the household on a second phone or tablet: connect, then fetch the household.

The device already has its own passphrase and recovery key (chosen in the first-run steps
before this one). Here a parent types the agency's address and a pairing code from their
worker; the household's people and records then come from the agency. If the connection
worked but fetching did not finish, the screen says so and offers to try again.
"""

from __future__ import annotations

import asyncio

import flet as ft

from app.i18n import t
from app.views import widgets as w
from app.views.state import guarded, use_session
from app.views.sync.settings import PairForm, status_box, sync_of


@ft.component
def JoinStep() -> ft.Control:
    """The pairing form, or (connected, household not here yet) where things stand."""
    session = use_session()
    busy, set_busy = ft.use_state(False)
    sync = sync_of(session)
    status = sync.status()
    if not status.paired:
        return PairForm(joining=True)

    async def again() -> None:
        set_busy(True)
        try:
            await asyncio.to_thread(sync.sync_now)
        finally:
            set_busy(False)
        session.unlocked(session.require_service())

    return ft.Column([
        w.para(t("device.join.fetching")),
        status_box(status, session.clock()),
        w.primary(t("sync.now.busy") if busy else t("device.join.again"),
                  guarded(session, again), disabled=busy),
    ], spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
