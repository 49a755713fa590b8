"""Closing a case while a phone pairs, a code is issued or a phone pushes, on both databases.

Once a case is closed its devices are removed and no code works for it (PROTOCOL.md), however
the two cross: each test stops one operation inside its transaction, runs the other, and lets
the first go once the second waits for it (``race_kit``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hub_device import HubDevice, public_key_text, record

from app.hub import admin, devices, sync
from app.hub.admin import HouseholdClosed, issue_pairing_code, list_devices
from app.hub.casework import retention
from app.hub.casework.retention import case_state, close_household
from tests.hub.race_kit import Paused, Running, crossing
from tests.hubkit import RunningHub, row_counts


def _pair(hub: RunningHub, code: str, key: Ed25519PrivateKey | None = None) -> httpx.Response:
    public = public_key_text(key or Ed25519PrivateKey.generate())
    return httpx.post(f"{hub.url}/v1/pair", json={"code": code, "device_public_key": public},
                      timeout=30)


def _close(hub: RunningHub) -> bool:
    return close_household(hub.engine, hub.household_id, datetime.now(UTC))


def _live_devices(hub: RunningHub) -> list[str]:
    return [d.id for d in list_devices(hub.engine, hub.household_id) if d.revoked_at is None]


def test_a_phone_that_pairs_while_its_case_is_closed_is_removed_with_the_rest(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = issue_pairing_code(hub.engine, hub.household_id).code
    key = Ed25519PrivateKey.generate()
    pairing = Paused(monkeypatch, devices, "_check_household")
    paired = Running(lambda: _pair(hub, code, key))
    closing = crossing(hub.engine, pairing, lambda: _close(hub))
    assert closing.outcome() is True
    answer = paired.outcome()
    assert answer.status_code == 200, answer.text  # it was in before the case closed...
    assert _live_devices(hub) == []  # ...and was removed with it
    got = answer.json()
    with httpx.Client(base_url=hub.url) as client:
        phone = HubDevice(hub.url, key, got["device_id"], got["device_token"],
                          got["household_id"], got["agency_public_key"], client)
        refused = phone.push([record("after-closing", collection="chores")])
    assert refused.status_code == 403 and refused.json()["error"] == "revoked"


def test_a_phone_that_pairs_while_its_case_is_being_closed_is_refused(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = issue_pairing_code(hub.engine, hub.household_id).code
    closing_first = Paused(monkeypatch, retention, "lock_household")
    closing = Running(lambda: _close(hub))
    paired = crossing(hub.engine, closing_first, lambda: _pair(hub, code))
    assert closing.outcome() is True
    answer = paired.outcome()
    assert answer.status_code == 403 and answer.json()["error"] == "code_expired", answer.text
    assert list_devices(hub.engine, hub.household_id) == []


def test_a_code_issued_while_its_case_is_closed_does_not_work(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    issuing = Paused(monkeypatch, admin, "code_hash")
    issued = Running(lambda: issue_pairing_code(hub.engine, hub.household_id))
    closing = crossing(hub.engine, issuing, lambda: _close(hub))
    assert closing.outcome() is True
    answer = _pair(hub, issued.outcome().code)
    assert answer.status_code == 403 and answer.json()["error"] == "code_expired", answer.text
    assert list_devices(hub.engine, hub.household_id) == []


def test_no_code_is_issued_while_its_case_is_being_closed(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    closing_first = Paused(monkeypatch, retention, "lock_household")
    closing = Running(lambda: _close(hub))
    issued = crossing(hub.engine, closing_first,
                      lambda: issue_pairing_code(hub.engine, hub.household_id))
    assert closing.outcome() is True
    with pytest.raises(HouseholdClosed):
        issued.outcome()
    state = case_state(hub.engine, hub.household_id)
    assert state is not None and state.closed_at is not None
    assert row_counts(hub.engine)["pairing_codes"] == 0


def _push(phone: HubDevice) -> httpx.Response:
    return phone.push([record("pushed-while-closing", collection="chores")])


def test_a_case_closed_while_a_phone_pushes_closes_and_the_push_is_kept(
    hub: RunningHub, pair: Callable[[RunningHub], HubDevice], monkeypatch: pytest.MonkeyPatch
) -> None:
    phone = pair(hub)
    pushing = Paused(monkeypatch, sync, "spend_nonce")
    pushed = Running(lambda: _push(phone))
    closing = crossing(hub.engine, pushing, lambda: _close(hub))
    assert phone.statuses(pushed.outcome()) == ["stored"]
    assert closing.outcome() is True
    assert _live_devices(hub) == []


def test_a_phone_pushing_while_its_case_is_being_closed_is_told_it_was_removed(
    hub: RunningHub, pair: Callable[[RunningHub], HubDevice], monkeypatch: pytest.MonkeyPatch
) -> None:
    phone = pair(hub)
    before = row_counts(hub.engine)
    closing_first = Paused(monkeypatch, retention, "lock_household")
    closing = Running(lambda: _close(hub))
    pushed = crossing(hub.engine, closing_first, lambda: _push(phone))
    assert closing.outcome() is True
    answer = pushed.outcome()
    assert answer.status_code == 403 and answer.json()["error"] == "revoked", answer.text
    assert row_counts(hub.engine)["records"] == before["records"]
