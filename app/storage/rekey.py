"""Changing every key: a new data key, passphrase and recovery key, all files resealed.

Changing only the passphrase re-wraps the same data key, so an old copy of ``keys.json`` with
the old passphrase still reads everything saved afterwards. When someone who should not know
the passphrase might, the household changes every key instead:

1. **stage**: in ``rekey-staging/`` inside the folder, write every table file resealed under a
   new data key (so under new hashed names), a catalogue listing them and the old names to
   retire, and the new ``keys.json`` (new passphrase wrap, new recovery key);
2. **commit**: rename the staged ``keys.json`` over the folder's own (atomic);
3. **finish**: move the staged table files in, delete the old files and their ``.prev``
   copies, move the staged catalogue in, mirror ``keys.json.prev``, and remove the staging
   folder. Only renames and deletions: nothing here needs free space.

Until step 2 the old passphrase and recovery key open the old files, and the staging folder is
removed on the next writable open. From step 2 on the new ones open the new files: an open
that finds the staging folder and a catalogue it cannot read, but a staged catalogue it can,
finishes step 3. Old files left by a crash are removed then; they are never read again.
The catalogue keeps the (ignored) retire list until the next save rewrites it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .crypto import PREVIOUS_SUFFIX, EnvelopeError, FaultHook, fsync_folder, write_durably
from .errors import Damage, StoreDamaged
from .files import CATALOGUE_FILE, RawTables, SealedFiles
from .keys import KEY_FILE, KeyFile, heal_key_mirror

log = logging.getLogger(__name__)

STAGING = "rekey-staging"


def _step(hook: FaultHook | None, name: str) -> None:
    if hook is not None:
        hook(name)


def rekey_folder(
    folder: Path,
    key_file: KeyFile,
    committed: Mapping[str, tuple[int, RawTables]],
    retire: list[str],
    new_passphrase: str,
    *,
    hook: FaultHook | None = None,
) -> tuple[bytes, str]:
    """Reseal every file of a locked store under new keys; return (data key, recovery key).

    Args:
        folder: the household folder (its lock held by the caller).
        key_file: the key file now in place.
        committed: every table file as committed, {file key: (generation, tables)}.
        retire: the names of the table files now in the folder, to delete once committed.
        new_passphrase: the passphrase to wrap the new data key with.
        hook: called at each step (tests use it to inject crashes).

    Raises:
        OSError: writing failed before the commit; the folder still opens with the old keys.
            (A failure after it is logged: the new keys work, and the next open finishes.)
    """
    staging = folder / STAGING
    if staging.exists():
        shutil.rmtree(staging)  # left by an attempt that never reached its commit
    staging.mkdir(mode=0o700)
    new_file, data_key, recovery_key = key_file.rekeyed(new_passphrase)
    files = SealedFiles(folder, data_key)
    generations = {key: generation + 1 for key, (generation, _) in committed.items()}
    for key, (_, tables) in sorted(committed.items()):
        data = files.seal(key, generations[key], tables)
        write_durably(staging, files.names.of(key), data, keep_previous=False, hook=hook)
    staged_catalogue = files.seal_catalogue(generations, retire=retire)
    write_durably(staging, CATALOGUE_FILE, staged_catalogue, keep_previous=False, hook=hook)
    write_durably(staging, KEY_FILE, new_file.to_bytes(), keep_previous=False, hook=hook)
    _step(hook, "staged")
    os.replace(staging / KEY_FILE, folder / KEY_FILE)  # the commit point
    fsync_folder(folder)
    _step(hook, "committed")
    try:
        finish_rekey(folder, data_key, hook=hook)
    except OSError as exc:
        log.warning("The keys were changed; tidying up is finished on the next open: %s", exc)
    return data_key, recovery_key


def staging_committed(folder: Path, data_key: bytes) -> bool | None:
    """Say what a staging folder left by a re-key is, for the key now in ``keys.json``.

    Returns None if there is none; False if it never reached its commit (or was finished),
    so it can go; True if the re-key committed and must be finished before the store opens.

    Raises:
        StoreDamaged: neither the catalogue nor the staged one opens with this key.
    """
    staging = folder / STAGING
    if not staging.is_dir():
        return None
    files = SealedFiles(folder, data_key)
    try:
        if files.read_catalogue() is not None:
            return False  # the folder's own catalogue is under this key: nothing to finish
    except EnvelopeError:
        pass
    try:
        if files.read_catalogue(staging) is not None:
            return True
    except EnvelopeError:
        pass
    raise StoreDamaged.of(
        [
            Damage(CATALOGUE_FILE, False, "it does not open with the household's key"),
            Damage(f"{STAGING}/{CATALOGUE_FILE}", False, "a change of keys is unreadable"),
        ]
    )


def finish_rekey(folder: Path, data_key: bytes, *, hook: FaultHook | None = None) -> None:
    """Finish a committed re-key, or remove a staging folder that never committed.

    Idempotent: safe to run again after a crash at any point. Call with the folder locked.
    """
    state = staging_committed(folder, data_key)
    staging = folder / STAGING
    if state is None:
        return
    if state:
        files = SealedFiles(folder, data_key)
        staged = files.read_catalogue(staging)
        assert staged is not None  # staging_committed just read it
        for name in files.disk_names(staging):
            os.replace(staging / name, folder / name)
            _step(hook, "moved")
        fsync_folder(folder)
        for name in staged.retire:
            _step(hook, "retired")
            for entry in (name + PREVIOUS_SUFFIX, name):
                with contextlib.suppress(FileNotFoundError):
                    (folder / entry).unlink()
        # From here the folder's own catalogue opens with the new key: the re-key is done.
        os.replace(staging / CATALOGUE_FILE, folder / CATALOGUE_FILE)
        fsync_folder(folder)
        _step(hook, "catalogue-moved")
        heal_key_mirror(folder)
    shutil.rmtree(staging)
    fsync_folder(folder)
