"""A real household syncing with a real hub: pairing, what travels, what never does, faults.

Each test runs twice: against a hub on SQLite and against one on a real PostgreSQL server.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from device_kit import Family, device_records, hub_records, pair, taylors
from sqlalchemy import select

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.safety import Section
from app.hub import conflict_queue, sync
from app.hub.admin import add_worker, open_agency, revoke_device
from app.hub.db import records
from app.services.checkins import checkins_for
from app.services.diary import diary_for
from app.services.household import InvalidInput, NotAllowed
from app.services.safety import safety_for
from app.sync import outbox
from app.sync.catalogue import SEALED_FIELD, WORKER_MESSAGES
from app.sync.pairing import PairingFailed
from app.sync.sealing import CannotOpen, open_sealed
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub, key_check

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def family(tmp_path: Path) -> Family:
    made = taylors(tmp_path / "taylors")
    yield made
    made.gate.close()


def _paired(family: Family, hub: RunningHub) -> Family:
    pair(family, hub.url, hub.engine, hub.household_id)
    return family


def _same(family: Family, hub: RunningHub) -> None:
    assert device_records(family.store) == hub_records(hub.engine, hub.household_id)
    assert family.sync().status().waiting == 0


def test_pairing_sends_everything_already_there_but_never_a_pin(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    status = family.sync().status()
    assert status.agency_name == "Riverside Family Service" and status.last_sent_at
    _same(family, hub)
    held = hub_records(hub.engine, hub.household_id)
    names = sorted(body["name"] for (c, _), (_, body) in held.items() if c == "members")
    assert names == ["Jo", "Mia", "Priya", "Sam"]
    assert not any("pin_hash" in body for (c, _), (_, body) in held.items() if c == "members")


def test_only_a_parent_pairs_and_bad_codes_change_nothing(
    family: Family, hub: RunningHub
) -> None:
    service = family.sync()
    check = key_check(hub.engine)
    with pytest.raises(NotAllowed):
        service.pair(family.member("Sam"), hub.url, "7KQ2M-XD9VA", agency_key_check=check)
    with pytest.raises(InvalidInput, match="pairing_code_invalid"):
        service.pair(family.member("Jo"), hub.url, "12", agency_key_check=check)
    with pytest.raises(InvalidInput, match="hub_url_invalid"):
        service.pair(family.member("Jo"), "ftp://agency", "7KQ2M-XD9VA", agency_key_check=check)
    with pytest.raises(PairingFailed) as refused:
        service.pair(family.member("Jo"), hub.url, "7KQ2M-XD9VA", agency_key_check=check)
    assert refused.value.reason == "unknown_code"
    with pytest.raises(PairingFailed) as unreachable:
        service.pair(family.member("Jo"), "http://127.0.0.1:9", "7KQ2M-XD9VA",
                     agency_key_check=check)
    assert unreachable.value.reason == "unreachable"
    assert not service.status().paired and service.status().waiting == 0
    assert hub_records(hub.engine, hub.household_id) == {}


def test_a_safety_alert_is_sent_before_everything_else(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    checkins = checkins_for(family.household)
    sam = family.member("Sam")
    for _ in range(3):
        checkins.record(sam, Feeling.HAPPY, 3)
    alert = checkins.raise_alert(sam, AlertSource.HELP_BUTTON)
    assert outbox.waiting(family.store) == 4
    assert family.sync().status().waiting == 3  # an alert is never counted on a screen at home
    family.sync().sync_now()
    with hub.engine.connect() as connection:
        order = connection.execute(
            select(records.c.collection).where(records.c.household_id == hub.household_id)
            .order_by(records.c.seq.desc()).limit(4)
        ).scalars().all()
    assert order[-1] == "safety_alerts" and order[:3] == ["checkins"] * 3
    stored = family.store.get("safety_alerts", alert.id)
    assert stored is not None and stored["synced"] is True
    _same(family, hub)


def test_a_private_diary_entry_never_leaves_the_device(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    diary = diary_for(family.household)
    jo = family.member("Jo")
    diary.write(jo, DiaryWords(date(2026, 11, 24), DayPart.EVENING, went_well="private words"))
    diary.write(jo, DiaryWords(date(2026, 11, 24), DayPart.EVENING, went_well="shared words",
                               sharing=Sharing.WORKER))
    family.sync().sync_now()
    with hub.engine.connect() as connection:
        bodies = b"".join(bytes(b) for b in connection.execute(select(records.c.body)).scalars())
    assert b"shared words" in bodies and b"private words" not in bodies
    seen = {line.collection: line.count for line in family.sync().agency_can_see()}
    kept = {line.label_key: line.count for line in family.sync().kept_at_home()}
    assert seen["diary_entries"] == 1 and kept["sync.kept.private_diary"] == 1
    _same(family, hub)


def test_a_message_for_the_worker_is_sealed_at_home_and_opened_only_by_the_agency(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    words = "I miss my old school and I don't want to say at home"
    sent = family.sync().send_to_worker(family.member("Sam"), words)
    at_home = family.store.get(WORKER_MESSAGES, sent.id)
    assert at_home is not None and words not in json.dumps(at_home)
    sealed = __import__("base64").b64decode(at_home[SEALED_FIELD])
    with pytest.raises(CannotOpen):  # no key at home opens it: not a stranger's, not the store's
        open_sealed(X25519PrivateKey.generate(), sealed, sent.id)
    with pytest.raises(Exception):  # noqa: B017 - any failure will do: it must not open
        AESGCM(family.store._key).decrypt(sealed[33:45], sealed[45:], sent.id.encode())
    family.sync().sync_now()
    delivered = family.store.get(WORKER_MESSAGES, sent.id)
    assert delivered is not None and SEALED_FIELD not in delivered and delivered["delivered"]
    assert family.sync().sent_messages(family.member("Sam"))[0].delivered
    with hub.engine.connect() as connection:
        row = connection.execute(select(records).where(records.c.record_id == sent.id)).one()
        everything = b"".join(bytes(b) for b in connection.execute(select(records.c.body))
                              .scalars() if b is not None)
    assert row.sealed and words.encode() not in everything
    opened = json.loads(open_sealed(open_agency(hub.engine, AGENCY_PASSPHRASE),
                                    bytes(row.body), sent.id))
    assert opened["text"] == words and opened["from_name"] == "Sam"


def test_a_message_for_the_worker_waits_for_pairing(family: Family) -> None:
    service = family.sync()
    assert not service.can_message_worker()
    with pytest.raises(InvalidInput, match="not_paired"):
        service.send_to_worker(family.member("Sam"), "hello")
    with pytest.raises(InvalidInput, match="message_empty"):
        service.send_to_worker(family.member("Sam"), "   ")


def test_a_workers_bottom_line_reaches_the_family(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    safety = safety_for(family.household)
    safety.add_point(family.member("Jo"), Section.WORRIES, "Bedtimes get loud")
    family.sync().sync_now()
    held = hub_records(hub.engine, hub.household_id)
    body = dict(held[("safety_plans", "family")][1])
    body["bottom_lines"] = [{"id": "bl-1", "text": "No physical punishment, ever",
                             "created_by": "agency:1", "created_at": NOW.isoformat()}]
    worker = add_worker(hub.engine, "Priya Shah", "priya", "a long worker password")
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
    worker = add_worker(hub.engine, "Priya Shah", "priya", "a long worker password")
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


def _many_checkins(family: Family, count: int) -> None:
    checkins = checkins_for(family.household)
    mia = family.member("Mia")
    for n in range(count):
        checkins.record(mia, Feeling.HAPPY, 1 + n % 5, words=f"check-in {n}")


def test_the_hub_stopping_in_the_middle_of_a_push_loses_nothing(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    _many_checkins(family, 450)  # three batches
    first = family.transport.pushes + 1

    def stop_after_first_push(request: httpx.Request) -> None:
        if request.url.path == "/v1/push" and family.transport.pushes == first:
            hub.server.stop()

    family.transport.after = stop_after_first_push
    status = family.sync().sync_now()
    assert status.problem == "unreachable" and 0 < status.waiting < 450
    family.transport.after = lambda request: None
    restarted = hub.server.__class__(hub.server.server.config.app, hub.server.port)
    restarted.start()
    try:
        assert family.sync().sync_now().problem is None
        _same(family, hub)
    finally:
        restarted.stop()


def test_an_answer_lost_after_the_hub_stored_the_batch_is_resent_as_a_duplicate(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    _many_checkins(family, 20)
    lost: list[int] = []

    def lose_first_answer(request: httpx.Request) -> None:
        if request.url.path == "/v1/push" and not lost:
            lost.append(1)
            raise httpx.ReadError("connection dropped", request=request)

    family.transport.after = lose_first_answer
    status = family.sync().sync_now()
    assert status.problem == "unreachable" and status.waiting == 20
    assert len(hub_records(hub.engine, hub.household_id)) >= 20  # the hub did store them
    answers: list[str] = []
    family.transport.after = lambda request: None
    original = family.transport.handle_request

    def spy(request: httpx.Request) -> httpx.Response:
        response = original(request)
        if request.url.path == "/v1/push":
            answers.extend(r["status"] for r in response.json()["results"])
        return response

    family.transport.handle_request = spy  # type: ignore[method-assign]
    assert family.sync().sync_now().problem is None
    assert answers == ["duplicate"] * 20
    _same(family, hub)


def test_a_revoked_phone_is_told_so_and_keeps_its_changes(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    from app.sync.catalogue import STATE

    device_id = family.store.get(STATE, "state")["device_id"]  # type: ignore[index]
    revoke_device(hub.engine, device_id)
    _many_checkins(family, 3)
    status = family.sync().sync_now()
    assert status.problem == "revoked" and status.waiting == 3


def test_sync_survives_closing_and_reopening_the_household(
    family: Family, hub: RunningHub, tmp_path: Path
) -> None:
    from tests.services.taylors import reopen

    _paired(family, hub)
    _many_checkins(family, 5)
    household = reopen(family.gate, tmp_path / "taylors", family.household.clock)
    again = Family(family.gate, household, family.transport)
    assert again.sync().status().waiting == 5
    assert again.sync().sync_now().problem is None
    _same(again, hub)


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


def test_a_queued_safety_alert_wakes_the_sync_loop(family: Family, hub: RunningHub) -> None:
    from app.sync.tracker import track_changes

    _paired(family, hub)
    tracker = track_changes(family.store)
    tracker.urgent.clear()
    safety_for(family.household).add_point(family.member("Jo"), Section.WORRIES, "Bedtimes")
    assert not tracker.urgent.is_set()
    checkins_for(family.household).raise_alert(family.member("Sam"), AlertSource.CHECKIN)
    assert tracker.urgent.is_set()
    # A check-in syncs at once too, so the sync an alert starts cannot be told apart.
    tracker.urgent.clear()
    _many_checkins(family, 1)
    assert tracker.urgent.is_set()


def test_a_disconnected_phone_can_be_connected_again_with_a_new_code(
    family: Family, hub: RunningHub
) -> None:
    from app.sync.catalogue import STATE

    _paired(family, hub)
    old_device = family.store.get(STATE, "state")["device_id"]  # type: ignore[index]
    revoke_device(hub.engine, old_device)
    _many_checkins(family, 2)
    assert family.sync().sync_now().problem == "revoked"
    pair(family, hub.url, hub.engine, hub.household_id)
    assert family.store.get(STATE, "state")["device_id"] != old_device  # type: ignore[index]
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []
    _same(family, hub)


@pytest.mark.parametrize("typed", ["not an address", "http://", "ftp://127.0.0.1",
                                   "http://127.0.0.1:99999", "http://someone:secret@hub",
                                   "http://host:"])
def test_addresses_that_are_not_a_hub_are_refused(typed: str) -> None:
    from app.sync.client import BadHubAddress, clean_hub_url

    with pytest.raises(BadHubAddress):
        clean_hub_url(typed)


def test_a_hub_address_is_tidied() -> None:
    from app.sync.client import clean_hub_url

    tidied = clean_hub_url(" hub.riverside.org.uk/homeward/ ")
    assert tidied == "https://hub.riverside.org.uk/homeward"
    assert clean_hub_url("http://127.0.0.1:8560/") == "http://127.0.0.1:8560"


def test_a_connected_phone_is_not_paired_twice(family: Family, hub: RunningHub) -> None:
    _paired(family, hub)
    with pytest.raises(InvalidInput, match="already_paired"):
        family.sync().pair(family.member("Jo"), hub.url, "7KQ2M-XD9VA",
                           agency_key_check=key_check(hub.engine))
