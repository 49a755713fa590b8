"""Errors raised by the encrypted household store.

Every error carries a plain-English message that is safe to write to a log: it names files
and numbers, never passphrases, keys or family data. Views turn these classes into friendly
on-screen messages through the message catalogue; the text here is for logs and support.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class StoreError(Exception):
    """Base class of every error the household store raises."""


class WrongPassphrase(StoreError):
    """The passphrase does not unlock this household."""

    def __init__(self) -> None:
        super().__init__("The passphrase does not unlock this household; nothing was changed.")


class WrongRecoveryKey(StoreError):
    """The recovery key does not unlock this household, or is not shaped like one."""

    def __init__(self, detail: str = "it does not unlock this household") -> None:
        super().__init__(f"The recovery key was not accepted: {detail}; nothing was changed.")


@dataclass(frozen=True)
class Damage:
    """One file found damaged, altered, missing, out of date or out of place."""

    file: str
    previous_available: bool = False
    detail: str = ""

    def describe(self) -> str:
        """Say what is wrong with the file, in one clause."""
        why = f" ({self.detail})" if self.detail else ""
        tail = (
            "an earlier copy is available and can be put back"
            if self.previous_available
            else "no earlier copy is available"
        )
        return f"the file {self.file!r} is damaged or has been altered{why}; {tail}"


def _sentence(clauses: Sequence[str]) -> str:
    text = "; ".join(clauses)
    return text[:1].upper() + text[1:] + "."


class StoreDamaged(StoreError):
    """Files of the store failed authentication, are missing, out of date or out of place.

    ``file`` and ``previous_available`` describe the first damaged file; ``damages`` lists
    every one found, in file-name order.
    """

    def __init__(self, file: str, previous_available: bool, detail: str = "") -> None:
        self.damages: tuple[Damage, ...] = (Damage(file, previous_available, detail),)
        self.file = file
        self.previous_available = previous_available
        super().__init__(_sentence([self.damages[0].describe()]))

    @classmethod
    def of(cls, damages: Sequence[Damage]) -> StoreDamaged:
        """One error naming every damaged file (at least one)."""
        ordered = sorted(set(damages), key=lambda d: (d.file, d.detail))
        first = ordered[0]
        error = cls(first.file, first.previous_available, first.detail)
        error.damages = tuple(ordered)
        error.args = (_sentence([d.describe() for d in ordered]),)
        return error

    @property
    def files(self) -> list[str]:
        """The names of every damaged file, sorted."""
        return sorted({d.file for d in self.damages})


class FormatTooNew(StoreError):
    """The store was written by a newer version of Homeward."""

    def __init__(self, found: int, supported: int, file: str = "keys.json") -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"The file {file!r} uses storage format {found}, but this version of Homeward "
            f"understands format {supported} at most; update Homeward. Nothing was changed."
        )


class StoreNotFound(StoreError):
    """No household store exists in the folder."""

    def __init__(self, folder: str) -> None:
        super().__init__(f"No household store was found in {folder!r}.")


class StoreExists(StoreError):
    """A household store already exists in the folder."""

    def __init__(self, folder: str) -> None:
        super().__init__(f"A household store already exists in {folder!r}; it was not touched.")


class StoreInUse(StoreError):
    """Another open store (another process, or another object here) is writing to the folder."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        super().__init__(
            f"The household in {folder!r} is already open for changes elsewhere on this device "
            "(another Homeward window or command); nothing was changed."
        )


class ReadOnlyStore(StoreError):
    """A write was attempted on a store opened read-only."""

    def __init__(self, action: str = "change the store") -> None:
        super().__init__(f"Cannot {action}: the store was opened read-only.")


class StoreWriteFailed(StoreError):
    """Writing to disk failed (disk full, IO error); nothing was changed."""

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        super().__init__(
            f"Saving failed while writing {file!r} ({reason}); nothing was changed "
            "and the last saved state is kept."
        )


class InvalidText(StoreError, ValueError):
    """Text to be saved (or a passphrase) holds a character that UTF-8 cannot store."""

    def __init__(self, character: str) -> None:
        code = f"U+{ord(character):04X}" if len(character) == 1 else repr(character)
        super().__init__(
            f"The text holds a broken character ({code}, half of a UTF-16 pair) that cannot "
            "be stored; nothing was saved."
        )


class InvalidTableName(StoreError, ValueError):
    """A TinyDB table name the store could not read back; refused before anything is saved."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"The table name {name!r} cannot be stored: use lower-case letters, digits, _ and -, "
            "optionally followed by @ and a shard name; nothing was saved."
        )
