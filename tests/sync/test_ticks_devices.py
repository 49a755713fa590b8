"""The same job or ritual marked done on two devices while apart, on a real hub.

Sam ticks his job on the tablet while Jo, not knowing, ticks it for him on her phone; or the
bedtime story is marked done on both. After syncing, the household did the job once: an
undo takes it back on every device, and every count says once, not twice.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.chores import ChorePlan, Often, Who
from app.domain.rituals import RITUAL_PICTURES, RitualPlan
from app.services.chores import chores_for
from app.services.reviews import reviews_for
from app.services.rituals import rituals_for
from app.services.visits import visits_for
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


def test_a_job_ticked_on_two_devices_counts_once_for_the_visit_and_review(
        hub: RunningHub, tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    job_ticked_on_both(phone, tablet)
    sam_id = phone.person("Sam").id
    week = chores_for(phone.household).week(sam_id)
    assert (week.done, week.stars) == (1, 2)
    since = visits_for(phone.household).since_last_visit(phone.person("Priya"))
    month = chores_for(phone.household).today().strftime("%Y-%m")
    figures = reviews_for(phone.household).figures(month)
    assert (since.chores_done, figures.chores_done) == (1, 1)


def test_a_ritual_done_on_two_devices_the_same_day_counts_once(hub: RunningHub,
                                                               tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    jo = phone.person("Jo")
    ritual = rituals_for(phone.household).add(jo, RitualPlan(
        "Bedtime story", RITUAL_PICTURES[0], "Every night"))
    phone.sync_now()
    tablet.sync_now()
    rituals_for(tablet.household).done_today(tablet.person("Jo"), ritual.id)
    rituals_for(phone.household).done_today(jo, ritual.id)
    for device in (tablet, phone, tablet):
        device.sync_now()
    assert rituals_for(phone.household).counts(ritual.id).in_all == 1
    since = visits_for(phone.household).since_last_visit(phone.person("Priya"))
    month = rituals_for(phone.household).today().strftime("%Y-%m")
    figures = reviews_for(phone.household).figures(month)
    assert (since.rituals_done, figures.rituals_done) == (1, 1)
