"""Pairing a device with a household through a one-time code, against a real hub."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hub_device import HubDevice, public_key_text, record

from app.hub.admin import (
    agency_public_key,
    issue_pairing_code,
    list_devices,
    register_household,
)
from app.hub.protocol import b64encode
from tests.hubkit import RunningHub, row_counts


def _pair_raw(hub: RunningHub, code: str, key: str | None = None) -> httpx.Response:
    key = key or public_key_text(Ed25519PrivateKey.generate())
    return httpx.post(f"{hub.url}/v1/pair", json={"code": code, "device_public_key": key})


def test_pairing_code_is_human_typable_and_stored_only_as_a_hash(hub: RunningHub) -> None:
    issued = issue_pairing_code(hub.engine, hub.household_id)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", issued.code)
    from sqlalchemy import select

    from app.hub.db import pairing_codes

    with hub.engine.connect() as connection:
        stored = connection.execute(select(pairing_codes.c.code_hash)).scalars().all()
    assert stored and all(issued.code.replace("-", "") not in value for value in stored)


def test_pairing_gives_household_agency_key_and_token_once(hub: RunningHub) -> None:
    code = issue_pairing_code(hub.engine, hub.household_id).code
    device = HubDevice.pair(hub.url, code.lower().replace("-", " "))
    try:
        assert device.household_id == hub.household_id
        assert device.agency_public_key == b64encode(agency_public_key(hub.engine))
        assert [d.id for d in list_devices(hub.engine, hub.household_id)] == [device.device_id]
        before = row_counts(hub.engine)
        again = _pair_raw(hub, code)
        assert again.status_code == 403
        assert again.json()["error"] == "code_used"
        assert row_counts(hub.engine) == before
    finally:
        device.client.close()


def test_expired_pairing_code_is_refused(hub: RunningHub) -> None:
    yesterday = datetime.now(UTC) - timedelta(hours=24, minutes=1)
    code = issue_pairing_code(hub.engine, hub.household_id, now=yesterday).code
    before = row_counts(hub.engine)
    answer = _pair_raw(hub, code)
    assert answer.status_code == 403
    assert answer.json()["error"] == "code_expired"
    assert row_counts(hub.engine) == before


def test_unknown_code_and_bad_key_are_refused_without_a_trace(hub: RunningHub) -> None:
    code = issue_pairing_code(hub.engine, hub.household_id).code
    before = row_counts(hub.engine)
    unknown = _pair_raw(hub, "ZZZZZ-ZZZZZ")
    assert (unknown.status_code, unknown.json()["error"]) == (403, "unknown_code")
    bad_key = _pair_raw(hub, code, key=b64encode(b"short"))
    assert (bad_key.status_code, bad_key.json()["error"]) == (422, "malformed")
    not_json = httpx.post(f"{hub.url}/v1/pair", content=b"{nope")
    assert (not_json.status_code, not_json.json()["error"]) == (400, "malformed")
    assert row_counts(hub.engine) == before
    assert _pair_raw(hub, code).status_code == 200  # the code survived the bad attempts


def test_a_device_holding_the_same_household_may_connect_as_new_and_no_other(
    hub: RunningHub,
) -> None:
    """A household with records refuses a device that set itself up ("new"), unless the device
    holds that very household: the ``uid`` its own record was made with (a phone restored from
    a backup made before it was first connected). Any other uid, or one that is not an id,
    changes nothing and leaves the code for the right device."""
    first = HubDevice.pair(hub.url, issue_pairing_code(hub.engine, hub.household_id).code,
                           household_uid=None)  # from before devices named their household
    household = record("household", collection="household",
                       body={"name": "Taylor", "uid": "5d1f0c2e-8a41-4c33-9d7e-2b6f1a9c0e47"})
    assert first.push([household]).status_code == 200
    first.client.close()
    code = issue_pairing_code(hub.engine, hub.household_id).code
    before = row_counts(hub.engine)

    def pair(**asked: object) -> httpx.Response:
        key = public_key_text(Ed25519PrivateKey.generate())
        return httpx.post(f"{hub.url}/v1/pair",
                          json={"code": code, "device_public_key": key, "mode": "new", **asked})

    for uid, answer in [(None, (409, "household_exists")),
                        ("0b7c4a5e-1111-4c33-9d7e-2b6f1a9c0e47", (409, "household_exists")),
                        ("5d1f0c2e 8a41", (422, "malformed")),
                        (["5d1f0c2e-8a41-4c33-9d7e-2b6f1a9c0e47"], (422, "malformed"))]:
        refused = pair(**({} if uid is None else {"household_uid": uid}))
        assert (refused.status_code, refused.json()["error"]) == answer, uid
        assert row_counts(hub.engine) == before
    same = pair(household_uid="5d1f0c2e-8a41-4c33-9d7e-2b6f1a9c0e47")
    assert same.status_code == 200, same.text
    assert same.json()["household_id"] == hub.household_id


def test_a_device_that_knew_another_household_is_refused_and_told_the_households_name(
    hub: RunningHub,
) -> None:
    """A device that was connected to one household never connects to another (whether or not
    that one has records): the code stays unspent and nothing changes. A device that knew no
    household is told the name of the one the code connects it to, to show the worker."""
    other = register_household(hub.engine, "The Patel household")
    code = issue_pairing_code(hub.engine, other).code
    before = row_counts(hub.engine)
    key = public_key_text(Ed25519PrivateKey.generate())
    refused = httpx.post(f"{hub.url}/v1/pair", json={
        "code": code, "device_public_key": key, "household_id": hub.household_id})
    assert (refused.status_code, refused.json()["error"]) == (409, "other_household")
    assert row_counts(hub.engine) == before
    accepted = _pair_raw(hub, code)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["household_name"] == "The Patel household"
