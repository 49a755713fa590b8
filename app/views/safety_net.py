"""The safety net round every screen's event handlers, for the family's tabs and the hub's."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any


def safety_net(
    handler: Callable[..., Any], *, before: Callable[[], object], failed: Callable[[], None],
    after: Callable[[], None] = lambda: None,
) -> Callable[..., Any]:
    """Return ``handler`` wrapped: ``before`` runs first, and any exception calls ``failed``.

    If ``before`` returns False the handler does not run; ``after`` runs once it has.

    A coroutine handler gets an async wrapper (Flet awaits it); a plain one a plain wrapper.
    """
    if inspect.iscoroutinefunction(handler):

        async def run_async(event: Any = None) -> None:
            if before() is False:
                return
            try:
                await handler()
            except Exception:  # the safety net: log it, keep the screen, say something kind
                failed()
            after()

        return run_async

    def run(event: Any = None) -> None:
        if before() is False:
            return
        try:
            handler()
        except Exception:  # the safety net: log it, keep the screen, say something kind
            failed()
        after()

    return run
