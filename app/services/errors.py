"""What a household service answers when it cannot do what was asked."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    Form = TypeVar("Form", bound=DataclassInstance)
else:
    Form = TypeVar("Form")


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


def kept_over(chosen: Form, opened: Form, newer: Form) -> Form:
    """What a form shows after its save was refused as ChangedMeanwhile: the parts it changed
    from ``opened`` as ``chosen``, every other part as ``newer`` (saved since). Saving that
    again undoes nobody's change; the person checks it first."""
    mine = {f.name: getattr(chosen, f.name) for f in fields(chosen)
            if getattr(chosen, f.name) != getattr(opened, f.name)}
    return replace(newer, **mine)
