"""Which crossed revisions are the same conflict: the same revision with the same words.

A batch sent again while its conflict waits is filed once. Other words at a revision already
filed (a tablet restored from a backup made before its crossed edit, which gives its next edit
the same number) are filed beside it: the hub answered them ``conflict`` and the device takes
the hub's version, so the queue is the only place they are kept. Words sent again after a
person settled them are filed again, so that the device's "crossed" note is settled too.
Migration 9 gives conflicts filed before it the content hash that tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from hub_device import HubDevice, record
from sqlalchemy import inspect, select, text

from app.hub import conflict_queue
from app.hub.db import conflicts, make_engine, migrate
from app.hub.intake import compact_json
from app.hub.migrations import MIGRATIONS
from app.hub.revisions import content_hash
from tests.hubkit import RunningHub, allocated_worker

Pair = Callable[[RunningHub], HubDevice]
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
OLD_INDEX = "ux_conflicts_once"


def _plan(revision: int, base: int, worries: list[str], hlc_ms: int) -> dict[str, object]:
    return record("plan", revision, collection="safety_plans", base_revision=base,
                  hlc=f"{hlc_ms:013d}-0000-dev", body={"id": "plan", "worries": worries})


def _crossed(hub: RunningHub, pair: Pair) -> HubDevice:
    """The phone's edit of the plan lands first; the tablet (returned) edited revision 1 too."""
    phone, tablet = pair(hub), pair(hub)
    assert phone.statuses(phone.push([_plan(1, 0, ["bedtimes"], 1)])) == ["stored"]
    assert phone.statuses(phone.push([_plan(2, 1, ["bedtimes", "school run"], 2)])) == ["stored"]
    return tablet


def _open_worries(hub: RunningHub) -> list[list[str]]:
    return [c.body["worries"] if c.body else []
            for c in conflict_queue.list_conflicts(hub.engine, hub.household_id)]


def _filed(hub: RunningHub) -> int:
    return len(conflict_queue.list_conflicts(hub.engine, hub.household_id, include_resolved=True))


def test_other_words_at_a_revision_already_filed_are_filed_beside_it(
    hub: RunningHub, pair: Pair
) -> None:
    tablet = _crossed(hub, pair)
    shouting = [_plan(2, 1, ["bedtimes", "shouting"], 3)]
    tea = [_plan(2, 1, ["bedtimes", "tea together"], 4)]  # the restored tablet's own edit
    assert tablet.statuses(tablet.push(shouting)) == ["conflict"]
    assert tablet.statuses(tablet.push(tea)) == ["conflict"]
    for batch in (shouting, tea):  # each batch sent again: still filed once each
        assert tablet.statuses(tablet.push(batch)) == ["conflict"]
    assert _open_worries(hub) == [["bedtimes", "shouting"], ["bedtimes", "tea together"]]
    assert _filed(hub) == 2


def test_a_conflict_filed_again_in_the_same_batch_is_kept_once(
    hub: RunningHub, pair: Pair
) -> None:
    tablet = _crossed(hub, pair)
    edit = _plan(2, 1, ["bedtimes", "shouting"], 3)
    assert tablet.statuses(tablet.push([edit, edit])) == ["conflict", "conflict"]
    assert _open_worries(hub) == [["bedtimes", "shouting"]]


def test_the_same_words_sent_again_after_they_were_settled_are_filed_again(
    hub: RunningHub, pair: Pair
) -> None:
    tablet = _crossed(hub, pair)
    edit = [_plan(2, 1, ["bedtimes", "shouting"], 3)]
    assert tablet.statuses(tablet.push(edit)) == ["conflict"]  # ...but the answer was lost
    [first] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    conflict_queue.resolve_conflict(hub.engine, first.id, keep="hub",
                                    worker_id=allocated_worker(hub), now=NOW)
    # The tablet still shows the change as crossed until a revision settles it: only a
    # person can write that revision, so the words wait for one again.
    assert tablet.statuses(tablet.push(edit)) == ["conflict"]
    assert tablet.statuses(tablet.push(edit)) == ["conflict"]
    assert _open_worries(hub) == [["bedtimes", "shouting"]]
    assert _filed(hub) == 2


def _back_to_version_8(hub: RunningHub) -> None:
    """Make the hub's database what migration 8 left: no hash, the old once-only index."""
    with hub.engine.begin() as connection:
        for index in conflicts.indexes:
            connection.execute(text(f"DROP INDEX IF EXISTS {index.name}"))
        connection.execute(text("ALTER TABLE conflicts DROP COLUMN content_hash"))
        connection.execute(text(f"CREATE UNIQUE INDEX {OLD_INDEX} ON conflicts "
                                "(household_id, record_id, device_id, revision)"))
        connection.execute(text("CREATE INDEX ix_conflicts_open ON conflicts "
                                "(household_id, resolved_at)"))
        connection.execute(text("DELETE FROM schema_version WHERE version >= 9"))


def test_migration_9_gives_conflicts_filed_before_it_their_content_hash(
    hub: RunningHub, pair: Pair
) -> None:
    tablet = _crossed(hub, pair)
    shouting = [_plan(2, 1, ["bedtimes", "shouting"], 3)]
    assert tablet.statuses(tablet.push(shouting)) == ["conflict"]
    _back_to_version_8(hub)
    again = make_engine(hub.engine.url.render_as_string(hide_password=False))
    try:
        assert migrate(again) == MIGRATIONS[-1].version
        indexes = {i["name"] for i in inspect(again).get_indexes("conflicts")}
        assert OLD_INDEX not in indexes
        assert {i.name for i in conflicts.indexes} <= indexes
        with again.connect() as connection:
            hashes = connection.execute(select(conflicts.c.content_hash)).scalars().all()
        body = compact_json({"id": "plan", "worries": ["bedtimes", "shouting"]})
        assert hashes == [content_hash("safety_plans", False, False, body)]
        assert migrate(again) == MIGRATIONS[-1].version  # and again changes nothing
    finally:
        again.dispose()
    # The conflict filed before the upgrade is recognised when its batch is sent again...
    assert tablet.statuses(tablet.push(shouting)) == ["conflict"]
    assert _filed(hub) == 1
    # ...and other words at the same revision are no longer lost.
    assert tablet.statuses(tablet.push([_plan(2, 1, ["bedtimes", "tea"], 4)])) == ["conflict"]
    assert _open_worries(hub) == [["bedtimes", "shouting"], ["bedtimes", "tea"]]
