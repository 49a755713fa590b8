"""Two and three devices of one household and a worker, on a real hub (SQLite and PostgreSQL).

A second and third device join the household; people set their PINs there with a parent's
say-so; everyone edits on their own device; the devices sync in every order. Afterwards every
device lists the same people and records as the others and as the hub: nothing doubled,
nothing missing, nothing crashed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import permutations
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.agreement import RuleField
from app.domain.checkins import Feeling
from app.domain.chores import ChorePlan, Often, Who
from app.domain.safety import SafetyPlan, Section
from app.domain.strengths import StrengthKind
from app.hub import conflict_queue
from app.hub.admin import issue_pairing_code
from app.hub.db import pairing_codes
from app.hub.worker.household.changes import add_bottom_line, change_plan
from app.services.agreement import agreement_for
from app.services.checkins import checkins_for
from app.services.chores import chores_for
from app.services.household import InvalidInput, NotAllowed
from app.services.safety import safety_for
from app.services.strengths import strengths_for
from app.sync.catalogue import OUTBOX, STATE
from app.sync.service import PairingFailed, sync_for
from tests.hubkit import RunningHub, key_check, row_counts
from tests.services.taylors import PASSPHRASE, SAM_PICTURES, create_taylors
from tests.sync.household_devices import (
    agree,
    first_device,
    joined_device,
    new_device,
    priya_account,
)

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_a_second_device_joins_with_everyone_and_nobodys_pin(
    hub: RunningHub, tmp_path: Path
) -> None:
    first = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    assert tablet.household.household().name == "The Taylor family"
    assert tablet.household.household().setup_complete
    assert [m.id for m in tablet.household.members()] == [
        m.id for m in first.household.members()]
    # Nobody's PIN or pictures came along: everyone sets theirs on this device.
    assert not any(tablet.household.has_pin(m.id) for m in tablet.household.members())
    assert all(first.household.has_pin(m.id) for m in first.household.members())
    assert not tablet.household.try_pin(tablet.person("Jo").id, "2580").ok
    agree(hub, first, tablet)


def test_a_person_new_on_a_device_needs_a_grown_ups_say_so(
    hub: RunningHub, tmp_path: Path
) -> None:
    first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    service = tablet.household
    jo, sam = tablet.person("Jo"), tablet.person("Sam")
    # Nobody has a PIN here yet: only the passphrase of this device can approve.
    with pytest.raises(NotAllowed):
        service.set_up_on_this_device(sam.id, SAM_PICTURES, approver_id=jo.id, approval="2580")
    with pytest.raises(InvalidInput):
        service.set_up_on_this_device(jo.id, "2580", approver_id=None, approval="wrong words")
    assert not service.has_pin(jo.id)
    service.set_up_on_this_device(jo.id, "1470", approver_id=None, approval=PASSPHRASE)
    assert service.try_pin(jo.id, "1470").ok and not service.try_pin(jo.id, "2580").ok
    # Now Jo, who uses this tablet, approves Sam's pictures with her PIN here.
    with pytest.raises(InvalidInput):
        service.set_up_on_this_device(sam.id, SAM_PICTURES, approver_id=jo.id, approval="9999")
    service.set_up_on_this_device(sam.id, ["moon", "star", "fish"], approver_id=jo.id,
                                  approval="1470")
    assert service.try_pictures(sam.id, ["moon", "star", "fish"]).ok
    with pytest.raises(NotAllowed):  # once set, a PIN is changed by a parent in People
        service.set_up_on_this_device(sam.id, SAM_PICTURES, approver_id=jo.id, approval="1470")
    # Setting PINs on the tablet sends nothing: PINs belong to each device.
    assert tablet.sync().status().waiting == 0


def test_a_household_set_up_twice_is_refused_at_pairing_and_nothing_changes(
    hub: RunningHub, tmp_path: Path
) -> None:
    first_device(tmp_path / "phone", hub)
    gate, twice = create_taylors(tmp_path / "second-setup", datetime.now().timestamp)
    before_hub = row_counts(hub.engine)
    before_state = twice.store.find(STATE)
    code = issue_pairing_code(hub.engine, hub.household_id).code
    jo = next(m for m in twice.members() if m.name == "Jo")
    with pytest.raises(PairingFailed) as refused:
        sync_for(twice).pair(jo, hub.url, code, agency_key_check=key_check(hub.engine))
    assert refused.value.reason == "household_exists"
    assert twice.store.find(STATE) == before_state and not twice.store.find(OUTBOX)
    after_hub = row_counts(hub.engine)
    assert after_hub["records"] == before_hub["records"]
    assert after_hub["devices"] == before_hub["devices"]
    with hub.engine.connect() as connection:
        unspent = connection.execute(select(pairing_codes.c.used_at)
                                     .order_by(pairing_codes.c.id.desc())).first()
    assert unspent is not None and unspent.used_at is None  # the code can still be used
    gate.close()


def test_joining_before_there_is_anything_to_join_is_refused(
    hub: RunningHub, tmp_path: Path
) -> None:
    tablet = new_device(tmp_path / "tablet", "tablet")
    code = issue_pairing_code(hub.engine, hub.household_id).code
    with pytest.raises(PairingFailed) as refused:
        tablet.sync().join(hub.url, code, agency_key_check=key_check(hub.engine))
    assert refused.value.reason == "nothing_to_join"
    assert not tablet.sync().status().paired
    # A device with its own household never joins another.
    first = first_device(tmp_path / "phone", hub)
    with pytest.raises(NotAllowed):
        first.sync().join(hub.url, issue_pairing_code(hub.engine, hub.household_id).code,
                          agency_key_check=key_check(hub.engine))


@pytest.mark.parametrize("order", list(permutations(range(3))), ids=lambda o: "".join(map(str, o)))
def test_three_devices_and_a_worker_agree_whatever_order_they_sync_in(
    hub: RunningHub, tmp_path: Path, order: tuple[int, ...]
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    carer = joined_device(tmp_path / "carer", "carer", hub)
    devices = [phone, tablet, carer]
    for device in (tablet, carer):
        jo = device.person("Jo")
        device.household.set_up_on_this_device(jo.id, "1470", approver_id=None,
                                               approval=PASSPHRASE)
    tablet.household.set_up_on_this_device(tablet.person("Sam").id, SAM_PICTURES,
                                           approver_id=tablet.person("Jo").id, approval="1470")
    # Everyone does something on their own device, and the worker at the agency too.
    sam = phone.person("Sam")
    chores_for(phone.household).add(phone.person("Jo"), ChorePlan(
        "Make your bed", "rest", Who.ONE, (sam.id,), Often.DAILY, stars=1))
    checkins_for(tablet.household).record(tablet.person("Sam"), Feeling.HAPPY, 3)
    strengths_for(carer.household).add(carer.person("Jo"), sam.id, StrengthKind.PROUD,
                                       "Tidied his room without being asked", "star")
    safety_for(carer.household).add_point(carer.person("Jo"), Section.WORKING_WELL,
                                          "Tea together")
    for index in order:
        devices[index].sync_now()
    # The worker adds a bottom line to the plan as the hub has it now.
    change_plan(hub.engine, hub.household_id, add_bottom_line("No smacking, ever", "The law"),
                priya_account(hub), NOW)
    checkins_for(phone.household).record(phone.person("Mia"), Feeling.CALM, 2)
    for _round in range(2):
        for index in order:
            devices[index].sync_now()
    agree(hub, *devices)
    plan = safety_for(tablet.household).plan()
    assert [p.text for p in plan.bottom_lines] == ["No smacking, ever"]
    assert [p.text for p in plan.working_well] == ["Tea together"]
    # The child's check-in, made on the tablet, is seen on the parent's phone.
    assert [c.feeling for c in checkins_for(phone.household).checkins_of(
        phone.person("Jo"), sam.id)] == [Feeling.HAPPY]
    for device in devices:
        device.gate.close()


def test_edits_that_cross_on_two_devices_are_kept_until_the_worker_settles_them(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    jo_phone, jo_tablet = phone.person("Jo"), tablet.person("Jo")
    safety_for(phone.household).add_point(jo_phone, Section.WORRIES, "Bedtimes get loud")
    phone.sync_now()
    tablet.sync_now()
    # Both change the plan before either has heard of the other's change.
    safety_for(phone.household).add_point(jo_phone, Section.WORRIES, "Mornings are rushed")
    safety_for(tablet.household).add_point(jo_tablet, Section.WORKING_WELL, "Tea together")
    phone.sync_now()
    tablet.sync_now()
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert tablet.sync().status().open_conflicts == 1  # told, and nothing lost
    assert [p.text for p in crossed_plan(crossed).working_well] == ["Tea together"]
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="device",
                                    worker_id=priya_account(hub).id, now=NOW)
    for device in (phone, tablet, phone):
        device.sync_now()
    agree(hub, phone, tablet)
    assert [p.text for p in safety_for(phone.household).plan().working_well] == ["Tea together"]


def crossed_plan(conflict: conflict_queue.Conflict) -> SafetyPlan:
    """The family's version of the plan, kept whole in the conflict queue."""
    assert conflict.body is not None
    return SafetyPlan.from_json(conflict.body)


def test_devices_agree_after_restarts_in_between(hub: RunningHub, tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    tablet.reopen()
    checkins_for(phone.household).record(phone.person("Mia"), Feeling.CALM, 2)
    phone.sync_now()
    phone.reopen()
    tablet.sync_now()
    phone.sync_now()
    agree(hub, phone, tablet)


def test_an_agreement_started_on_two_devices_is_one_agreement_to_settle(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    tablet.household.set_up_on_this_device(tablet.person("Jo").id, "1470", approver_id=None,
                                           approval=PASSPHRASE)
    # Both grown-ups start the household agreement, each on their own device, offline.
    agreement_for(phone.household).save_rule(phone.person("Jo"), None,
                                             {RuleField.TEXT: "Bedtime is 8pm"}, "bed")
    agreement_for(tablet.household).save_rule(tablet.person("Jo"), None,
                                              {RuleField.TEXT: "No phones at dinner"}, "tablet")
    for device in (phone, tablet, phone, tablet):
        device.sync_now()
    latest = [agreement_for(d.household).latest() for d in (phone, tablet)]
    assert [v.number for v in agreement_for(phone.household).versions()] == [1]
    assert latest[0] is not None and latest[1] is not None and latest[0].id == latest[1].id
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)  # a person settles
    assert crossed.collection == "agreement_versions"
    assert tablet.sync().status().open_conflicts == 1
