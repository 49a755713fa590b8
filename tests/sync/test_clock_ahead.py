"""A device whose clock ran fast loses nothing: once its clock is right, all it made gets through.

A phone's clock can be an hour out (set by hand, or wrong network time) and be put right later.
The hub refuses a stamp too far ahead of its own clock (``future_stamp``), but that refusal is
never final: the change stays queued, the hub's answer says what time the hub has, and the
device stamps the refused changes again from a clock that no longer holds the wrong reading.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from app.domain.alerts import AlertSource
from app.hub.db import records
from app.services.checkins import checkins_for
from app.sync.hlc import MAX_STAMP_AHEAD_SECONDS, HybridClock, Stamp
from app.sync.tracker import track_changes
from tests.hubkit import RunningHub
from tests.sync.household_devices import agree, first_device


def test_an_alert_made_while_the_clock_ran_fast_reaches_the_hub_once_it_is_right(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    ahead = {"seconds": 3600.0}
    track_changes(phone.store).clock = HybridClock(
        "phone", wall=lambda: time.time() + ahead["seconds"])
    sam = phone.person("Sam")
    checkins = checkins_for(phone.household)
    first = checkins.raise_alert(sam, AlertSource.HELP_BUTTON)
    ahead["seconds"] = 0  # network time comes back
    later = checkins.raise_alert(sam, AlertSource.HELP_BUTTON)  # the same session
    phone.sync_now()
    with hub.engine.connect() as connection:
        held = {row.record_id: row.hlc for row in connection.execute(
            select(records.c.record_id, records.c.hlc).where(
                records.c.collection == "safety_alerts"))}
    assert set(held) == {first.id, later.id}
    limit = (time.time() + MAX_STAMP_AHEAD_SECONDS) * 1000
    assert all(Stamp.parse(stamp).millis <= limit for stamp in held.values())
    assert phone.sync().set_aside() == []
    agree(hub, phone)
    # And the clock goes on from the right time: the next change is not refused either.
    checkins.raise_alert(sam, AlertSource.HELP_BUTTON)
    phone.sync_now()
    assert phone.sync().status().waiting == 0 and phone.store.find("sync_outbox") == []


def test_a_change_refused_for_its_stamp_stays_queued_until_the_clock_is_right(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    ahead = {"seconds": 2.0 * MAX_STAMP_AHEAD_SECONDS}
    # Only the stamps are wrong here: requests are signed with the real time.
    track_changes(phone.store).clock = HybridClock(
        "phone", wall=lambda: time.time() + ahead["seconds"])
    alert = checkins_for(phone.household).raise_alert(phone.person("Sam"),
                                                      AlertSource.HELP_BUTTON)
    phone.sync_now()
    phone.sync_now()
    assert [e["record_id"] for e in phone.store.find("sync_outbox")] == [alert.id]
    assert phone.sync().set_aside() == []
    ahead["seconds"] = 0
    phone.sync_now()
    with hub.engine.connect() as connection:
        held = set(connection.execute(select(records.c.record_id).where(
            records.c.collection == "safety_alerts")).scalars())
    assert held == {alert.id}
    assert phone.store.find("sync_outbox") == []
