"""Edits made on several devices at once that each look fine on their own device, on a real hub
(SQLite and PostgreSQL): two parents taking each other off, and the agreement signed on three
devices at once. The household never ends up with nobody to run it, and nobody's signature is
lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx

from app.domain.agreement import RuleField
from app.domain.people import Role
from app.hub import conflict_queue
from app.services.agreement import agreement_for
from tests.hubkit import RunningHub
from tests.services.taylors import MIA_PICTURES, PASSPHRASE, SAM_PICTURES
from tests.sync.household_devices import Device, first_device, joined_device, priya_account

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def _parents(device: Device) -> list[str]:
    return sorted(m.name for m in device.household.members() if m.role is Role.PARENT)


def _offline_after(request: httpx.Request, pushes: int, device: Device) -> None:
    """Fail every push after the first ``pushes`` of ``device``, as if it lost its signal."""
    if request.url.path == "/v1/push" and device.transport.pushes > pushes:
        raise httpx.ConnectError("no signal", request=request)


def test_two_parents_taking_each_other_off_offline_keep_one_parent(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    phone.household.add_parent("Alex", "1357", by=phone.person("Jo"))
    phone.sync_now()
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    carer = joined_device(tmp_path / "carer", "carer", hub)
    carer.household.set_up_on_this_device(carer.person("Alex").id, "1357", approver_id=None,
                                          approval=PASSPHRASE)
    phone.household.remove(phone.person("Jo"), phone.person("Alex").id)
    carer.household.remove(carer.person("Alex"), carer.person("Jo").id)
    for device in (phone, carer, tablet, phone):
        device.sync_now()
    # Phone's removal got to the hub first; carer's would have left nobody, so Jo stays.
    for device in (phone, carer, tablet):
        assert _parents(device) == ["Jo"], device.name
    # The carer's phone says its change crossed; the worker has it to settle.
    assert carer.sync().status().open_conflicts == 1
    assert phone.sync().status().open_conflicts == 0
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert crossed.record_id == phone.person("Jo").id
    assert crossed.body is not None and crossed.body["removed_at"] is not None
    # Settled by keeping Jo: every device hears it, the note closes, Jo still runs the house.
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="hub",
                                    worker_id=priya_account(hub).id, now=NOW)
    for device in (phone, carer, tablet):
        device.sync_now()
        assert _parents(device) == ["Jo"], device.name
    assert carer.sync().status().open_conflicts == 0
    carer.household.add_parent("Alex Two", "2468", by=carer.person("Jo"))  # not refused


def test_the_agreement_signed_on_three_devices_at_once_keeps_every_signature(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    carer = joined_device(tmp_path / "carer", "carer", hub)
    for device in (tablet, carer):
        device.household.set_up_on_this_device(device.person("Jo").id, "1470", approver_id=None,
                                               approval=PASSPHRASE)
    tablet.household.set_up_on_this_device(tablet.person("Sam").id, SAM_PICTURES,
                                           approver_id=tablet.person("Jo").id, approval="1470")
    carer.household.set_up_on_this_device(carer.person("Mia").id, MIA_PICTURES,
                                          approver_id=carer.person("Jo").id, approval="1470")
    agreement_for(phone.household).save_rule(phone.person("Jo"), None,
                                              {RuleField.TEXT: "Bedtime is 8pm"}, "bed")
    for device in (phone, tablet, carer):
        device.sync_now()
    assert agreement_for(phone.household).sign_with_pin(phone.person("Jo").id, "2580").ok
    assert agreement_for(tablet.household).sign_with_pictures(tablet.person("Sam").id,
                                                              SAM_PICTURES).ok
    assert agreement_for(carer.household).sign_with_pictures(carer.person("Mia").id,
                                                             MIA_PICTURES).ok
    for device in (phone, tablet):
        device.sync_now()
    # The carer's phone pulls all three signatures and lets the agreement take effect, but
    # loses its connection before it can say so: the phone does the same on its own.
    pushed = carer.transport.pushes
    carer.transport.before = lambda request: _offline_after(request, pushed, carer)
    assert carer.sync().sync_now().problem == "unreachable"
    carer.transport.before = lambda request: None
    for device in (phone, carer, tablet):
        device.sync_now()
    for device in (phone, tablet, carer):
        agreement = agreement_for(device.household)
        latest = agreement.latest()
        assert latest is not None and agreement.in_force() == latest, device.name
        assert sorted(s.name for s in latest.signatures) == ["Jo", "Mia", "Sam"], device.name
        assert latest.for_now is None, device.name
        assert device.sync().status().open_conflicts == 0, device.name
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []


def test_the_agreement_with_other_words_on_two_devices_still_crosses(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    tablet.household.set_up_on_this_device(tablet.person("Jo").id, "1470", approver_id=None,
                                           approval=PASSPHRASE)
    agreement_for(phone.household).save_rule(phone.person("Jo"), None,
                                              {RuleField.TEXT: "Bedtime is 8pm"}, "bed")
    for device in (phone, tablet):
        device.sync_now()
    assert agreement_for(phone.household).sign_with_pin(phone.person("Jo").id, "2580").ok
    agreement_for(tablet.household).add_routine(tablet.person("Jo"), "Film night on Friday")
    for device in (phone, tablet, phone):
        device.sync_now()
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert crossed.collection == "agreement_versions"
    assert tablet.sync().status().open_conflicts == 1
