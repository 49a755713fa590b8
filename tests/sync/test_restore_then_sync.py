"""A phone restored from a backup catches up with its agency without losing or doubling anything.

The Taylors' phone is backed up, then goes on: a check-in and a safety-plan line reach the
agency. The phone is lost; the backup is restored onto a new one, which knows nothing of those.
A check-in made on the restored phone before it syncs, and everything the agency got after the
backup, end up on both sides, once each; nothing waits and nothing conflicts.
A child's message for the worker that the backup holds still sealed, and the old phone sent,
reaches the agency once and leaves no sealed words on the restored phone. A diary entry Jo
shared, then made private after the backup, stays on the restored phone as hers, privately.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain.checkins import Feeling
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.safety import Section
from app.hub.db import records
from app.services.checkins import checkins_for
from app.services.diary import diary_for
from app.services.safety import safety_for
from app.sync.catalogue import SEALED_FIELD, WORKER_MESSAGES
from tests.hubkit import RunningHub
from tests.sync.household_devices import agree, backed_up, first_device, restored_device


def test_a_restored_phone_catches_up_and_its_new_records_reach_the_agency(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    checkins_for(phone.household).record(phone.person("Sam"), Feeling.HAPPY, 3)
    phone.sync_now()
    backup = backed_up(phone)

    checkins_for(phone.household).record(phone.person("Mia"), Feeling.CALM, 2)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORKING_WELL,
                                          "Tea together")
    phone.sync_now()
    phone.gate.close()
    shutil.rmtree(phone.folder)  # the phone is lost

    restored = restored_device(backup, tmp_path / "new-phone")
    sam = restored.person("Sam")
    checkins_for(restored.household).record(sam, Feeling.WORRIED, 2)  # before it syncs
    for _round in range(2):
        restored.sync_now()

    agree(hub, restored)
    jo = restored.person("Jo")
    feelings = sorted(c.feeling.value for c in checkins_for(restored.household).checkins_of(
        jo, sam.id))
    assert feelings == sorted([Feeling.HAPPY.value, Feeling.WORRIED.value])
    mia = restored.person("Mia")
    assert [c.feeling for c in checkins_for(restored.household).checkins_of(jo, mia.id)] == [
        Feeling.CALM]
    assert [p.text for p in safety_for(restored.household).plan().working_well] == [
        "Tea together"]
    restored.gate.close()


def test_a_sealed_message_in_a_backup_is_not_sent_twice_nor_kept_on_the_restored_phone(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Sam's message was in the backup still sealed (not yet sent); the old phone sent it
    before it was lost. The restored phone sends it again: the agency keeps one, and the
    restored phone drops the sealed words and shows Sam it was sent."""
    phone = first_device(tmp_path / "phone", hub)
    sam = phone.person("Sam")
    sent = phone.sync().send_to_worker(sam, "Please can you come soon")
    backup = backed_up(phone)
    phone.sync_now()
    phone.gate.close()
    shutil.rmtree(phone.folder)

    restored = restored_device(backup, tmp_path / "new-phone")
    [stub] = restored.store.find(WORKER_MESSAGES)
    assert SEALED_FIELD in stub  # the backup holds it unsent
    for _round in range(2):
        restored.sync_now()

    [stub] = restored.store.find(WORKER_MESSAGES)
    assert SEALED_FIELD not in stub
    assert [(m.id, m.delivered) for m in restored.sync().sent_messages(
        restored.person("Sam"))] == [(sent.id, True)]
    with hub.engine.connect() as connection:
        rows = connection.execute(select(records.c.record_id, records.c.sealed).where(
            records.c.collection == WORKER_MESSAGES)).all()
    assert [tuple(r) for r in rows] == [(sent.id, True)]
    agree(hub, restored)
    restored.gate.close()


def test_a_phone_restored_from_before_a_withdrawal_keeps_the_authors_words_private(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    diary = diary_for(phone.household)
    words = DiaryWords(date.today(), DayPart.BEDTIME, went_well="Story time was calm",
                       sharing=Sharing.WORKER)
    entry = diary.write(phone.person("Jo"), words)
    phone.sync_now()
    backup = backed_up(phone)
    diary_for(phone.household).change(phone.person("Jo"), entry.entry_id,
                                      replace(words, sharing=Sharing.PRIVATE))
    phone.sync_now()  # Jo takes it back from the agency; then the phone is lost
    phone.gate.close()

    restored = restored_device(backup, tmp_path / "restored")
    restored.sync_now()
    diary = diary_for(restored.household)
    # Jo's own words are never destroyed: she still reads them, and only she does.
    (kept,) = diary.entries(restored.person("Jo"))
    assert kept.words.went_well == "Story time was calm" and not kept.shared
    assert diary.entries(restored.person("Priya")) == []
    # Nothing goes back to the agency as shared.
    restored.sync_now()
    assert restored.sync().status().waiting == 0
    with hub.engine.connect() as connection:
        (row,) = connection.execute(select(records).where(
            records.c.collection == "diary_entries")).all()
    assert row.deleted and row.body is None and row.withdrawn_at is not None
    agree(hub, restored)
