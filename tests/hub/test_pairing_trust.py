"""Pairing trusts nobody in between: the agency's key is checked by its fingerprint before
anything is kept, and plain http is only ever to this very device.

A hub stands in for a man in the middle by answering with a key that is not the one the
worker's agency holds: the fingerprint the device shows differs from the worker's, and
saying so (or a caller comparing it) keeps nothing, queues nothing and seals nothing.
"""

from __future__ import annotations

import pytest
from device_kit import Family
from sqlalchemy import Engine

from app.hub.admin import issue_pairing_code
from app.hub.protocol import agency_key_fingerprint
from app.services.household import InvalidInput
from app.sync import outbox
from app.sync.catalogue import STATE
from app.sync.pairing import PairingFailed, clean_hub_url
from tests.hubkit import RunningHub, key_check


def code(engine: Engine, household_id: str) -> str:
    return issue_pairing_code(engine, household_id).code


def test_the_device_shows_the_agency_keys_fingerprint_and_keeps_nothing_until_confirmed(
    family: Family, hub: RunningHub
) -> None:
    sync = family.sync()
    jo = family.member("Jo")
    pairing = sync.connect(jo, hub.url, code(hub.engine, hub.household_id))
    assert pairing.fingerprint == key_check(hub.engine)
    assert len(pairing.fingerprint.replace(" ", "")) == 20
    assert not sync.status().paired and not family.store.find(STATE)
    assert not outbox.waiting_at_home(family.store)

    status = sync.confirm(jo, pairing)
    assert status.paired and status.problem is None and status.waiting == 0


def test_a_different_key_is_refused_and_nothing_is_kept(family: Family, hub: RunningHub) -> None:
    sync = family.sync()
    jo = family.member("Jo")
    somebody_elses = agency_key_fingerprint(b"\x01" * 32)
    before = family.store.find(STATE)
    with pytest.raises(PairingFailed) as refused:
        sync.pair(jo, hub.url, code(hub.engine, hub.household_id),
                  agency_key_check=somebody_elses)
    assert refused.value.reason == "key_mismatch"
    assert family.store.find(STATE) == before and not sync.status().paired
    assert sync.agency_public_key() is None  # nothing could be sealed for the wrong key


def test_the_fingerprint_may_be_typed_the_way_people_type(family: Family,
                                                           hub: RunningHub) -> None:
    typed = key_check(hub.engine).lower().replace(" ", "-").replace("0", "o").replace("1", "l")
    status = family.sync().pair(family.member("Jo"), hub.url,
                                code(hub.engine, hub.household_id), agency_key_check=typed)
    assert status.paired


@pytest.mark.parametrize("address", [
    "http://hub.riverside.org.uk", "http://192.168.1.20:8560", "http://10.0.0.1/homeward",
])
def test_plain_http_anywhere_but_this_device_is_refused(family: Family, hub: RunningHub,
                                                        address: str) -> None:
    with pytest.raises(InvalidInput, match="hub_url_not_secure"):
        family.sync().connect(family.member("Jo"), address, code(hub.engine, hub.household_id))
    assert not family.store.find(STATE)


@pytest.mark.parametrize(("typed", "kept"), [
    ("hub.riverside.org.uk", "https://hub.riverside.org.uk"),
    ("http://127.0.0.1:8560/", "http://127.0.0.1:8560"),
    ("http://localhost:8560", "http://localhost:8560"),
    ("http://[::1]:8560", "http://[::1]:8560"),
])
def test_https_anywhere_and_http_to_this_device_are_accepted(typed: str, kept: str) -> None:
    assert clean_hub_url(typed) == kept
