"""Changing a household while its records are being erased, on both databases.

An erasure leaves nothing of the household but its bare row and one audit line: a retention
period set, an allocation made or a worker's opening logged at the same moment must not
survive it. Each test stops the erasure inside its transaction, under the household's lock,
runs the other change, and lets the erasure go once the change waits for it (``race_kit``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.hub.casework import retention
from app.hub.casework.retention import (
    HouseholdErased,
    case_state,
    close_household,
    erase_household,
    set_retention,
)
from tests.hub.race_kit import Paused, Running, crossing
from tests.hubkit import RunningHub

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _erasing(hub: RunningHub, monkeypatch: pytest.MonkeyPatch) -> tuple[Paused, Running[None]]:
    """Start erasing the closed Okafors, stopped once it has decided it may."""
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=40))
    set_retention(hub.engine, hub.household_id, 30)
    paused = Paused(monkeypatch, retention, "check_erasable")
    return paused, Running(lambda: erase_household(hub.engine, hub.household_id, NOW,
                                                   "homeward hub-admin erase-household"))


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

