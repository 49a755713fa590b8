"""A new person named like someone already in the household, at the hub (raw devices over HTTP,
SQLite and PostgreSQL): a conflict, filed for the worker and not stored yet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hub_device import HubDevice, record

from app.hub import conflict_queue
from tests.hubkit import RunningHub

Pair = Callable[[RunningHub], HubDevice]
ADDED_AT = "2026-11-20T10:00:00+00:00"


def _child(member_id: str, name: str, revision: int = 1, *,
           removed: bool = False) -> dict[str, Any]:
    body = {"id": member_id, "name": name, "role": "child", "avatar": "fox", "age": 5,
            "created_at": ADDED_AT, "removed_at": ADDED_AT if removed else None,
            "removed_by": "jo" if removed else None}
    return record(member_id, revision, collection="members", body=body,
                  hlc=f"{1_700_000_000_000 + revision:013d}-0000-dev")


def _held_ids(device: HubDevice) -> set[str]:
    pulled, _ = device.pull_all()
    return {r["id"] for r in pulled if r["collection"] == "members"}


def test_a_second_ella_from_another_device_is_a_conflict_and_not_stored(
    hub: RunningHub, pair: Pair
) -> None:
    phone, tablet = pair(hub), pair(hub)
    assert phone.statuses(phone.push([_child("ella-phone", "Ella")])) == ["stored"]
    answer = tablet.push([_child("ella-tablet", " ELLA ")])
    assert answer.json()["results"] == [
        {"id": "ella-tablet", "revision": 1, "status": "conflict", "current_revision": 0}]
    assert _held_ids(tablet) == {"ella-phone"}
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert crossed.record_id == "ella-tablet" and crossed.body is not None
    # Sent again (the answer was lost): still one conflict waiting.
    assert tablet.statuses(tablet.push([_child("ella-tablet", " ELLA ")])) == ["conflict"]
    assert len(conflict_queue.list_conflicts(hub.engine, hub.household_id)) == 1


def test_two_ellas_new_in_one_push_cross_too(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    answer = phone.push([_child("ella-1", "Ella"), _child("ella-2", "Еlla")])  # Cyrillic "Е"
    assert phone.statuses(answer) == ["stored", "conflict"]


def test_a_name_taken_off_or_changed_is_free_again(hub: RunningHub, pair: Pair) -> None:
    phone, tablet = pair(hub), pair(hub)
    assert phone.statuses(phone.push([_child("ella-old", "Ella")])) == ["stored"]
    assert phone.statuses(phone.push([_child("ella-old", "Ella", 2, removed=True)])) == [
        "stored"]
    assert tablet.statuses(tablet.push([_child("ella-new", "Ella")])) == ["stored"]
    assert phone.statuses(phone.push([_child("ella-new", "Ellie", 2)])) == ["stored"]
    assert tablet.statuses(tablet.push([_child("ella-3", "ella")])) == ["stored"]
    # Someone already held keeps their name when their record changes.
    assert tablet.statuses(tablet.push([_child("ella-3", "Ella", 2)])) == ["stored"]
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
