"""The agency's hub, started for each sync view test (``pairing_steps.Hub``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pairing_steps import AGENCY, Hub

from app.hub.admin import create_agency, register_household
from app.hub.db import open_database
from app.hub.server import build_hub_asgi
from app.storage import KdfParams
from tests.hubkit import AGENCY_PASSPHRASE, ThreadedServer, free_port


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    engine = open_database(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    create_agency(engine, AGENCY, AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    household_id = register_household(engine, "Taylor")
    server = ThreadedServer(build_hub_asgi(engine), free_port())
    server.start()
    yield Hub(engine, server, household_id)
    server.stop()
    engine.dispose()
