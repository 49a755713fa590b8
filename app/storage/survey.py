"""Reading a household folder against its catalogue, naming every file that is not right.

The catalogue (see ``files``) lists every table file with the generation last committed. A
survey authenticates the catalogue, a pending journal and every table file, and reports as
damage, all at once rather than one at a time:

* a catalogue or journal that fails to authenticate (a journal at its final name was
  committed, so it is never an unfinished write);
* a listed table file that is missing, damaged, or older than the catalogue says (a ``.prev``
  put back, say);
* a table file the catalogue does not list (added while the store was closed);
* with ``copies``: a ``.prev`` that is damaged, newer than its file, or of a file the store
  does not hold.

A file may be *newer* than the catalogue: a one-file save replaces the file first and the
catalogue just after, so a crash between the two leaves the catalogue one step behind. That
cannot be forged without the data key, so it is accepted and the catalogue brought up to date.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from .crypto import PREVIOUS_SUFFIX, EnvelopeError
from .errors import Damage, StoreDamaged
from .files import CATALOGUE_FILE, JOURNAL_FILE, Catalogue, Journal, SealedFiles, TableFile
from .layout import is_table_file


@dataclass
class FolderState:
    """What a survey found: the committed files, and anything damaged."""

    files: dict[str, TableFile] = field(default_factory=dict)  # by file key, journal applied
    catalogue: Catalogue | None = None  # as on disk
    journal: Journal | None = None
    leftovers: set[str] = field(default_factory=set)  # names the pending journal removes
    damages: list[Damage] = field(default_factory=list)

    @property
    def listed(self) -> dict[str, int]:
        """The committed catalogue: the journal's if one is pending, else the one on disk."""
        if self.journal is not None and self.journal.catalogue is not None:
            return self.journal.catalogue
        return {} if self.catalogue is None else self.catalogue.files

    @property
    def catalogue_behind(self) -> bool:
        """True if a file on disk is newer than the catalogue on disk says."""
        on_disk = {} if self.catalogue is None else self.catalogue.files
        return any(on_disk.get(k) != f.generation for k, f in self.files.items()) or set(
            on_disk
        ) != set(self.files)

    def raise_if_damaged(self) -> None:
        """Raise StoreDamaged naming every damaged file, if there is any."""
        if self.damages:
            raise StoreDamaged.of(self.damages)


def _damage(files: SealedFiles, name: str, detail: str) -> Damage:
    return Damage(name, files.previous_good(name), detail)


def survey(
    files: SealedFiles,
    *,
    expected: Mapping[str, int] | None = None,
    newer_ok: bool = True,
    copies: bool = False,
) -> FolderState:
    """Authenticate the folder's catalogue, journal and table files against each other.

    Args:
        files: the folder, with its data key.
        expected: generations a running store last wrote; a file must hold exactly these
            (or, with ``newer_ok``, these or newer).
        newer_ok: accept files newer than ``expected`` (a read-only store, another writer).
        copies: check every ``.prev`` copy too (``verify``).
    """
    state = FolderState()
    try:
        state.journal = files.read_journal()
    except EnvelopeError as exc:
        state.damages.append(Damage(JOURNAL_FILE, False, f"a saved change is unreadable: {exc}"))
    try:
        state.catalogue = files.read_catalogue()
        if state.catalogue is None:
            state.damages.append(Damage(CATALOGUE_FILE, False, "the catalogue is missing"))
    except EnvelopeError as exc:
        state.damages.append(Damage(CATALOGUE_FILE, False, str(exc)))
    journal = state.journal
    listed = state.listed
    names = {files.names.of(key): key for key in listed}
    on_disk = set(files.disk_names())
    for name, key in sorted(names.items()):
        if journal is not None and key in journal.files:
            state.files[key] = journal.files[key]  # the disk copy may be either generation
            continue
        if name not in on_disk:
            state.damages.append(_damage(files, name, "the file is missing"))
            continue
        try:
            found = files.open_bytes((files.folder / name).read_bytes(), name)
        except (OSError, EnvelopeError) as exc:
            state.damages.append(_damage(files, name, str(exc)))
            continue
        floor = listed[key] if expected is None else expected.get(key, listed[key])
        exact = expected is not None and not newer_ok
        if found.generation < floor or (exact and found.generation != floor):
            detail = f"generation {found.generation} on disk, {floor} expected"
            if found.generation < floor:
                detail += ": an older copy was put back"
            state.damages.append(_damage(files, name, detail))
            continue
        state.files[key] = found
    on_record = set() if state.catalogue is None else set(state.catalogue.files)
    retired = {files.names.of(key) for key in on_record} if journal is not None else set()
    for name in sorted(on_disk - names.keys()):
        if name in retired:
            state.leftovers.add(name)  # removed by the pending journal, not yet deleted
        elif not listed and state.catalogue is None:
            _read_unlisted(files, name, state)  # no catalogue to judge by: check it alone
        else:
            state.damages.append(
                Damage(name, False, "the catalogue does not list it: added from elsewhere?")
            )
    if copies:
        held = {**names, **{files.names.of(key): key for key in state.files}}
        state.damages += _check_copies(files, held, state)
    return state


def _read_unlisted(files: SealedFiles, name: str, state: FolderState) -> None:
    try:
        found = files.open_bytes((files.folder / name).read_bytes(), name)
    except (OSError, EnvelopeError) as exc:
        state.damages.append(_damage(files, name, str(exc)))
        return
    state.files[found.key] = found


def _check_copies(
    files: SealedFiles, names: Mapping[str, str], state: FolderState
) -> list[Damage]:
    damages: list[Damage] = []
    for entry in sorted(os.listdir(files.folder)):
        name = entry.removesuffix(PREVIOUS_SUFFIX)
        if name == entry or not is_table_file(name) or name in state.leftovers:
            continue  # keys.json.prev is checked with the key file
        if name not in names:
            damages.append(Damage(entry, False, "an earlier copy of a file the store lacks"))
            continue
        try:
            copy = files.open_bytes((files.folder / entry).read_bytes(), name)
        except (OSError, EnvelopeError) as exc:
            damages.append(Damage(entry, False, str(exc)))
            continue
        current = state.files.get(names[name])
        if current is not None and copy.generation > current.generation:
            damages.append(Damage(entry, False, "the earlier copy is newer than the file"))
    return damages
