"""Checking every file of a household, naming each one that is not right, changing nothing.

``check_folder`` is what ``homeward verify`` runs: it does not need the store to open, so one
damaged file never hides another. It reads the key file (falling back to its mirror to unlock
when the key file itself is damaged), then surveys the catalogue, the journal, every table
file and every ``.prev`` copy (see ``survey``), and collects every problem before raising.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

from .crypto import PREVIOUS_SUFFIX
from .errors import Damage, FormatTooNew, ReadOnlyStore, StoreDamaged, StoreError
from .files import SealedFiles
from .keys import FORMAT_VERSION, KEY_FILE, KeyFile, read_key_file
from .lock import no_writer
from .rekey import STAGING
from .survey import survey
from .tables import EncryptedTableStorage

MIRROR = KEY_FILE + PREVIOUS_SUFFIX


def check_key_mirror(folder: Path) -> list[Damage]:
    """Damage of ``keys.json.prev``: unreadable, or not the same as ``keys.json``."""
    try:
        mirror = (folder / MIRROR).read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [Damage(MIRROR, False, str(exc))]
    try:
        KeyFile.from_bytes(mirror, file_name=MIRROR)
    except StoreDamaged as exc:
        return [Damage(MIRROR, False, exc.damages[0].detail)]
    except FormatTooNew:
        return [Damage(MIRROR, False, "written by a newer version")]
    try:
        current = (folder / KEY_FILE).read_bytes()
    except OSError:
        return []  # the key file's own damage is reported by whoever read it
    if mirror != current:
        return [Damage(MIRROR, False, "it is not the same as keys.json")]
    return []


def _key_file(folder: Path) -> tuple[KeyFile, list[Damage]]:
    try:
        return read_key_file(folder), check_key_mirror(folder)
    except StoreDamaged as damaged:
        try:
            mirror = KeyFile.from_bytes((folder / MIRROR).read_bytes(), file_name=MIRROR)
        except (OSError, StoreDamaged):
            raise damaged from None
        return mirror, list(damaged.damages)


def check_folder(folder: Path, passphrase: str) -> dict[str, int]:
    """Authenticate every file of a closed household; return documents per table.

    Raises:
        StoreDamaged: naming every file that is damaged, missing, out of date or out of place.
        WrongPassphrase: the passphrase does not unlock the household.
        ReadOnlyStore: the folder needs an upgrade (a writable open) first.
        StoreInUse: a writable store is open on the folder now.
    """
    folder = Path(folder)
    key_file, damages = _key_file(folder)
    data_key = key_file.unwrap_with_passphrase(passphrase)
    if key_file.version < FORMAT_VERSION:
        raise ReadOnlyStore(f"upgrade this store from format {key_file.version}")
    with no_writer(folder):
        if (folder / STAGING).is_dir():
            raise StoreError(
                "A change of the household's keys was interrupted: open the household once "
                "in the app (or with 'homeward passwd') to finish it. Nothing was changed."
            )
        state = survey(SealedFiles(folder, data_key), copies=True)
    damages += state.damages
    if damages:
        raise StoreDamaged.of(damages)
    return {
        table: len(docs) for file in state.files.values() for table, docs in file.tables.items()
    }


def verify_open_store(folder: Path, tables: EncryptedTableStorage) -> dict[str, int]:
    """Check every file of an open store against what it last wrote; documents per table.

    Raises:
        StoreDamaged: naming every damaged file, ``.prev`` copies and ``keys.json.prev``
            included.
        StoreInUse: (read-only store) a writable store elsewhere holds the folder.
    """
    damages: list[Damage] = []
    try:
        read_key_file(folder)
    except StoreDamaged as damaged:
        damages += damaged.damages
    damages += check_key_mirror(folder)
    # A writable store holds the folder lock; a read-only one keeps writers out while it
    # reads, so it never catches one half way through a save.
    with no_writer(folder) if tables.read_only else nullcontext():
        counts, found = tables.verify()
    if damages or found:
        raise StoreDamaged.of([*damages, *found])
    return counts
