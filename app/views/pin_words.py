"""What to say after a wrong PIN: try again, or how long to wait, in plain words."""

from __future__ import annotations

from app.i18n import plural, t
from app.services.household import PinResult


def wait_words(seconds: int) -> str:
    """'30 seconds', '1 minute', '2 minutes': how long to wait, in plain words."""
    if seconds < 60:
        return plural(seconds, "time.seconds")
    return plural(-(-seconds // 60), "time.minutes")


def pin_feedback(result: PinResult, *, child: bool) -> str:
    """What to say after a wrong PIN: try again, or how long to wait."""
    voice = "child" if child else "adult"
    if result.wait_seconds:
        return t(f"pin.locked.{voice}", wait=wait_words(result.wait_seconds))
    return t(f"pin.wrong.{voice}", count=result.tries_left)
