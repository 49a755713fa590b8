"""A family whose case was closed and who is referred again: the agency opens the same case
again, and the family's phone (removed when the case closed) connects to it with a new code,
keeping everything on it. A new household for the same family still refuses the phone, and
the hub says why.

Each test runs against a hub on SQLite and one on a real PostgreSQL server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.checkins import Feeling
from app.hub.admin import issue_pairing_code, list_devices, register_household
from app.hub.caseload import caseload
from app.hub.casework.retention import NotClosed, close_household, erase_household, set_retention
from app.hub.db import households
from app.services.checkins import checkins_for
from app.sync.catalogue import STATE
from app.sync.client import HubRefused
from app.sync.pairing import PairingFailed
from tests.hub.device_kit import hub_records
from tests.hubkit import RunningHub, allocated_worker, key_check
from tests.sync.household_devices import Device, first_device


def _closed_long_ago(phone: Device, hub: RunningHub) -> None:
    """The case closed 200 days ago, to be kept 30: its records could be erased today."""
    close_household(hub.engine, hub.household_id, datetime.now(UTC) - timedelta(days=200))
    set_retention(hub.engine, hub.household_id, 30)
    assert phone.sync().sync_now().problem == "revoked"


def test_a_phone_of_a_closed_case_connects_again_once_the_case_is_reopened(
    hub: RunningHub, tmp_path: Path
) -> None:
    """The Taylors' phone keeps what was written while the case was closed; after the agency
    opens the case again it connects with a code for the same household, sends it, and the
    household at the agency holds both episodes."""
    from app.hub.casework.retention import reopen_household

    worker = allocated_worker(hub)
    phone = first_device(tmp_path / "phone", hub)
    first_episode = hub_records(hub.engine, hub.household_id)
    assert first_episode
    _closed_long_ago(phone, hub)
    made = checkins_for(phone.household).record(phone.person("Mia"), Feeling.CALM, 2)
    on_phone = phone.sync().status().waiting
    assert on_phone

    reopen_household(hub.engine, hub.household_id, datetime.now(UTC), "test")
    with pytest.raises(NotClosed):  # the clock set at closing no longer runs
        erase_household(hub.engine, hub.household_id, datetime.now(UTC), "test")
    back = caseload(hub.engine, datetime.now(UTC), allocated_to=worker)
    assert [entry.household_id for entry in back] == [hub.household_id]
    code = issue_pairing_code(hub.engine, hub.household_id).code
    status = phone.sync().pair(phone.person("Jo"), hub.url, code,
                               agency_key_check=key_check(hub.engine))
    assert status.paired and status.problem is None, status
    phone.sync_now()

    assert phone.sync().status().waiting == 0
    now_held = hub_records(hub.engine, hub.household_id)
    assert set(first_episode) < set(now_held)
    assert ("checkins", made.id) in now_held  # written while the case was closed
    assert phone.store.find(STATE)[0]["household_id"] == hub.household_id
    paired = list_devices(hub.engine, hub.household_id)
    assert len(paired) == 2 and sum(d.revoked_at is None for d in paired) == 1


def test_a_new_household_for_a_closed_cases_phone_is_refused_with_the_way_back(
    hub: RunningHub, tmp_path: Path
) -> None:
    """A family referred again must not have its phone feed a second household: the code for
    a new household is refused, left unspent, and the hub says to open the old case again."""
    phone = first_device(tmp_path / "phone", hub)
    _closed_long_ago(phone, hub)
    again = register_household(hub.engine, "The Taylor household (referred again)")
    code = issue_pairing_code(hub.engine, again).code
    with pytest.raises(PairingFailed) as refused:
        phone.sync().pair(phone.person("Jo"), hub.url, code,
                          agency_key_check=key_check(hub.engine))
    assert refused.value.reason == "other_household"
    cause = refused.value.__cause__
    assert isinstance(cause, HubRefused) and cause.status == 409
    assert "case was closed" in cause.detail and "hub-admin reopen" in cause.detail
    assert hub_records(hub.engine, again) == {}
    with hub.engine.connect() as connection:
        closed = connection.execute(select(households.c.closed_at).where(
            households.c.id == hub.household_id)).scalar_one()
    assert closed is not None


def test_a_phone_given_an_open_households_code_is_not_told_to_reopen_anything(
    hub: RunningHub, tmp_path: Path
) -> None:
    """A phone of an open case given another family's code is refused as before."""
    from app.hub.admin import revoke_device

    phone = first_device(tmp_path / "phone", hub)
    revoke_device(hub.engine, phone.store.find(STATE)[0]["device_id"])
    assert phone.sync().sync_now().problem == "revoked"
    other = register_household(hub.engine, "The Patel household")
    with pytest.raises(PairingFailed) as refused:
        phone.sync().pair(phone.person("Jo"), hub.url, issue_pairing_code(hub.engine, other).code,
                          agency_key_check=key_check(hub.engine))
    cause = refused.value.__cause__
    assert isinstance(cause, HubRefused) and "reopen" not in cause.detail
