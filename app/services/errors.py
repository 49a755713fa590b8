"""What a household service answers when it cannot do what was asked."""

from __future__ import annotations

from typing import Any


class InvalidInput(ValueError):
    """Input the household cannot accept; ``reason`` is a catalogue key for the message."""

    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


class NotAllowed(PermissionError):
    """The person signed in may not do this (for example a child managing people)."""


class ChangedMeanwhile(InvalidInput):
    """Someone saved this after the screen showed it: saving or signing now would undo or
    sign words the person never saw. Nothing is saved; the screen shows the newer words."""

    def __init__(self) -> None:
        super().__init__("common.error.changed_meanwhile")
