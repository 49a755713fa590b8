"""A real household pairing with a real hub: what is sent on pairing (never a PIN), who may
pair and which codes and addresses are refused, and a phone disconnected by the agency being
told so and connected again with a new code.

Each test that uses a hub runs twice: against a hub on SQLite and against one on a real
PostgreSQL server.
"""

from __future__ import annotations

import pytest
from device_kit import Family, hub_records, pair
from device_sync_steps import _many_checkins, _paired, _same

from app.hub import conflict_queue
from app.hub.admin import revoke_device
from app.services.household import InvalidInput, NotAllowed
from app.sync.pairing import PairingFailed
from tests.hubkit import RunningHub, key_check


def test_pairing_sends_everything_already_there_but_never_a_pin(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    status = family.sync().status()
    assert status.agency_name == "Riverside Family Service" and status.last_sent_at
    _same(family, hub)
    held = hub_records(hub.engine, hub.household_id)
    names = sorted(body["name"] for (c, _), (_, body) in held.items() if c == "members")
    assert names == ["Jo", "Mia", "Priya", "Sam"]
    assert not any("pin_hash" in body for (c, _), (_, body) in held.items() if c == "members")


def test_only_a_parent_pairs_and_bad_codes_change_nothing(
    family: Family, hub: RunningHub
) -> None:
    service = family.sync()
    check = key_check(hub.engine)
    with pytest.raises(NotAllowed):
        service.pair(family.member("Sam"), hub.url, "7KQ2M-XD9VA", agency_key_check=check)
    with pytest.raises(InvalidInput, match="pairing_code_invalid"):
        service.pair(family.member("Jo"), hub.url, "12", agency_key_check=check)
    with pytest.raises(InvalidInput, match="hub_url_invalid"):
        service.pair(family.member("Jo"), "ftp://agency", "7KQ2M-XD9VA", agency_key_check=check)
    with pytest.raises(PairingFailed) as refused:
        service.pair(family.member("Jo"), hub.url, "7KQ2M-XD9VA", agency_key_check=check)
    assert refused.value.reason == "unknown_code"
    with pytest.raises(PairingFailed) as unreachable:
        service.pair(family.member("Jo"), "http://127.0.0.1:9", "7KQ2M-XD9VA",
                     agency_key_check=check)
    assert unreachable.value.reason == "unreachable"
    assert not service.status().paired and service.status().waiting == 0
    assert hub_records(hub.engine, hub.household_id) == {}


def test_a_revoked_phone_is_told_so_and_keeps_its_changes(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    from app.sync.catalogue import STATE

    device_id = family.store.get(STATE, "state")["device_id"]  # type: ignore[index]
    revoke_device(hub.engine, device_id)
    _many_checkins(family, 3)
    status = family.sync().sync_now()
    assert status.problem == "revoked" and status.waiting == 3


def test_a_disconnected_phone_can_be_connected_again_with_a_new_code(
    family: Family, hub: RunningHub
) -> None:
    from app.sync.catalogue import STATE

    _paired(family, hub)
    old_device = family.store.get(STATE, "state")["device_id"]  # type: ignore[index]
    revoke_device(hub.engine, old_device)
    _many_checkins(family, 2)
    assert family.sync().sync_now().problem == "revoked"
    pair(family, hub.url, hub.engine, hub.household_id)
    assert family.store.get(STATE, "state")["device_id"] != old_device  # type: ignore[index]
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
    _same(family, hub)


@pytest.mark.parametrize("typed", ["not an address", "http://", "ftp://127.0.0.1",
                                   "http://127.0.0.1:99999", "http://someone:secret@hub",
                                   "http://host:"])
def test_addresses_that_are_not_a_hub_are_refused(typed: str) -> None:
    from app.sync.client import BadHubAddress, clean_hub_url

    with pytest.raises(BadHubAddress):
        clean_hub_url(typed)


def test_a_hub_address_is_tidied() -> None:
    from app.sync.client import clean_hub_url

    tidied = clean_hub_url(" hub.riverside.org.uk/homeward/ ")
    assert tidied == "https://hub.riverside.org.uk/homeward"
    assert clean_hub_url("http://127.0.0.1:8560/") == "http://127.0.0.1:8560"


def test_a_connected_phone_is_not_paired_twice(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    with pytest.raises(InvalidInput, match="already_paired"):
        family.sync().pair(family.member("Jo"), hub.url, "7KQ2M-XD9VA",
                           agency_key_check=key_check(hub.engine))
