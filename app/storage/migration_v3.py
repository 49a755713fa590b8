"""Upgrading a household folder from format 2 to format 3: the sealed catalogue.

Format 2 could not tell a table file deleted, rolled back to its ``.prev`` or added while the
store was closed. Format 3 keeps a sealed catalogue of every table file and its generation
(see ``files`` and ``survey``). The step runs with the folder locked, before the key file's
version is bumped, and may be cut off at any point and run again:

1. read everything: an authentic format-2 journal (its files are the committed state), the
   catalogue if an earlier run wrote it, and every table file; anything damaged stops the
   upgrade with ``StoreDamaged`` naming every damaged file, changing nothing;
2. write the catalogue (unless an earlier run did);
3. rewrite every table file in format 3 with the same generation and contents, and its
   ``.prev`` as a copy of it, so no format-2 file is left to be put back;
4. delete the format-2 journal.

Only this step writes format-3 table files into a folder whose key file says format 2, and it
writes the catalogue first. So a format-2 folder holding a format-3 table file but no
catalogue had its catalogue removed (and perhaps its key file's version lowered to let this
step rebuild it from rolled-back files): that is damage, not something to upgrade.
"""

from __future__ import annotations

from pathlib import Path

from .crypto import PREVIOUS_SUFFIX, EnvelopeError, FaultHook, remove_durably, write_durably
from .errors import Damage, StoreDamaged
from .files import CATALOGUE_FILE, JOURNAL_FILE, SealedFiles, TableFile

FROM_VERSION = 2
TO_VERSION = 3


def _read_tables(files: SealedFiles) -> tuple[dict[str, TableFile], list[Damage]]:
    found: dict[str, TableFile] = {}
    damages: list[Damage] = []
    for name in files.disk_names():
        try:
            file = files.open_bytes((files.folder / name).read_bytes(), name)
        except (OSError, EnvelopeError) as exc:
            damages.append(Damage(name, files.previous_good(name), str(exc)))
            continue
        found[file.key] = file
    return found, damages


def migrate_2_to_3(folder: Path, data_key: bytes, *, hook: FaultHook | None = None) -> None:
    """Give a closed format-2 store in ``folder`` its catalogue, and its files format 3.

    Safe to run again after an interruption at any point. ``hook`` is called at each step
    (tests use it to inject crashes).

    Raises:
        StoreDamaged: a file is damaged, or the folder does not agree with a catalogue an
            earlier run wrote; nothing was changed.
    """
    folder = Path(folder)
    files = SealedFiles(folder, data_key, version=TO_VERSION, readable=(FROM_VERSION,))
    damages: list[Damage] = []
    try:
        journal = files.read_journal()
    except EnvelopeError as exc:
        journal = None
        damages.append(Damage(JOURNAL_FILE, False, f"a saved change is unreadable: {exc}"))
    try:
        catalogue = files.read_catalogue()
    except EnvelopeError as exc:
        catalogue = None
        damages.append(Damage(CATALOGUE_FILE, False, str(exc)))
    on_disk, unreadable = _read_tables(files)
    damages += unreadable
    if damages:
        raise StoreDamaged.of(damages)
    state = {**on_disk, **(journal.files if journal is not None else {})}
    generations = {key: file.generation for key, file in state.items()}
    if catalogue is None:
        upgraded = [f for f in on_disk.values() if f.version == TO_VERSION]
        if upgraded or (journal is not None and journal.version == TO_VERSION):
            raise StoreDamaged(CATALOGUE_FILE, False, "the catalogue is missing")
        write_durably(
            folder, CATALOGUE_FILE, files.seal_catalogue(generations), keep_previous=False,
            hook=hook,
        )
    elif catalogue.files != generations:
        # An earlier run wrote the catalogue from exactly these files; anything else changed
        # while the store was closed.
        odd = sorted(set(catalogue.files).symmetric_difference(generations)) or sorted(
            k for k in generations if generations[k] != catalogue.files[k]
        )
        raise StoreDamaged.of(
            [Damage(files.names.of(k), False, "does not match the catalogue") for k in odd]
        )
    for key in sorted(state):
        name = files.names.of(key)
        data = files.seal(key, generations[key], state[key].tables)
        write_durably(folder, name, data, keep_previous=False, hook=hook)
        # A format-2 .prev put back would not authenticate in format 3 anyway; the copy is
        # there to put back if this file is damaged.
        write_durably(folder, name + PREVIOUS_SUFFIX, data, keep_previous=False, hook=hook)
    if journal is not None:
        if hook is not None:
            hook("format-2-journal-removed")
        remove_durably(folder, JOURNAL_FILE)
