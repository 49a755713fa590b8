"""A real Homeward household (encrypted store, services, sync) paired with a real hub.

Also a transport that can break the connection at chosen moments, for the fault tests.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select

from app.hub.admin import issue_pairing_code
from app.hub.db import records
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService
from app.storage import HouseholdStore
from app.sync.catalogue import (
    META,
    NOT_PULLED,
    SEALED_COLLECTIONS,
    agency_may_see,
    is_synced,
    outgoing,
)
from app.sync.service import SyncService, sync_for
from tests.hubkit import key_check
from tests.services.taylors import create_taylors, people


class FlakyTransport(httpx.HTTPTransport):
    """A real HTTP transport that can fail on purpose.

    ``before(request)`` runs before a request is sent and may raise to fail it unsent;
    ``after(request)`` runs after the hub answered and may raise to lose the answer.
    """

    def __init__(self) -> None:
        super().__init__()
        self.before: Callable[[httpx.Request], None] = lambda request: None
        self.after: Callable[[httpx.Request], None] = lambda request: None
        self.pushes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request for real, failing where the test asked."""
        self.before(request)
        response = super().handle_request(request)
        response.read()
        if request.url.path == "/v1/push":
            self.pushes += 1
        self.after(request)
        return response


@dataclass
class Family:
    """The Taylors on a real store, with their sync service."""

    gate: HouseholdGate
    household: HouseholdService
    transport: FlakyTransport

    @property
    def store(self) -> HouseholdStore:
        """The household's encrypted store."""
        return self.household.store

    def sync(self) -> SyncService:
        """The household's sync service, over the test's transport."""
        return sync_for(self.household, transport=self.transport)

    def member(self, name: str) -> Any:
        """A member by first name."""
        return people(self.household)[name]


def taylors(folder: Path) -> Family:
    """Create the Taylor household (not paired yet)."""
    gate, household = create_taylors(folder, time.time)
    return Family(gate, household, FlakyTransport())


def pair(family: Family, hub_url: str, engine: Engine, household_id: str) -> None:
    """Pair the family with the hub as Jo does in settings, with a fresh code."""
    code = issue_pairing_code(engine, household_id).code
    status = family.sync().pair(family.member("Jo"), hub_url, code,
                                agency_key_check=key_check(engine))
    assert status.paired and status.problem is None, status


def device_records(store: HouseholdStore) -> dict[tuple[str, str], tuple[int, Any]]:
    """Every record the agency may hold, as the device has it: (collection, id) → (rev, body).

    Alerts, seen marks and sealed messages are left out: a pull never brings them, so only the
    device that made one holds it (``agency_got_what_it_sent`` checks those reached the hub).
    """
    found: dict[tuple[str, str], tuple[int, Any]] = {}
    for collection in store.collections():
        if not is_synced(collection) or collection in NOT_PULLED:
            continue
        for doc in store.find(collection):
            if agency_may_see(collection, doc):
                found[(collection, doc["id"])] = (doc[META]["rev"], outgoing(collection, doc))
    return found


def hub_records(engine: Engine, household_id: str) -> dict[tuple[str, str], tuple[int, Any]]:
    """Every live record the hub holds for a household and sends to its devices, in the same
    shape: alerts, seen marks and sealed messages stay at the agency."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(records).where(records.c.household_id == household_id,
                                  records.c.deleted.is_(False),
                                  records.c.collection.not_in(NOT_PULLED))
        ).all()
    return {(row.collection, row.record_id): (row.revision, json.loads(bytes(row.body)))
            for row in rows}


def agency_got_what_it_sent(store: HouseholdStore, engine: Engine, household_id: str) -> None:
    """Every alert, seen mark and sealed message this device holds is at the hub, at the same
    revision (and the same body, where it is not sealed)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(records).where(records.c.household_id == household_id,
                                  records.c.deleted.is_(False),
                                  records.c.collection.in_(NOT_PULLED))
        ).all()
    on_hub = {(row.collection, row.record_id): (
        row.revision, "sealed" if row.sealed else json.loads(bytes(row.body))) for row in rows}
    for collection in sorted(NOT_PULLED):
        for doc in store.find(collection):
            body = "sealed" if collection in SEALED_COLLECTIONS else outgoing(collection, doc)
            key = (collection, doc["id"])
            assert on_hub.get(key) == (doc[META]["rev"], body), key
