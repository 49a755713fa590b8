"""The last parent and a same-name person crossing in one push (raw devices over HTTP, SQLite
and PostgreSQL): a new parent the hub files for the worker, and does not store, is no parent
who stays, so taking off the household's last parent is still a conflict and she is kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hub_device import HubDevice, record
from sqlalchemy import select

from app.hub import conflict_queue
from app.hub.db import records
from tests.hubkit import RunningHub

Pair = Callable[[RunningHub], HubDevice]
AT = "2026-11-20T10:00:00+00:00"


def _person(member_id: str, name: str, role: str, revision: int = 1, *,
            removed: bool = False) -> dict[str, Any]:
    body = {"id": member_id, "name": name, "role": role, "avatar": "fox",
            "age": 9 if role == "child" else None, "created_at": AT,
            "removed_at": AT if removed else None, "removed_by": "sam-dad" if removed else None}
    return record(member_id, revision, collection="members", body=body,
                  hlc=f"{1_700_000_000_000 + revision:013d}-0000-dev")


def _active_parents(hub: RunningHub) -> list[str]:
    """The parents the hub holds who are still in the household."""
    with hub.engine.connect() as connection:
        rows = connection.execute(select(records.c.record_id, records.c.body).where(
            records.c.household_id == hub.household_id, records.c.collection == "members"))
        bodies = {row.record_id: json.loads(bytes(row.body)) for row in rows
                  if row.body is not None}
    return sorted(rid for rid, body in bodies.items()
                  if body.get("role") == "parent" and body.get("removed_at") is None)


@pytest.mark.parametrize("dad_first", [True, False], ids=["dad-first", "jo-first"])
def test_a_same_name_parent_waiting_for_the_worker_does_not_let_the_last_parent_go(
    hub: RunningHub, pair: Pair, dad_first: bool
) -> None:
    """The tablet added the Taylors' son Sam (9). Offline, the phone (which has not seen him)
    adds his dad, also Sam, as a parent, and the dad takes Jo off. The hub files the dad as a
    same-name conflict and does not store him, so he is no parent who stays: Jo's removal is
    the last-parent conflict too, whichever comes first in the push, and Jo is kept."""
    tablet, phone = pair(hub), pair(hub)
    assert tablet.statuses(tablet.push([_person("jo", "Jo", "parent"),
                                        _person("sam-son", "Sam", "child")])) == [
        "stored", "stored"]
    dad, jo_off = _person("sam-dad", "Sam", "parent"), _person("jo", "Jo", "parent", 2,
                                                                removed=True)
    answer = phone.push([dad, jo_off] if dad_first else [jo_off, dad])

    assert phone.statuses(answer) == ["conflict", "conflict"]
    assert _active_parents(hub) == ["jo"]
    pulled, _ = phone.pull_all()  # written again, so the phone takes Jo back
    [jo] = [r for r in pulled if r["id"] == "jo"]
    assert (jo["revision"], jo["body"]["removed_at"]) == (2, None)
    crossed = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert sorted(c.record_id for c in crossed) == ["jo", "sam-dad"]


def test_a_parent_added_earlier_in_the_push_still_lets_the_other_go(
    hub: RunningHub, pair: Pair
) -> None:
    """A new parent the hub does store earlier in the same push stays: Jo may be taken off."""
    tablet, phone = pair(hub), pair(hub)
    assert tablet.statuses(tablet.push([_person("jo", "Jo", "parent"),
                                        _person("sam-son", "Sam", "child")])) == [
        "stored", "stored"]
    answer = phone.push([_person("alex", "Alex", "parent"),
                         _person("jo", "Jo", "parent", 2, removed=True)])
    assert phone.statuses(answer) == ["stored", "stored"]
    assert _active_parents(hub) == ["alex"]
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
