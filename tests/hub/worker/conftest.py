"""Fixtures for the worker UI's tests: a hand-moved clock, and Priya with the Okafors on her
caseload, Tolu having raised an alert and sent a sealed message.

Plain helpers (signing in, Priya's password, the SQLite-only ``hub_engine``) are in
``worker_ui_kit.py``, for test modules to import.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.checkins import Feeling
from app.domain.people import Role
from app.hub.admin import add_worker
from app.hub.casework.allocation import allocate
from app.hub.protocol import b64decode, b64encode
from app.sync.sealing import seal
from tests.hub.worker.worker_ui_kit import PASSWORD
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    """The worker UI's clock, moved by hand; it starts now, since the family's records it
    stamps must not be ahead of the hub's own clock."""
    return FakeClock(float(int(time.time())))


@pytest.fixture
def now(clock: FakeClock) -> datetime:
    """The moment the worker UI's clock starts at."""
    return datetime.fromtimestamp(clock.now, UTC)


@pytest.fixture
def worker_id(hub: RunningHub, now: datetime) -> int:
    """Priya, a worker with the hub's household (the Okafors) on her caseload."""
    worker = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, worker, now)
    return worker


@pytest.fixture
def okafors(hub: RunningHub, now: datetime) -> Family:
    """The Okafors: Tolu (a child) raised an alert ten minutes ago and sent a sealed message."""
    family = Family(hub, hub.household_id, now)
    family.member("tolu", "Tolu", Role.CHILD)
    family.member("ade", "Ade", Role.PARENT)
    family.checkin("tolu", now - timedelta(minutes=12), Feeling.SCARED)
    family.alert("tolu", now - timedelta(minutes=10))
    words = json.dumps({"text": "Please can you come soon", "from_name": "Tolu",
                        "from_role": "child", "written_at": iso(now - timedelta(minutes=9))})
    sealed = seal(b64decode(family.phone.agency_public_key), words.encode(), "msg-1")
    family.push("worker_messages", {}, record_id="msg-1", body=None,
                sealed_body=b64encode(sealed))
    return family
