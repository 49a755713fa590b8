"""A record id names one kind of record at the hub, for good, and a child's words are kept once.

A push that names another kind (collection) for a record the hub holds is refused: otherwise
a paired device could turn a child's safety alert, check-in or sealed message into a diary
withdrawal or a taken-back thing and erase it, or overwrite it with other words (rules 1, 2
and 8). A withdrawal sent first, for an id the hub has not heard of yet, never swallows the
child's record that later arrives under that id. And a shared diary entry is taken back only
by the parent who wrote it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from hub_device import HubDevice, record
from sqlalchemy import select

from app.hub.db import records
from app.hub.worker.household.data import HouseholdRecords, household_records
from tests.hubkit import RunningHub

Pair = Callable[[RunningHub], HubDevice]
SEALED = "c2VhbGVkIGZvciB0aGUgd29ya2Vy"
CHILDS = ("safety_alerts", "checkins", "worker_messages")


def _stamp() -> str:
    return f"{int(time.time() * 1000):013d}-0000-a1b2c3d4"


def _childs(collection: str, record_id: str, revision: int = 1) -> dict[str, Any]:
    """What a child said, as the tablet pushes it."""
    if collection == "worker_messages":
        return record(record_id, revision, collection=collection, body=None,
                      sealed_body=SEALED, hlc=_stamp())
    return record(record_id, revision, collection=collection,
                  urgent=collection == "safety_alerts", hlc=_stamp(),
                  body={"id": record_id, "words": "I don't feel safe at home"})


def _answer(device: HubDevice, pushed: dict[str, Any]) -> dict[str, Any]:
    reply = device.push([pushed])
    assert reply.status_code == 200, reply.text
    return dict(reply.json()["results"][0])


def _row(hub: RunningHub, record_id: str) -> Any:
    with hub.engine.connect() as connection:
        return connection.execute(
            select(records.c.collection, records.c.revision, records.c.deleted,
                   records.c.body, records.c.withdrawn_at, records.c.author)
            .where(records.c.record_id == record_id)).one()


def _seen_at_agency(hub: RunningHub, collection: str) -> list[str]:
    """The ids of what the worker is shown of this kind."""
    found = household_records(hub.engine, hub.household_id)
    assert isinstance(found, HouseholdRecords)
    if collection == "worker_messages":
        return [message.record_id for message in found.sealed]
    if collection == "checkins":
        return [checkin.id for checkin in found.checkins]
    return [alert.id for alert in found.alerts]


FORGERIES = {
    "diary withdrawal": {"collection": "diary_entries", "revision": 1, "base_revision": 0,
                         "deleted": True, "withdrawn": True, "body": None},
    "taken-back thing": {"collection": "house_items", "revision": 2, "base_revision": 1,
                         "deleted": True, "body": None},
    "other kind": {"collection": "chores", "revision": 2, "base_revision": 1},
    "shared diary entry": {"collection": "diary_entries", "revision": 2, "base_revision": 1},
}


@pytest.mark.parametrize("collection", CHILDS)
@pytest.mark.parametrize("forged", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_push_naming_another_kind_never_touches_what_a_child_said(
    hub: RunningHub, pair: Pair, collection: str, forged: dict[str, Any]
) -> None:
    tablet, phone = pair(hub), pair(hub)
    assert _answer(tablet, _childs(collection, "a1"))["status"] == "stored"
    before = _row(hub, "a1")
    erase = {**record("a1", hlc=_stamp()), **forged}
    answer = _answer(phone, erase)
    assert (answer["status"], answer["reason"]) == ("refused", "collection_changed"), answer
    assert answer["detail"]
    assert _row(hub, "a1") == before
    assert _seen_at_agency(hub, collection) == ["a1"]


@pytest.mark.parametrize("collection", ["safety_alerts", "checkins"])
def test_a_childs_record_is_never_overwritten_with_other_words(
    hub: RunningHub, pair: Pair, collection: str
) -> None:
    tablet, phone = pair(hub), pair(hub)
    first = _childs(collection, "a1")
    assert _answer(tablet, first)["status"] == "stored"
    before = _row(hub, "a1")
    changed = {**_childs(collection, "a1", 2), "body": {"id": "a1", "words": "ok"}}
    answer = _answer(phone, changed)
    assert (answer["status"], answer["reason"]) == ("refused", "written_once"), answer
    assert _row(hub, "a1") == before
    # The tablet sending its alert again (it never heard the answer) is still a repeat.
    assert _answer(tablet, first)["status"] == "duplicate"


SENT_FIRST = {
    "diary withdrawal": {"collection": "diary_entries", "withdrawn": True},
    "taken-back thing": {"collection": "house_items"},
}


@pytest.mark.parametrize("collection", CHILDS)
@pytest.mark.parametrize("tombstone", SENT_FIRST.values(), ids=SENT_FIRST.keys())
def test_a_withdrawal_sent_first_never_swallows_what_a_child_said(
    hub: RunningHub, pair: Pair, collection: str, tombstone: dict[str, Any]
) -> None:
    tablet, phone = pair(hub), pair(hub)
    forged = {**record("a2", hlc=_stamp()), **tombstone, "deleted": True, "body": None}
    assert _answer(phone, forged)["status"] == "stored"
    childs = _childs(collection, "a2")
    assert _answer(tablet, childs)["status"] == "stored"
    row = _row(hub, "a2")
    assert (row.collection, row.deleted, row.withdrawn_at) == (collection, False, None)
    assert _seen_at_agency(hub, collection) == ["a2"]
    # Sent again (the answer was lost), it is a repeat; withdrawn again, it is refused.
    assert _answer(tablet, childs)["status"] == "duplicate"
    assert _answer(phone, {**forged, "revision": 3, "base_revision": 2})["reason"] \
        == "collection_changed"
    assert _seen_at_agency(hub, collection) == ["a2"]


def test_a_shared_diary_entry_is_taken_back_only_by_who_wrote_it(
    hub: RunningHub, pair: Pair
) -> None:
    phone, tablet = pair(hub), pair(hub)
    people = [record(person, collection="members", hlc=_stamp(),
                     body={"id": person, "name": name, "role": "parent"})
              for person, name in (("jo", "Jo"), ("sam", "Sam"))]
    assert {a["status"] for a in phone.push(people).json()["results"]} == {"stored"}
    shared = record("entry", collection="diary_entries", author="jo", hlc=_stamp(),
                    body={"id": "entry", "sharing": "worker", "went_well": "Story time"})
    assert _answer(phone, shared)["status"] == "stored"
    take_back = {**record("entry", 2, collection="diary_entries", hlc=_stamp()),
                 "deleted": True, "withdrawn": True, "body": None}
    for someone_else in ("sam", None):
        answer = _answer(tablet, {**take_back, "author": someone_else})
        assert (answer["status"], answer["reason"]) == ("refused", "not_the_author"), answer
        assert _row(hub, "entry").withdrawn_at is None
    assert _answer(phone, {**take_back, "author": "jo"})["status"] == "stored"
    row = _row(hub, "entry")
    assert row.withdrawn_at is not None and row.body is None and row.author == "jo"
