"""Edits that cross on the hub: nothing is overwritten silently, a worker settles them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from hub_device import HubDevice, record
from sqlalchemy import Engine, inspect, text

from app.hub import conflict_queue, sync
from app.hub.db import make_engine, migrate
from app.hub.migrations import MIGRATIONS
from app.hub.revisions import CONFLICT, STORED, Current, Incoming, sent_content_hash, verdict
from tests.hubkit import RunningHub, allocated_worker, row_counts

Pair = Callable[[RunningHub], HubDevice]
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
PLAN_V1 = {"id": "plan", "worries": ["bedtimes"]}


def _plan(revision: int, base: int, worries: list[str], hlc_ms: int) -> dict[str, object]:
    return record("plan", revision, collection="safety_plans", base_revision=base,
                  hlc=f"{hlc_ms:013d}-0000-dev", body={"id": "plan", "worries": worries})


def _crossed(hub: RunningHub, pair: Pair) -> tuple[HubDevice, HubDevice]:
    """Phone and tablet both edit revision 1 of the plan; the phone's edit lands first."""
    phone, tablet = pair(hub), pair(hub)
    assert phone.statuses(phone.push([_plan(1, 0, ["bedtimes"], 1)])) == ["stored"]
    assert phone.statuses(phone.push([_plan(2, 1, ["bedtimes", "school run"], 2)])) == ["stored"]
    return phone, tablet


def test_an_edit_from_a_stale_base_is_kept_in_the_conflict_queue(
    hub: RunningHub, pair: Pair
) -> None:
    _phone, tablet = _crossed(hub, pair)
    answer = tablet.push([_plan(2, 1, ["bedtimes", "shouting"], 3)])
    assert answer.json()["results"] == [
        {"id": "plan", "revision": 2, "status": "conflict", "current_revision": 2}
    ]
    pulled, _ = tablet.pull_all()
    assert [r["body"]["worries"] for r in pulled] == [["bedtimes", "school run"]]
    [conflict] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert conflict.body == {"id": "plan", "worries": ["bedtimes", "shouting"]}
    assert (conflict.revision, conflict.base_revision, conflict.current_revision) == (2, 1, 2)
    assert conflict.device_id == tablet.device_id and conflict.resolved_at is None


def test_a_conflict_sent_twice_is_filed_once(hub: RunningHub, pair: Pair) -> None:
    _phone, tablet = _crossed(hub, pair)
    edit = [_plan(2, 1, ["bedtimes", "shouting"], 3)]
    assert tablet.statuses(tablet.push(edit, batch_id="b1")) == ["conflict"]
    before = row_counts(hub.engine)
    assert tablet.statuses(tablet.push(edit, batch_id="b1")) == ["conflict"]
    after = row_counts(hub.engine)
    assert after["conflicts"] == before["conflicts"] == 1
    assert after["records"] == before["records"]


def test_keeping_the_familys_version_writes_a_new_revision_every_device_pulls(
    hub: RunningHub, pair: Pair
) -> None:
    phone, tablet = _crossed(hub, pair)
    tablet.push([_plan(2, 1, ["bedtimes", "shouting"], 3)])
    worker = allocated_worker(hub)
    [conflict] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    revision = conflict_queue.resolve_conflict(hub.engine, conflict.id, keep="device",
                                               worker_id=worker, now=NOW)
    assert revision == 3
    pulled, _ = phone.pull_all()
    latest = pulled[-1]
    assert (latest["revision"], latest["author"]) == (3, f"agency:{worker}")
    assert latest["body"] == {"id": "plan", "worries": ["bedtimes", "shouting"]}
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
    [settled] = conflict_queue.list_conflicts(hub.engine, hub.household_id, include_resolved=True)
    assert settled.resolution == "device" and settled.resolved_at == NOW
    with pytest.raises(conflict_queue.UnknownConflict):
        conflict_queue.resolve_conflict(hub.engine, conflict.id, keep="hub",
                                        worker_id=worker, now=NOW)


def test_keeping_the_hubs_version_still_tells_devices_it_is_settled(
    hub: RunningHub, pair: Pair
) -> None:
    _phone, tablet = _crossed(hub, pair)
    tablet.push([_plan(2, 1, ["bedtimes", "shouting"], 3)])
    worker = allocated_worker(hub)
    [conflict] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert conflict_queue.resolve_conflict(hub.engine, conflict.id, keep="hub", worker_id=worker,
                                 now=NOW) == 3
    pulled, _ = tablet.pull_all()
    assert pulled[-1]["body"]["worries"] == ["bedtimes", "school run"]
    assert pulled[-1]["revision"] == 3


def test_a_late_copy_of_a_devices_own_older_edit_never_replaces_the_newer_one(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    first = _plan(1, 0, ["bedtimes"], 1)
    second = _plan(2, 1, ["bedtimes", "school run"], 2)
    third = _plan(3, 1, ["bedtimes", "school run", "tea"], 3)
    assert phone.statuses(phone.push([first])) == ["stored"]
    assert phone.statuses(phone.push([third])) == ["stored"]
    # The batch carrying revision 2 was delayed on the network and arrives last: the hub
    # keeps revision 3, and files the late one for a person to see rather than drop it.
    assert phone.statuses(phone.push([second])) == ["conflict"]
    [late] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert (late.revision, late.current_revision) == (2, 3)
    pulled, _ = phone.pull_all()
    assert [r["revision"] for r in pulled] == [3]


def test_an_edit_on_the_devices_own_revision_is_stored_only_if_it_sent_that_content() -> None:
    tea, walk = "a" * 64, "b" * 64  # the hub's revision 2; what a restored phone sent as its 2
    hub_has = Current(2, "phone", content_hash=tea)
    after_lost_answer = Incoming(3, 1, 2, "c" * 64, sent_hashes=((2, tea),))
    assert verdict(hub_has, after_lost_answer, None, "phone") == STORED
    # ...also when a later revision it sent never arrived (a sync that failed)
    sent_two = Incoming(4, 1, 3, "d" * 64, sent_hashes=((2, tea), (3, "c" * 64)))
    assert verdict(hub_has, sent_two, None, "phone") == STORED
    # A phone restored from a backup sent other content under the same number: crossed.
    restored = Incoming(3, 1, 2, "c" * 64, sent_hashes=((2, walk),))
    assert verdict(hub_has, restored, None, "phone") == CONFLICT
    assert verdict(hub_has, Incoming(3, 1, 2, "c" * 64, sent_hashes=()), None, "phone") == CONFLICT
    assert verdict(Current(2, "phone"), after_lost_answer, None, "phone") == CONFLICT
    # Never another device's revision, whatever it says it sent.
    assert verdict(hub_has, after_lost_answer, None, "tablet") == CONFLICT
    # An older Homeward says nothing of what it sent: taken at its word, as before.
    assert verdict(Current(2, "phone", content_hash=walk), Incoming(3, 1, 2, "c" * 64), None,
                   "phone") == STORED


def test_the_hub_knows_its_revision_by_the_hash_a_device_works_out(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    second = _plan(2, 1, ["bedtimes", "school run"], 2)
    assert phone.statuses(phone.push([_plan(1, 0, ["bedtimes"], 1)])) == ["stored"]
    assert phone.statuses(phone.push([second])) == ["stored"]  # ...but the answer was lost
    other = {**second, "body": {"id": "plan", "worries": ["walk to school"]}}
    for sent, status in ((other, "conflict"), (second, "stored")):
        third = {**_plan(3, 1, ["bedtimes", "tea"], 3), "sent_revision": 2,
                 "sent_hashes": {"2": sent_content_hash(sent)}}
        assert phone.statuses(phone.push([third])) == [status]
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert (crossed.revision, crossed.current_revision) == (3, 2)


def test_a_worker_change_reaches_the_device_as_the_next_revision(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    phone.push([_plan(1, 0, ["bedtimes"], 1)])
    _, cursor = phone.pull_all()
    worker = allocated_worker(hub)
    body = {"id": "plan", "worries": ["bedtimes"], "bottom_lines": ["No smacking, ever"]}
    assert sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                                record_id="plan", body=body, shard=None, worker_id=worker,
                                now=NOW) == 2
    newer, _ = phone.pull_all(cursor)
    assert [(r["revision"], r["base_revision"], r["body"]) for r in newer] == [(2, 1, body)]
    # The phone's next edit is based on the worker's revision, so it is simply stored.
    assert phone.statuses(phone.push([_plan(3, 2, ["bedtimes", "tea"], 4)])) == ["stored"]


def test_migration_2_adds_its_columns_to_a_database_made_before_it(hub_engine: Engine) -> None:
    url = hub_engine.url
    with hub_engine.begin() as connection:
        for name in ("shard", "author", "base_revision", "schema"):
            connection.execute(text(f"ALTER TABLE records DROP COLUMN {name}"))
        connection.execute(text("DROP TABLE conflicts"))
        connection.execute(text("DELETE FROM schema_version WHERE version >= 2"))
    again = make_engine(url.render_as_string(hide_password=False))
    try:
        assert migrate(again) == MIGRATIONS[-1].version
        columns = {c["name"] for c in inspect(again).get_columns("records")}
        assert {"shard", "author", "base_revision", "schema"} <= columns
        assert "conflicts" in inspect(again).get_table_names()
    finally:
        again.dispose()


def test_a_worker_change_to_a_revision_that_has_moved_on_writes_nothing(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    phone.push([_plan(1, 0, ["bedtimes"], 1)])
    worker = allocated_worker(hub)
    phone.push([_plan(2, 1, ["bedtimes", "school run"], 2)])  # lands while Priya edits rev 1
    before = row_counts(hub.engine)
    with pytest.raises(sync.StaleBase) as stale:
        sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                             record_id="plan", body=PLAN_V1, shard=None, worker_id=worker,
                             now=NOW, base_revision=1)
    assert stale.value.current_revision == 2
    assert row_counts(hub.engine) == before
    assert sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                                record_id="plan", body=PLAN_V1, shard=None, worker_id=worker,
                                now=NOW, base_revision=2) == 3


def test_a_retry_of_a_revision_the_worker_has_built_on_is_a_duplicate(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    edit = [_plan(1, 0, ["bedtimes"], 1)]
    assert phone.statuses(phone.push(edit)) == ["stored"]  # ...but the answer was lost
    worker = allocated_worker(hub)
    sync.write_as_worker(hub.engine, hub.household_id, collection="safety_plans",
                         record_id="plan", body={"id": "plan", "worries": ["bedtimes", "tea"]},
                         shard=None, worker_id=worker, now=NOW)
    # The phone sends the very same revision again: the hub recognises it, files nothing.
    assert phone.statuses(phone.push(edit)) == ["duplicate"]
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []


def test_one_conflict_settled_twice_at_once_writes_one_revision(
    hub: RunningHub, pair: Pair
) -> None:
    _phone, tablet = _crossed(hub, pair)
    tablet.push([_plan(2, 1, ["bedtimes", "shouting"], 3)])
    [conflict] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    worker = allocated_worker(hub)
    barrier = threading.Barrier(4)

    def settle(keep: str) -> str:
        barrier.wait()
        try:
            conflict_queue.resolve_conflict(hub.engine, conflict.id, keep=keep,  # type: ignore[arg-type]
                                            worker_id=worker, now=NOW)
        except conflict_queue.UnknownConflict:
            return "already settled"
        return "settled"

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(settle, ["hub", "device", "hub", "device"]))
    assert sorted(outcomes) == ["already settled"] * 3 + ["settled"]
    pulled, _ = tablet.pull_all()
    assert [r["revision"] for r in pulled] == [3]  # one settling revision, not four


def test_migration_3_gives_every_record_held_a_revision_hash(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    edit = [_plan(1, 0, ["bedtimes"], 1)]
    assert phone.statuses(phone.push(edit)) == ["stored"]
    url = hub.engine.url
    with hub.engine.begin() as connection:  # back to a database from before migration 3
        connection.execute(text("DROP TABLE revisions"))
        connection.execute(text("ALTER TABLE records DROP COLUMN withdrawn_at"))
        connection.execute(text("DELETE FROM schema_version WHERE version >= 3"))
    again = make_engine(url.render_as_string(hide_password=False))
    try:
        assert migrate(again) == MIGRATIONS[-1].version
        assert "withdrawn_at" in {c["name"] for c in inspect(again).get_columns("records")}
    finally:
        again.dispose()
    # The revision stored before the upgrade is recognised when it is sent again.
    assert phone.statuses(phone.push(edit)) == ["duplicate"]
