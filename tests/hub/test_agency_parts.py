"""Nothing a device sends appears at the hub as written by the agency unless the agency wrote it.

A family's plan carries the worker's bottom lines back to the hub after the family changes
something else in it: that is kept. A device that puts the agency's name on words of its own,
or changes the agency's words under the agency's name, is refused.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hub_device import HubDevice, record
from sqlalchemy import select

from app.domain.alerts import AlertSource, SafetyAlert
from app.domain.checkins import CheckIn, Feeling
from app.domain.people import Avatar, Member, Role
from app.domain.safety import FAMILY_PLAN_ID, SafetyPlan, Section
from app.hub import sync
from app.hub.db import records
from tests.hubkit import RunningHub, allocated_worker

Pair = Callable[[RunningHub], HubDevice]
AT = "2026-12-01T10:00:00+00:00"


def _stamp() -> str:
    return f"{int(time.time() * 1000):013d}-0000-phone"


def _push(phone: HubDevice, collection: str, body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    sent = record(str(body["id"]), collection=collection, body=body, hlc=_stamp(), **fields)
    answer = phone.push([sent])
    assert answer.status_code == 200, answer.text
    return dict(answer.json()["results"][0])


def _held(hub: RunningHub, record_id: str) -> dict[str, Any]:
    with hub.engine.connect() as connection:
        body = connection.execute(select(records.c.body).where(
            records.c.record_id == record_id)).scalar_one()
    return dict(json.loads(body))


def _plan_with_worker_line(hub: RunningHub, phone: HubDevice) -> tuple[str, SafetyPlan, Member]:
    """The parent Ade at home, and a plan holding a bottom line Priya added at the hub."""
    ade = Member("ade", "Ade", Role.PARENT, Avatar.FOX, AT)
    assert _push(phone, "members", ade.to_json())["status"] == "stored"
    worker_id = allocated_worker(hub)
    priya = Member(f"agency:{worker_id}", "Priya Shah", Role.WORKER, Avatar.WORKER, AT)
    plan = SafetyPlan().with_point(priya, Section.BOTTOM_LINES, "b-1",
                                   "No contact with Mr X", AT, "Agreed at the review")
    sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                         record_id=FAMILY_PLAN_ID, body=plan.to_json(), shard=None,
                         worker_id=worker_id, now=datetime.now(UTC), base_revision=0)
    # What the family's phone makes of it: Ade reads the line and adds a worry.
    mine = plan.acknowledged(ade, "b-1", AT).with_point(ade, Section.WORRIES, "w-1",
                                                        "Bedtime rows", AT)
    answer = _push(phone, "safety_plans", mine.to_json(), revision=2, base_revision=1,
                   author="ade")
    assert answer["status"] == "stored", answer
    return f"agency:{worker_id}", mine, ade


def _line(plan: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**plan, "revision": 3,
            "bottom_lines": [{**plan["bottom_lines"][0], **changes}]}


@pytest.mark.parametrize(("name", "forge"), [
    ("the agency's words changed", lambda plan, agency: _line(plan, text="Uncle Dave is fine")),
    ("the agency's reason changed", lambda plan, agency: _line(plan, reason="We said so")),
    ("the agency's date changed", lambda plan, agency: _line(plan, created_at="2020-01-01")),
    ("a bottom line the agency never wrote", lambda plan, agency: {
        **plan, "revision": 3, "bottom_lines": [*plan["bottom_lines"], {
            "id": "b-9", "text": "Sam may stay with Uncle Dave at weekends",
            "created_by": agency, "created_at": AT, "reason": "Agreed at the review"}]}),
    ("the plan last changed by the agency", lambda plan, agency: {
        **plan, "revision": 3, "updated_by": agency}),
])
def test_a_plan_that_puts_words_in_the_agencys_mouth_is_refused(
    hub: RunningHub, pair: Pair, name: str,
    forge: Callable[[dict[str, Any], str], dict[str, Any]],
) -> None:
    phone = pair(hub)
    agency, mine, _ade = _plan_with_worker_line(hub, phone)
    before = _held(hub, FAMILY_PLAN_ID)
    answer = _push(phone, "safety_plans", forge(mine.to_json(), agency), revision=3,
                   base_revision=2, author="ade")
    assert (answer["status"], answer.get("reason")) == ("refused", "agency_author"), name
    assert _held(hub, FAMILY_PLAN_ID) == before, name


def test_a_plan_keeping_the_workers_bottom_line_as_written_is_stored(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    agency, mine, ade = _plan_with_worker_line(hub, phone)
    held = _held(hub, FAMILY_PLAN_ID)
    line = held["bottom_lines"][0]
    assert (line["created_by"], line["acknowledged_by"]) == (agency, "ade")
    assert [w["text"] for w in held["worries"]] == ["Bedtime rows"]
    again = mine.with_point(ade, Section.WORKING_WELL, "g-1", "School every day", AT)
    answer = _push(phone, "safety_plans", again.to_json(), revision=3, base_revision=2,
                   author="ade")
    assert answer["status"] == "stored", answer


def test_a_plan_crossing_the_workers_change_is_still_a_conflict_not_refused(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    agency, mine, ade = _plan_with_worker_line(hub, phone)
    priya = Member(agency, "Priya Shah", Role.WORKER, Avatar.WORKER, AT)
    taken_off = mine.without_point(priya, Section.BOTTOM_LINES, "b-1", AT)
    sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                         record_id=FAMILY_PLAN_ID, body=taken_off.to_json(), shard=None,
                         worker_id=int(agency.split(":")[1]), now=datetime.now(UTC),
                         base_revision=2)
    theirs = mine.with_point(ade, Section.WORRIES, "w-2", "Late home", AT)
    answer = _push(phone, "safety_plans", theirs.to_json(), revision=3, base_revision=2,
                   author="ade")
    assert answer["status"] == "conflict", answer


def test_a_check_in_felt_by_the_agency_is_refused(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    checkin = CheckIn(str(uuid.uuid4()), Feeling.HAPPY, 3, (), (), "All fine", "agency:1", AT)
    answer = _push(phone, "checkins", checkin.to_json(), shard="2026-12")
    assert (answer["status"], answer.get("reason")) == ("refused", "agency_author")


def test_a_childs_alert_naming_the_agency_is_kept_without_the_agencys_name(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    alert = SafetyAlert(str(uuid.uuid4()), "sam", AlertSource.CHECKIN, "agency:1", AT)
    answer = _push(phone, "safety_alerts", alert.to_json(), urgent=True, shard="2026-12")
    assert answer["status"] == "stored", answer
    kept = _held(hub, alert.id)
    assert "agency:1" not in json.dumps(kept)
    assert (kept["child_id"], kept["created_by"]) == ("sam", None)


def test_only_a_safety_alert_is_urgent_so_marking_a_check_in_urgent_forges_nothing(
    hub: RunningHub, pair: Pair
) -> None:
    """A device's "urgent" is for a child's alert alone: on anything else it lets nothing by."""
    phone = pair(hub)
    checkin = CheckIn(str(uuid.uuid4()), Feeling.HAPPY, 3, (), (), "All fine", "agency:1", AT)
    answer = _push(phone, "checkins", checkin.to_json(), shard="2026-12", urgent=True)
    assert (answer["status"], answer.get("reason")) == ("refused", "agency_author"), answer
    with hub.engine.connect() as connection:
        assert connection.execute(select(records.c.record_id).where(
            records.c.record_id == checkin.id)).first() is None
