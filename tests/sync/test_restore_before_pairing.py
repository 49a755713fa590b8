"""A phone restored from a backup made before the household was first connected to its agency.

The Taylors set Homeward up and made a backup; then Jo connected the phone to the agency and
the family went on using it. The phone is lost and the old backup is restored onto a new one,
which knows nothing of the agency. Jo connects it with a new code from the worker: it is the
same household (the same people), so the hub takes it back as that household's device rather
than refusing it as a family set up twice, and the phone catches up with everything the agency
got after the backup, with nothing doubled, waiting or left to settle.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain.checkins import Feeling
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.safety import Section
from app.hub.admin import issue_pairing_code
from app.hub.db import records
from app.services.checkins import checkins_for
from app.services.diary import diary_for
from app.services.safety import safety_for
from tests.hubkit import RunningHub, key_check
from tests.services.taylors import create_taylors
from tests.sync.household_devices import Device, agree, backed_up, restored_device


def _connect(device: Device, hub: RunningHub) -> None:
    jo = device.person("Jo")
    code = issue_pairing_code(hub.engine, hub.household_id).code
    status = device.sync().pair(jo, hub.url, code, agency_key_check=key_check(hub.engine))
    assert status.paired and status.problem is None, status


def test_a_phone_restored_from_before_it_was_connected_connects_again_as_the_same_household(
    hub: RunningHub, tmp_path: Path
) -> None:
    gate, household = create_taylors(tmp_path / "phone", time.time)
    phone = Device("first", tmp_path / "phone", gate, household)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORKING_WELL,
                                          "Stories at bedtime")
    backup = backed_up(phone)  # before the phone was ever connected

    _connect(phone, hub)
    checkins_for(phone.household).record(phone.person("Mia"), Feeling.CALM, 2)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORKING_WELL,
                                          "Tea together")
    phone.sync_now()
    phone.gate.close()
    shutil.rmtree(phone.folder)  # the phone is lost

    restored = restored_device(backup, tmp_path / "new-phone")
    _connect(restored, hub)
    for _round in range(2):
        restored.sync_now()

    agree(hub, restored)
    jo, mia = restored.person("Jo"), restored.person("Mia")
    assert [c.feeling for c in checkins_for(restored.household).checkins_of(jo, mia.id)] == [
        Feeling.CALM]
    assert [p.text for p in safety_for(restored.household).plan().working_well] == [
        "Stories at bedtime", "Tea together"]
    restored.gate.close()


def test_a_change_made_on_the_restored_phone_before_it_connected_is_shown_to_settle(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Jo changed the safety plan on the restored phone before connecting it, while the old
    phone had changed it too: nothing is quietly lost, the difference is there to settle."""
    gate, household = create_taylors(tmp_path / "phone", time.time)
    phone = Device("first", tmp_path / "phone", gate, household)
    jo = phone.person("Jo")
    safety_for(phone.household).add_point(jo, Section.WORKING_WELL, "Stories at bedtime")
    backup = backed_up(phone)
    _connect(phone, hub)
    safety_for(phone.household).add_point(jo, Section.WORKING_WELL, "Tea together")
    phone.sync_now()

    restored = restored_device(backup, tmp_path / "new-phone")
    safety_for(restored.household).add_point(restored.person("Jo"), Section.WORKING_WELL,
                                             "Walk to school")
    _connect(restored, hub)
    restored.sync_now()
    assert restored.sync().status().open_conflicts == 1
    assert restored.sync().status().waiting == 0
    phone.gate.close()
    restored.gate.close()


def test_words_taken_back_after_the_backup_are_not_shared_again_by_the_restored_phone(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Jo shared a diary entry before the backup, then made it private once connected: the
    restored phone, which still has it shared, never sends it to the agency again; Jo keeps
    her words, privately."""
    gate, household = create_taylors(tmp_path / "phone", time.time)
    phone = Device("first", tmp_path / "phone", gate, household)
    words = DiaryWords(date.today(), DayPart.BEDTIME, went_well="Story time was calm",
                       sharing=Sharing.WORKER)
    entry = diary_for(phone.household).write(phone.person("Jo"), words)
    backup = backed_up(phone)
    _connect(phone, hub)
    diary_for(phone.household).change(phone.person("Jo"), entry.entry_id,
                                      replace(words, sharing=Sharing.PRIVATE))
    phone.sync_now()
    phone.gate.close()

    restored = restored_device(backup, tmp_path / "new-phone")
    _connect(restored, hub)
    for _round in range(2):
        restored.sync_now()
    with hub.engine.connect() as connection:
        (row,) = connection.execute(select(records).where(
            records.c.collection == "diary_entries")).all()
    assert row.body is None and row.withdrawn_at is not None
    diary = diary_for(restored.household)
    (kept,) = diary.entries(restored.person("Jo"))
    assert kept.words.went_well == "Story time was calm" and not kept.shared
    assert diary.entries(restored.person("Priya")) == []
    agree(hub, restored)
    restored.gate.close()
