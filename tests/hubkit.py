"""The hub and PostgreSQL harness shared by the hub, sync and browser tests.

PostgreSQL is a temporary cluster started from Debian's binaries; as root (CI here) ``initdb``
and ``pg_ctl`` run as the ``postgres`` user through ``runuser``. ``ThreadedServer`` runs any
ASGI app (the hub, usually) under uvicorn on 127.0.0.1 in a background thread.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import uvicorn
from sqlalchemy import Engine, create_engine, func, select, text

from app.hub.admin import add_worker, create_agency, register_household
from app.hub.casework.allocation import allocate
from app.hub.db import metadata, open_database
from app.hub.server import build_hub_asgi
from app.storage.crypto import KdfParams

AGENCY_PASSPHRASE = "the kettle is always on at the agency"
_database_numbers = itertools.count(1)


class HarnessError(RuntimeError):
    """The test harness could not start something it needs."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise HarnessError(
            "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin: install Debian's "
            "postgresql package (make test does this) to run the hub against PostgreSQL."
        )
    return Path(found[-1]).parent


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root, so drop to the postgres user when we are root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        command = " ".join(args)
        raise HarnessError(f"{command} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a throwaway PostgreSQL cluster on loopback; yield its admin URL; stop it after."""
    binaries = _postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="homeward-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
    port = free_port()
    _run(_as_postgres([str(binaries / "initdb"), "-A", "trust", "-U", "postgres",
                       "-E", "UTF8", "--no-sync", "-D", str(data)]))
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    _run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                       "-o", options, "-w", "start"]))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def fresh_postgres_database(server: str) -> str:
    """Create an empty database on a cluster started by ``postgres_cluster``; return its URL."""
    name = f"hub_{os.getpid()}_{next(_database_numbers)}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server}/{name}"


class ThreadedServer:
    """Uvicorn in a background thread on 127.0.0.1, stoppable from the test."""

    def __init__(self, app: object, port: int, *, lifespan: bool = False) -> None:
        """``lifespan``: run the app's start-up and shut-down (the worker UI's Flet session
        manager ends disconnected tabs' sessions only then)."""
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",  # type: ignore[arg-type]
                                lifespan="on" if lifespan else "off")
        self.port = port
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start serving; raise HarnessError if it has not started within 10 seconds."""
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise HarnessError("the hub did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self.server.should_exit = True
        self.thread.join(timeout=10)


def row_counts(engine: Engine) -> dict[str, int]:
    """Return the number of rows in every hub table, to show a refusal changed nothing."""
    with engine.connect() as connection:
        return {
            name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in metadata.tables.items()
        }


@dataclass(frozen=True)
class RunningHub:
    """A hub serving on 127.0.0.1, its database and one registered household."""

    url: str
    engine: Engine
    household_id: str
    server: ThreadedServer


@contextmanager
def sqlite_hub(folder: Path, agency: str, household: str) -> Iterator[RunningHub]:
    """An agency's hub on a SQLite file in ``folder``, serving on 127.0.0.1, one household."""
    engine = open_database(f"sqlite:///{folder / 'hub.sqlite'}")
    create_agency(engine, agency, AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    household_id = register_household(engine, household)
    server = ThreadedServer(build_hub_asgi(engine), free_port())
    server.start()
    try:
        yield RunningHub(server.url, engine, household_id, server)
    finally:
        server.stop()
        engine.dispose()


def key_check(engine: Engine) -> str:
    """The agency key's fingerprint, as the worker reads it out while a device pairs."""
    from app.hub.admin import agency_public_key
    from app.hub.protocol import agency_key_fingerprint

    return agency_key_fingerprint(agency_public_key(engine))


def allocated_worker(hub: RunningHub, name: str = "Priya Shah", username: str = "priya") -> int:
    """Add a worker with the hub's household on their caseload (a worker changes only those)."""
    worker = add_worker(hub.engine, name, username, "a long worker password")
    allocate(hub.engine, hub.household_id, worker, datetime.now(UTC))
    return worker
