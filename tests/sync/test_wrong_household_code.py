"""A device given another household's pairing code: the mistake shows before anything is
sent, and a device that has been one household's never feeds a second one at the agency.

Each test runs against a hub on SQLite and one on a real PostgreSQL server.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.hub.admin import issue_pairing_code, register_household, revoke_device
from app.sync.catalogue import STATE
from app.sync.client import HubClient
from app.sync.pairing import PairingFailed, contact_hub
from tests.hub.device_kit import hub_records
from tests.hubkit import RunningHub, key_check
from tests.services.taylors import create_taylors
from tests.sync.household_devices import Device, first_device, joined_device


def _taylors_phone(folder: Path) -> Device:
    gate, household = create_taylors(folder, time.time)
    return Device("phone", folder, gate, household)


def _revoked(device: Device, hub: RunningHub) -> None:
    revoke_device(hub.engine, device.store.find(STATE)[0]["device_id"])
    assert device.sync().sync_now().problem == "revoked"


def test_the_key_check_says_which_household_the_code_connects_to(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Before anything is kept or sent, the worker sees the household the code belongs to."""
    wrong = register_household(hub.engine, "The Patel household")
    phone = _taylors_phone(tmp_path / "phone")
    pairing = phone.sync().connect(phone.person("Jo"), hub.url,
                                   issue_pairing_code(hub.engine, wrong).code)
    assert pairing.household_name == "The Patel household"
    assert not phone.sync().status().paired and not hub_records(hub.engine, wrong)


def test_a_phone_paired_to_the_wrong_household_never_feeds_the_right_one_too(
    hub: RunningHub, tmp_path: Path
) -> None:
    """The Taylors' phone was connected with another family's code by mistake; connecting it
    again with the Taylors' own code is refused, so one family never sits in two households
    and the Taylors' code is left for the right device."""
    wrong = register_household(hub.engine, "The Patel household")
    phone = _taylors_phone(tmp_path / "phone")
    jo = phone.person("Jo")
    phone.sync().pair(jo, hub.url, issue_pairing_code(hub.engine, wrong).code,
                      agency_key_check=key_check(hub.engine))
    sent_by_mistake = hub_records(hub.engine, wrong)
    _revoked(phone, hub)
    code = issue_pairing_code(hub.engine, hub.household_id).code
    with pytest.raises(PairingFailed) as refused:
        phone.sync().pair(jo, hub.url, code, agency_key_check=key_check(hub.engine))
    assert refused.value.reason == "other_household"
    assert hub_records(hub.engine, hub.household_id) == {}
    assert hub_records(hub.engine, wrong) == sent_by_mistake
    assert phone.sync().status().problem == "revoked"
    assert phone.store.find(STATE)[0]["household_id"] == wrong
    right = _taylors_phone(tmp_path / "right")  # the code was not spent on the refusal
    status = right.sync().pair(right.person("Jo"), hub.url, code,
                               agency_key_check=key_check(hub.engine))
    assert status.paired and status.problem is None


def test_a_joined_tablet_connected_again_with_an_empty_households_code_is_refused(
    hub: RunningHub, tmp_path: Path
) -> None:
    """A revoked tablet that joined the Taylors is not connected to another household in
    Settings: nothing of the Taylors reaches it."""
    first = first_device(tmp_path / "first", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    other = register_household(hub.engine, "The Patel household")
    _revoked(tablet, hub)
    with pytest.raises(PairingFailed) as refused:
        tablet.sync().pair(first.person("Jo"), hub.url, issue_pairing_code(hub.engine, other).code,
                           agency_key_check=key_check(hub.engine))
    assert refused.value.reason == "other_household"
    assert hub_records(hub.engine, other) == {}
    assert tablet.sync().status().problem == "revoked"


def test_the_phone_itself_refuses_a_hub_that_hands_it_a_different_household(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Even when a hub does not check (an older one), a phone that has been one household's
    keeps nothing of a pairing to another and queues nothing for it."""
    first = first_device(tmp_path / "first", hub)
    other = register_household(hub.engine, "The Patel household")
    _revoked(first, hub)
    before = first.store.find(STATE)[0]
    waiting = first.sync().status().waiting
    pairing = contact_hub(HubClient, hub.url,  # as to an older hub, which does not check
                          issue_pairing_code(hub.engine, other).code,
                          joining=False, known_household=None)
    with pytest.raises(PairingFailed) as refused:
        first.sync().confirm(first.person("Jo"), pairing)
    assert refused.value.reason == "other_household"
    assert first.store.find(STATE)[0] == before
    assert first.sync().status().waiting == waiting
    assert hub_records(hub.engine, other) == {}
