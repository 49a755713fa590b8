"""Keeps a paired household in step with its agency while the app is open.

It syncs as soon as the household is unlocked, then every few minutes while it stays
unlocked, and at once when a safety alert is queued (a child who asked for help should not
wait five minutes); locking the app or closing the tab stops it. The network work runs in a thread,
never on the loop that draws the screens, and a sync that cannot reach the agency simply
says so in the status (nothing is lost; the outbox keeps everything for the next try).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import flet as ft

from app.sync.service import sync_for
from app.views.state import Session

log = logging.getLogger(__name__)

SYNC_EVERY_SECONDS = 300.0


async def sync_once(session: Session) -> None:
    """Sync the session's household now, if it is unlocked and paired.

    Everything that touches the store runs in a thread: the loop that draws every tab's
    screens must never wait for a save or for the network.
    """
    household = session.service
    if household is None or session.locked:
        return

    def sync_if_paired() -> bool:
        sync = sync_for(household)
        if not sync.status().paired:
            return False
        sync.sync_now()
        return True

    try:
        synced = await asyncio.to_thread(sync_if_paired)
    except Exception:  # a background sync must never take the app down; the next try may work
        log.exception("background sync failed")
        return
    if synced and session.service is household:
        session.refresh()  # the status changed, and the worker's changes may have come back


async def _keep_in_step(session: Session, every: float) -> None:
    """Sync now, then every ``every`` seconds, or at once when a safety alert is queued."""
    household = session.service
    if household is None:
        return
    loop = asyncio.get_running_loop()
    alert = asyncio.Event()

    def wake() -> None:
        loop.call_soon_threadsafe(alert.set)

    undo = sync_for(household).on_alert(wake)
    try:
        while True:
            alert.clear()
            await sync_once(session)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(alert.wait(), timeout=every)
    finally:
        undo()


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
