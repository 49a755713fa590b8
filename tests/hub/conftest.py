"""Fixtures for the hub tests: a real hub on 127.0.0.1 over SQLite and over a real PostgreSQL.

PostgreSQL is a temporary cluster started once per session from Debian's binaries; as root
(CI here) ``initdb`` and ``pg_ctl`` run as the ``postgres`` user through ``runuser``. Each test
gets a fresh database, so tests never see each other's rows.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import uvicorn  # noqa: E402
from sqlalchemy import Engine, create_engine, text  # noqa: E402

from app.hub.admin import create_agency, register_household  # noqa: E402
from app.hub.api import create_hub_app  # noqa: E402
from app.hub.db import make_engine, migrate  # noqa: E402
from app.storage.crypto import KdfParams  # noqa: E402

if TYPE_CHECKING:
    from hub_device import HubDevice

AGENCY_PASSPHRASE = "the kettle is always on at the agency"
_database_numbers = itertools.count(1)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail(
            "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin: install Debian's "
            "postgresql package (make test does this) to run the hub tests against PostgreSQL."
        )
    return Path(found[-1]).parent


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root, so drop to the postgres user when we are root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
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
               "-c synchronous_commit=off -c full_page_writes=off")
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


def _fresh_postgres_database(server: str) -> str:
    name = f"hub_{os.getpid()}_{next(_database_numbers)}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated hub database: a SQLite file, or a fresh database on the session's server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    else:
        url = _fresh_postgres_database(request.getfixturevalue("postgres_server"))
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()


@dataclass(frozen=True)
class RunningHub:
    """A hub serving on 127.0.0.1, its database and one registered household."""

    url: str
    engine: Engine
    household_id: str


class _ThreadedServer:
    """Uvicorn in a background thread, stoppable from the test."""

    def __init__(self, app: object, port: int) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",  # type: ignore[arg-type]
                                lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the hub did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def hub(hub_engine: Engine) -> Iterator[RunningHub]:
    """A real hub on a free loopback port, with its agency created and one household."""
    create_agency(hub_engine, "Riverside Family Service", AGENCY_PASSPHRASE,
                  KdfParams.fast_for_tests())
    household_id = register_household(hub_engine, "The Okafor household")
    port = free_port()
    server = _ThreadedServer(create_hub_app(hub_engine), port)
    server.start()
    try:
        yield RunningHub(f"http://127.0.0.1:{port}", hub_engine, household_id)
    finally:
        server.stop()


def row_counts(engine: Engine) -> dict[str, int]:
    """Return the number of rows in every hub table, to show a refusal changed nothing."""
    from sqlalchemy import func, select

    from app.hub.db import metadata

    with engine.connect() as connection:
        return {
            name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in metadata.tables.items()
        }


@pytest.fixture
def pair() -> Iterator[Callable[[RunningHub], HubDevice]]:
    """Pair new devices with a hub's household (closing their connections afterwards)."""
    from hub_device import HubDevice

    from app.hub.admin import issue_pairing_code

    paired: list[HubDevice] = []

    def pair_one(running: RunningHub) -> HubDevice:
        code = issue_pairing_code(running.engine, running.household_id).code
        device = HubDevice.pair(running.url, code)
        paired.append(device)
        return device

    yield pair_one
    for device in paired:
        device.client.close()
