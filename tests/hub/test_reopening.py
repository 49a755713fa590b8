"""Opening a closed case again, on SQLite and PostgreSQL: what closing did is undone where it
must be (the caseload, the retention clock, new pairing codes), never where it must not (the
removed devices stay removed, the records of the first episode stay), and a household that is
open or erased is refused with nothing changed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.hub.admin import UnknownHousehold, issue_pairing_code, list_devices
from app.hub.caseload import caseload
from app.hub.casework.retention import (
    AlreadyOpen,
    HouseholdErased,
    NotClosed,
    case_state,
    check_erasable,
    close_household,
    erase_household,
    reopen_household,
    set_retention,
)
from app.hub.db import audit_log
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub, allocated_worker, row_counts

NOW = datetime.now(UTC).replace(microsecond=0)
COMMAND = "homeward hub-admin reopen-household X"


def test_a_reopened_case_is_on_the_caseload_again_with_its_first_episode_kept(
    hub: RunningHub
) -> None:
    worker = allocated_worker(hub)
    home = Family(hub, hub.household_id, NOW)
    home.checkin("x", NOW - timedelta(days=300))
    held = row_counts(hub.engine)["records"]
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=200))
    assert caseload(hub.engine, NOW, allocated_to=worker) == []

    reopen_household(hub.engine, hub.household_id, NOW, COMMAND)

    back = caseload(hub.engine, NOW, allocated_to=worker)
    assert [entry.household_id for entry in back] == [hub.household_id]
    assert row_counts(hub.engine)["records"] == held
    assert all(d.revoked_at is not None for d in list_devices(hub.engine, hub.household_id))
    assert home.phone.push([{"id": "late", "collection": "checkins"}]).status_code == 403
    assert issue_pairing_code(hub.engine, hub.household_id).expires_at > NOW
    with hub.engine.connect() as connection:
        lines = connection.execute(select(audit_log)).all()
    # closing's date is gone from the household's row, so the audit line keeps it
    assert [(line.household_id, line.at) for line in lines] == [(hub.household_id, NOW)]
    assert COMMAND in lines[0].command
    assert (NOW - timedelta(days=200)).date().isoformat() in lines[0].command


def test_the_retention_clock_set_at_closing_stops_and_starts_again_at_the_next_closing(
    hub: RunningHub
) -> None:
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=200))
    set_retention(hub.engine, hub.household_id, 30)
    reopen_household(hub.engine, hub.household_id, NOW - timedelta(days=10), COMMAND)
    state = case_state(hub.engine, hub.household_id)
    assert state is not None and state.keep_until is None and state.retention_days == 30
    with pytest.raises(NotClosed):
        erase_household(hub.engine, hub.household_id, NOW, "test")
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=5))
    state = case_state(hub.engine, hub.household_id)
    assert state is not None and state.keep_until == NOW + timedelta(days=25)


def test_reopening_an_open_erased_or_unknown_household_is_refused_and_changes_nothing(
    hub: RunningHub
) -> None:
    Family(hub, hub.household_id, NOW).checkin("x", NOW - timedelta(days=1))
    before = row_counts(hub.engine), case_state(hub.engine, hub.household_id)
    with pytest.raises(AlreadyOpen):
        reopen_household(hub.engine, hub.household_id, NOW, COMMAND)
    with pytest.raises(UnknownHousehold):
        reopen_household(hub.engine, "no-such-household", NOW, COMMAND)
    assert (row_counts(hub.engine), case_state(hub.engine, hub.household_id)) == before
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=40))
    set_retention(hub.engine, hub.household_id, 30)
    state = case_state(hub.engine, hub.household_id)
    assert state is not None
    check_erasable(state, NOW)
    erase_household(hub.engine, hub.household_id, NOW, "erase")
    erased = row_counts(hub.engine), case_state(hub.engine, hub.household_id)
    with pytest.raises(HouseholdErased):
        reopen_household(hub.engine, hub.household_id, NOW, COMMAND)
    assert (row_counts(hub.engine), case_state(hub.engine, hub.household_id)) == erased
