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
from app.sync.catalogue import META, WORKER_MESSAGES, agency_may_see, is_synced, outgoing
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
    """Every record the agency may hold, as the device has it: (collection, id) → (rev, body)."""
    found: dict[tuple[str, str], tuple[int, Any]] = {}
    for collection in store.collections():
        if not is_synced(collection):
            continue
        for doc in store.find(collection):
            if collection == WORKER_MESSAGES:
                found[(collection, doc["id"])] = (doc[META]["rev"], "sealed")
            elif agency_may_see(collection, doc):
                found[(collection, doc["id"])] = (doc[META]["rev"], outgoing(collection, doc))
    return found


def hub_records(engine: Engine, household_id: str) -> dict[tuple[str, str], tuple[int, Any]]:
    """Every live record the hub holds for a household, in the same shape."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(records).where(records.c.household_id == household_id,
                                  records.c.deleted.is_(False))
        ).all()
    return {
        (row.collection, row.record_id): (
            row.revision, "sealed" if row.sealed else json.loads(bytes(row.body)))
        for row in rows
    }
