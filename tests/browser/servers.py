"""The app and the agency's hub as real servers for the browser journeys.

Each runs as its own ``python -m app`` subprocess on 127.0.0.1, logging to a file the test
can read back (:class:`ServedApp`). The ``served_app`` fixture uses :func:`start_server`;
tests that need a server of their own (for example to restart the app on the same folder
and check that data survived) call it directly, and hub journeys use :func:`running_hub`.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.hubkit import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 30.0
HUB_START_TIMEOUT = 30.0


@dataclass
class ServedApp:
    """A running ``homeward run`` subprocess."""

    url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes]
    _log_mark: int = field(default=0, repr=False)

    def log_text(self) -> str:
        """The whole server log so far (stdout and stderr together)."""
        return self.log_path.read_text("utf-8", errors="replace")

    def mark_log(self) -> None:
        """Remember the current end of the log; :meth:`new_log` returns what follows."""
        self._log_mark = self.log_path.stat().st_size

    def new_log(self) -> str:
        """The log written since the last :meth:`mark_log`."""
        with self.log_path.open("rb") as handle:
            handle.seek(self._log_mark)
            return handle.read().decode("utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextlib.contextmanager
def start_server(data_dir: Path, log_path: Path, *extra_args: str,
                 port: int | None = None) -> Iterator[ServedApp]:
    """Run ``python -m app run`` on ``port`` (else a free one) until the block ends; wait
    until it serves.

    Raises:
        RuntimeError: the server exited or did not answer within ``SERVER_START_TIMEOUT``.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app",
                "run",
                "--data-dir",
                str(data_dir),
                "--port",
                str(port),
                *extra_args,
            ],
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    app = ServedApp(url=url, data_dir=data_dir, log_path=log_path, process=process)
    try:
        _wait_until_serving(app)
        yield app
    finally:
        app.stop()


@contextlib.contextmanager
def running_hub(folder: Path, database_url: str) -> Iterator[ServedApp]:
    """``python -m app hub`` on a free port until the block ends; wait until it answers."""
    port = free_port()
    log_path = folder / "hub.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "hub", "--db", database_url, "--port", str(port)],
            cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    hub = ServedApp(url=f"http://127.0.0.1:{port}", data_dir=folder, log_path=log_path,
                    process=process)
    try:
        deadline = time.monotonic() + HUB_START_TIMEOUT
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start:\n{hub.log_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(hub.url + "/v1/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.1)
        yield hub
    finally:
        hub.stop()


def _wait_until_serving(app: ServedApp) -> None:
    """Poll ``/`` until it answers 200, failing early if the process dies."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"homeward run exited early:\n{app.log_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(app.url + "/", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(
        f"homeward run did not serve within {SERVER_START_TIMEOUT} s:\n{app.log_text()}"
    )
