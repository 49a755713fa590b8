"""One child added on two devices at once, offline, on a real hub (SQLite and PostgreSQL).

Jo adds "Ella" on the phone and "ella" on the tablet before either syncs. Each device refuses
a second Ella of its own, but neither could see the other's: the hub asks the worker whether
they are one person, and nothing the tablet's Ella recorded meanwhile is lost.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.domain.checkins import Feeling
from app.domain.people import Avatar, Member
from app.hub import conflict_queue
from app.hub.record_rows import MEMBERS
from app.services.checkins import checkins_for
from tests.hub.device_kit import hub_records
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, first_device, joined_device, priya_account

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def _ellas(device: Device) -> list[Member]:
    return [m for m in device.household.members() if m.name.casefold() == "ella"]


def _two_ellas(hub: RunningHub, tmp_path: Path) -> tuple[Device, Device, Member]:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    phone.household.add_child("Ella", 5, Avatar.FOX, ["apple", "sun", "tree"],
                              by=phone.person("Jo"))
    ella = tablet.household.add_child("ella", 5, Avatar.OWL, ["star", "moon", "fish"],
                                      by=tablet.person("Jo"))
    checkins_for(tablet.household).record(ella, Feeling.HAPPY, 3)
    for device in (phone, tablet, phone):
        device.sync_now()
    return phone, tablet, ella


def test_the_same_child_added_on_two_devices_waits_for_the_worker(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet, ella = _two_ellas(hub, tmp_path)
    assert [m.name for m in _ellas(phone)] == ["Ella"]
    assert tablet.sync().status().open_conflicts == 1  # the tablet says its Ella crossed
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert (crossed.collection, crossed.record_id) == (MEMBERS, ella.id)
    # What she recorded meanwhile is kept, then and after: nothing of hers is refused.
    checkins_for(tablet.household).record(ella, Feeling.SAD, 2)
    tablet.sync_now()
    held = hub_records(hub.engine, hub.household_id)
    mine = [body for (collection, _id), (_rev, body) in held.items()
            if collection == "checkins" and ella.id in str(body)]
    assert len(mine) == 2
    assert tablet.store.find("sync_set_aside") == []


def test_keeping_both_ellas_gives_every_device_both_and_closes_the_note(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet, ella = _two_ellas(hub, tmp_path)
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="device",
                                    worker_id=priya_account(hub).id, now=NOW)
    for device in (phone, tablet):
        device.sync_now()
        assert sorted(m.name for m in _ellas(device)) == ["Ella", "ella"], device.name
        assert device.sync().status().open_conflicts == 0, device.name


def test_the_agencys_version_of_an_ella_it_never_held_cannot_be_kept(
    hub: RunningHub, tmp_path: Path
) -> None:
    _phone, tablet, ella = _two_ellas(hub, tmp_path)
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    try:
        conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="hub",
                                        worker_id=priya_account(hub).id, now=NOW)
    except conflict_queue.NothingHeld:
        pass
    else:
        raise AssertionError("keeping a version the hub never held was not refused")
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == [crossed]
    tablet.sync_now()
    assert ella.id in {m.id for m in _ellas(tablet)}
