"""A visit reaches the hub only as made by the household's own worker.

A family's device records a visit under the worker the family added on it (a ``members``
record with the worker's role): that is who the agency's screens say made it. A visit that
names anyone else (a made-up id, a parent, another family's worker, or the agency's own
accounts, which only the hub writes as) is refused and nothing is kept. A worker since taken
off the household still made the visits they made: those are kept.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hub_device import HubDevice, record
from sqlalchemy import func, select

from app.domain.people import Avatar, Member, Role
from app.domain.programme.visits import Visit
from app.hub.accounts.workers import disable_worker
from app.hub.admin import add_worker, issue_pairing_code, register_household
from app.hub.db import records
from tests.hubkit import RunningHub, allocated_worker

Pair = Callable[[RunningHub], HubDevice]
AT = "2026-12-01T10:00:00+00:00"


def _stamp() -> str:
    return f"{int(time.time() * 1000):013d}-0000-phone"


def _member(member_id: str, name: str, role: Role, **changes: Any) -> dict[str, Any]:
    return {**Member(member_id, name, role, Avatar.WORKER, AT).to_json(), **changes}


def _sent(collection: str, body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return record(str(body["id"]), collection=collection, body=body, hlc=_stamp(), **fields)


def _visit(worker_id: str) -> dict[str, Any]:
    return Visit(str(uuid.uuid4()), worker_id, AT, ("ade",), ended_at=AT).to_json()


def _answers(phone: HubDevice, *sent: dict[str, Any]) -> list[dict[str, Any]]:
    answer = phone.push(list(sent))
    assert answer.status_code == 200, answer.text
    return [dict(result) for result in answer.json()["results"]]


def _visits_held(hub: RunningHub) -> int:
    with hub.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(records).where(
            records.c.collection == "visits")).scalar_one())


@pytest.fixture
def home(hub: RunningHub, pair: Pair) -> HubDevice:
    """The family's phone, with Ade (a parent) and Priya (their worker) already sent."""
    phone = pair(hub)
    answers = _answers(phone, _sent("members", _member("ade", "Ade", Role.PARENT)),
                       _sent("members", _member("priya", "Priya", Role.WORKER)))
    assert [a["status"] for a in answers] == ["stored", "stored"], answers
    return phone


def test_a_visit_by_the_households_worker_is_stored(hub: RunningHub, home: HubDevice) -> None:
    [answer] = _answers(home, _sent("visits", _visit("priya"), author="priya"))
    assert answer["status"] == "stored", answer
    assert _visits_held(hub) == 1


def test_a_visit_by_a_worker_sent_in_the_same_push_is_stored(
    hub: RunningHub, home: HubDevice
) -> None:
    sam = _member("sam-w", "Sam", Role.WORKER)
    answers = _answers(home, _sent("members", sam), _sent("visits", _visit("sam-w")))
    assert [a["status"] for a in answers] == ["stored", "stored"], answers


def test_a_visit_by_a_worker_since_taken_off_the_household_is_stored(
    hub: RunningHub, home: HubDevice
) -> None:
    """The visit was made while Priya was the family's worker; a later sync still brings it."""
    gone = _member("priya", "Priya", Role.WORKER, removed_at=AT, removed_by="ade",
                   updated_at=AT, updated_by="ade")
    [taken_off] = _answers(home, _sent("members", gone, revision=2, base_revision=1))
    assert taken_off["status"] == "stored", taken_off
    [answer] = _answers(home, _sent("visits", _visit("priya")))
    assert answer["status"] == "stored", answer


@pytest.mark.parametrize(("name", "worker"), [
    ("a made-up worker", "nobody-here"),
    ("a parent of the household", "ade"),
    ("no worker at all", ""),
])
def test_a_visit_by_someone_not_the_households_worker_is_refused(
    hub: RunningHub, home: HubDevice, name: str, worker: str
) -> None:
    [answer] = _answers(home, _sent("visits", _visit(worker)))
    assert (answer["status"], answer.get("reason")) == ("refused", "unknown_worker"), name
    assert answer["detail"] == "The visit's worker is not one of the household's workers."
    assert _visits_held(hub) == 0, name


def test_an_urgent_visit_by_a_made_up_worker_is_still_refused(
    hub: RunningHub, home: HubDevice
) -> None:
    [answer] = _answers(home, _sent("visits", _visit("nobody-here"), urgent=True))
    assert (answer["status"], answer.get("reason")) == ("refused", "unknown_worker")
    assert _visits_held(hub) == 0


def test_a_visit_by_another_households_worker_is_refused(
    hub: RunningHub, home: HubDevice
) -> None:
    other = register_household(hub.engine, "The Browns")
    theirs = HubDevice.pair(hub.url, issue_pairing_code(hub.engine, other).code)
    try:
        [kept] = _answers(theirs, _sent("members", _member("jo-w", "Jo", Role.WORKER)))
        assert kept["status"] == "stored", kept
    finally:
        theirs.client.close()
    [answer] = _answers(home, _sent("visits", _visit("jo-w")))
    assert (answer["status"], answer.get("reason")) == ("refused", "unknown_worker")
    assert _visits_held(hub) == 0


def _allocated(hub: RunningHub) -> int:
    return allocated_worker(hub)


def _not_allocated(hub: RunningHub) -> int:
    return add_worker(hub.engine, "Lee Evans", "lee", "a long worker password")


def _disabled(hub: RunningHub) -> int:
    worker = allocated_worker(hub)
    disable_worker(hub.engine, "priya", datetime.now(UTC))
    return worker


@pytest.mark.parametrize("made", [_allocated, _not_allocated, _disabled])
def test_a_visit_by_an_agency_account_is_refused(
    hub: RunningHub, home: HubDevice, made: Callable[[RunningHub], int]
) -> None:
    """Only the hub writes as the agency: whoever's account it names, allocated or not."""
    [answer] = _answers(home, _sent("visits", _visit(f"agency:{made(hub)}")))
    assert (answer["status"], answer.get("reason")) == ("refused", "agency_author")
    assert _visits_held(hub) == 0


def test_one_refused_visit_does_not_stop_the_rest_of_the_push(
    hub: RunningHub, home: HubDevice
) -> None:
    answers = _answers(home, _sent("visits", _visit("nobody-here")),
                       _sent("visits", _visit("priya")))
    assert [a["status"] for a in answers] == ["refused", "stored"], answers
    assert _visits_held(hub) == 1
