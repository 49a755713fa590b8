"""A worker's change is written only while they may change the household, checked in the same
transaction as the write: allocated to them (or they are a manager), their account on and the
tab's session not ended, and the household neither closed nor erased.

On both databases, over a real hub.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from app.hub import sync
from app.hub.accounts.workers import disable_worker, reset_password
from app.hub.admin import add_worker, register_household
from app.hub.casework.allocation import Access, WriteRefused, allocate, deallocate
from app.hub.casework.retention import close_household, erase_household, set_retention
from app.hub.conflict_queue import list_conflicts, resolve_conflict
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub, row_counts

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PASSWORD = "a long worker password"


def _write(engine: Engine, household_id: str, worker_id: int, epoch: int | None = 0) -> int:
    return sync.write_as_worker(engine, household_id, collection="safety_plans",
                                record_id="family", body={"id": "family"}, shard=None,
                                worker_id=worker_id, now=NOW, epoch=epoch)


def _deallocated(engine: Engine, household_id: str, worker_id: int) -> None:
    deallocate(engine, household_id, worker_id)


def _switched_off(engine: Engine, household_id: str, worker_id: int) -> None:
    disable_worker(engine, "priya", NOW)


def _sessions_ended(engine: Engine, household_id: str, worker_id: int) -> None:
    reset_password(engine, "priya", "a brand new long password")


def _closed(engine: Engine, household_id: str, worker_id: int) -> None:
    close_household(engine, household_id, NOW - timedelta(days=1))


def _erased(engine: Engine, household_id: str, worker_id: int) -> None:
    close_household(engine, household_id, NOW - timedelta(days=40))
    set_retention(engine, household_id, 30)
    erase_household(engine, household_id, NOW, "erase-household")


SITUATIONS: dict[str, tuple[Callable[[Engine, str, int], None], Access]] = {
    "taken off her caseload": (_deallocated, Access.NOT_YOURS),
    "account switched off": (_switched_off, Access.NOT_YOURS),
    "sessions ended by a new password": (_sessions_ended, Access.NOT_YOURS),
    "household closed": (_closed, Access.CLOSED),
    "household erased": (_erased, Access.NOT_YOURS),
}


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_a_worker_who_may_no_longer_change_a_household_writes_nothing(
    hub: RunningHub, situation: str
) -> None:
    Family(hub, hub.household_id, NOW).checkin("tolu", NOW - timedelta(hours=1))
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya, NOW)
    assert _write(hub.engine, hub.household_id, priya) == 1  # hers: written
    make, refusal = SITUATIONS[situation]
    make(hub.engine, hub.household_id, priya)
    before = row_counts(hub.engine)
    with pytest.raises(WriteRefused) as refused:
        _write(hub.engine, hub.household_id, priya)
    assert refused.value.access is refusal
    assert row_counts(hub.engine) == before


def test_a_manager_changes_any_open_household_but_not_a_closed_one(hub: RunningHub) -> None:
    mo = add_worker(hub.engine, "Mo Lee", "mo", PASSWORD, manager=True)
    assert _write(hub.engine, hub.household_id, mo) == 1  # not allocated: a manager may
    with pytest.raises(WriteRefused) as unknown:
        _write(hub.engine, "no-such-household", mo)
    assert unknown.value.access is Access.MISSING
    other = register_household(hub.engine, "The Adams household")
    close_household(hub.engine, other, NOW)
    with pytest.raises(WriteRefused) as closed:
        _write(hub.engine, other, mo)
    assert closed.value.access is Access.CLOSED


def test_settling_an_edit_is_refused_once_the_household_is_taken_away(
    hub: RunningHub
) -> None:
    family = Family(hub, hub.household_id, NOW)
    family.push("chores", {"id": "c-1", "name": "Bins"}, record_id="c-1")
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya, NOW)
    sync.write_as_worker(hub.engine, hub.household_id, collection="chores", record_id="c-1",
                         body={"id": "c-1", "name": "Bins on Monday"}, shard=None,
                         worker_id=priya, now=NOW, epoch=0)
    family.push("chores", {"id": "c-1", "name": "Bins on Tuesday"}, record_id="c-1",
                revision=2, base_revision=1, expect="conflict")
    [conflict] = list_conflicts(hub.engine, hub.household_id)
    deallocate(hub.engine, hub.household_id, priya)
    before = row_counts(hub.engine)
    with pytest.raises(WriteRefused):
        resolve_conflict(hub.engine, conflict.id, keep="device", worker_id=priya, now=NOW,
                         epoch=0)
    assert row_counts(hub.engine) == before
    assert [c.id for c in list_conflicts(hub.engine, hub.household_id)] == [conflict.id]
