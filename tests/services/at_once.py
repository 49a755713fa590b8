"""A clock for tests of two tabs doing something at once: services read the clock between
reading a record and saving it, so a clock can let the other tab act right then."""

from __future__ import annotations

import threading
from collections.abc import Callable

WAIT = 1.0  # how long the first tab lets the other act; it waits for the lock when fixed


class ClockThatLetsATabIn:
    """A still clock that runs ``happen`` in a thread of its own (another tab) when asked the
    time for the ``skip + 1``-th time after ``let_in``, waiting a moment for it to end."""

    def __init__(self, now: float) -> None:
        self._now = now
        self._happen: Callable[[], object] | None = None
        self._skip = 0
        self.tabs: list[threading.Thread] = []

    def let_in(self, happen: Callable[[], object], skip: int = 0) -> None:
        """Let ``happen`` in once the time has been asked ``skip`` more times."""
        self._happen, self._skip = happen, skip

    def __call__(self) -> float:
        if self._happen is not None and self._skip > 0:
            self._skip -= 1
        elif self._happen is not None:
            happen, self._happen = self._happen, None
            self.tabs.append(let_a_tab_in(happen))
        return self._now

    def finish(self) -> None:
        """Wait for the other tab to end."""
        assert self.tabs, "the other tab never had its go"
        self.tabs[0].join(10)


def let_a_tab_in(happen: Callable[[], object]) -> threading.Thread:
    """Run ``happen`` in a thread of its own (another tab), waiting a moment for it to end:
    long enough for it to end unless it waits for the store's lock this thread holds."""
    tab = threading.Thread(target=happen)
    tab.start()
    tab.join(WAIT)
    return tab
