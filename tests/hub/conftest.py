"""Fixtures for the hub tests: a real hub on 127.0.0.1 over SQLite and over a real PostgreSQL.

The PostgreSQL cluster is started once per session (``tests/hubkit.py``); each test gets a
fresh database, so tests never see each other's rows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from sqlalchemy import Engine  # noqa: E402

from app.hub.admin import create_agency, register_household  # noqa: E402
from app.hub.db import make_engine, migrate  # noqa: E402
from app.hub.server import build_hub_asgi  # noqa: E402
from app.storage.crypto import KdfParams  # noqa: E402
from tests.hubkit import (  # noqa: E402
    AGENCY_PASSPHRASE,
    HarnessError,
    ThreadedServer,
    free_port,
    fresh_postgres_database,
    postgres_cluster,
    row_counts,
)

if TYPE_CHECKING:
    from hub_device import HubDevice

__all__ = ["AGENCY_PASSPHRASE", "RunningHub", "free_port", "row_counts"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on loopback for the whole session; yields its URL."""
    try:
        cluster = postgres_cluster()
        url = cluster.__enter__()
    except HarnessError as exc:
        pytest.fail(str(exc))
    try:
        yield url
    finally:
        cluster.__exit__(None, None, None)


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated hub database: a SQLite file, or a fresh database on the session's server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    else:
        url = fresh_postgres_database(request.getfixturevalue("postgres_server"))
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
    server: ThreadedServer


@pytest.fixture
def hub(hub_engine: Engine) -> Iterator[RunningHub]:
    """A real hub on a free loopback port, with its agency created and one household."""
    create_agency(hub_engine, "Riverside Family Service", AGENCY_PASSPHRASE,
                  KdfParams.fast_for_tests())
    household_id = register_household(hub_engine, "The Okafor household")
    server = ThreadedServer(build_hub_asgi(hub_engine), free_port())
    server.start()
    try:
        yield RunningHub(server.url, hub_engine, household_id, server)
    finally:
        server.stop()


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
