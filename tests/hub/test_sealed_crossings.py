"""Sealed words that cross never stop a worker's tab, and are never read as a family's document.

Only the kinds a device seals (a message just for the worker, what a child keeps for the
worker in their Three Houses) travel as ``sealed_body``, and only sealed: anything else is
refused on its own as ``malformed``. Two sealed versions of one record that cross are filed
sealed, listed without their words, and settled by keeping one of them still sealed (rules 2
and 7). A conflict filed by an older hub whose body is not JSON is listed as unreadable,
never a crash. Read back from SQLite and from PostgreSQL.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, update

from app.hub.admin import add_worker
from app.hub.casework.allocation import allocate
from app.hub.casework.export import household_export
from app.hub.conflict_queue import NothingReadable, list_conflicts, resolve_conflict
from app.hub.db import conflicts, records
from tests.hub.hub_device import HubDevice, record
from tests.hubkit import RunningHub

NOW = datetime.now(UTC).replace(microsecond=0)
CHORE = {"id": "chore-1", "name": "Feed the cat"}


def _sealed(record_id: str, words: bytes, collection: str = "houses_for_worker",
            **more: Any) -> dict[str, Any]:
    return record(record_id, collection=collection, body=None,
                  sealed_body=base64.b64encode(words).decode(), **more)


def _worker(hub: RunningHub) -> int:
    worker = add_worker(hub.engine, "Priya", "priya", "a long worker password")
    allocate(hub.engine, hub.household_id, worker, NOW)
    return worker


def test_sealed_words_travel_only_in_the_kinds_a_device_seals(
        hub: RunningHub, pair: Callable[[RunningHub], HubDevice]) -> None:
    phone = pair(hub)
    assert phone.statuses(phone.push([record("chore-1", collection="chores", body=CHORE)])) == [
        "stored"]
    answer = phone.push([
        _sealed("chore-1", b"\xde\xad\xbe\xef", collection="chores", revision=2),
        record("msg-1", collection="worker_messages", body={"id": "msg-1", "text": "hi"}),
        _sealed("msg-2", b"\x01 sealed for the worker", collection="worker_messages"),
    ])
    assert phone.statuses(answer) == ["refused", "refused", "stored"]
    assert [r.get("reason") for r in answer.json()["results"][:2]] == ["malformed"] * 2
    assert list_conflicts(hub.engine, hub.household_id) == []


def test_two_sealed_versions_that_cross_are_filed_sealed_and_settled_sealed(
        hub: RunningHub, pair: Callable[[RunningHub], HubDevice]) -> None:
    worker = _worker(hub)
    tablet, phone = pair(hub), pair(hub)
    assert tablet.statuses(tablet.push([_sealed("kept-1", b"\xff\xfe from the tablet")])) == [
        "stored"]
    assert phone.statuses(phone.push([_sealed("kept-1", b"\xff\xfd from the phone")])) == [
        "conflict"]
    [crossing] = list_conflicts(hub.engine, hub.household_id)
    assert crossing.sealed and crossing.body is None and crossing.readable
    exported = household_export(hub.engine, hub.household_id, NOW, for_the_family=False)
    [filed] = exported["conflicts"]
    assert base64.b64decode(filed["sealed_body"]) == b"\xff\xfd from the phone"
    assert "body" not in filed
    resolve_conflict(hub.engine, crossing.id, keep="device", worker_id=worker, now=NOW)
    with hub.engine.connect() as connection:
        kept = connection.execute(select(records.c.sealed, records.c.body, records.c.revision)
                                  .where(records.c.record_id == "kept-1")).one()
    assert (kept.sealed, bytes(kept.body), kept.revision) == (
        True, b"\xff\xfd from the phone", 2)
    assert list_conflicts(hub.engine, hub.household_id) == []


def test_a_conflict_whose_body_is_not_json_is_listed_unreadable(
        hub: RunningHub, pair: Callable[[RunningHub], HubDevice]) -> None:
    worker = _worker(hub)
    tablet, phone = pair(hub), pair(hub)
    tablet.push([record("chore-1", collection="chores", body=CHORE)])
    answer = phone.push([record("chore-1", collection="chores", body={**CHORE, "name": "Cat"})])
    assert phone.statuses(answer) == ["conflict"]
    with hub.engine.begin() as connection:  # as an older hub filed ciphertext sent as a chore
        connection.execute(update(conflicts).values(body=b"\xde\xad\xbe\xef"))
    [crossing] = list_conflicts(hub.engine, hub.household_id)
    assert not crossing.readable and crossing.body is None and not crossing.sealed
    with pytest.raises(NothingReadable):
        resolve_conflict(hub.engine, crossing.id, keep="device", worker_id=worker, now=NOW)
    resolve_conflict(hub.engine, crossing.id, keep="hub", worker_id=worker, now=NOW)
    assert list_conflicts(hub.engine, hub.household_id) == []
