"""A form opened before a sync brought in other words is refused on saving, even when the
record's own revision number did not move: two devices that each change revision 1 both make
a revision 2, and the body a worker keeps when settling their crossing comes back as it was.
Saving would quietly undo the worker's decision, or the other device's crossed change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.chores import ChorePlan, Often, Who
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.rituals import RitualPlan
from app.hub import conflict_queue
from app.services.chores import chores_for
from app.services.diary import diary_for
from app.services.errors import ChangedMeanwhile, stamp_of
from app.services.rituals import rituals_for
from tests.hubkit import RunningHub
from tests.services.taylors import PASSPHRASE
from tests.sync.household_devices import Device, first_device, joined_device, priya_account

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def plan(child_id: str, name: str, stars: int = 1) -> ChorePlan:
    """A daily chore for one child."""
    return ChorePlan(name, "rest", Who.ONE, (child_id,), Often.DAILY, stars=stars)


def three_devices(tmp_path: Path, hub: RunningHub) -> tuple[Device, Device, Device]:
    """The Taylors' phone, and a tablet and a carer's phone on which Jo has a PIN."""
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    carer = joined_device(tmp_path / "carer", "carer", hub)
    for device in (tablet, carer):
        device.household.set_up_on_this_device(device.person("Jo").id, "1470",
                                               approver_id=None, approval=PASSPHRASE)
    return phone, tablet, carer


def settle_for_the_device(hub: RunningHub) -> None:
    """Priya settles the one crossing at the hub, keeping the words the device sent."""
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="device",
                                    worker_id=priya_account(hub).id, now=NOW)


def test_a_chore_form_opened_before_the_worker_settles_a_crossing_is_refused(
        hub: RunningHub, tmp_path: Path) -> None:
    phone, tablet, carer = three_devices(tmp_path, hub)
    sam = phone.person("Sam").id
    chore = chores_for(phone.household).add(phone.person("Jo"), plan(sam, "Make your bed"))
    for device in (phone, tablet, carer):
        device.sync_now()
    chores_for(phone.household).edit(phone.person("Jo"), chore.id, plan(sam, "Bed before school"))
    chores_for(carer.household).edit(carer.person("Jo"), chore.id, plan(sam, "Bed and curtains"))
    for device in (phone, carer, tablet):
        device.sync_now()
    opened = chores_for(tablet.household).chore(chore.id)
    assert opened.name == "Bed before school"

    settle_for_the_device(hub)
    tablet.sync_now()
    settled = chores_for(tablet.household).chore(chore.id)
    assert (settled.name, settled.revision) == ("Bed and curtains", opened.revision)

    with pytest.raises(ChangedMeanwhile):
        chores_for(tablet.household).edit(tablet.person("Jo"), chore.id,
                                          plan(sam, opened.name, stars=2), seen=stamp_of(opened))
    assert chores_for(tablet.household).chore(chore.id).name == "Bed and curtains"


def test_a_form_opened_on_this_devices_own_crossed_change_is_refused_after_the_pull(
        hub: RunningHub, tmp_path: Path) -> None:
    phone, _tablet, carer = three_devices(tmp_path, hub)
    sam = phone.person("Sam").id
    chore = chores_for(phone.household).add(phone.person("Jo"), plan(sam, "Make your bed"))
    for device in (phone, carer):
        device.sync_now()
    chores_for(phone.household).edit(phone.person("Jo"), chore.id, plan(sam, "Bed before school"))
    phone.sync_now()
    carer_chores = chores_for(carer.household)
    carer_chores.edit(carer.person("Jo"), chore.id, plan(sam, "Bed and curtains"))
    opened = carer_chores.chore(chore.id)  # the carer's own words, not yet sent
    carer.sync_now()  # crossed: the hub's words come in, at the same revision
    assert carer_chores.chore(chore.id).name == "Bed before school"

    with pytest.raises(ChangedMeanwhile):
        carer_chores.edit(carer.person("Jo"), chore.id, plan(sam, opened.name, stars=2),
                          seen=stamp_of(opened))


def test_a_ritual_form_opened_before_the_worker_settles_a_crossing_is_refused(
        hub: RunningHub, tmp_path: Path) -> None:
    phone, tablet, carer = three_devices(tmp_path, hub)
    film = rituals_for(phone.household).add(phone.person("Jo"),
                                            RitualPlan("Film night", "film", "Friday"))
    for device in (phone, tablet, carer):
        device.sync_now()
    rituals_for(phone.household).edit(phone.person("Jo"), film.id,
                                      RitualPlan("Film night", "film", "Saturday"))
    rituals_for(carer.household).edit(carer.person("Jo"), film.id,
                                      RitualPlan("Film night", "film", "Sunday"))
    for device in (phone, carer, tablet):
        device.sync_now()
    opened = rituals_for(tablet.household).ritual(film.id)
    assert opened.plan.when == "Saturday"

    settle_for_the_device(hub)
    tablet.sync_now()
    settled = rituals_for(tablet.household).ritual(film.id)
    assert (settled.plan.when, settled.revision) == ("Sunday", opened.revision)

    with pytest.raises(ChangedMeanwhile):
        rituals_for(tablet.household).edit(
            tablet.person("Jo"), film.id, RitualPlan("Film and pizza", "film", "Saturday"),
            seen=stamp_of(opened))
    assert rituals_for(tablet.household).ritual(film.id).plan.when == "Sunday"
    newer = rituals_for(tablet.household).ritual(film.id)
    saved = rituals_for(tablet.household).edit(
        tablet.person("Jo"), film.id, RitualPlan("Film and pizza", "film", "Sunday"),
        seen=stamp_of(newer))
    assert saved.plan.name == "Film and pizza"


def test_a_diary_form_opened_on_a_crossed_wording_is_refused_after_the_pull(
        hub: RunningHub, tmp_path: Path) -> None:
    phone, tablet, _carer = three_devices(tmp_path, hub)
    words = DiaryWords(datetime.now().date(), DayPart.MORNING, went_well="Breakfast together",
                       sharing=Sharing.WORKER)
    entry = diary_for(phone.household).write(phone.person("Jo"), words)
    for device in (phone, tablet):
        device.sync_now()
    diary_for(phone.household).change(phone.person("Jo"), entry.entry_id,
                                      replace(words, was_hard="Shoes took ages"))
    phone.sync_now()
    on_tablet = diary_for(tablet.household)
    on_tablet.change(tablet.person("Jo"), entry.entry_id, replace(words, was_hard="Hair"))
    opened = on_tablet.entry(tablet.person("Jo"), entry.entry_id)
    tablet.sync_now()  # crossed: the phone's wording comes in, at the same revision
    now = on_tablet.entry(tablet.person("Jo"), entry.entry_id)
    assert (now.words.was_hard, now.revision) == ("Shoes took ages", opened.revision)

    with pytest.raises(ChangedMeanwhile):
        on_tablet.change(tablet.person("Jo"), entry.entry_id,
                         replace(words, was_hard="Hair", try_next="Up earlier"),
                         seen=stamp_of(opened))
