"""A real household and a real hub both changing records: a worker's bottom line reaches the
family, crossed edits to the safety plan both survive through the conflict queue, batches
arriving out of order never undo newer edits, and resending after a lost answer is no conflict.

Each test that uses a hub runs twice: against a hub on SQLite and against one on a real
PostgreSQL server.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
from device_kit import Family, hub_records
from device_sync_steps import _many_checkins, _paired, _same

from app.domain.safety import Section
from app.hub import conflict_queue, sync
from app.services.safety import safety_for
from tests.hubkit import RunningHub, allocated_worker

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_a_workers_bottom_line_reaches_the_family(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    safety = safety_for(family.household)
    safety.add_point(family.member("Jo"), Section.WORRIES, "Bedtimes get loud")
    family.sync().sync_now()
    held = hub_records(hub.engine, hub.household_id)
    body = dict(held[("safety_plans", "family")][1])
    body["bottom_lines"] = [{"id": "bl-1", "text": "No physical punishment, ever",
                             "created_by": "agency:1", "created_at": NOW.isoformat()}]
    worker = allocated_worker(hub)
    sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                         record_id="family", body=body, shard=None, worker_id=worker, now=NOW)
    family.sync().sync_now()
    plan = safety_for(family.household).plan()
    assert [p.text for p in plan.bottom_lines] == ["No physical punishment, ever"]
    assert [p.text for p in plan.worries] == ["Bedtimes get loud"]
    _same(family, hub)


def test_crossed_edits_to_the_safety_plan_both_survive(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    jo = family.member("Jo")
    safety_for(family.household).add_point(jo, Section.WORRIES, "Bedtimes get loud")
    family.sync().sync_now()
    # The worker changes the plan on the hub while Jo, offline, changes it at home.
    body = dict(hub_records(hub.engine, hub.household_id)[("safety_plans", "family")][1])
    body["working_well"] = [{"id": "ww-1", "text": "Tea together after school",
                             "created_by": "agency:1", "created_at": NOW.isoformat()}]
    worker = allocated_worker(hub)
    sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                         record_id="family", body=body, shard=None, worker_id=worker, now=NOW)
    safety_for(family.household).add_point(jo, Section.WORRIES, "Mornings are rushed")
    status = family.sync().sync_now()
    assert status.open_conflicts == 1 and status.problem is None
    [conflict] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert conflict.body is not None
    assert "Mornings are rushed" in json.dumps(conflict.body)
    plan = safety_for(family.household).plan()  # the agency's version for now
    assert [p.text for p in plan.working_well] == ["Tea together after school"]
    _same(family, hub)
    conflict_queue.resolve_conflict(hub.engine, conflict.id, keep="device",
                                        worker_id=worker, now=NOW)
    assert family.sync().sync_now().open_conflicts == 0
    plan = safety_for(family.household).plan()
    assert [p.text for p in plan.worries] == ["Bedtimes get loud", "Mornings are rushed"]
    _same(family, hub)


def test_an_edit_after_a_lost_answer_is_not_a_conflict(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    jo = family.member("Jo")
    safety_for(family.household).add_point(jo, Section.WORRIES, "Bedtimes get loud")
    lost: list[int] = []

    def lose_first_answer(request: httpx.Request) -> None:
        if request.url.path == "/v1/push" and not lost:
            lost.append(1)
            raise httpx.ReadError("connection dropped", request=request)

    family.transport.after = lose_first_answer
    assert family.sync().sync_now().problem == "unreachable"
    safety_for(family.household).add_point(jo, Section.WORRIES, "Mornings are rushed")
    assert family.sync().sync_now().open_conflicts == 0
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
    _same(family, hub)


def test_batches_that_arrive_out_of_order_never_undo_newer_edits(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    jo = family.member("Jo")
    safety = safety_for(family.household)
    safety.add_point(jo, Section.WORRIES, "Bedtimes get loud")
    _many_checkins(family, 2)
    family.sync().sync_now()
    held_back: list[httpx.Request] = []

    def hold_back(request: httpx.Request) -> None:
        if request.url.path == "/v1/push" and not held_back:
            request.read()
            held_back.append(request)
            raise httpx.ConnectError("held back on the network", request=request)

    # The first batch (a plan edit and a check-in) is delayed on the network...
    safety.add_point(jo, Section.WORRIES, "Mornings are rushed")
    _many_checkins(family, 1)
    family.transport.before = hold_back
    assert family.sync().sync_now().problem == "unreachable"
    # ...while a later edit is sent and arrives first.
    family.transport.before = lambda request: None
    safety.add_point(jo, Section.WORKING_WELL, "Tea together after school")
    assert family.sync().sync_now().problem is None
    # Now the delayed batch turns up, exactly as it was signed.
    [late] = held_back
    with httpx.Client() as client:
        answer = client.send(late)
    statuses = sorted(result["status"] for result in answer.json()["results"])
    # The check-in had arrived already; the older plan never replaces the newer one, and is
    # kept for a person to look at rather than dropped unseen.
    assert statuses == ["conflict", "duplicate"]
    assert family.sync().sync_now().open_conflicts == 0
    [late] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert late.collection == "safety_plans" and late.revision < late.current_revision
    plan = safety_for(family.household).plan()
    assert [p.text for p in plan.worries] == ["Bedtimes get loud", "Mornings are rushed"]
    _same(family, hub)
