"""A real household syncing with a real hub: what travels and what never does. A safety alert
goes first and wakes the sync loop, a private diary entry stays at home, and a message for
the worker is sealed at home so only the agency can open it.

Each test that uses a hub runs twice: against a hub on SQLite and against one on a real
PostgreSQL server.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from device_kit import Family
from device_sync_steps import _many_checkins, _paired, _same
from sqlalchemy import select

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.safety import Section
from app.hub.admin import open_agency
from app.hub.db import records
from app.services.checkins import checkins_for
from app.services.diary import diary_for
from app.services.household import InvalidInput
from app.services.safety import safety_for
from app.sync import outbox
from app.sync.catalogue import SEALED_FIELD, WORKER_MESSAGES
from app.sync.sealing import CannotOpen, open_sealed
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub


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
    kept = {line.label_key: line.count for line in family.sync().kept_at_home(jo)}
    assert seen["diary_entries"] == 1 and kept["sync.kept.private_diary"] == 1
    # a second carer's private diary is theirs: not even its count is shown to Jo
    alex = family.household.add_parent("Alex", "1357", by=jo)
    diary.write(alex, DiaryWords(date(2026, 11, 24), DayPart.EVENING, went_well="my words"))
    kept = {line.label_key: line.count for line in family.sync().kept_at_home(jo)}
    assert kept["sync.kept.private_diary"] == 1
    kept = {line.label_key: line.count for line in family.sync().kept_at_home(alex)}
    assert kept["sync.kept.private_diary"] == 1
    family.sync().sync_now()  # Alex reaches the agency; no diary words do
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
