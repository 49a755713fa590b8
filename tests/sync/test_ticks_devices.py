"""The same job marked done on two devices while apart, on a real hub.

Sam ticks his job on the tablet while Jo, not knowing, ticks it for him on her phone. After
syncing, the household did the job once: one undo takes it back on every device.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.chores import ChorePlan, Often, Who
from app.services.chores import chores_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, first_device, joined_device


def job_ticked_on_both(phone: Device, tablet: Device) -> str:
    """Sam's daily job, ticked by Sam on the tablet and by Jo on her phone, then synced."""
    sam = phone.person("Sam")
    chore = chores_for(phone.household).add(phone.person("Jo"), ChorePlan(
        "Make your bed", "rest", Who.ONE, (sam.id,), Often.DAILY, stars=2))
    phone.sync_now()
    tablet.sync_now()
    chores_for(tablet.household).tick(tablet.person("Sam"), chore.id)
    chores_for(phone.household).tick(phone.person("Jo"), chore.id, sam.id)
    for device in (tablet, phone, tablet):
        device.sync_now()
    return chore.id


def test_one_undo_takes_back_a_job_ticked_on_two_devices(hub: RunningHub,
                                                         tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    job_ticked_on_both(phone, tablet)
    sam_id = phone.person("Sam").id
    service = chores_for(phone.household)
    [(_, state)] = service.jobs_today(sam_id)
    assert state is not None
    service.undo(phone.person("Jo"), state.tick.id)
    phone.sync_now()
    tablet.sync_now()
    for device in (phone, tablet):
        [(_, after)] = chores_for(device.household).jobs_today(sam_id)
        assert after is None, device.name
        assert chores_for(device.household).week(sam_id).stars == 0, device.name
    # Nothing is deleted: both ticks stay in the history, each with its undo.
    history = service.history(sam_id, service.today(), service.today())
    assert len(history) == 2
    assert all(s.undone_by == phone.person("Jo").id for s in history)
