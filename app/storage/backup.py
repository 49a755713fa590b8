"""One-file backups of a household folder, and putting one back into an empty folder.

A backup is a single file::

    MAGIC | key file length (4 bytes, big-endian) | the folder's key file | sealed archive

The key file is the one already in the folder (the data key wrapped by the passphrase and by
the recovery key; nothing readable). The archive is every file of the folder (already
encrypted themselves) in a tar, sealed with AES-256-GCM under a subkey of the data key, with
the magic and the key file as associated data, so a backup cannot be opened, altered or
spliced onto another household's key file without the passphrase or the recovery key. Even
the number, names and sizes of the folder's files are hidden inside the seal.

A backup is taken under the folder's lock (never while Homeward is open on it, so never of a
half-made save), after finishing a change of keys that a crash cut short. Restoring checks
the whole backup before it writes anything, unpacks into a hidden folder beside the target
and moves it into place in one step: a failure at any point leaves the target as it was.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import tarfile
from dataclasses import dataclass
from pathlib import Path

from .crypto import TEMP_SUFFIX, EnvelopeError, derive_subkey, fsync_folder, seal, unseal
from .errors import StoreError, StoreExists, StoreNotFound
from .keys import KEY_FILE, KeyFile, read_key_file
from .lock import LOCK_FILE, FolderLock
from .rekey import finish_rekey

MAGIC = b"HOMEWARD-BACKUP-1\n"
_LENGTH = struct.Struct(">I")
_SUBKEY_INFO = b"homeward backup archive v1"
#: A key file is a few hundred bytes; anything much larger is not one of ours.
_MAX_KEY_FILE = 64 * 1024
#: A household's whole folder is a few megabytes; refuse to unpack something absurd.
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024
#: Left in a folder put back from a backup until the household is first opened there: what
#: the old device learnt about its own hardware (how far its clock was out) is not this one's.
RESTORED_MARK = "restored-from-backup"


class BadBackup(StoreError):
    """The file is not a Homeward backup, or it was damaged or altered; nothing was written."""

    def __init__(self, why: str) -> None:
        super().__init__(f"This is not a sound Homeward backup ({why}); nothing was changed.")
        self.why = why


@dataclass(frozen=True)
class Unlock:
    """How the person proves the backup is theirs: the passphrase or the recovery key."""

    passphrase: str | None = None
    recovery_key: str | None = None

    def data_key(self, key_file: KeyFile) -> bytes:
        """The household's data key. Raises WrongPassphrase or WrongRecoveryKey."""
        if self.recovery_key is not None:
            return key_file.unwrap_with_recovery_key(self.recovery_key)
        return key_file.unwrap_with_passphrase(self.passphrase or "")


def _archive_key(data_key: bytes) -> bytes:
    return derive_subkey(data_key, _SUBKEY_INFO)


def _kept(entry: os.DirEntry[str]) -> bool:
    """Files that belong in a backup: not the lock, not a save's leftover temp file."""
    return entry.is_file(follow_symlinks=False) and entry.name not in (
        LOCK_FILE, RESTORED_MARK) and not entry.name.endswith(TEMP_SUFFIX)


def make_backup(folder: Path, unlock: Unlock) -> bytes:
    """Return the backup of the household in ``folder``.

    Raises:
        StoreNotFound: no household in ``folder``.
        StoreInUse: Homeward has the folder open; close it first.
        WrongPassphrase, WrongRecoveryKey: the backup would be nobody's to open.
        StoreDamaged: an interrupted change of keys cannot be finished with this key.
    """
    if not (folder / KEY_FILE).is_file():
        raise StoreNotFound(str(folder))
    lock = FolderLock.acquire(folder)
    try:
        key_file_bytes = (folder / KEY_FILE).read_bytes()
        data_key = unlock.data_key(read_key_file(folder))
        # A change of keys cut short after its commit leaves the new key file beside the old
        # tables: finish it (as opening the folder would) so the backup holds one or the other.
        finish_rekey(folder, data_key)
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if _kept(entry):
                    tar.add(entry.path, arcname=entry.name, recursive=False)
    finally:
        lock.release()
    header = MAGIC + _LENGTH.pack(len(key_file_bytes)) + key_file_bytes
    return header + seal(_archive_key(data_key), archive.getvalue(), header)


def _parts(backup: bytes) -> tuple[bytes, bytes, bytes]:
    """(header, key file bytes, sealed archive), or BadBackup."""
    if not backup.startswith(MAGIC) or len(backup) < len(MAGIC) + _LENGTH.size:
        raise BadBackup("it does not start like one")
    start = len(MAGIC) + _LENGTH.size
    (length,) = _LENGTH.unpack_from(backup, len(MAGIC))
    if length > _MAX_KEY_FILE or len(backup) < start + length:
        raise BadBackup("its key file is cut short")
    return backup[:start + length], backup[start:start + length], backup[start + length:]


def read_backup(backup: bytes, unlock: Unlock) -> dict[str, bytes]:
    """Check a whole backup and return its files by name.

    Raises:
        BadBackup: not a backup, damaged, altered, or holding something other than a folder's
            plain files.
        WrongPassphrase, WrongRecoveryKey: as for opening the household.
    """
    header, key_file_bytes, sealed = _parts(backup)
    if len(sealed) > MAX_ARCHIVE_BYTES:
        raise BadBackup("it is far larger than a household")
    try:
        key_file = KeyFile.from_bytes(key_file_bytes)
    except (StoreError, ValueError) as exc:
        raise BadBackup("its key file is damaged") from exc
    data_key = unlock.data_key(key_file)
    try:
        archive = unseal(_archive_key(data_key), sealed, header)
    except (EnvelopeError, ValueError) as exc:
        raise BadBackup("it was damaged or altered") from exc
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
            for member in tar:
                name = member.name
                if (not member.isfile() or "/" in name or "\\" in name or name in ("", ".", "..")
                        or name.startswith("..") or name in files or name == LOCK_FILE):
                    raise BadBackup("it holds something other than the folder's files")
                extracted = tar.extractfile(member)
                files[name] = extracted.read() if extracted is not None else b""
    except tarfile.TarError as exc:
        raise BadBackup("its archive is damaged") from exc
    if files.get(KEY_FILE) != key_file_bytes:
        raise BadBackup("its key file does not belong to its files")
    return files


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def restore_backup(backup: bytes, folder: Path, unlock: Unlock) -> list[str]:
    """Put the household in ``backup`` into ``folder`` (missing or empty); return file names.

    Raises:
        StoreExists: ``folder`` holds something already; nothing was changed.
        BadBackup, WrongPassphrase, WrongRecoveryKey: as for :func:`read_backup`.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoreExists(str(folder))
    files = read_backup(backup, unlock)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.restoring{TEMP_SUFFIX}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    try:
        for name, data in files.items():
            with open(staging / name, "xb", opener=_private) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        (staging / RESTORED_MARK).touch(mode=0o600)
        fsync_folder(staging)
        if folder.exists():
            folder.rmdir()  # empty, checked above
        os.replace(staging, folder)
        fsync_folder(folder.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(files)


def was_restored(folder: Path) -> bool:
    """True until :func:`done_restoring`: ``folder`` was put back from a backup."""
    return (folder / RESTORED_MARK).is_file()


def done_restoring(folder: Path) -> None:
    """The household was opened here once since it was put back: forget that it was."""
    (folder / RESTORED_MARK).unlink(missing_ok=True)
    fsync_folder(folder)
