"""Events handled in the order they came, each with the screen the one before it left.

Flet starts a task for each event a browser sends and renders a changed screen in a task of
its own, after the handler. When two events come in one burst (a phone on a slow link, a
busy server, a quick child's three taps) both tasks start before that render, so the second
was handled by the button as last rendered, whose handler still held the state from before
the first: setup called two equal passphrases different, a message went a letter short, and
three quick picture taps kept one picture.

:func:`handle_in_order` makes each event wait until the one before it has started (run up to
its first wait) and then give Flet's scheduler a turn, so the event is looked up in the
screen rendered with what came before it. Nothing is rendered at any other moment than
Flet's own scheduler would render it, and a long handler (a sync, reading aloud) does not
hold the next tap back once it has started.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from flet.messaging.session import Session

Dispatch = Callable[[int, str, Any], Awaitable[None]]


def handle_in_order(session: Session) -> None:
    """Make ``session`` hand its events to their handlers one after another (see above)."""
    dispatch: Dispatch = session.dispatch_event
    last_started: asyncio.Future[None] | None = None

    async def in_order(control_id: int, event_name: str, event_data: Any) -> None:
        nonlocal last_started
        before = last_started
        started: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        last_started = started
        try:
            if before is not None:
                await before
            await asyncio.sleep(0)  # Flet's scheduler renders what the last event changed
            handling = asyncio.ensure_future(dispatch(control_id, event_name, event_data))
            await asyncio.sleep(0)  # the handler runs up to its first wait
        finally:
            if not started.done():
                started.set_result(None)
        await handling

    session.dispatch_event = in_order  # type: ignore[method-assign]
