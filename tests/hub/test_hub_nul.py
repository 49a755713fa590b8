"""A "\\u0000" in a record's body never stops a worker's caseload (rule 1).

PostgreSQL's JSON refuses the escape for a NUL character, and the caseload reads ritual marks'
fields in SQL: one such mark anywhere at the agency once stopped every worker's caseload,
hiding a child's alert from minutes before. So the hub refuses such a body as ``malformed``
(on its own: the rest of the batch is stored), and the caseload reads a row stored before it
did so (or a sealed row in a kind that is never sealed) without stopping for anyone.

Every record reaches the hub through the real protocol and is read back from SQLite and from
PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update

from app.hub.admin import add_worker, register_household
from app.hub.caseload import ONCE_EACH, RITUAL_DONE, caseload, caseload_homes
from app.hub.casework.allocation import allocate
from app.hub.casework.this_week import counted_since
from app.hub.db import records
from app.hub.revisions import compact_json
from tests.hub.hub_device import record
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub

NOW = datetime.now(UTC).replace(microsecond=0)
WEEK = timedelta(days=7)


def _mark(ritual: str, **more: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "ritual_id": ritual, "day": NOW.date().isoformat(),
            "by": "tolu", "at": iso(NOW), **more}


def _sent(body: dict[str, Any]) -> dict[str, Any]:
    stamp = int(NOW.timestamp() * 1000)
    return record(body["id"], collection=RITUAL_DONE, body=body, hlc=f"{stamp:013d}-0000-phone")


def test_a_nul_in_a_body_is_refused_on_its_own_and_the_rest_is_stored(hub: RunningHub) -> None:
    okafors = Family(hub, hub.household_id, NOW)
    bodies = [
        _mark("bedtime", note="\u0000"),
        _mark("bed\u0000time"),
        _mark("bedtime", notes={"a\u0000": 1}),
        _mark("bedtime", said=["fine", {"deep": "x\u0000y"}]),
        _mark("film night", note="a backslash then u0000: \\u0000"),  # only looks like one
        _mark("story"),
    ]
    answer = okafors.phone.push([_sent(body) for body in bodies])
    assert okafors.phone.statuses(answer) == ["refused"] * 4 + ["stored"] * 2
    assert {result.get("reason") for result in answer.json()["results"][:4]} == {"malformed"}
    homes = caseload_homes()
    counted = counted_since(hub.engine, homes, NOW - WEEK, [RITUAL_DONE], ONCE_EACH)
    assert counted == {hub.household_id: {RITUAL_DONE: 2}}


def test_a_body_stored_with_a_nul_never_stops_any_workers_caseload(hub: RunningHub) -> None:
    priya = add_worker(hub.engine, "Priya", "priya", "a long worker password")
    allocate(hub.engine, hub.household_id, priya, NOW)
    okafors = Family(hub, hub.household_id, NOW)
    okafors.checkin("tolu", NOW - timedelta(hours=1))
    okafors.push(RITUAL_DONE, _mark("story"))
    browns_id = register_household(hub.engine, "The Brown household")  # not Priya's
    browns = Family(hub, browns_id, NOW)
    # Rows as a hub stored them before it refused a NUL, and a sealed row in a kind that is
    # never sealed (bytes that are not even UTF-8).
    stored = {
        browns.push(RITUAL_DONE, _mark("film night")): compact_json(_mark("x", note="\u0000")),
        browns.push(RITUAL_DONE, _mark("bath")): compact_json(_mark("bed\u0000time")),
        browns.push(RITUAL_DONE, _mark("walk")): compact_json({"id": "k", "a\u0000": 1}),
        okafors.push(RITUAL_DONE, _mark("song")): compact_json(_mark("y", note="\u0000")),
    }
    sealed = browns.push(RITUAL_DONE, _mark("swim"))
    with hub.engine.begin() as connection:
        for record_id, body in stored.items():
            connection.execute(update(records).where(records.c.record_id == record_id)
                               .values(body=body))
        connection.execute(update(records).where(records.c.record_id == sealed)
                           .values(body=b"\xff\xfe\x00 sealed", sealed=True))
    browns.push(RITUAL_DONE, _mark("tea"))
    assert [entry.name for entry in caseload(hub.engine, NOW, allocated_to=priya)] == [
        "The Okafor household"]
    assert sorted(entry.name for entry in caseload(hub.engine, NOW)) == [
        "The Brown household", "The Okafor household"]
    counted = counted_since(hub.engine, caseload_homes(), NOW - WEEK, [RITUAL_DONE], ONCE_EACH)
    # The NUL is read as a character that stands for one the hub cannot hold: the marks
    # still count, each once, as the family's pages count them.
    assert counted == {hub.household_id: {RITUAL_DONE: 2}, browns_id: {RITUAL_DONE: 3}}
