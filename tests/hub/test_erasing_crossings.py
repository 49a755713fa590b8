"""Changing a household while its records are being erased, on both databases.

An erasure leaves nothing of the household but its bare row and one audit line: a retention
period set, an allocation made or a worker's opening logged at the same moment must not
survive it. Each test stops the erasure inside its transaction, under the household's lock,
runs the other change, and lets the erasure go once the change waits for it (``race_kit``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.hub.admin import add_worker
from app.hub.casework import retention
from app.hub.casework.allocation import OPENED_HOUSEHOLD, allocate, note_opening
from app.hub.casework.retention import (
    HouseholdErased,
    case_state,
    close_household,
    erase_household,
    set_retention,
)
from app.hub.db import access_log, allocations
from tests.hub.race_kit import Paused, Running, crossing
from tests.hubkit import RunningHub

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PASSWORD = "a long worker password"


def _erasing(hub: RunningHub, monkeypatch: pytest.MonkeyPatch) -> tuple[Paused, Running[None]]:
    """Start erasing the closed Okafors, stopped once it has decided it may."""
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=40))
    set_retention(hub.engine, hub.household_id, 30)
    paused = Paused(monkeypatch, retention, "check_erasable")
    return paused, Running(lambda: erase_household(hub.engine, hub.household_id, NOW,
                                                   "homeward hub-admin erase-household"))


def _left(hub: RunningHub) -> dict[str, int]:
    with hub.engine.connect() as connection:
        return {table.name: connection.execute(
            select(func.count()).select_from(table)
            .where(table.c.household_id == hub.household_id)).scalar_one()
            for table in (allocations, access_log)}


def test_a_retention_period_set_while_the_records_are_erased_is_refused(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    paused, erasing = _erasing(hub, monkeypatch)
    setting = crossing(hub.engine, paused,
                       lambda: set_retention(hub.engine, hub.household_id, 3650))
    erasing.outcome()
    with pytest.raises(HouseholdErased):
        setting.outcome()
    state = case_state(hub.engine, hub.household_id)
    assert state is not None and state.erased_at is not None and state.retention_days == 30


def test_a_household_allocated_while_it_is_erased_is_refused_and_left_on_no_caseload(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    sam = add_worker(hub.engine, "Sam Jones", "sam", PASSWORD)
    paused, erasing = _erasing(hub, monkeypatch)
    allocating = crossing(hub.engine, paused,
                          lambda: allocate(hub.engine, hub.household_id, sam, NOW))
    erasing.outcome()
    with pytest.raises(HouseholdErased):
        allocating.outcome()
    assert _left(hub) == {"allocations": 0, "access_log": 0}


def test_a_worker_opening_a_household_while_it_is_erased_leaves_no_line_behind(
    hub: RunningHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya, NOW - timedelta(days=90))
    paused, erasing = _erasing(hub, monkeypatch)
    opening = crossing(hub.engine, paused, lambda: note_opening(
        hub.engine, priya, hub.household_id, OPENED_HOUSEHOLD, NOW))
    erasing.outcome()
    opening.outcome()  # nothing to say: she sees the household is gone on her next look
    assert _left(hub) == {"allocations": 0, "access_log": 0}


def test_a_closed_household_still_logs_its_openings_but_an_erased_one_takes_nothing(
    hub: RunningHub
) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya, NOW - timedelta(days=90))
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=40))
    note_opening(hub.engine, priya, hub.household_id, OPENED_HOUSEHOLD, NOW)
    assert _left(hub) == {"allocations": 1, "access_log": 1}  # its records are still read
    set_retention(hub.engine, hub.household_id, 30)
    erase_household(hub.engine, hub.household_id, NOW, "homeward hub-admin erase-household")
    with pytest.raises(HouseholdErased):
        allocate(hub.engine, hub.household_id, priya, NOW)
    note_opening(hub.engine, priya, hub.household_id, OPENED_HOUSEHOLD, NOW)
    assert _left(hub) == {"allocations": 0, "access_log": 0}
