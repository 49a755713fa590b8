"""What the worker reads of a family whose phone's whole clock is out.

A phone set days out by hand signs and stamps by the hub's time once the hub has said so
(``test_clock_out``); the times written into its records stay the phone's, as its screens
show them. The hub must not believe a record's own time that its clock stamp, or its
arrival, says is wrong: a
child's alert raised just now on a phone five days slow is the worker's first line, and a
family quiet for ten days on a phone a month fast is listed as quiet.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling
from app.hub.admin import register_household
from app.hub.caseload import Attention, caseload
from app.hub.worker.household.data import household_records
from app.hub.worker.words import ago, reason_words
from app.services.checkins import checkins_for
from app.services.household import HouseholdService
from app.sync.hlc import HybridClock
from app.sync.tracker import track_changes
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, first_device
from tests.sync.test_clock_out import sync_with_clock, with_whole_clock_out

DAY = 86400.0
RIGHT = {"seconds": 0.0}


def another_household(hub: RunningHub, folder: Path, name: str) -> tuple[Device, str]:
    """Another family's first phone on the same hub, and the hub's id for the family."""
    household_id = register_household(hub.engine, name)
    return first_device(folder, RunningHub(hub.url, hub.engine, household_id,
                                           hub.server)), household_id


def with_only_record_times_out(phone: Device, seconds: float) -> None:
    """The times written into the phone's records are ``seconds`` out, its stamps and
    signatures right: an older Homeward, which wrote record times by the phone's own clock
    after sync had gone by the hub's."""
    phone.household = HouseholdService(phone.store, clock=lambda: time.time() + seconds)


def made_three_hours_ago(phone: Device) -> None:
    """Everything the phone makes from now reads three hours ago, stamps too: a phone with a
    right clock that raised an alert three hours ago with no signal, and sends it now."""
    track_changes(phone.store).clock = HybridClock("offline", wall=lambda: time.time() - 3 * 3600)
    with_only_record_times_out(phone, -3 * 3600)


def test_an_alert_from_a_phone_five_days_slow_comes_first_and_reads_as_just_now(
    hub: RunningHub, tmp_path: Path
) -> None:
    okafors, okafor_id = another_household(hub, tmp_path / "okafors", "The Okafor household")
    made_three_hours_ago(okafors)
    checkins_for(okafors.household).raise_alert(okafors.person("Sam"), AlertSource.HELP_BUTTON)
    assert sync_with_clock(okafors, RIGHT) is None

    phone = first_device(tmp_path / "phone", hub)
    out = {"seconds": -5 * DAY}
    with_whole_clock_out(phone, out)
    assert sync_with_clock(phone, out) is None  # the phone learns the hub's time
    sam = phone.person("Sam")
    checkins_for(phone.household).record(sam, Feeling.WORRIED, 3)
    checkins_for(phone.household).raise_alert(sam, AlertSource.HELP_BUTTON)
    assert sync_with_clock(phone, out) is None

    now = datetime.now(UTC)
    first, second = caseload(hub.engine, now)
    assert (first.household_id, second.household_id) == (hub.household_id, okafor_id)
    assert reason_words(first.reasons[0], now) == "Safety alert just now"
    assert reason_words(second.reasons[0], now) == "Safety alert 3 hours ago"
    assert Attention.QUIET not in {reason.kind for reason in first.reasons}
    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    assert ago(found.last_checkin(), now) == "just now"


def test_a_family_quiet_for_ten_days_on_a_phone_a_month_fast_is_listed_as_quiet(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    out = {"seconds": 30 * DAY}
    with_whole_clock_out(phone, out)
    assert sync_with_clock(phone, out) is None
    checkins_for(phone.household).record(phone.person("Sam"), Feeling.CALM, 2)
    assert sync_with_clock(phone, out) is None

    ten_days_on = datetime.now(UTC) + timedelta(days=10)
    (entry,) = caseload(hub.engine, ten_days_on)
    assert entry.attention is Attention.QUIET
    assert reason_words(entry.reasons[0], ten_days_on) == "No check-in for 10 days"


def test_the_agency_goes_by_the_stamp_when_a_records_own_time_is_days_out(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Records from an older Homeward, or made before the update, still carry the phone's
    wrong times: the hub goes by their stamps, and never by a time after it received them."""
    okafors, okafor_id = another_household(hub, tmp_path / "okafors", "The Okafor household")
    made_three_hours_ago(okafors)
    checkins_for(okafors.household).raise_alert(okafors.person("Sam"), AlertSource.HELP_BUTTON)
    assert sync_with_clock(okafors, RIGHT) is None
    slow = first_device(tmp_path / "slow", hub)
    with_only_record_times_out(slow, -5 * DAY)
    checkins_for(slow.household).raise_alert(slow.person("Sam"), AlertSource.HELP_BUTTON)
    assert sync_with_clock(slow, RIGHT) is None

    now = datetime.now(UTC)
    first, second = caseload(hub.engine, now)
    assert (first.household_id, second.household_id) == (hub.household_id, okafor_id)
    assert reason_words(first.reasons[0], now) == "Safety alert just now"

    fast, _ = another_household(hub, tmp_path / "fast", "The Evans household")
    with_only_record_times_out(fast, 30 * DAY)
    checkins_for(fast.household).record(fast.person("Sam"), Feeling.CALM, 2)
    assert sync_with_clock(fast, RIGHT) is None
    ten_days_on = now + timedelta(days=10)
    evans = next(entry for entry in caseload(hub.engine, ten_days_on)
                 if entry.name == "The Evans household")
    assert evans.attention is Attention.QUIET
    assert reason_words(evans.reasons[0], ten_days_on) == "No check-in for 10 days"

