"""A phone whose whole clock is out (set by hand, or wrong network time) still reaches the agency.

The hub refuses a request signed more than five minutes from its own clock (``stale``) and a
stamp far ahead of it (``future_stamp``). Both refusals say what time the hub has, so the phone
signs and stamps by the hub's time from then on, and a child's alert made on a phone an hour
out gets through at once. When the clock is put right, the phone follows it again.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling
from app.hub.db import records
from app.services.checkins import checkins_for
from app.services.household import HouseholdService
from app.sync.hlc import MAX_STAMP_AHEAD_SECONDS, HybridClock, Stamp
from app.sync.service import sync_for
from app.sync.tracker import track_changes
from tests.hubkit import RunningHub
from tests.sync.household_devices import (
    Device,
    backed_up,
    first_device,
    joined_device,
    restored_device,
)
from tests.sync.test_since_visit_clocks import since_on, visit_on_the_phone

HOUR = 3600.0


def with_whole_clock_out(phone: Device, out: dict[str, float]) -> None:
    """The phone's every clock reads ``out["seconds"]`` from the real time: for its stamps, for
    the times written into its records and screens, and (``sync_with_clock``) for the
    signatures on its requests."""
    track_changes(phone.store).clock = HybridClock(
        "phone", wall=lambda: time.time() + out["seconds"])
    phone.household = HouseholdService(phone.store, clock=lambda: time.time() + out["seconds"])


def sync_with_clock(phone: Device, out: dict[str, float]) -> str | None:
    """Sync once, signing by the phone's own clock; the problem it reports, if any."""
    service = sync_for(phone.household, transport=phone.transport,
                       wall=lambda: time.time() + out["seconds"])
    return service.sync_now().problem


def by_the_hubs_time(stamp: Stamp) -> bool:
    """Not before the hub's time now, nor further ahead of it than a stamp may be."""
    return -60 < stamp.millis / 1000 - time.time() < MAX_STAMP_AHEAD_SECONDS


def stamps_on_hub(hub: RunningHub, collection: str) -> dict[str, str]:
    with hub.engine.connect() as connection:
        return {row.record_id: row.hlc for row in connection.execute(
            select(records.c.record_id, records.c.hlc).where(
                records.c.collection == collection))}


@pytest.mark.parametrize("seconds", [HOUR, -HOUR, 10 * 60.0, -10 * 60.0,
                                     -time.time() + 86400, 40 * 365 * 86400.0],
                         ids=["an_hour_fast", "an_hour_slow", "ten_minutes_fast",
                              "ten_minutes_slow", "a_dead_clock_battery_in_1970",
                              "forty_years_fast"])
def test_a_childs_alert_from_a_phone_whose_clock_is_out_reaches_the_agency_at_once(
    hub: RunningHub, tmp_path: Path, seconds: float
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    out = {"seconds": seconds}
    with_whole_clock_out(phone, out)
    alert = checkins_for(phone.household).raise_alert(phone.person("Sam"),
                                                      AlertSource.HELP_BUTTON)
    assert sync_with_clock(phone, out) is None
    held = stamps_on_hub(hub, "safety_alerts")
    assert set(held) == {alert.id}
    assert Stamp.parse(held[alert.id]).millis <= (time.time() + MAX_STAMP_AHEAD_SECONDS) * 1000
    assert phone.store.find("sync_outbox") == [] and phone.sync().set_aside() == []
    assert phone.sync().status().clock_out  # the family is asked to set the time

    # From then on the phone stamps by the hub's time (never going back on a stamp it gave);
    # the check-in's own time is still the phone's, and the hub goes by the stamp.
    checkin = checkins_for(phone.household).record(phone.person("Sam"), Feeling.CALM, 2)
    assert sync_with_clock(phone, out) is None
    assert by_the_hubs_time(Stamp.parse(stamps_on_hub(hub, "checkins")[checkin.id]))
    made = datetime.fromisoformat(checkin.created_at).timestamp()
    assert abs(made - (time.time() + out["seconds"])) < 60

    # The clock is put right: the phone follows it again and nothing is refused.
    out["seconds"] = 0.0
    later = checkins_for(phone.household).record(phone.person("Sam"), Feeling.CALM, 3)
    assert sync_with_clock(phone, out) is None
    assert later.id in stamps_on_hub(hub, "checkins")
    assert not phone.sync().status().clock_out
    assert phone.store.find("sync_outbox") == []
    assert by_the_hubs_time(Stamp.parse(track_changes(phone.store).clock.now()))


def test_a_phone_a_few_minutes_out_signs_by_its_own_clock(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    out = {"seconds": 3 * 60.0}
    with_whole_clock_out(phone, out)
    checkin = checkins_for(phone.household).record(phone.person("Sam"), Feeling.CALM, 2)
    assert sync_with_clock(phone, out) is None
    stamp = Stamp.parse(stamps_on_hub(hub, "checkins")[checkin.id])
    assert abs(stamp.millis / 1000 - (time.time() + out["seconds"])) < 60
    assert not phone.sync().status().clock_out


def test_after_a_restart_a_phone_still_out_stamps_by_the_hubs_time_before_it_syncs(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Without it, a check-in made first thing after opening the app sorts before the last
    visit, and "since the last visit" leaves it out on every device for good."""
    phone = first_device(tmp_path / "phone", hub)
    out = {"seconds": -HOUR}
    with_whole_clock_out(phone, out)
    assert sync_with_clock(phone, out) is None  # the phone learns the hub's time
    before = Stamp.parse(track_changes(phone.store).clock.now())
    phone.reopen()  # the app is closed and opened again; the clock is still an hour slow
    with_whole_clock_out(phone, out)
    checkin = checkins_for(phone.household).record(phone.person("Sam"), Feeling.CALM, 2)
    stamp = Stamp.parse((phone.store.get("checkins", checkin.id) or {})["_sync"]["hlc"])
    assert stamp > before and by_the_hubs_time(stamp)
    assert phone.sync().status().clock_out


def test_a_backup_restored_onto_a_phone_whose_clock_is_right_goes_by_that_clock(
    hub: RunningHub, tmp_path: Path
) -> None:
    # The old phone ran an hour fast and had learnt the hub's time. Its backup goes onto a
    # new phone whose clock is right: what was learnt of the old phone's clock must not
    # carry over, or a check-in made after a visit would sort before it.
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    out = {"seconds": HOUR}
    with_whole_clock_out(phone, out)
    assert sync_with_clock(phone, out) is None
    assert phone.sync().status().clock_out
    backup = backed_up(phone)
    phone.gate.close()
    shutil.rmtree(phone.folder)
    restored = restored_device(backup, tmp_path / "new-phone")
    assert not restored.sync().status().clock_out  # nothing known yet of this phone's clock
    visit_on_the_phone(tablet)
    tablet.sync_now()
    checkins_for(restored.household).record(restored.person("Sam"), Feeling.WORRIED, 2)
    restored.sync_now()
    tablet.sync_now()
    sam = tablet.person("Sam").id
    for device in (tablet, restored):
        assert since_on(device).checkins == {sam: Counter({"worried": 1})}, device.name
    # Opened again, the restored phone stays on its own (right) clock.
    restored.reopen()
    assert not restored.sync().status().clock_out
