"""Nothing at home reveals that a child raised an alert or wrote to their worker.

Two households, each connected to the agency: in one a child says "No, I need help" and
writes to the worker; in the other the same check-in ends with "Yes, I'm safe" and nothing
is written. What the parents can read (the agency lists, what is waiting, the folder
listing) is the same in kind for both, before and after syncing.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.domain.checkins import Feeling, Reason
from app.hub.admin import register_household
from app.services.checkins import checkins_for
from app.sync.service import SyncStatus
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, first_device


def _what_parents_read(device: Device) -> tuple[object, ...]:
    sync = device.sync()
    status: SyncStatus = sync.status()
    return (status.waiting, status.problem, status.open_conflicts,
            [(s.collection, s.count) for s in sync.agency_can_see()],
            [(s.collection, s.count) for s in sync.kept_at_home(device.person("Jo"))])


def _folder(device: Device) -> list[tuple[int, int]]:
    """The folder as anyone can list it without the key: how many files, of what sizes."""
    entries = sorted(os.scandir(device.folder), key=lambda e: (e.stat().st_size, e.name))
    return [(1, entry.stat().st_size) for entry in entries if entry.is_file()]


def test_an_alert_and_a_sealed_message_leave_no_trace_a_parent_can_read(
    hub: RunningHub, tmp_path: Path
) -> None:
    told = first_device(tmp_path / "told", hub)
    other = RunningHub(hub.url, hub.engine, register_household(hub.engine, "Other"),
                       hub.server)
    quiet = first_device(tmp_path / "quiet", other)
    before = (_what_parents_read(told), _what_parents_read(quiet))
    assert before[0] == before[1]

    sam_told, sam_quiet = told.person("Sam"), quiet.person("Sam")
    checkins_for(told.household).record(sam_told, Feeling.WORRIED, 5,
                                        reasons=(Reason.HOME,), unsafe=True)
    told.sync().send_to_worker(sam_told, "Please come and talk to me.")
    checkins_for(quiet.household).record(sam_quiet, Feeling.WORRIED, 5, reasons=(Reason.HOME,))
    # Before syncing (offline): nothing counted, nothing listed.
    assert _what_parents_read(told) == _what_parents_read(quiet)
    told.sync_now()
    quiet.sync_now()
    assert _what_parents_read(told) == _what_parents_read(quiet)
    assert _folder(told) == _folder(quiet)
    names = " ".join(entry.name for entry in os.scandir(told.folder))
    for word in ("alert", "safety", "message", "worker", "checkin"):
        assert word not in names
