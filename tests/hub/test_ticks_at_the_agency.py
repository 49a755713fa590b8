"""A job or ritual marked done on two devices of one household, read at the agency.

Sam ticks his job on the tablet while Jo ticks it for him on her phone; the bedtime story is
marked done on both; Jo takes back a job ticked on both. The family's own screens count each
job and ritual once, by its first mark, and a job taken back as not done: the caseload, the
household's page and its timeline must say the same. Every record reaches the hub through the
real protocol and is read back from SQLite and from PostgreSQL.
"""

from __future__ import annotations

import uuid
from base64 import b64encode
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.chores import ChorePlan, Often, Who
from app.domain.rituals import RITUAL_PICTURES, RitualDone, RitualPlan
from app.hub.caseload import caseload
from app.hub.casework.progress import Good
from app.hub.worker.household.data import HouseholdRecords, household_records
from app.hub.worker.household.page import week_counts
from app.hub.worker.household.timeline import timeline
from app.services.chores import chores_for
from app.services.rituals import rituals_for
from tests.hub.programme_kit import ritual
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, first_device, joined_device
from tests.sync.test_ticks_devices import job_ticked_on_both


def rituals_this_week(hub: RunningHub, now: datetime) -> tuple[int, int]:
    """The rituals done this week as the caseload says it, and as the household's page does."""
    (entry,) = caseload(hub.engine, now)
    on_caseload = sum(good.count for good in entry.going_well if good.kind is Good.RITUALS)
    return on_caseload, week_counts(records_of(hub), now).get(Good.RITUALS, 0)


def records_of(hub: RunningHub) -> HouseholdRecords:
    """The hub's household as the worker's pages read it."""
    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    return found


def bedtime_story_on_both(phone: Device, tablet: Device) -> None:
    """The bedtime story, marked done on the tablet and on Jo's phone while apart, then synced."""
    jo = phone.person("Jo")
    story = rituals_for(phone.household).add(jo, RitualPlan(
        "Bedtime story", RITUAL_PICTURES[0], "Every night"))
    phone.sync_now()
    tablet.sync_now()
    rituals_for(tablet.household).done_today(tablet.person("Jo"), story.id)
    rituals_for(phone.household).done_today(jo, story.id)
    for device in (tablet, phone, tablet):
        device.sync_now()


def test_a_ritual_done_on_two_devices_counts_once_on_the_caseload_and_household_page(
        hub: RunningHub, tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    bedtime_story_on_both(phone, tablet)
    assert rituals_for(phone.household).counts(
        rituals_for(phone.household).rituals()[0].id).this_week == 1  # as the family sees it

    assert rituals_this_week(hub, datetime.now(UTC)) == (1, 1)


def test_a_ritual_counts_this_week_only_if_first_marked_this_week(hub: RunningHub) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    phone = Family(hub, hub.household_id, now)
    tablet = Family(hub, hub.household_id, now)  # a second paired device
    films = ritual(phone, "Friday film night", now - timedelta(days=30))
    story = ritual(phone, "Bedtime story", now - timedelta(days=30))

    def done(device: Family, ritual_id: str, at: datetime, day: datetime) -> None:
        mark = RitualDone(str(uuid.uuid4()), ritual_id, day.date(), "ade", iso(at))
        device.push("ritual_done", mark.to_json(), at=at)

    # film night, first marked just before the week began; the tablet's mark of that same
    # evening came after: the family counts it in the week before, so not as new
    evening = now - timedelta(days=7, hours=1)
    done(phone, films, evening, evening)
    done(tablet, films, now - timedelta(days=7) + timedelta(hours=1), evening)
    # the bedtime story on two nights this week, the second night on both devices
    for device, at in ((phone, now - timedelta(days=3)), (phone, now - timedelta(days=1)),
                       (tablet, now - timedelta(days=1, minutes=-5))):
        done(device, story, at, at)
    # a mark that names no ritual and no day is left out, and breaks nothing
    phone.push("ritual_done", {"id": "odd-1", "created_by": "ade", "created_at": iso(now)})
    # nor do fields of another shape; sealed bytes that are not JSON (a hostile device) are
    # refused at the door (one a hub stored before is read past: test_hub_nul.py)
    phone.push("ritual_done", {"id": "odd-2", "ritual_id": {"x": [1]}, "day": 5,
                               "created_by": "ade", "created_at": iso(now)})
    phone.push("ritual_done", {}, record_id="odd-3", body=None, expect="refused",
               sealed_body=b64encode(b"\xff\xfe not json {").decode("ascii"))

    assert rituals_this_week(hub, now) == (2, 2)


def test_the_timeline_lists_a_job_once_and_never_one_taken_back_as_done(
        hub: RunningHub, tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    job_ticked_on_both(phone, tablet)  # Make your bed: done once
    jo, sam = phone.person("Jo"), phone.person("Sam")
    cat = chores_for(phone.household).add(jo, ChorePlan(
        "Feed the cat", "cat", Who.ONE, (sam.id,), Often.DAILY, stars=1))
    phone.sync_now()
    tablet.sync_now()
    chores_for(tablet.household).tick(tablet.person("Sam"), cat.id)
    chores_for(phone.household).tick(jo, cat.id, sam.id)
    for device in (tablet, phone):
        device.sync_now()
    jobs = {c.name: s for c, s in chores_for(phone.household).jobs_today(sam.id)}
    taken_back = jobs["Feed the cat"]
    assert taken_back is not None
    chores_for(phone.household).undo(jo, taken_back.tick.id)  # both ticks taken back
    bedtime_story_on_both(phone, tablet)

    lines = [moment.words for moment in timeline(records_of(hub))]

    assert lines.count("Sam did a chore: Make your bed") == 1, lines
    assert not [line for line in lines if "did a chore: Feed the cat" in line], lines
    assert lines.count("Jo took back the tick for Sam's chore: Feed the cat") == 1, lines
    assert lines.count("The family did a ritual: Bedtime story") == 1, lines
