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


def test_temporary_files_left_by_a_killed_process_are_cleared(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    old, recent = folder / ".making-old", folder / ".making-recent"
    old.write_bytes(b"half a copy")
    recent.write_bytes(b"being written by another server right now")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    Precompressed(folder)
    assert not old.exists() and recent.exists()
