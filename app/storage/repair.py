"""Repairing a damaged store by hand, with the store closed: decisions for support staff.

* ``restore_previous`` puts a file's previous good copy back in its place. For a table file it
  needs the passphrase: the catalogue must be told to expect the older generation, or the
  next open would (rightly) call it a rolled-back file.
* ``rebuild_catalogue`` accepts the table files as they are now and writes a new catalogue for
  them, after a damaged catalogue or a damaged journal (whose change is then given up). It
  cannot know whether a file was deleted or rolled back, so it is for after a person checked.

Each takes the folder's lock, so it cannot run beside an open store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from .crypto import PREVIOUS_SUFFIX, EnvelopeError, move_aside, write_durably
from .errors import Damage, StoreDamaged, StoreError, StoreWriteFailed
from .files import CATALOGUE_FILE, JOURNAL_FILE, SealedFiles
from .keys import KEY_FILE, read_key_file
from .layout import TABLE_SUFFIX, is_table_file
from .lock import FolderLock
from .migration_v3 import TO_VERSION as CATALOGUE_SINCE

log = logging.getLogger(__name__)


def restore_previous(folder: Path, file_name: str, passphrase: str | None = None) -> Path:
    """Put ``<file_name>.prev`` back in place; the damaged file is renamed aside, not lost.

    Call it with the store closed. Returns where the damaged file was moved to.

    Raises:
        StoreError: there is no earlier copy, or the passphrase is needed and missing.
        WrongPassphrase: the passphrase does not unlock the household.
        StoreInUse: the store is open.
    """
    folder = Path(folder)
    if Path(file_name).name != file_name or not (
        file_name == KEY_FILE or file_name.endswith(TABLE_SUFFIX)
    ):
        raise ValueError(f"Not a file of a household store: {file_name!r}")
    previous = folder / (file_name + PREVIOUS_SUFFIX)
    if not previous.is_file():
        raise StoreError(f"There is no earlier copy of {file_name!r} to put back.")
    files: SealedFiles | None = None
    if is_table_file(file_name) and read_key_file(folder).version >= CATALOGUE_SINCE:
        if passphrase is None:
            raise StoreError(
                f"The household passphrase is needed to put back {file_name!r}: the catalogue "
                "must be told to expect the earlier copy."
            )
        files = SealedFiles(folder, read_key_file(folder).unwrap_with_passphrase(passphrase))
    lock = FolderLock.acquire(folder)
    try:
        aside = _put_back(folder, file_name, previous)
        if files is not None:
            _expect(files, file_name, previous)
    except OSError as exc:
        raise StoreWriteFailed(file_name, exc.strerror or str(exc)) from exc
    finally:
        lock.release()
    return aside


def _put_back(folder: Path, file_name: str, previous: Path) -> Path:
    if (folder / file_name).exists():
        aside = move_aside(folder, file_name)
    else:  # an earlier attempt moved it aside and was interrupted
        earlier = sorted(folder.glob(f"{file_name}.damaged-*"), key=lambda p: p.stat().st_mtime)
        if not earlier:
            raise StoreError(f"{file_name!r} is missing and was not set aside.")
        aside = earlier[-1]
    # A copy, not a link: later writes must never share an inode with the .prev file.
    write_durably(folder, file_name, previous.read_bytes(), keep_previous=False)
    return aside


def _expect(files: SealedFiles, file_name: str, previous: Path) -> None:
    """Record the put-back copy's generation in the catalogue."""
    try:
        restored = files.open_bytes(previous.read_bytes(), file_name)
    except EnvelopeError as exc:
        raise StoreDamaged(file_name + PREVIOUS_SUFFIX, False, str(exc)) from exc
    try:
        catalogue = files.read_catalogue()
    except EnvelopeError:
        catalogue = None
    if catalogue is None:
        log.warning("The catalogue is unreadable; rebuild it to finish putting back %s", file_name)
        return
    listing = {**catalogue.files, restored.key: restored.generation}
    data = files.seal_catalogue(listing)
    write_durably(files.folder, CATALOGUE_FILE, data, keep_previous=False)


def rebuild_catalogue(folder: Path, passphrase: str) -> list[str]:
    """Write a new catalogue listing the table files as they are now; return what was set aside.

    A damaged catalogue and a damaged journal are renamed aside (never deleted); an authentic
    journal is left to be applied by the next open.

    Raises:
        StoreDamaged: a table file is damaged: put back its earlier copy first.
        WrongPassphrase: the passphrase does not unlock the household.
        StoreInUse: the store is open.
    """
    folder = Path(folder)
    files = SealedFiles(folder, read_key_file(folder).unwrap_with_passphrase(passphrase))
    lock = FolderLock.acquire(folder)
    try:
        generations: dict[str, int] = {}
        damages: list[Damage] = []
        for name in files.disk_names():
            try:
                found = files.open_bytes((folder / name).read_bytes(), name)
            except (OSError, EnvelopeError) as exc:
                damages.append(Damage(name, files.previous_good(name), str(exc)))
                continue
            generations[found.key] = found.generation
        if damages:
            raise StoreDamaged.of(damages)
        set_aside: list[str] = []
        readers: dict[str, Callable[[], object]] = {
            JOURNAL_FILE: files.read_journal,
            CATALOGUE_FILE: files.read_catalogue,
        }
        for name, read in readers.items():
            try:
                read()
            except EnvelopeError:
                set_aside.append(move_aside(folder, name).name)
        catalogue = files.seal_catalogue(generations)
        write_durably(folder, CATALOGUE_FILE, catalogue, keep_previous=False)
    except OSError as exc:
        raise StoreWriteFailed(CATALOGUE_FILE, exc.strerror or str(exc)) from exc
    finally:
        lock.release()
    return set_aside
