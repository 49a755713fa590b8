"""Errors raised by the encrypted household store.

Every error carries a plain-English message that is safe to write to a log: it names files
and numbers, never passphrases, keys or family data. Views turn these classes into friendly
on-screen messages through the message catalogue; the text here is for logs and support.
"""

from __future__ import annotations


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


class StoreDamaged(StoreError):
    """A file of the store failed authentication or could not be parsed."""

    def __init__(self, file: str, previous_available: bool, detail: str = "") -> None:
        self.file = file
        self.previous_available = previous_available
        tail = (
            "an earlier copy is available and can be put back"
            if previous_available
            else "no earlier copy is available"
        )
        why = f" ({detail})" if detail else ""
        super().__init__(f"The file {file!r} is damaged or has been altered{why}; {tail}.")


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
