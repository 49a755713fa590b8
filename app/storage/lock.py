"""One writer per household folder: an exclusive OS lock held while a writable store is open.

Two processes writing one folder would each keep their own tables in memory and overwrite
each other's saves, and each would take the other's temp files for leftovers of a crash. So a
writable open (and a migration, a passphrase change, a repair) first takes an exclusive
``flock`` on ``homeward.lock`` in the folder, without waiting: if another open store holds it,
the open fails with ``StoreInUse`` before anything is read or written. The OS drops the lock
when the process ends, however it ends, so a crash never leaves the folder locked.

``flock`` locks belong to an open file, not to a process, so a second writable open in the
same process is refused too. A read-only ``verify`` takes the lock shared, so it never runs
while a writer is mid-save; plain read-only opens take no lock (they must work beside the
running app) and retry when they catch a writer mid-save.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import StoreInUse

LOCK_FILE = "homeward.lock"

if sys.platform == "win32":  # pragma: no cover - the app runs on Linux, Android, macOS, iOS
    import msvcrt

    def _try_lock(fd: int, *, shared: bool) -> bool:
        # Windows has no shared lock here; a reader locks the single byte briefly instead.
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int, *, shared: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FolderLock:
    """The exclusive lock of one household folder, held until ``release``."""

    def __init__(self, folder: Path, fd: int) -> None:
        """Wrap an already locked descriptor; use ``acquire``."""
        self.folder = folder
        # Held as a file object: if a store is dropped without close(), the object's C-level
        # cleanup closes the descriptor and so lets other writers in. (No ``__del__`` here:
        # Python code run by the garbage collector at an unlucky moment trips a CPython 3.11
        # bug in the parser, seen as "AST constructor recursion depth mismatch".)
        self._file: io.FileIO | None = io.FileIO(fd, "r+", closefd=True)

    @classmethod
    def acquire(cls, folder: Path) -> FolderLock:
        """Take the folder's lock without waiting.

        Raises:
            StoreInUse: another open store (in any process) holds it; nothing was changed.
        """
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                     0o600)
        if not _try_lock(fd, shared=False):
            os.close(fd)
            raise StoreInUse(str(folder))
        return cls(folder, fd)

    @property
    def held(self) -> bool:
        """True until ``release``."""
        return self._file is not None

    def release(self) -> None:
        """Let another writer in (idempotent)."""
        if self._file is None:
            return
        file, self._file = self._file, None
        try:
            _unlock(file.fileno())
        finally:
            file.close()


def _open_existing(folder: Path) -> int | None:
    try:
        return os.open(folder / LOCK_FILE, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None  # no writer has opened this folder since locks existed


def writer_active(folder: Path) -> bool:
    """True if an open writable store (here or in another process) holds the folder's lock."""
    fd = _open_existing(folder)
    if fd is None:
        return False
    try:
        if not _try_lock(fd, shared=True):
            return True
        _unlock(fd)
        return False
    finally:
        os.close(fd)


@contextlib.contextmanager
def no_writer(folder: Path) -> Iterator[None]:
    """Keep writers out while reading the whole folder; never creates the lock file.

    Raises:
        StoreInUse: a writable store holds the folder now.
    """
    fd = _open_existing(folder)
    if fd is None:
        yield
        return
    try:
        if not _try_lock(fd, shared=True):
            raise StoreInUse(str(folder))
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
