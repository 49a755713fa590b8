"""When an unattended screen locks itself."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MINUTES = 5
CHOICES_MINUTES = (1, 2, 5, 10, 15, 30)


@dataclass
class AutoLock:
    """Tracks the last time someone touched the app, and says when it should lock.

    The times are from a clock that only counts forward (``time.monotonic``), never the
    phone's clock: set back, that kept a screen unlocked for longer.
    """

    minutes: int = DEFAULT_MINUTES
    last_activity: float = 0.0

    def touch(self, now: float) -> None:
        """Someone used the app just now."""
        self.last_activity = now

    def due(self, now: float) -> bool:
        """True when the app has been left alone for the whole timeout."""
        return now - self.last_activity >= self.minutes * 60

    def seconds_left(self, now: float) -> float:
        """Seconds until the lock is due (0 when it is)."""
        return max(0.0, self.minutes * 60 - (now - self.last_activity))
