"""Precompressed copies of the web client's files, made once and kept beside the server.

The Flet client is about 14 MB of WebAssembly, JavaScript and fonts that compress to a third
of that. Compressing per request would cost a phone's worth of CPU on every visit, so each
file is compressed once and kept in the cache folder under the hash of its content (a new
Flet or Homeward release brings new content and so new names; stale copies are never
served). gzip is made when first asked for (about a second for the largest file); brotli,
which saves another fifth but takes up to a minute at its best setting, is made in the
background and used from the moment it is ready.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

logger = logging.getLogger(__name__)

#: What each encoding is called in ``Accept-Encoding`` and on disk, best first.
BROTLI = "br"
GZIP = "gzip"
IDENTITY = "identity"
_SUFFIX = {BROTLI: ".br", GZIP: ".gz"}

#: File kinds worth compressing; images and archives are compressed already.
COMPRESSIBLE = frozenset({
    ".js", ".mjs", ".wasm", ".json", ".html", ".css", ".svg", ".txt", ".otf", ".ttf",
    ".map", ".symbols", ".bin", "",  # "" is NOTICES, the licences text
})
#: Below this a compressed copy saves less than its headers cost.
SMALLEST = 1024
#: A temporary file older than this was left by a process that was killed while writing.
_ABANDONED_S = 600
#: A copy no server has used for this long belongs to a release that is gone.
_UNUSED_S = 30 * 24 * 3600


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _brotli(data: bytes) -> bytes:
    return bytes(brotli.compress(data, quality=11, lgwin=24))


_MAKERS: dict[str, Callable[[bytes], bytes]] = {GZIP: _gzip, BROTLI: _brotli}


def accepted_encodings(header: str | None) -> set[str]:
    """The content codings a client accepts, from its ``Accept-Encoding`` header (RFC 9110).

    A coding with ``q=0`` is refused; ``*`` stands for every coding not named. Identity is
    always acceptable unless refused by name or by ``*;q=0``.
    """
    named: dict[str, float] = {}
    for part in (header or "").split(","):
        coding, _, params = part.strip().partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        named[coding] = weight
    star = named.get("*")
    accepted = {coding for coding, weight in named.items() if weight > 0 and coding != "*"}
    if star is not None and star > 0:
        accepted |= {coding for coding in (BROTLI, GZIP, IDENTITY) if coding not in named}
    if IDENTITY not in named and not (star is not None and star == 0):
        accepted.add(IDENTITY)
    return accepted


@dataclass(frozen=True)
class Source:
    """One file of the client as it is on disk, with the hash that names its copies."""

    path: Path
    size: int
    mtime_ns: int
    digest: str

    @property
    def compressible(self) -> bool:
        """True when a compressed copy is worth making."""
        return self.size >= SMALLEST and self.path.suffix.lower() in COMPRESSIBLE


class _Background:
    """One daemon thread at the lowest priority, for the slow brotli copies.

    Made this way so that a minute of compression never competes with serving a page (the
    thread is niced, which Linux does per thread) and never holds up the server's exit (a
    pool's threads are waited for at exit; a daemon thread is not).
    """

    def __init__(self) -> None:
        self._work: queue.SimpleQueue[tuple[Future[Path | None], Callable[[], Path | None]]] = (
            queue.SimpleQueue())
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, work: Callable[[], Path | None]) -> Future[Path | None]:
        """Queue ``work``; its future holds what it returns."""
        future: Future[Path | None] = Future()
        self._work.put((future, work))
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="homeward-brotli",
                                                daemon=True)
                self._thread.start()
        return future

    def _run(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        while True:
            future, work = self._work.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work())
            except BaseException as error:  # handed to whoever waits on the future
                future.set_exception(error)


class Precompressed:
    """The compressed copies of client files, in ``folder``, made on first need.

    Thread-safe: the server asks from its event loop's worker threads; each copy is made
    once (concurrent askers wait for the same work) and written whole under a temporary
    name before it takes its real one, so a crash never leaves half a copy to be served.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._sources: dict[Path, Source] = {}
        self._work: dict[tuple[str, str], Future[Path | None]] = {}
        self._now = ThreadPoolExecutor(max_workers=2, thread_name_prefix="homeward-gzip")
        self._later = _Background()
        self._used: set[Path] = set()
        self._clear_leftovers()

    def source(self, path: Path) -> Source:
        """Describe ``path``, hashing it again only when its size or time changed."""
        stat = path.stat()
        with self._lock:
            known = self._sources.get(path)
        if known and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return known
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
        found = Source(path, stat.st_size, stat.st_mtime_ns, digest)
        with self._lock:
            self._sources[path] = found
        return found

    def copy(self, source: Source, encoding: str) -> Path | None:
        """The ready copy of ``source`` in ``encoding``, or None if there is none yet."""
        target = self._target(source, encoding)
        if not target.is_file():
            return None
        if target not in self._used:  # marked as in use once per process
            with contextlib.suppress(OSError):
                os.utime(target)
            self._used.add(target)
        return target

    def make_now(self, source: Source, encoding: str) -> Path | None:
        """Make (or wait for) the copy in ``encoding``; None if it cannot be made."""
        return self._submit(source, encoding, self._now.submit).result()

    def make_later(self, source: Source, encoding: str) -> None:
        """Start making the copy in ``encoding`` in the background, if not already done."""
        if self.copy(source, encoding) is None:
            self._submit(source, encoding, self._later.submit)

    def _clear_leftovers(self) -> None:
        """Remove what a killed server half wrote, and copies no server has used for a month."""
        now = time.time()
        with contextlib.suppress(OSError):
            for path in self.folder.iterdir():
                age = now - path.stat().st_mtime
                if ((path.name.startswith(".making-") and age > _ABANDONED_S)
                        or (path.suffix in (".gz", ".br") and age > _UNUSED_S)):
                    path.unlink()

    def _target(self, source: Source, encoding: str) -> Path:
        return self.folder / f"{source.digest}{source.path.suffix}{_SUFFIX[encoding]}"

    def _submit(self, source: Source, encoding: str,
                submit: Callable[[Callable[[], Path | None]], Future[Path | None]],
                ) -> Future[Path | None]:
        key = (source.digest, encoding)
        with self._lock:
            work = self._work.get(key)
            if work is None or (work.done() and (work.exception() is not None
                                                 or work.result() is None)):
                work = submit(lambda: self._make(source, encoding))
                self._work[key] = work
        return work

    def _make(self, source: Source, encoding: str) -> Path | None:
        target = self._target(source, encoding)
        if target.is_file():
            return target
        try:
            data = source.path.read_bytes()
            if hashlib.sha256(data).hexdigest()[:32] != source.digest:
                return None  # changed since it was described: the next request hashes again
            packed = _MAKERS[encoding](data)
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".making-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(packed)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, brotli.error) as error:
            logger.warning("Could not keep a compressed copy of %s: %s", source.path.name, error)
            return None
        return target
