"""A hybrid logical clock: stamps that follow wall time but never go backwards.

A stamp is ``<13-digit milliseconds>-<4-digit counter>-<node>`` and sorts correctly as text,
so the hub and every device can order changes without trusting each other's clocks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_MAX_COUNTER = 9999


@dataclass(frozen=True, order=True)
class Stamp:
    """One clock reading."""

    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:04d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """Read a stamp; raise ValueError if the text is not one."""
        millis, counter, node = text.split("-", 2)
        if not (millis.isdigit() and counter.isdigit() and node):
            raise ValueError(f"not a clock stamp: {text!r}")
        return cls(int(millis), int(counter), node)


class HybridClock:
    """Hands out increasing stamps for one node; thread-safe."""

    def __init__(self, node: str, wall: Callable[[], float] = time.time) -> None:
        self._node = node
        self._wall = wall
        self._last = Stamp(0, 0, node)
        self._lock = threading.Lock()

    def now(self) -> str:
        """Return a stamp later than every stamp this clock has issued or seen."""
        with self._lock:
            wall = int(self._wall() * 1000)
            if wall > self._last.millis:
                self._last = Stamp(wall, 0, self._node)
            elif self._last.counter < _MAX_COUNTER:
                self._last = Stamp(self._last.millis, self._last.counter + 1, self._node)
            else:  # a burst of ten thousand in one millisecond: borrow the next millisecond
                self._last = Stamp(self._last.millis + 1, 0, self._node)
            return str(self._last)

    def seen(self, remote: str) -> None:
        """Move past a stamp received from elsewhere (ignored if it is not a stamp)."""
        try:
            stamp = Stamp.parse(remote)
        except ValueError:
            return
        with self._lock:
            if (stamp.millis, stamp.counter) > (self._last.millis, self._last.counter):
                self._last = Stamp(stamp.millis, stamp.counter, self._node)
