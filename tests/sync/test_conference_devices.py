"""Family group conferences across the household's devices and the agency, on a real hub.

A device that has not heard of a conference prepared elsewhere prepares "the next
conference" too. The two are the same conference to every device and the agency, so they
cross at the agency and the worker settles which one is kept: neither is hidden quietly,
and the family's plan written in private time is never lost on the way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest

from app.domain.programme.conference import Conference, Stage
from app.domain.programme.family_plan import BoxKind, PlanBox
from app.domain.safety import Section
from app.hub import conflict_queue
from app.services.errors import ChangedMeanwhile, stamp_of_words
from app.services.programme.conference import conferences_for
from app.services.safety import safety_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, agree, first_device, joined_device, priya_account

NOW = datetime(2027, 1, 12, 10, 0, tzinfo=UTC)
JOS_LINE = "Bedtime story every night"


def taylors_with_a_worry(hub: RunningHub, tmp_path: Path) -> tuple[Device, Device]:
    """The phone and the tablet, both knowing the worry a conference will address."""
    phone = first_device(tmp_path / "phone", hub)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES,
                                          "Shouting at bedtime")
    phone.sync_now()
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    return phone, tablet


def prepare(device: Device, information: str) -> Conference:
    """Priya prepares the next conference on ``device``, about the bedtime worry."""
    conferences = conferences_for(device.household)
    worries, _ = conferences.to_address()
    return conferences.prepare(device.person("Priya"), invited=[], worries=[worries[0].id],
                               bottom_lines=[], information=information)


def only_conference(device: Device) -> Conference:
    """The one conference the device holds, as its screens show it."""
    [conference] = conferences_for(device.household).conferences()
    return conference


def settle(hub: RunningHub, keep: Literal["hub", "device"], *devices: Device) -> None:
    """The worker settles the one crossed conference; then every device syncs."""
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep=keep,
                                    worker_id=priya_account(hub).id, now=NOW)
    for device in (*devices, *devices):
        device.sync_now()
    agree(hub, *devices)
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []


@pytest.mark.parametrize("keep", ["hub", "device"])
def test_family_plan_hidden_by_conference_prepared_offline_elsewhere(
    hub: RunningHub, tmp_path: Path, keep: Literal["hub", "device"]
) -> None:
    phone, tablet = taylors_with_a_worry(hub, tmp_path)
    tc = conferences_for(tablet.household)
    priya = tablet.person("Priya")
    on_tablet = prepare(tablet, "Tablet")
    tc.start_day(priya)
    tc.start_private_time(priya)
    tc.add_action(tablet.person("Jo"), JOS_LINE, "Jo", None)
    # The phone has not synced: it shows no conference, so Priya prepares one there too.
    prepare(phone, "Phone")
    tablet.sync_now()
    phone.sync_now()
    tablet.sync_now()

    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert (crossed.collection, crossed.record_id) == ("conferences", on_tablet.id)
    assert crossed.body is not None and crossed.body["information"] == "Phone"  # kept whole
    assert phone.sync().status().open_conflicts == 1  # told, and nothing lost
    for device in (tablet, phone):  # nothing hidden while the worker has not settled it
        shown = conferences_for(device.household).current()
        assert shown is not None and shown.stage is Stage.PRIVATE_TIME, device.name
        assert [a.what for a in shown.plan.actions] == [JOS_LINE], device.name

    settle(hub, keep, phone, tablet)
    kept = [only_conference(device) for device in (phone, tablet)]
    assert kept[0] == kept[1] and kept[0].id == on_tablet.id
    if keep == "hub":
        assert [a.what for a in kept[0].plan.actions] == [JOS_LINE]
    else:
        assert kept[0].stage is Stage.PREPARING and kept[0].information == "Phone"


def test_two_devices_preparing_the_first_conference_cross_for_the_worker_to_settle(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = taylors_with_a_worry(hub, tmp_path)
    on_phone = prepare(phone, "Phone")
    on_tablet = prepare(tablet, "Tablet")
    assert on_phone.id == on_tablet.id  # the same conference, to be settled, not doubled
    phone.sync_now()
    tablet.sync_now()
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert (crossed.collection, crossed.record_id) == ("conferences", on_phone.id)
    assert tablet.sync().status().open_conflicts == 1
    settle(hub, "device", phone, tablet)
    for device in (phone, tablet):
        assert only_conference(device).information == "Tablet", device.name


def test_a_plan_box_opened_before_a_sync_does_not_undo_the_other_devices_words(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone, tablet = taylors_with_a_worry(hub, tmp_path)
    prepare(phone, "")
    pc, tc = conferences_for(phone.household), conferences_for(tablet.household)
    pc.start_day(phone.person("Priya"))
    pc.start_private_time(phone.person("Priya"))
    phone.sync_now()
    tablet.sync_now()
    box = PlanBox(BoxKind.CONTINGENCIES)
    on_tablet = tc.current()  # the tablet's box is opened, empty
    assert on_tablet is not None
    opened = stamp_of_words(box.words(on_tablet.plan))

    pc.write(phone.person("Jo"), box, "We ring Grandma Pat", seen=stamp_of_words(""))
    phone.sync_now()
    tablet.sync_now()
    with pytest.raises(ChangedMeanwhile):
        tc.write(tablet.person("Jo"), box, "Jo goes for a walk", seen=opened)
    shown = tc.current()
    assert shown is not None and shown.plan.contingencies == "We ring Grandma Pat"
    tc.write(tablet.person("Jo"), box, "Jo goes for a walk",  # seen now: kept
             seen=stamp_of_words(shown.plan.contingencies))
    tablet.sync_now()
    phone.sync_now()
    agree(hub, phone, tablet)
    for device in (phone, tablet):
        now = conferences_for(device.household).current()
        assert now is not None and now.plan.contingencies == "Jo goes for a walk", device.name
