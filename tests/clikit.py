"""What the command-line tests share: run ``python -m app`` as a real subprocess, write secret
files as a person would, and snapshot a data folder to prove a command changed nothing.

The ``household`` fixture built from these lives in ``tests/conftest.py``.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from app.storage import HouseholdStore

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "kettle orchard lantern puzzle"
NEW_PASSPHRASE = "harbour violet compass meadow"
WEAK = "password"


def run_cli(
    *args: str | Path, stdin: str | None = None, timeout: float = 60,
    disk_room: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m app`` with no controlling terminal, so getpass reads stdin.

    With ``disk_room``, no file the command writes can grow past that many bytes: a write
    beyond it fails as it would on a full disk or memory card.
    """

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG), not the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (disk_room, disk_room))

    result = subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=PROJECT_ROOT,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,
        preexec_fn=small_disk if disk_room is not None else None,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every entry under ``folder``: contents (files), mtime in ns and mode."""
    found: dict[str, tuple[bytes | None, int, int]] = {}
    for path in sorted([folder, *folder.rglob("*")]):
        info = path.lstat()
        body = path.read_bytes() if path.is_file() else None
        found[str(path.relative_to(folder))] = (body, info.st_mtime_ns, info.st_mode)
    return found


def secret_file(folder: Path, name: str, text: str) -> Path:
    """Write a passphrase or key file as a person would: text plus one newline."""
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


@dataclass
class Household:
    folder: Path
    pass_file: Path
    recovery_key: str
    secrets: Path


def assert_unlocks(folder: Path, passphrase: str) -> None:
    store = HouseholdStore.open(folder, passphrase, read_only=True)
    store.close()
