"""Keeps a paired household in step with its agency while the app is open.

It syncs as soon as the household is unlocked, then every few minutes while it stays
unlocked, and at once when a safety alert is queued (a child who asked for help should not
wait five minutes); locking the app or closing the tab stops it. The network work runs in a thread,
never on the loop that draws the screens, and a sync that cannot reach the agency simply
says so in the status (nothing is lost; the outbox keeps everything for the next try).
"""

from __future__ import annotations

import asyncio
import logging
import threading

import flet as ft

from app.services.household import HouseholdService
from app.sync.service import sync_for
from app.views.state import Session

log = logging.getLogger(__name__)

SYNC_EVERY_SECONDS = 300.0
ALERT_CHECK_SECONDS = 1.0  # how soon a queued safety alert is noticed between rounds


async def sync_once(session: Session) -> None:
    """Sync the session's household now, if it is unlocked and paired."""
    household = session.service
    if household is None or session.locked:
        return
    sync = sync_for(household)
    try:
        if not sync.status().paired:
            return
        await asyncio.to_thread(sync.sync_now)
    except Exception:  # a background sync must never take the app down; the next try may work
        log.exception("background sync failed")
        return
    if session.service is household:
        session.refresh()  # the status changed, and the worker's changes may have come back


def _alert_queued(household: HouseholdService) -> threading.Event:
    """Set by the household's sync tracker when a safety alert joins the outbox."""
    return sync_for(household).alert_waiting


async def _rest(session: Session, every: float) -> None:
    """Wait ``every`` seconds, or less if a safety alert is queued meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + every
    household = session.service
    while (left := deadline - loop.time()) > 0:
        if household is not None and _alert_queued(household).is_set():
            return
        await asyncio.sleep(min(left, ALERT_CHECK_SECONDS))


async def _keep_in_step(session: Session, every: float) -> None:
    while True:
        if session.service is not None:
            _alert_queued(session.service).clear()  # this round sends it
        await sync_once(session)
        await _rest(session, every)


def use_sync_watch(session: Session, every: float = SYNC_EVERY_SECONDS) -> None:
    """Sync on unlock and every ``every`` seconds while unlocked (a hook: call it always)."""
    unlocked = session.service is not None and not session.locked
    task_ref: ft.MutableRef[asyncio.Task[None] | None] = ft.use_ref(None)

    def start() -> None:
        if unlocked:
            task_ref.current = asyncio.get_running_loop().create_task(
                _keep_in_step(session, every))

    def stop() -> None:
        if task_ref.current is not None:
            task_ref.current.cancel()
            task_ref.current = None

    ft.use_effect(start, dependencies=[unlocked, id(session.service)], cleanup=stop)
