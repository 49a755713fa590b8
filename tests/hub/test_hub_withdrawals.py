"""Only what a family may take back can be taken back at the hub.

A withdrawal is a diary entry made private again; a tombstone is a thing a device really
removes (a shown thing a child took back from their Three Houses). Anything else, and above all
a child's safety alert, is refused on its own and the hub keeps it exactly as it was: a paired
device, whoever holds it, can never erase what a child said (rule 1).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from hub_device import HubDevice, record
from sqlalchemy import select

from app.hub.db import records
from tests.hubkit import RunningHub

Pair = Callable[[RunningHub], HubDevice]
SEALED = "c2VhbGVkIGZvciB0aGUgd29ya2Vy"


def _stamp() -> str:
    return f"{int(time.time() * 1000):013d}-0000-a1b2c3d4"


def _answers(phone: HubDevice, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    answer = phone.push(batch)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["results"])


def _kept(collection: str) -> dict[str, Any]:
    if collection in ("worker_messages", "houses_for_worker"):
        return record("kept", collection=collection, body=None, sealed_body=SEALED,
                      hlc=_stamp())
    return record("kept", collection=collection, urgent=collection == "safety_alerts",
                  hlc=_stamp())


def _row(hub: RunningHub) -> Any:
    with hub.engine.connect() as connection:
        return connection.execute(
            select(records.c.revision, records.c.deleted, records.c.body, records.c.withdrawn_at)
            .where(records.c.record_id == "kept")).one()


@pytest.mark.parametrize("collection", [
    "safety_alerts", "safety_alerts_seen", "checkins", "safety_ratings", "worker_messages",
    "houses_for_worker", "members",
])
@pytest.mark.parametrize(("change", "reason"), [
    ({"withdrawn": True, "deleted": True}, "not_withdrawable"),
    ({"deleted": True}, "not_deletable"),
])
@pytest.mark.parametrize("revision", [1, 2])
def test_a_record_that_is_never_taken_back_cannot_be_erased_by_a_device(
    hub: RunningHub, pair: Pair, collection: str, change: dict[str, object], reason: str,
    revision: int,
) -> None:
    phone, tablet = pair(hub), pair(hub)
    assert [a["status"] for a in _answers(phone, [_kept(collection)])] == ["stored"]
    before = _row(hub)
    _cursor_records, cursor = tablet.pull_all()
    erase = {**record("kept", revision, collection=collection, hlc=_stamp()), **change,
             "body": None, "sealed_body": None}
    answers = _answers(phone, [erase])
    assert answers[0]["status"] == "refused" and answers[0]["reason"] == reason
    assert answers[0]["detail"]
    after = _row(hub)
    assert after == before and not after.deleted and after.body is not None
    assert after.withdrawn_at is None
    # No other device hears of it either.
    pulled, _ = tablet.pull_all(cursor)
    assert pulled == []


def test_a_diary_withdrawal_and_a_taken_back_thing_are_still_honoured(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    diary = record("entry", collection="diary_entries", hlc=_stamp(),
                   body={"id": "entry", "sharing": "worker", "went_well": "Story time"})
    shown = record("shown", collection="house_items", hlc=_stamp(),
                   body={"id": "shown", "words": "My bike"})
    assert [a["status"] for a in _answers(phone, [diary, shown])] == ["stored", "stored"]
    gone = [
        {**record("entry", 2, collection="diary_entries", hlc=_stamp()), "body": None,
         "deleted": True, "withdrawn": True},
        {**record("shown", 2, collection="house_items", hlc=_stamp()), "body": None,
         "deleted": True},
    ]
    assert [a["status"] for a in _answers(phone, gone)] == ["stored", "stored"]
    with hub.engine.connect() as connection:
        rows = {r.record_id: r for r in connection.execute(select(
            records.c.record_id, records.c.deleted, records.c.body, records.c.withdrawn_at))}
    assert rows["entry"].deleted and rows["entry"].body is None and rows["entry"].withdrawn_at
    assert rows["shown"].deleted and rows["shown"].body is None
