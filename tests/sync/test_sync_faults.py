"""Where a device and the agency used to drift apart quietly, on a real hub (SQLite, PostgreSQL).

Withdrawing a shared diary entry, a folder restored from an older copy, bad records from
elsewhere, a clock far in the future, batches too big for one request, an answer too big to
believe: each ends with the device and the hub agreeing, or with a person shown the difference.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.safety import Section
from app.hub import conflict_queue, sync
from app.hub.db import conflicts, households, records
from app.hub.worker.household.data import household_records
from app.services.diary import diary_for
from app.services.safety import safety_for
from app.sync.catalogue import OUTBOX
from app.sync.engine import BATCH_BYTES, batches
from app.sync.hlc import MAX_STAMP_AHEAD_SECONDS, Stamp
from app.sync.outbox import Outgoing
from tests.hubkit import RunningHub, ThreadedServer, allocated_worker, free_port
from tests.services.taylors import PASSPHRASE
from tests.sync.household_devices import (
    first_device,
    hub_shared_records,
    joined_device,
    shared_records,
)

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def _words(text: str, sharing: Sharing) -> DiaryWords:
    return DiaryWords(date.today(), DayPart.BEDTIME, went_well=text, sharing=sharing)


def test_a_shared_diary_entry_made_private_is_taken_back_from_the_agency(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    jo = phone.person("Jo")
    diary = diary_for(phone.household)
    entry = diary.write(jo, _words("Story time was calm", Sharing.WORKER))
    diary.change(jo, entry.entry_id, _words("Story time, then a row", Sharing.WORKER))
    phone.sync_now()
    tablet.sync_now()
    assert len(tablet.store.find("diary_entries")) == 2  # the shared wordings reached it
    seen = household_records(hub.engine, hub.household_id)
    assert seen is not None and [e.words.went_well for e in seen.diary] == [
        "Story time, then a row"]

    diary.change(jo, entry.entry_id, _words("Story time, then a row about bed", Sharing.PRIVATE))
    phone.sync_now()
    tablet.sync_now()
    seen = household_records(hub.engine, hub.household_id)
    assert seen is not None and seen.diary == []  # the worker no longer sees the old words
    with hub.engine.connect() as connection:
        rows = connection.execute(select(records).where(
            records.c.collection == "diary_entries")).all()
    # The hub keeps only that each wording was withdrawn, and when.
    assert len(rows) == 2
    assert all(r.deleted and r.body is None and r.withdrawn_at is not None for r in rows)
    assert not any(b"Story" in bytes(r.body or b"") for r in rows)
    # The other device, which Jo does not use, lets go of them too; Jo's own phone keeps
    # every wording, privately.
    assert tablet.store.find("diary_entries") == []
    assert tablet.sync().status().waiting == 0
    assert [e.words.went_well for e in diary.entries(jo)] == ["Story time, then a row about bed"]
    assert len(phone.store.find("diary_entries")) == 3
    assert shared_records(phone.store) == hub_shared_records(hub.engine, hub.household_id)



def test_an_entry_made_private_takes_back_a_wording_shared_from_another_device(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    entry = diary_for(phone.household).write(phone.person("Jo"),
                                             _words("Bedtime went well", Sharing.WORKER))
    phone.sync_now()
    tablet.sync_now()
    # Offline, Jo adds a line on the tablet (still shared); later, on her phone, she makes
    # the whole entry private. Her last word is "private": the agency keeps none of it.
    diary_for(tablet.household).change(tablet.person("Jo"), entry.entry_id, _words(
        "Bedtime went well, then I shouted at Sam", Sharing.WORKER))
    time.sleep(0.01)
    diary_for(phone.household).change(phone.person("Jo"), entry.entry_id,
                                      _words("Bedtime went well", Sharing.PRIVATE))
    for device in (phone, tablet, phone, tablet):
        device.sync_now()
    seen = household_records(hub.engine, hub.household_id)
    assert seen is not None and seen.diary == []
    assert diary_for(tablet.household).entries(tablet.person("Priya")) == []
    latest = diary_for(phone.household).entry(phone.person("Jo"), entry.entry_id)
    assert latest.words.went_well == "Bedtime went well" and not latest.shared
    assert phone.sync().status().waiting == 0

def test_a_withdrawal_also_clears_the_words_from_the_conflict_queue(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    jo = phone.person("Jo")
    diary = diary_for(phone.household)
    entry = diary.write(jo, _words("A hard evening", Sharing.WORKER))
    phone.sync_now()
    with hub.engine.begin() as connection:  # as if a crossed copy had been filed earlier
        kept = connection.execute(select(records).where(records.c.record_id == entry.id)).one()
        connection.execute(conflicts.insert().values(
            household_id=hub.household_id, record_id=entry.id, collection="diary_entries",
            revision=1, base_revision=0, current_revision=1, hlc=kept.hlc, deleted=False,
            body=kept.body, device_id=kept.device_id, received_at=NOW))
    diary.change(jo, entry.entry_id, _words("A hard evening", Sharing.PRIVATE))
    phone.sync_now()
    with hub.engine.connect() as connection:
        bodies = connection.execute(select(conflicts.c.body)).scalars().all()
    assert bodies == [None]


def test_a_folder_restored_from_an_older_copy_never_drops_the_familys_new_edits(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    jo = phone.person("Jo")
    safety = safety_for(phone.household)
    safety.add_point(jo, Section.WORRIES, "Bedtimes get loud")
    phone.sync_now()
    backup = tmp_path / "backup"
    shutil.copytree(phone.folder, backup)
    safety.add_point(jo, Section.WORRIES, "Mornings are rushed")
    phone.sync_now()
    safety_for(phone.household).add_point(jo, Section.WORKING_WELL, "Tea together")
    phone.sync_now()
    # The phone's folder is put back from the copy, and the family carries on from there.
    phone.gate.close()
    shutil.rmtree(phone.folder)
    shutil.copytree(backup, phone.folder)
    phone.reopen()
    assert [p.text for p in safety_for(phone.household).plan().worries] == ["Bedtimes get loud"]
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES, "School run")
    status = phone.sync().sync_now()
    assert status.problem is None
    # The new edit is neither dropped nor written over the agency's newer plan: it waits,
    # whole, for a person to settle, and the family is told.
    assert status.open_conflicts == 1
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert "School run" in json.dumps(crossed.body)
    worker = allocated_worker(hub)
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="device", worker_id=worker,
                                    now=NOW)
    phone.sync_now()
    assert phone.sync().status().open_conflicts == 0
    assert [p.text for p in safety_for(phone.household).plan().worries] == [
        "Bedtimes get loud", "School run"]
    assert shared_records(phone.store) == hub_shared_records(hub.engine, hub.household_id)


def _hub_row(hub: RunningHub, record_id: str, collection: str, body: object,
             hlc: str | None = None) -> None:
    """Put a record on the hub directly, as a hub from before it checked records might have."""
    with hub.engine.begin() as connection:
        seq = sync.lock_household(connection, hub.household_id) + 1
        row = sync.row_values(sync.Record(
            record_id, collection, 1, hlc or f"{int(time.time() * 1000):013d}-0000-old",
            False, False, False, json.dumps(body).encode()), None, NOW, seq)
        sync.write_rows(connection, hub.household_id, {record_id: row}, {})
        connection.execute(update(households).where(households.c.id == hub.household_id)
                           .values(last_seq=seq))


def test_records_a_device_cannot_use_are_set_aside_and_sync_goes_on(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    _hub_row(hub, "no-id", "chores", {"name": "no id"})
    _hub_row(hub, "other-id", "chores", {"id": "someone-else"})
    _hub_row(hub, "nameless", "members", {"id": "nameless", "role": "child"})
    _hub_row(hub, "not-object", "strengths", ["a", "list"])
    _hub_row(hub, "pins", "member_pins", {"id": "pins", "pin_hash": "x"})
    _hub_row(hub, "far-future", "strengths", {"id": "far-future"}, hlc="9" * 20 + "-0000-old")
    _hub_row(hub, "good", "household_notes", {"id": "good", "words": "fine"})
    status = phone.sync().sync_now()
    assert status.problem is None
    assert phone.store.get("household_notes", "good") is not None
    aside = phone.sync().set_aside()
    assert sorted(note["record_id"] for note in aside) == [
        "far-future", "nameless", "no-id", "not-object", "other-id", "pins"]
    assert all(note["kind"] == "pulled" and note["reason"] for note in aside)
    # People still list, and the cursor moved on: the next sync gets nothing new.
    assert [m.name for m in phone.household.members()] == ["Jo", "Sam", "Mia", "Priya"]
    assert phone.sync().sync_now().problem is None
    assert len(phone.sync().set_aside()) == 6


def test_a_stamp_far_in_the_future_does_not_drag_the_devices_clock(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    ahead = int((time.time() + 10 * 365 * 24 * 3600) * 1000)
    _hub_row(hub, "from-the-future", "household_notes", {"id": "from-the-future"},
             hlc=f"{ahead:013d}-0000-old")
    phone.sync_now()
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES, "Bedtimes")
    stamp = Stamp.parse(phone.store.get("safety_plans", "family")["_sync"]["hlc"])
    assert stamp.millis <= (time.time() + MAX_STAMP_AHEAD_SECONDS) * 1000
    phone.sync_now()  # and the hub takes the device's changes as ever
    assert phone.sync().status().waiting == 0


def test_batches_are_cut_by_size_so_none_is_ever_too_large(
    hub: RunningHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 32 * 1024
    monkeypatch.setattr("app.sync.engine.BATCH_BYTES", limit)
    phone = first_device(tmp_path / "phone", hub)
    jo = phone.person("Jo")
    diary = diary_for(phone.household)
    long_words = ("We read together and talked about the day. " * 30)[:1000]
    for _ in range(120):  # far fewer records than a batch may hold, but many bytes
        diary.write(jo, _words(long_words, Sharing.WORKER))
    sizes: list[int] = []

    def measure(request: httpx.Request) -> None:
        if request.url.path == "/v1/push":
            sent = json.loads(gzip.decompress(request.read()))
            sizes.append(len(json.dumps(sent["records"], separators=(",", ":"))))

    phone.transport.before = measure
    phone.sync_now()
    assert len(sizes) >= 4 and max(sizes) <= limit + 2048  # cut by size...
    assert phone.sync().status().waiting == 0  # ...and every entry arrived
    assert shared_records(phone.store) == hub_shared_records(hub.engine, hub.household_id)


def test_batches_never_pass_the_size_limit_and_a_lone_large_record_goes_alone() -> None:
    def out(size: int) -> Outgoing:
        return Outgoing("e", "h", "c", "r", 1, {"body": "x" * size})

    cut = batches([out(400_000), out(400_000), out(400_000), out(2 * BATCH_BYTES), out(10)])
    assert [len(batch) for batch in cut] == [2, 1, 1, 1]


def test_an_answer_too_large_to_believe_is_not_read(tmp_path: Path, hub: RunningHub) -> None:
    phone = first_device(tmp_path / "phone", hub)

    async def flood(scope: dict[str, object], receive: object, send: object) -> None:
        await send({"type": "http.response.start", "status": 200,  # type: ignore[operator]
                    "headers": [(b"content-type", b"application/json")]})
        chunk = b" " * (1024 * 1024)
        for _ in range(40):
            await send({"type": "http.response.body", "body": chunk,  # type: ignore[operator]
                        "more_body": True})
        await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]

    server = ThreadedServer(flood, free_port())
    server.start()
    try:
        state = phone.store.get("sync_state", "state")
        assert state is not None
        phone.store.put_many([("sync_state", {**state, "hub_url": server.url}, None)],
                             track=False)
        safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES, "Bedtimes")
        status = phone.sync().sync_now()
    finally:
        server.stop()
    assert status.problem == "unreachable"
    assert phone.store.find(OUTBOX)  # nothing lost: the change is still waiting


def test_a_joined_device_opens_with_its_own_passphrase(hub: RunningHub, tmp_path: Path) -> None:
    first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    tablet.reopen()  # the passphrase chosen on the tablet (here the same words)
    assert tablet.household.household().name == "The Taylor family"
    assert tablet.household.passphrase_matches(PASSPHRASE)
