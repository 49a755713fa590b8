""""Since the last visit" in a household whose devices' clocks disagree, on a real hub.

The worker ends a visit on Jo's phone; the family tablet's clock is out. What the family does
on the tablet after it has the visit is new at the next visit, and what it did before is
not, whatever either device's clock said: the order is the order things happened in (sync's
clock stamps), not the times each device wrote on its records.

Two ways a tablet's clock is out: only the times it writes are an hour out (its clock stamps
and its requests keep the real time, as in the other device tests), or its whole clock is a
few minutes out, its clock stamps too (the hub takes requests up to five minutes out).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from app.domain.checkins import Feeling
from app.domain.chores import ChorePlan, Often, Who
from app.domain.circles import CircleKind
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.rituals import RITUAL_PICTURES, RitualPlan
from app.domain.strengths import StrengthKind
from app.services.checkins import checkins_for
from app.services.chores import chores_for
from app.services.circles import circles_for
from app.services.diary import diary_for
from app.services.rituals import rituals_for
from app.services.safety import safety_for
from app.services.strengths import strengths_for
from app.services.visits import SinceLastVisit, visits_for
from app.sync.hlc import HybridClock
from app.sync.tracker import track_changes
from tests.hubkit import RunningHub
from tests.services.taylors import PASSPHRASE, open_gate
from tests.sync.household_devices import Device, first_device, joined_device

HOUR = 3600.0
MINUTES = 4 * 60.0  # a whole clock this far out still reaches the hub
TABLET_CLOCKS = pytest.mark.parametrize(("times_out", "stamps_out"), [
    pytest.param(HOUR, 0.0, id="times_an_hour_out"),
    pytest.param(MINUTES, MINUTES, id="whole_clock_minutes_out"),
])


def with_clock(device: Device, times_out: float, stamps_out: float) -> None:
    """The device writes times ``times_out`` seconds from the real time on its records, and
    stamps them from a clock ``stamps_out`` seconds out (its requests keep the real time)."""
    device.gate.close()
    device.gate = open_gate(device.folder, lambda: time.time() + times_out)
    device.household = device.gate.unlock(PASSPHRASE)
    track_changes(device.store).clock = HybridClock(
        device.name, wall=lambda: time.time() + stamps_out)


def chore_and_ritual(tablet: Device) -> tuple[str, str]:
    """Sam's daily job and the bedtime story, set up by Jo on the tablet (so that they start
    on a day the tablet has reached, whatever the time by the phone's clock)."""
    jo, sam = tablet.person("Jo"), tablet.person("Sam")
    chore = chores_for(tablet.household).add(jo, ChorePlan(
        "Make your bed", "rest", Who.ONE, (sam.id,), Often.DAILY, stars=2))
    ritual = rituals_for(tablet.household).add(jo, RitualPlan(
        "Bedtime story", RITUAL_PICTURES[0], "Every night"))
    return chore.id, ritual.id


def family_day_on(tablet: Device, chore_id: str, ritual_id: str) -> None:
    """On the tablet: Sam checks in and ticks his job; Jo notes a proud moment, rates the
    safety scale, starts a circle, shares a diary entry and marks the ritual done."""
    jo, sam = tablet.person("Jo"), tablet.person("Sam")
    checkins_for(tablet.household).record(sam, Feeling.HAPPY, 2)
    chores_for(tablet.household).tick(sam, chore_id)
    strengths_for(tablet.household).add(jo, sam.id, StrengthKind.PROUD, "Read a book", "book")
    safety_for(tablet.household).rate(jo, 7)
    circles_for(tablet.household).start(jo, CircleKind.CHECK_IN, [jo.id, sam.id])
    diary = diary_for(tablet.household)
    diary.write(jo, DiaryWords(
        diary.today(), DayPart.MORNING, went_well="Breakfast together", sharing=Sharing.WORKER))
    rituals_for(tablet.household).done_today(jo, ritual_id)


def visit_on_the_phone(phone: Device) -> None:
    """Priya runs a visit with the family on Jo's phone and ends it."""
    priya = phone.person("Priya")
    visits = visits_for(phone.household)
    visits.start(priya, [phone.person(n).id for n in ("Jo", "Sam", "Mia")])
    visits.end(priya, phone.sync().agency_public_key())


def since_on(device: Device) -> SinceLastVisit:
    """What the worker's "since the last visit" says on ``device``."""
    return visits_for(device.household).since_last_visit(device.person("Priya"))


@TABLET_CLOCKS
def test_what_a_tablet_whose_clock_is_behind_does_after_the_visit_is_new_at_the_next(
    hub: RunningHub, tmp_path: Path, times_out: float, stamps_out: float
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    with_clock(tablet, -times_out, -stamps_out)
    chore_id, ritual_id = chore_and_ritual(tablet)
    tablet.sync_now()
    phone.sync_now()
    visit_on_the_phone(phone)
    phone.sync_now()
    tablet.sync_now()  # the tablet has the visit: all it makes now is after it
    family_day_on(tablet, chore_id, ritual_id)
    tablet.sync_now()
    phone.sync_now()
    sam_id = phone.person("Sam").id
    for device in (phone, tablet):
        since = since_on(device)
        assert since.since is not None, device.name
        assert since.checkins == {sam_id: Counter({"happy": 1})}, device.name
        assert (since.strengths, since.ratings, since.circles, since.diary_shared,
                since.chores_done, since.rituals_done) == (1, 1, 1, 1, 1, 1), device.name


@TABLET_CLOCKS
def test_what_a_tablet_whose_clock_is_ahead_did_before_the_visit_is_not_new_after_it(
    hub: RunningHub, tmp_path: Path, times_out: float, stamps_out: float
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    with_clock(tablet, times_out, stamps_out)
    chore_id, ritual_id = chore_and_ritual(tablet)
    family_day_on(tablet, chore_id, ritual_id)
    tablet.sync_now()
    phone.sync_now()  # the phone has it all: the worker looks at it in the visit
    assert since_on(phone).checkins != {}
    visit_on_the_phone(phone)
    phone.sync_now()
    tablet.sync_now()
    for device in (phone, tablet):
        since = since_on(device)
        assert since.since is not None, device.name
        assert since.checkins == {}, device.name
        assert (since.strengths, since.ratings, since.circles, since.diary_shared,
                since.chores_done, since.rituals_done) == (0, 0, 0, 0, 0, 0), device.name
