"""A crossed edit stays with the agency until a person settles it, whatever the device did next.

The Taylors' tablet edits the safety plan while Jo's phone edits it too: the tablet's edit
crosses and waits in the agency's conflict queue. The tablet is then restored from a backup
made before that edit (the same device, so the same device id) and a new, different edit gets
the same revision number. The hub answers it ``conflict`` and the tablet takes the hub's
version on the same sync, so the agency's queue is the only place its words are kept: they
must be filed there, whether or not the earlier crossing was settled, and once Priya settles
it the tablet, the phone and the hub agree. A tablet that never heard the answer to a crossed
edit, and sends it again after Priya settled it, is shown to her again rather than left saying
"1 change crossed" with nothing at the agency to settle.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import httpx

from app.domain.safety import Section
from app.hub import conflict_queue
from app.hub.conflict_queue import KEEP_DEVICE, KEEP_HUB, Conflict
from app.services.safety import safety_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import (
    Device,
    agree,
    backed_up,
    first_device,
    joined_device,
    priya_account,
    restored_device,
)

WALK = "Walk to school together"


class LostAnswer(httpx.TransportError):
    """The hub answered, but the answer never reached the device."""


def _open_conflicts(hub: RunningHub) -> list[Conflict]:
    return conflict_queue.list_conflicts(hub.engine, hub.household_id)


def _working_well(device: Device) -> list[str]:
    return [point.text for point in safety_for(device.household).plan().working_well]


def _settle(hub: RunningHub, keep_words: str | None = None) -> None:
    """Priya settles every open conflict: the family's version where it holds ``keep_words``."""
    worker = priya_account(hub).id
    for conflict in _open_conflicts(hub):
        keep = KEEP_DEVICE if keep_words and keep_words in str(conflict.body) else KEEP_HUB
        conflict_queue.resolve_conflict(hub.engine, conflict.id, keep=keep, worker_id=worker,
                                        now=datetime.now(UTC))


def _tablet_crosses(hub: RunningHub, tmp_path: Path) -> tuple[Device, Device, bytes]:
    """Phone and tablet share the plan; the tablet is backed up; then both edit it at once."""
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES,
                                          "Bedtimes get loud")
    phone.sync_now()
    tablet.sync_now()
    backup = backed_up(tablet)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES,
                                          "Mornings are rushed")
    phone.sync_now()
    safety_for(tablet.household).add_point(tablet.person("Jo"), Section.WORKING_WELL,
                                           "Tea together")
    tablet.sync_now()
    [crossed] = _open_conflicts(hub)
    assert "Tea together" in str(crossed.body)
    return phone, tablet, backup


def _restored_and_edited(tablet: Device, backup: bytes, folder: Path) -> Device:
    """The tablet is reset and restored from its backup; Jo adds a line before it syncs."""
    tablet.gate.close()
    shutil.rmtree(tablet.folder)
    restored = restored_device(backup, folder)
    safety_for(restored.household).add_point(restored.person("Jo"), Section.WORKING_WELL, WALK)
    restored.sync_now()
    return restored


def _walk_is_kept_for_priya(hub: RunningHub, restored: Device) -> None:
    assert restored.sync().status().open_conflicts == 1
    walks = [c for c in _open_conflicts(hub) if WALK in str(c.body)]
    assert [(c.record_id, c.revision) for c in walks] == [("family", 2)]


def test_a_restored_tablets_new_edit_at_a_crossed_revision_waits_for_the_worker(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet, backup = _tablet_crosses(hub, tmp_path)
    restored = _restored_and_edited(tablet, backup, tmp_path / "new-tablet")

    _walk_is_kept_for_priya(hub, restored)
    assert len(_open_conflicts(hub)) == 2  # "Tea together" waits too

    _settle(hub, keep_words=WALK)
    for device in (restored, phone):
        device.sync_now()
    agree(hub, phone, restored)
    assert WALK in _working_well(phone) and WALK in _working_well(restored)
    for device in (phone, restored):
        device.gate.close()


def test_a_restored_tablets_new_edit_is_kept_after_the_earlier_crossing_was_settled(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet, backup = _tablet_crosses(hub, tmp_path)
    _settle(hub)
    tablet.sync_now()
    phone.sync_now()
    restored = _restored_and_edited(tablet, backup, tmp_path / "new-tablet")

    _walk_is_kept_for_priya(hub, restored)
    assert len(_open_conflicts(hub)) == 1

    _settle(hub)  # Priya keeps the agency's version: the tablet stops saying it crossed
    for device in (restored, phone):
        device.sync_now()
    agree(hub, phone, restored)
    assert WALK not in _working_well(restored)
    for device in (phone, restored):
        device.gate.close()


def test_a_crossed_edit_sent_again_after_it_was_settled_is_shown_to_the_worker_again(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES,
                                          "Bedtimes get loud")
    phone.sync_now()
    tablet.sync_now()
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES,
                                          "Mornings are rushed")
    phone.sync_now()
    safety_for(tablet.household).add_point(tablet.person("Jo"), Section.WORKING_WELL, WALK)

    def lose(request: httpx.Request) -> None:
        if request.url.path == "/v1/push":
            raise LostAnswer("the answer was lost", request=request)

    tablet.transport.after = lose
    assert tablet.sync().sync_now().problem is not None
    tablet.transport.after = lambda request: None
    [filed] = _open_conflicts(hub)
    _settle(hub)  # before the tablet heard the hub's answer

    tablet.sync_now()  # the same revision, the same words, sent again
    assert tablet.sync().status().open_conflicts == 1
    [again] = _open_conflicts(hub)
    assert again.id != filed.id and again.body == filed.body

    _settle(hub, keep_words=WALK)
    for device in (tablet, phone):
        device.sync_now()
    agree(hub, phone, tablet)
    assert WALK in _working_well(phone)
    for device in (phone, tablet):
        device.gate.close()
