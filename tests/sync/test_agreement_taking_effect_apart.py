"""The agreement signed on several devices and let take effect by each of them, on a real hub
(SQLite and PostgreSQL): the devices make the same version whatever order their own stores
keep the chores in, and a child's "Not yet" said after her signature, on another device, holds
the agreement on every device until she signs again or a parent agrees it for now."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from app.domain.agreement import RuleField
from app.domain.chores import ChorePlan, Often, Who
from app.hub import conflict_queue
from app.services.agreement import agreement_for
from app.services.chores import chores_for
from tests.hubkit import RunningHub
from tests.services.taylors import MIA_PICTURES, PASSPHRASE, SAM_PICTURES
from tests.sync.household_devices import Device, first_device, joined_device


def _offline_after(request: httpx.Request, pushes: int, device: Device) -> None:
    """Fail every push after the first ``pushes`` of ``device``, as if it lost its signal."""
    if request.url.path == "/v1/push" and device.transport.pushes > pushes:
        raise httpx.ConnectError("no signal", request=request)


def _jo_and_child_on(device: Device, child: str, pictures: list[str]) -> None:
    """Jo, then ``child`` (Jo approving), set up to sign on ``device``."""
    device.household.set_up_on_this_device(device.person("Jo").id, "1470", approver_id=None,
                                           approval=PASSPHRASE)
    device.household.set_up_on_this_device(device.person(child).id, pictures,
                                           approver_id=device.person("Jo").id, approval="1470")


def test_two_devices_letting_the_agreement_take_effect_list_its_chores_alike(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    jo = phone.person("Jo")
    kids = (phone.person("Sam").id,)
    chores = chores_for(phone.household)
    dishes = chores.add(jo, ChorePlan("Dishes", "rest", Who.ONE, kids, Often.DAILY))
    chores.add(jo, ChorePlan("Bins", "rest", Who.ONE, kids, Often.DAILY))
    chores.pause(jo, dishes.id)  # paused for the holidays and started again: a newer revision,
    chores.resume(jo, dishes.id)  # so a joined device's store holds Bins before Dishes
    phone.sync_now()
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    carer = joined_device(tmp_path / "carer", "carer", hub)
    _jo_and_child_on(tablet, "Sam", SAM_PICTURES)
    _jo_and_child_on(carer, "Mia", MIA_PICTURES)
    agreement_for(phone.household).save_rule(jo, None, {RuleField.TEXT: "Bedtime is 8pm"}, "bed")
    for device in (phone, tablet, carer):
        device.sync_now()
    assert agreement_for(phone.household).sign_with_pin(jo.id, "2580").ok
    assert agreement_for(tablet.household).sign_with_pictures(tablet.person("Sam").id,
                                                              SAM_PICTURES).ok
    assert agreement_for(carer.household).sign_with_pictures(carer.person("Mia").id,
                                                             MIA_PICTURES).ok
    for device in (phone, tablet):
        device.sync_now()
    # The carer's phone lets it take effect and loses its signal before it can say so; the
    # phone does the same on its own. Both versions must be the same, chores and all.
    pushed = carer.transport.pushes
    carer.transport.before = lambda request: _offline_after(request, pushed, carer)
    assert carer.sync().sync_now().problem == "unreachable"
    carer.transport.before = lambda request: None
    for device in (phone, carer, tablet):
        device.sync_now()
    on_phone = agreement_for(phone.household).in_force()
    on_carer = agreement_for(carer.household).in_force()
    assert on_phone is not None and on_phone == on_carer
    assert [chore.name for chore in on_phone.chores] == ["Dishes", "Bins"]  # as they were made
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
    assert carer.sync().status().open_conflicts == 0


def test_a_childs_not_yet_after_her_signature_elsewhere_holds_the_agreement(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    carer = joined_device(tmp_path / "carer", "carer", hub)
    for device in (tablet, carer):
        _jo_and_child_on(device, "Mia", MIA_PICTURES)
    agreement_for(phone.household).save_rule(phone.person("Jo"), None,
                                              {RuleField.TEXT: "Bedtime is 8pm"}, "bed")
    for device in (phone, tablet, carer):
        device.sync_now()
    mia = phone.person("Mia").id
    assert agreement_for(phone.household).sign_with_pin(phone.person("Jo").id, "2580").ok
    assert agreement_for(tablet.household).sign_with_pictures(mia, MIA_PICTURES).ok
    time.sleep(0.01)
    # then she changes her mind on the carer's phone, which has not seen her signature
    assert agreement_for(carer.household).say_not_yet(mia, MIA_PICTURES).ok
    for device in (phone, tablet, carer, phone, tablet):
        device.sync_now()
    for device in (phone, tablet, carer):
        agreement = agreement_for(device.household)
        latest = agreement.latest()
        assert agreement.in_force() is None, device.name  # never past her by itself
        assert latest is not None and [n.member_id for n in latest.open_not_yet()] == [mia]
        assert latest.signed_by(mia) is None, device.name  # her latest word is "Not yet"
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
    # She can sign again, and then it takes effect everywhere.
    assert agreement_for(phone.household).sign_with_pictures(mia, MIA_PICTURES).ok
    for device in (phone, tablet, carer):
        device.sync_now()
        in_force = agreement_for(device.household).in_force()
        assert in_force is not None and in_force.open_not_yet() == (), device.name
