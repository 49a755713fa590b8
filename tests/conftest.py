"""Fixtures every kind of test may use: a real hub on 127.0.0.1 over SQLite and PostgreSQL,
and a household in a temp folder for the command-line tests (``tests/clikit.py``).

The PostgreSQL cluster is started once per session (``tests/hubkit.py``); each test gets a
fresh database, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.hub.admin import create_agency, register_household
from app.hub.db import make_engine, migrate
from app.hub.server import build_hub_asgi
from app.services.setup import create_household
from app.storage.crypto import KdfParams
from tests.clikit import PASSPHRASE, Household, secret_file
from tests.hubkit import (
    AGENCY_PASSPHRASE,
    HarnessError,
    RunningHub,
    ThreadedServer,
    free_port,
    fresh_postgres_database,
    postgres_cluster,
)

#: The longest modules (about 30 s to 150 s each), started first: under ``-n 2`` the two
#: workers then share out the many short tests after them and finish together, instead of
#: one of them starting a long test near the end while the other sits idle.
SLOW_MODULES = (
    "tests/sync/test_convergence.py",
    "tests/views/conference/test_conference_views.py",
    "tests/views/houses/test_house_views.py",
    "tests/hub/test_fuzz.py",
    "tests/views/moments/test_moment_views.py",
    "tests/views/test_welsh_screens.py",
    "tests/views/setup/test_setup_and_unlock_views.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the slowest modules first, longest first, each in its own order (a stable sort)."""
    root = Path(str(config.rootpath))

    def start(item: pytest.Item) -> int:
        module = Path(str(item.fspath)).relative_to(root).as_posix()
        return SLOW_MODULES.index(module) if module in SLOW_MODULES else len(SLOW_MODULES)

    items.sort(key=start)


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
def household(tmp_path: Path) -> Household:
    """A household made with the fast test KDF, with its passphrase in a file."""
    folder = tmp_path / "household"
    store, recovery_key = create_household(
        folder, "The Rivers family", PASSPHRASE, kdf=KdfParams.fast_for_tests()
    )
    store.close()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    return Household(folder, secret_file(secrets, "pass.txt", PASSPHRASE), recovery_key, secrets)


@pytest.fixture
def time_zone() -> Iterator[Callable[[str], None]]:
    """Set the local zone of the process (a phone's or the hub's clock) for one test; put back
    after.

    Phones and the hub say days on their own clock: a test about days sets the zone, so it
    passes on a machine in any zone, and on CI in UTC.
    """
    was = os.environ.get("TZ")

    def use(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield use
    if was is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = was
    time.tzset()


@pytest.fixture
def uk_time(time_zone: Callable[[str], None]) -> None:
    """The clock on UK time (BST in summer), as a family's phone and an agency's server in the UK
    are."""
    time_zone("Europe/London")
