"""Several devices of one household on real encrypted stores, syncing with a real hub.

The first device is the Taylors' (set up as a new household and connected in Settings); the
others join it the way a parent does on a second phone: their own passphrase and recovery key,
then the agency's address and a pairing code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.people import Member
from app.hub.admin import issue_pairing_code, username_taken
from app.hub.db import workers
from app.hub.worker.accounts import WorkerAccount
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService
from app.storage import HouseholdStore
from app.storage.backup import Unlock, make_backup, restore_backup
from app.sync.catalogue import META, NOT_PULLED, agency_may_see, is_synced, outgoing
from app.sync.service import SyncService, sync_for
from tests.hub.device_kit import FlakyTransport, agency_got_what_it_sent
from tests.hub.device_kit import hub_records as hub_shared_records  # what devices are sent
from tests.hubkit import RunningHub, allocated_worker, key_check
from tests.services.taylors import PASSPHRASE, create_taylors, open_gate


@dataclass
class Device:
    """One phone or tablet of the household: its own folder, store and connection."""

    name: str
    folder: Path
    gate: HouseholdGate
    household: HouseholdService
    transport: FlakyTransport = field(default_factory=FlakyTransport)

    @property
    def store(self) -> HouseholdStore:
        """The device's encrypted store."""
        return self.household.store

    def sync(self) -> SyncService:
        """The device's sync service, over its own transport."""
        return sync_for(self.household, transport=self.transport)

    def person(self, name: str) -> Member:
        """A member of the household by first name, as this device knows them."""
        return next(m for m in self.household.members() if m.name == name)

    def sync_now(self) -> None:
        """Sync, and fail the test if the hub could not be reached or refused."""
        status = self.sync().sync_now()
        assert status.problem is None, (self.name, status)

    def reopen(self) -> None:
        """Close the store and open it again from disk, as after the app restarts."""
        self.gate.close()
        self.gate = open_gate(self.folder, time.time)
        self.household = self.gate.unlock(PASSPHRASE)


def first_device(folder: Path, hub: RunningHub) -> Device:
    """The Taylors' first phone: set up as a new household, then connected by Jo."""
    gate, household = create_taylors(folder, time.time)
    device = Device("first", folder, gate, household)
    jo = device.person("Jo")
    code = issue_pairing_code(hub.engine, hub.household_id).code
    status = device.sync().pair(jo, hub.url, code, agency_key_check=key_check(hub.engine))
    assert status.paired and status.problem is None, status
    return device


def new_device(folder: Path, name: str) -> Device:
    """A device made for joining: its own passphrase and recovery key, nothing else yet."""
    gate = open_gate(folder, time.time)
    household, _recovery_key = gate.create_for_joining(PASSPHRASE)
    return Device(name, folder, gate, household)


def joined_device(folder: Path, name: str, hub: RunningHub) -> Device:
    """Another phone or tablet that has joined the household with a fresh pairing code."""
    device = new_device(folder, name)
    code = issue_pairing_code(hub.engine, hub.household_id).code
    status = device.sync().join(hub.url, code, agency_key_check=key_check(hub.engine))
    assert status.paired and status.problem is None, status
    return device


def backed_up(device: Device) -> bytes:
    """A backup of the device's household, made with the app closed; it then opens again."""
    device.gate.close()
    backup = make_backup(device.folder, Unlock(passphrase=PASSPHRASE))
    device.reopen()
    return backup


def restored_device(backup: bytes, folder: Path) -> Device:
    """A new phone with ``backup`` restored into ``folder``, unlocked."""
    restore_backup(backup, folder, Unlock(passphrase=PASSPHRASE))
    gate = open_gate(folder, time.time)
    return Device("restored", folder, gate, gate.unlock(PASSPHRASE))


def shared_records(store: HouseholdStore) -> dict[tuple[str, str], tuple[int, Any]]:
    """Every record this device shares with the household and the agency: id → (rev, body).

    Alerts, seen marks, sealed messages and kept things are left out: a pull never brings
    them, so only the device that made one holds it (``agree`` checks those reached the hub).
    """
    found: dict[tuple[str, str], tuple[int, Any]] = {}
    for collection in store.collections():
        if not is_synced(collection) or collection in NOT_PULLED:
            continue
        for doc in store.find(collection):
            if agency_may_see(collection, doc):
                found[(collection, doc["id"])] = (doc[META]["rev"], outgoing(collection, doc))
    return found


def agree(hub: RunningHub, *devices: Device) -> None:
    """Every device holds exactly what the hub sends devices, with nothing waiting to send,
    and the alerts, seen marks and sealed messages it made are at the hub."""
    on_hub = hub_shared_records(hub.engine, hub.household_id)
    for device in devices:
        assert shared_records(device.store) == on_hub, device.name
        agency_got_what_it_sent(device.store, hub.engine, hub.household_id)
        assert device.sync().status().waiting == 0, device.name
        assert device.sync().status().open_conflicts == 0, device.name
        assert len(device.store.find("household")) == 1, device.name
        names = sorted(m.name for m in device.household.members())
        assert names == ["Jo", "Mia", "Priya", "Sam"], (device.name, names)


def priya_account(hub: RunningHub) -> WorkerAccount:
    """Priya's worker account at the hub, with the household on her caseload (made the first
    time it is asked for)."""
    if not username_taken(hub.engine, "priya"):
        return WorkerAccount(allocated_worker(hub), "Priya Shah", "priya")
    with hub.engine.connect() as connection:
        worker_id = connection.execute(select(workers.c.id).where(
            workers.c.username == "priya")).scalar_one()
    return WorkerAccount(worker_id, "Priya Shah", "priya")
