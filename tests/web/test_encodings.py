"""The compressed copies' housekeeping: slow work stays out of the way, leftovers go."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from app.web.encodings import BROTLI, Precompressed


def test_brotli_is_made_by_a_niced_daemon_thread_that_never_holds_up_exit(tmp_path: Path) -> None:
    original = tmp_path / "client.js"
    original.write_text("console.log('Homeward');\n" * 400)
    copies = Precompressed(tmp_path / "copies")
    source = copies.source(original)
    copies.make_later(source, BROTLI)
    deadline = time.monotonic() + 30
    while copies.copy(source, BROTLI) is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    worker = next(thread for thread in threading.enumerate() if thread.name == "homeward-brotli")
    assert worker.daemon
    assert os.getpriority(os.PRIO_PROCESS, worker.native_id) == 19
    assert os.getpriority(os.PRIO_PROCESS, 0) < 19  # the server itself is not slowed


def test_half_written_and_long_unused_copies_are_cleared(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    half, writing = folder / ".making-old", folder / ".making-recent"
    gone, kept = folder / "0a1b.js.br", folder / "2c3d.js.gz"
    for path in (half, writing, gone, kept):
        path.write_bytes(b"bytes")
    _age(half, 3600)
    _age(gone, 40 * 24 * 3600)
    _age(kept, 20 * 24 * 3600)
    Precompressed(folder)
    assert sorted(path.name for path in folder.iterdir()) == [".making-recent", "2c3d.js.gz"]


def test_a_copy_in_use_is_marked_so_it_is_kept(tmp_path: Path) -> None:
    original = tmp_path / "client.js"
    original.write_text("console.log('Homeward');\n" * 400)
    copies = Precompressed(tmp_path / "copies")
    source = copies.source(original)
    made = copies.make_now(source, BROTLI)
    assert made is not None
    _age(made, 20 * 24 * 3600)
    assert copies.copy(source, BROTLI) == made
    assert time.time() - made.stat().st_mtime < 60


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))
