"""One parent's diary on two devices (her phone and the family tablet), on a real hub.

Jo changes an entry on both before they sync. The two changes meet at the agency: two
shared wordings cross as a change for a person to settle (never one kept quietly), and a
private wording beside a shared one is private (rule 2 errs toward privacy), whatever
either device's clock said.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest
from sqlalchemy import select

from app.domain.diary import DayPart, DiaryEntry, DiaryWords, Sharing
from app.hub import conflict_queue
from app.hub.db import records
from app.hub.worker.household.data import household_records
from app.services.diary import diary_for
from tests.hubkit import RunningHub
from tests.services.taylors import PASSPHRASE, open_gate
from tests.sync.household_devices import Device, first_device, joined_device, priya_account

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def with_clock(device: Device, offset: float) -> None:
    """The device's clock reads ``offset`` seconds away from the real time."""
    device.gate.close()
    device.gate = open_gate(device.folder, lambda: time.time() + offset)
    device.household = device.gate.unlock(PASSPHRASE)


def jo_on_both(hub: RunningHub, tmp_path: Path) -> tuple[Device, Device]:
    """Jo's phone, and the family tablet where she has set her PIN too."""
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    tablet.household.set_up_on_this_device(tablet.person("Jo").id, "1470", approver_id=None,
                                           approval=PASSPHRASE)
    return phone, tablet


def morning(sharing: Sharing = Sharing.WORKER, **texts: str) -> DiaryWords:
    """Jo's words about this morning."""
    return DiaryWords(datetime.now().date(), DayPart.MORNING, went_well="Breakfast together",
                      sharing=sharing, **texts)


def written_and_synced(phone: Device, tablet: Device) -> DiaryEntry:
    """Jo writes this morning's entry on her phone (shared), and both devices sync."""
    entry = diary_for(phone.household).write(phone.person("Jo"), morning())
    phone.sync_now()
    tablet.sync_now()
    return entry


def change_on(device: Device, entry_id: str, words: DiaryWords) -> None:
    """Jo changes the entry on ``device``."""
    diary_for(device.household).change(device.person("Jo"), entry_id, words)


def shown(device: Device, entry_id: str) -> DiaryEntry:
    """The entry as Jo sees it on ``device``."""
    return diary_for(device.household).entry(device.person("Jo"), entry_id)


def live_diary_bodies(hub: RunningHub) -> list[bytes]:
    """The diary wordings the hub holds and the worker may read."""
    with hub.engine.connect() as connection:
        rows = connection.execute(select(records.c.body).where(
            records.c.household_id == hub.household_id,
            records.c.collection == "diary_entries", records.c.deleted.is_(False))).all()
    return [bytes(row.body) for row in rows]


def withdrawn_times(hub: RunningHub) -> dict[str, object]:
    """When each diary wording the hub holds was taken back by its author."""
    with hub.engine.connect() as connection:
        rows = connection.execute(select(records.c.record_id, records.c.withdrawn_at).where(
            records.c.household_id == hub.household_id,
            records.c.collection == "diary_entries", records.c.withdrawn_at.is_not(None)))
        return {row.record_id: row.withdrawn_at for row in rows}


def test_jos_withdrawal_is_signed_by_her_so_the_hub_takes_it_from_any_of_her_devices(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = jo_on_both(hub, tmp_path)
    entry = written_and_synced(phone, tablet)
    change_on(tablet, entry.entry_id, morning(Sharing.PRIVATE))
    tablet.sync_now()
    with hub.engine.connect() as connection:
        taken_back = connection.execute(select(records.c.author).where(
            records.c.household_id == hub.household_id, records.c.record_id == entry.id,
            records.c.withdrawn_at.is_not(None))).all()
    assert [row.author for row in taken_back] == [phone.person("Jo").id]
    assert not live_diary_bodies(hub)


def test_made_private_on_a_tablet_whose_clock_is_behind_stays_private(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = jo_on_both(hub, tmp_path)
    with_clock(tablet, -6 * 3600)  # the tablet's clock is six hours behind
    entry = written_and_synced(phone, tablet)
    # On her phone Jo adds a line, still shared...
    change_on(phone, entry.entry_id, morning(was_hard="I shouted at Sam"))
    # ...and later, on the tablet (not yet synced), makes the entry private after all.
    change_on(tablet, entry.entry_id, morning(Sharing.PRIVATE))
    for device in (phone, tablet, phone, tablet):
        device.sync_now()
    assert not live_diary_bodies(hub), "the worker still reads an entry Jo made private"
    seen = household_records(hub.engine, hub.household_id)
    assert seen is not None and seen.diary == []
    for device in (phone, tablet):
        assert not shown(device, entry.entry_id).shared, device.name
    # Nothing Jo wrote is lost: her phone keeps the line she added, for her alone.
    phone_words = [r.words.was_hard for r in diary_for(phone.household).revisions(
        phone.person("Jo"), entry.entry_id)]
    assert "I shouted at Sam" in phone_words


def test_an_entry_for_a_day_the_tablet_has_not_reached_can_still_be_made_private(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = jo_on_both(hub, tmp_path)
    with_clock(tablet, -30 * 3600)  # the tablet still thinks it is yesterday, or before
    entry = written_and_synced(phone, tablet)
    change_on(tablet, entry.entry_id, morning(Sharing.PRIVATE))
    for device in (tablet, phone):
        device.sync_now()
    assert not live_diary_bodies(hub)
    assert not shown(phone, entry.entry_id).shared


def test_made_private_on_the_tablet_first_is_taken_back_from_the_agency_too(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = jo_on_both(hub, tmp_path)
    entry = written_and_synced(phone, tablet)
    change_on(tablet, entry.entry_id, morning(Sharing.PRIVATE))
    time.sleep(0.01)  # the shared change is the later one by the clock
    change_on(phone, entry.entry_id, morning(was_hard="I shouted at Sam"))
    for device in (tablet, phone, tablet, phone):
        device.sync_now()
    assert not live_diary_bodies(hub)
    for device in (phone, tablet):
        assert not shown(device, entry.entry_id).shared, device.name


def test_a_diary_entry_changed_on_phone_and_tablet_crosses_for_a_person_to_settle(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = jo_on_both(hub, tmp_path)
    entry = written_and_synced(phone, tablet)
    change_on(phone, entry.entry_id, morning(was_hard="Shoes again"))
    time.sleep(0.01)
    change_on(tablet, entry.entry_id, morning(responded="Sang the shoe song"))
    for device in (phone, tablet, phone):
        device.sync_now()
    # Both devices show one wording, and the other waits at the agency for a person.
    assert shown(phone, entry.entry_id) == shown(tablet, entry.entry_id)
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert crossed.collection == "diary_entries"
    assert tablet.sync().status().open_conflicts == 1
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="device",
                                    worker_id=priya_account(hub).id, now=NOW)
    for device in (phone, tablet):
        device.sync_now()
    for device in (phone, tablet):
        words = shown(device, entry.entry_id).words
        assert (words.was_hard, words.responded) == ("", "Sang the shoe song"), device.name
    assert tablet.sync().status().open_conflicts == 0


def test_a_shared_change_arriving_after_the_entry_was_made_private_is_not_read_at_the_agency(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = jo_on_both(hub, tmp_path)
    entry = written_and_synced(phone, tablet)
    change_on(phone, entry.entry_id, morning(was_hard="Shoes again"))
    phone.sync_now()
    change_on(phone, entry.entry_id, morning(Sharing.PRIVATE))
    phone.sync_now()
    # The tablet was offline with a shared change of its own: it reaches the agency last.
    change_on(tablet, entry.entry_id, morning(responded="Sang the shoe song"))
    for device in (tablet, phone, tablet, phone):
        device.sync_now()
    assert not live_diary_bodies(hub)
    readable = [c.body for c in conflict_queue.list_conflicts(hub.engine, hub.household_id)
                if c.body]
    assert readable == [], "the worker can read words Jo made private"
    # Nothing Jo wrote is lost: each device keeps its own words, for her alone.
    for device, words in ((phone, "Shoes again"), (tablet, "Sang the shoe song")):
        kept = " ".join(" ".join(r.words.texts) for r in diary_for(device.household).revisions(
            device.person("Jo"), entry.entry_id))
        assert words in kept, device.name
        assert not shown(device, entry.entry_id).shared, device.name


@pytest.mark.parametrize("keep", ["hub", "device"])
def test_settling_a_crossed_change_to_an_entry_since_made_private_keeps_jos_words(
    hub: RunningHub, tmp_path: Path, keep: Literal["hub", "device"]
) -> None:
    phone, tablet = jo_on_both(hub, tmp_path)
    entry = written_and_synced(phone, tablet)
    change_on(phone, entry.entry_id, morning(was_hard="Shoes again"))
    change_on(tablet, entry.entry_id, morning(responded="Sang the shoe song"))
    phone.sync_now()
    tablet.sync_now()
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    change_on(phone, entry.entry_id, morning(Sharing.PRIVATE))
    phone.sync_now()
    tablet.sync_now()
    taken_back_at = withdrawn_times(hub)
    assert taken_back_at  # the hub holds that Jo took it back, and when
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep=keep,
                                    worker_id=priya_account(hub).id, now=NOW)
    assert withdrawn_times(hub) == taken_back_at  # still when Jo took it back
    for device in (phone, tablet, phone):
        device.sync_now()
    words = [r.words.was_hard for r in diary_for(phone.household).revisions(
        phone.person("Jo"), entry.entry_id)]
    assert "Shoes again" in words, "Jo's own words are gone from her phone"
    assert not live_diary_bodies(hub)
    for device in (phone, tablet):
        assert not shown(device, entry.entry_id).shared, device.name
        assert device.sync().status().open_conflicts == 0, device.name
