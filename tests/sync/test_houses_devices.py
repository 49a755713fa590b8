"""A child's Three Houses across the family's devices and the agency, on a real hub.

Sam fills his houses on the phone: a good thing shown to his grown-ups and a worry kept for
Priya. After sync the tablet holds the shown thing and nothing of the worry; the hub holds the
worry only sealed, and the agency key opens it; the devices and the hub agree on the rest.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from app.domain.people import Member
from app.domain.programme.three_houses import House, ItemDraft
from app.hub.db import records
from app.services.programme.houses import ThreeHousesService, houses_for
from app.sync.catalogue import HOUSES_FOR_WORKER, SEALED_FIELD
from tests.hubkit import RunningHub
from tests.sync.household_devices import (
    Device,
    agree,
    backed_up,
    first_device,
    joined_device,
    restored_device,
)

KEPT = "the boys at the bus stop"
SHOWN = "baking with Nan"


def _phone_and_tablet(hub: RunningHub, tmp_path: Path
                      ) -> tuple[Device, Device, Member, ThreeHousesService, bytes]:
    """The Taylors' phone and tablet, Sam, his houses on the phone and the agency's key."""
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    key = phone.sync().agency_public_key()
    assert key is not None
    return phone, tablet, phone.person("Sam"), houses_for(phone.household), key


def test_a_kept_worry_reaches_the_agency_sealed_and_no_other_device(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet, sam, houses, key = _phone_and_tablet(hub, tmp_path)
    shown = houses.add(sam, sam.id, ItemDraft(House.GOOD, "cooking", SHOWN,
                                              show_grown_ups=True), key)
    kept = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", KEPT), key)
    said = houses.tell_meeting(sam, sam.id, "I like it here", ["home"])
    phone.sync_now()
    tablet.sync_now()

    on_tablet = houses_for(tablet.household)
    jo = tablet.person("Jo")
    assert [i.id for i in on_tablet.items(jo, sam.id)] == [shown.id]
    assert on_tablet.meeting_words(jo, sam.id) == said
    assert tablet.store.find(HOUSES_FOR_WORKER) == []
    everything = json.dumps({c: tablet.store.find(c) for c in tablet.store.collections()})
    assert KEPT not in everything and kept.id not in everything
    [stub] = phone.store.find(HOUSES_FOR_WORKER)
    assert SEALED_FIELD not in stub and stub["delivered"]  # the hub has it: nothing sealed stays

    with hub.engine.connect() as connection:
        rows = connection.execute(select(records).where(
            records.c.collection == HOUSES_FOR_WORKER)).all()
    assert [(r.record_id, r.sealed, r.author) for r in rows] == [(kept.id, True, None)]
    assert KEPT.encode() not in bytes(rows[0].body)
    agree(hub, phone, tablet)


def test_a_thing_taken_back_leaves_the_tablet_and_reaches_the_agency_sealed(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet, sam, houses, key = _phone_and_tablet(hub, tmp_path)
    shown = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", KEPT,
                                              show_grown_ups=True), key)
    phone.sync_now()
    tablet.sync_now()
    jo = tablet.person("Jo")
    assert [i.words for i in houses_for(tablet.household).items(jo, sam.id)] == [KEPT]

    houses.take_back(sam, shown.id, key)
    phone.sync_now()
    tablet.sync_now()

    assert houses_for(tablet.household).items(jo, sam.id) == []
    everything = json.dumps({c: tablet.store.find(c) for c in tablet.store.collections()})
    assert KEPT not in everything
    with hub.engine.connect() as connection:
        rows = {r.collection: r for r in connection.execute(select(records).where(
            records.c.collection.in_(("house_items", HOUSES_FOR_WORKER)))).all()}
    assert rows["house_items"].deleted and rows["house_items"].body is None
    assert rows[HOUSES_FOR_WORKER].sealed and KEPT.encode() not in bytes(
        rows[HOUSES_FOR_WORKER].body)
    agree(hub, phone, tablet)


def test_a_phone_restored_from_before_a_take_back_does_not_bring_the_thing_back(
    hub: RunningHub, tmp_path: Path
) -> None:
    """The backup was made before Sam's shown worry ever reached the agency, so the restored
    phone still holds it, unsent; the agency has since had it taken back."""
    phone, tablet, sam, houses, key = _phone_and_tablet(hub, tmp_path)
    shown = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", KEPT,
                                              show_grown_ups=True), key)
    backup = backed_up(phone)
    houses = houses_for(phone.household)
    phone.sync_now()
    houses.take_back(phone.person("Sam"), shown.id, key)
    phone.sync_now()
    phone.gate.close()
    shutil.rmtree(phone.folder)  # the phone is lost

    restored = restored_device(backup, tmp_path / "new-phone")
    jo = restored.person("Jo")
    assert [i.id for i in houses_for(restored.household).items(jo, sam.id)] == [shown.id]
    for _round in range(2):
        restored.sync_now()
    tablet.sync_now()

    for device in (restored, tablet):
        assert houses_for(device.household).items(device.person("Jo"), sam.id) == []
        everything = json.dumps({c: device.store.find(c) for c in device.store.collections()})
        assert KEPT not in everything, device.name
    with hub.engine.connect() as connection:
        rows = {r.collection: r for r in connection.execute(select(records).where(
            records.c.collection.in_(("house_items", HOUSES_FOR_WORKER)))).all()}
    assert rows["house_items"].deleted and rows["house_items"].body is None
    assert rows[HOUSES_FOR_WORKER].sealed
    agree(hub, restored, tablet)
    restored.gate.close()
