"""A hybrid logical clock: stamps that follow wall time but never go backwards.

A stamp is ``<13-digit milliseconds>-<4-digit counter>-<node>`` (``STAMP_PATTERN``) and sorts
correctly as text, so the hub and every device can order changes without trusting each other's
clocks. A stamp from elsewhere that is far ahead of this clock's wall time is not followed:
one device with a wrong clock must not drag every other device's stamps into the future. A
clock that ran fast and was put right lets go of its wrong reading when the hub says what time
it is (``trust``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_MAX_COUNTER = 9999
#: The exact form of a stamp, for the hub's checks and the device's.
STAMP_PATTERN = r"^[0-9]{13}-[0-9]{4}-[0-9a-z]{1,16}$"
_STAMP = re.compile(STAMP_PATTERN)
#: How far ahead of the wall clock (the hub's, or a device's) a stamp may be and still count.
MAX_STAMP_AHEAD_SECONDS = 15 * 60


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
        if not isinstance(text, str) or not _STAMP.match(text):
            raise ValueError(f"not a clock stamp: {text!r}")
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter), node)


class HybridClock:
    """Hands out increasing stamps for one node; thread-safe."""

    def __init__(self, node: str, wall: Callable[[], float] = time.time) -> None:
        self._node = node
        self._wall = wall
        self._offset_ms = 0
        self._last = Stamp(0, 0, node)
        self._lock = threading.Lock()

    def _wall_ms(self) -> int:
        return int(self._wall() * 1000) + self._offset_ms

    def go_by_hub(self, offset_seconds: float) -> None:
        """Read the time as the hub does: this device's clock plus ``offset_seconds`` (what the
        hub said when it refused a request signed by a clock more than five minutes out).

        Stamps still never go backwards; a clock put right later is followed again once the
        hub says so (an offset of about nothing).
        """
        with self._lock:
            self._offset_ms = int(offset_seconds * 1000)

    def now(self) -> str:
        """Return a stamp later than every stamp this clock has issued or seen."""
        with self._lock:
            wall = self._wall_ms()
            if wall > self._last.millis:
                self._last = Stamp(wall, 0, self._node)
            elif self._last.counter < _MAX_COUNTER:
                self._last = Stamp(self._last.millis, self._last.counter + 1, self._node)
            else:  # a burst of ten thousand in one millisecond: borrow the next millisecond
                self._last = Stamp(self._last.millis + 1, 0, self._node)
            return str(self._last)

    def trust(self, hub_millis: int) -> bool:
        """Let go of a reading too far ahead of the hub's time; True if there was one.

        A reading more than ``MAX_STAMP_AHEAD_SECONDS`` ahead of the hub was made while this
        device's clock ran fast: the hub refused every stamp after it (``future_stamp``), so
        none of them is held anywhere. The clock starts again from the hub's time. Every stamp
        the hub did accept from this device was at most that far ahead of the hub's clock, so
        a stamp made now sorts at worst that little before one of them: the same leeway the
        hub gives any two devices. Revisions, not stamps, order the changes to one record.
        """
        with self._lock:
            if self._last.millis <= hub_millis + MAX_STAMP_AHEAD_SECONDS * 1000:
                return False
            self._last = Stamp(hub_millis, 0, self._node)
            return True

    def seen(self, remote: str) -> None:
        """Move past a stamp received from elsewhere.

        Ignored if it is not a stamp, or if it is more than ``MAX_STAMP_AHEAD_SECONDS`` ahead
        of this device's wall clock.
        """
        try:
            stamp = Stamp.parse(remote)
        except ValueError:
            return
        if stamp.millis > self._wall_ms() + MAX_STAMP_AHEAD_SECONDS * 1000:
            return
        with self._lock:
            if (stamp.millis, stamp.counter) > (self._last.millis, self._last.counter):
                self._last = Stamp(stamp.millis, stamp.counter, self._node)
