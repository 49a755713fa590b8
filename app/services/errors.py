"""What a household service answers when it cannot do what was asked."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

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


class Stored(Protocol):
    """A record a form is opened on: anything with its stored form."""

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        ...


def stamp_of(record: Stored) -> str:
    """What a form was opened on: a stamp of everything in ``record``, passed back as ``seen``
    when the form saves. It changes whenever the words do, which a revision number need not:
    two devices that each change revision 1 both make a revision 2, and the words a worker
    keeps when settling such a crossing come back at the number they had."""
    text = json.dumps(record.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stamp_of_words(words: str) -> str:
    """The stamp of one box's saved words, for a form that saves a single box (as
    ``stamp_of`` is for a whole record)."""
    return hashlib.sha256(json.dumps(words, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def refuse_if_changed(seen: str | None, now: Stored) -> None:
    """Refuse a save from a form opened on ``seen`` (a ``stamp_of``) if ``now`` differs.

    Raises:
        ChangedMeanwhile: the record is not what the form was opened on any more.
    """
    if seen is not None and stamp_of(now) != seen:
        raise ChangedMeanwhile


def kept_over(chosen: Form, opened: Form, newer: Form) -> Form:
    """What a form shows after its save was refused as ChangedMeanwhile: the parts it changed
    from ``opened`` as ``chosen``, every other part as ``newer`` (saved since). Saving that
    again undoes nobody's change; the person checks it first."""
    mine = {f.name: getattr(chosen, f.name) for f in fields(chosen)
            if getattr(chosen, f.name) != getattr(opened, f.name)}
    return replace(newer, **mine)
