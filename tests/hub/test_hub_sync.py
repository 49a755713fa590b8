"""Push and pull between a paired device and a real hub: idempotent, ordered, never backwards."""

from __future__ import annotations

from collections.abc import Callable

from hub_device import HubDevice, record
from sqlalchemy import select

from app.hub.db import records
from tests.hubkit import RunningHub, row_counts

Pair = Callable[[RunningHub], HubDevice]


def test_push_then_pull_returns_the_same_records(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    sent = [record(f"rec-{n}", body={"n": n, "words": "we had tea together"}) for n in range(5)]
    sent.append(record("alert-1", collection="alerts"))  # only safety_alerts are urgent
    sent.append(record("gone-1", collection="house_items", deleted=True, body=None))
    assert phone.statuses(phone.push(sent)) == ["stored"] * len(sent)
    pulled, _ = phone.pull_all()
    assert sorted(pulled, key=lambda r: r["id"]) == sorted(sent, key=lambda r: r["id"])


def test_a_second_device_of_the_household_pulls_what_the_first_pushed(
    hub: RunningHub, pair: Pair
) -> None:
    phone, tablet = pair(hub), pair(hub)
    phone.push([record("diary-1", collection="diary")])
    pulled, cursor = tablet.pull_all()
    assert [r["id"] for r in pulled] == ["diary-1"]
    phone.push([record("diary-2", collection="diary")])
    newer, _ = tablet.pull_all(cursor)
    assert [r["id"] for r in newer] == ["diary-2"]


def test_sealed_bodies_travel_as_opaque_bytes(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    sealed = "c2VhbGVkIGZvciB0aGUgd29ya2Vy"  # any bytes: the hub never opens them
    sent = record("msg-1", collection="worker_messages", body=None, sealed_body=sealed)
    # Only the kinds a device seals travel sealed: ciphertext in any other kind would be
    # read as a family's document at the agency.
    other = record("msg-2", collection="messages", body=None, sealed_body=sealed)
    assert phone.statuses(phone.push([sent, other])) == ["stored", "refused"]
    pulled, _ = phone.pull_all()
    assert pulled == []  # sealed words stay at the agency: no device keeps them (rule 7)
    with hub.engine.connect() as connection:
        stored = connection.execute(select(records.c.sealed, records.c.body)).one()
    assert stored.sealed and bytes(stored.body) == b"sealed for the worker"


def test_a_batch_sent_twice_is_stored_once(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    batch = [record(f"chore-{n}", collection="chores") for n in range(10)]
    assert phone.statuses(phone.push(batch, batch_id="batch-1")) == ["stored"] * 10
    before = row_counts(hub.engine)
    # The same batch again, as after a lost answer: same batch id, new nonce.
    assert phone.statuses(phone.push(batch, batch_id="batch-1")) == ["duplicate"] * 10
    after = row_counts(hub.engine)
    assert after["records"] == before["records"] == 10
    pulled, _ = phone.pull_all()
    assert len(pulled) == 10


def test_out_of_order_revisions_never_go_backwards(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    assert phone.statuses(phone.push([record("plan", 3, collection="safety_plan")])) == ["stored"]
    # Older revisions arriving late never replace the newer one; nor are they dropped
    # unseen: a person is shown them.
    older = [record("plan", revision, collection="safety_plan") for revision in (1, 2)]
    assert phone.statuses(phone.push(older)) == ["conflict", "conflict"]
    again = record("plan", 3, collection="safety_plan")
    assert phone.statuses(phone.push([again])) == ["duplicate"]  # the very same revision
    rival = record("plan", 3, collection="safety_plan", body={"other": "edit"})
    assert phone.statuses(phone.push([rival])) == ["conflict"]  # same number, other words
    pulled, cursor = phone.pull_all()
    assert [(r["id"], r["revision"], r["body"]["revision"]) for r in pulled] == [("plan", 3, 3)]
    newer = [record("plan", 5, collection="safety_plan", base_revision=3),
             record("plan", 4, collection="safety_plan")]
    assert phone.statuses(phone.push(newer)) == ["stored", "conflict"]
    changed, _ = phone.pull_all(cursor)
    assert [(r["id"], r["revision"]) for r in changed] == [("plan", 5)]


def test_pull_pages_through_many_records_with_the_cursor(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    ids = [f"tick-{n:04d}" for n in range(1200)]
    for start in range(0, len(ids), 400):
        batch = [record(i, collection="chore_ticks") for i in ids[start:start + 400]]
        assert set(phone.statuses(phone.push(batch))) == {"stored"}
    first = phone.pull(limit=500).json()
    assert len(first["records"]) == 500 and first["more"]
    pulled, cursor = phone.pull_all()
    assert [r["id"] for r in pulled] == ids
    assert phone.pull(cursor).json() == {"records": [], "cursor": cursor, "more": False}


def test_households_never_see_each_others_records(hub: RunningHub, pair: Pair) -> None:
    from app.hub.admin import issue_pairing_code, register_household

    ours = pair(hub)
    other_household = register_household(hub.engine, "The Jones household")
    code = issue_pairing_code(hub.engine, other_household).code
    theirs = HubDevice.pair(hub.url, code)
    try:
        ours.push([record("same-id", body={"who": "ours"})])
        theirs.push([record("same-id", body={"who": "theirs"})])
        assert [r["body"]["who"] for r in ours.pull_all()[0]] == ["ours"]
        assert [r["body"]["who"] for r in theirs.pull_all()[0]] == ["theirs"]
    finally:
        theirs.client.close()


def _pull_by_pages(device: HubDevice, cursor: str, limit: int) -> tuple[list[str], str]:
    """Pull page by page of ``limit`` rows; return the ids answered and the final cursor."""
    ids: list[str] = []
    while True:
        page = device.pull(cursor, limit=limit).json()
        assert len(page["records"]) <= limit
        ids += [r["id"] for r in page["records"]]
        cursor = page["cursor"]
        if not page["more"]:
            return ids, cursor


def test_a_pull_leaves_out_what_no_device_keeps_and_its_cursor_passes_it(
    hub: RunningHub, pair: Pair
) -> None:
    """Alerts, seen marks and sealed rows are read at the agency only (rule 7): a pull never
    sends them, yet its cursor moves past them, so nothing is pulled twice or missed."""
    tablet, phone = pair(hub), pair(hub)
    sealed = "c2VhbGVkIGZvciB0aGUgd29ya2Vy"

    def hidden(n: int) -> list[dict[str, object]]:
        return [record(f"alert-{n}", collection="safety_alerts", urgent=True),
                record(f"seen-{n}", collection="safety_alerts_seen"),
                record(f"msg-{n}", collection="worker_messages", body=None, sealed_body=sealed),
                record(f"kept-{n}", collection="houses_for_worker", body=None,
                       sealed_body=sealed)]

    sent = [record("tick-1", collection="chore_ticks"), *hidden(1),
            record("tick-2", collection="chore_ticks"), *hidden(2)]
    assert tablet.statuses(tablet.push(sent)) == ["stored"] * len(sent)
    pulled, cursor = phone.pull_all()
    assert [r["id"] for r in pulled] == ["tick-1", "tick-2"]
    for limit in (1, 2, 3):
        assert _pull_by_pages(phone, "", limit) == (["tick-1", "tick-2"], cursor)

    assert tablet.statuses(tablet.push(hidden(3))) == ["stored"] * 4
    page = phone.pull(cursor).json()
    assert page["records"] == [] and not page["more"] and page["cursor"] != cursor
    assert phone.pull(page["cursor"]).json() == {"records": [], "cursor": page["cursor"],
                                                 "more": False}
    with hub.engine.connect() as connection:  # the agency keeps every one of them
        assert len(connection.execute(select(records.c.record_id)).all()) == len(sent) + 4
