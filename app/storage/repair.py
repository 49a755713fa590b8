"""Repairing a damaged store by hand: put a file's previous good copy back in its place."""

from __future__ import annotations

from pathlib import Path

from .crypto import PREVIOUS_SUFFIX, move_aside, write_durably
from .errors import StoreError, StoreWriteFailed
from .keys import KEY_FILE
from .layout import TABLE_SUFFIX


def restore_previous(folder: Path, file_name: str) -> Path:
    """Put ``<file_name>.prev`` back in place; the damaged file is renamed aside, not lost.

    Call it with the store closed. Returns where the damaged file was moved to.
    """
    folder = Path(folder)
    if Path(file_name).name != file_name or not (
        file_name == KEY_FILE or file_name.endswith(TABLE_SUFFIX)
    ):
        raise ValueError(f"Not a file of a household store: {file_name!r}")
    previous = folder / (file_name + PREVIOUS_SUFFIX)
    if not previous.is_file():
        raise StoreError(f"There is no earlier copy of {file_name!r} to put back.")
    try:
        if (folder / file_name).exists():
            aside = move_aside(folder, file_name)
        else:  # an earlier attempt moved it aside and was interrupted
            earlier = sorted(
                folder.glob(f"{file_name}.damaged-*"), key=lambda p: p.stat().st_mtime
            )
            if not earlier:
                raise StoreError(f"{file_name!r} is missing and was not set aside.")
            aside = earlier[-1]
        # A copy, not a link: later writes must never share an inode with the .prev file.
        write_durably(folder, file_name, previous.read_bytes(), keep_previous=False)
    except OSError as exc:
        raise StoreWriteFailed(file_name, exc.strerror or str(exc)) from exc
    return aside
