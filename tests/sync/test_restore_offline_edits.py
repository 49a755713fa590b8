"""A phone restored from a backup never overwrites what the lost phone sent after the backup.

Jo's phone is backed up; then she adds "Tea together" to the safety plan and it reaches the
agency (the hub's revision 2, from the phone's device id). The phone is lost and the backup is
restored onto a new one: the same device identity, but it never knew "Tea together". Offline,
Jo adds "Walk to school" (the restored phone's own revision 2), a sync is tried and fails, and
she adds "Park on Sunday". When the phone connects, its edit was not made from the hub's
revision 2, even though it once sent a revision 2 of its own: the hub must file it as a crossed
change for a person to settle, never store it over "Tea together".

Each test runs twice: against a hub on SQLite and against one on a real PostgreSQL server.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx

from app.domain.safety import Section
from app.hub import conflict_queue
from app.services.safety import safety_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, backed_up, first_device, restored_device

TEA, WALK, PARK = "Tea together", "Walk to school", "Park on Sunday"


def _offline(request: httpx.Request) -> None:
    raise httpx.ConnectError("no signal", request=request)


def _working_well(device: Device) -> list[str]:
    return [point.text for point in safety_for(device.household).plan().working_well]


def test_a_restored_phones_offline_edits_never_overwrite_what_the_lost_phone_sent(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORKING_WELL, "Stories")
    phone.sync_now()
    backup = backed_up(phone)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORKING_WELL, TEA)
    phone.sync_now()
    phone.gate.close()
    shutil.rmtree(phone.folder)  # the phone is lost

    restored = restored_device(backup, tmp_path / "new-phone")
    jo = restored.person("Jo")
    safety_for(restored.household).add_point(jo, Section.WORKING_WELL, WALK)
    restored.transport.before = _offline
    assert restored.sync().sync_now().problem == "unreachable"
    safety_for(restored.household).add_point(jo, Section.WORKING_WELL, PARK)
    restored.transport.before = lambda request: None
    restored.sync_now()
    restored.sync_now()

    # The crossing is shown on the family's phone and waits for the agency to settle.
    assert restored.sync().status().open_conflicts == 1
    filed = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert len(filed) == 1
    # Nothing Jo wrote is lost: each line is in the current plan or in the crossed change.
    plan = _working_well(restored)
    for words in (TEA, WALK, PARK):
        assert words in plan or words in str(filed[0].body), words
    assert TEA in plan  # the agency's current plan was not quietly overwritten
    restored.gate.close()
