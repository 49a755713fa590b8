"""Visits and monthly reviews across the household's devices and the agency, on a real hub.

A visit ended on the family tablet reaches the parent's phone: "since the last visit" starts
there on both, and neither holds the worker's notes in words. Two devices that each make the
same month's review offline do not end up with two reviews of one month: they cross at the
agency and the worker settles it, after which every device holds the same one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from app.domain.programme.visits import AgendaItem
from app.hub import conflict_queue
from app.hub.worker.household.data import household_records
from app.hub.worker.household.documents import describe
from app.services.reviews import reviews_for
from app.services.visits import visits_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import agree, first_device, joined_device, priya_account

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
NOTE = "Mia told me about the shouting at bedtime"


def test_a_visit_on_the_tablet_reaches_the_phone_without_its_notes_in_words(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    priya = tablet.person("Priya")
    visits = visits_for(tablet.household)
    visits.start(priya, [tablet.person(n).id for n in ("Jo", "Sam", "Mia")])
    visits.change(priya, lambda v: v.with_note(AgendaItem.CHILDREN, NOTE))
    visits.change(priya, lambda v: v.with_seen_alone(tablet.person("Mia")))
    ended = visits.end(priya, tablet.sync().agency_public_key())
    tablet.sync_now()
    phone.sync_now()
    [on_phone] = visits_for(phone.household).visits()
    assert on_phone == ended and on_phone.seen_alone == (phone.person("Mia").id,)
    assert visits_for(phone.household).since_last_visit(phone.person("Priya")).since == (
        ended.ended_at)
    for device in (phone, tablet):  # the notes are only sealed, on every device
        assert NOTE not in json.dumps(device.store.find("visits"))
        assert device.store.find("visit_drafts") == []
    agree(hub, phone, tablet)


def test_the_same_months_review_made_on_two_devices_is_settled_not_doubled(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    reviews_for(phone.household).make_review(phone.person("Jo"), "2026-11", [], [],
                                             went_well="Tea together")
    reviews_for(tablet.household).make_review(tablet.person("Priya"), "2026-11", [], [],
                                              went_well="Film night")
    phone.sync_now()
    tablet.sync_now()
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert tablet.sync().status().open_conflicts == 1  # told, and nothing lost
    known = household_records(hub.engine, hub.household_id)  # the worker reads the difference
    assert "What went well: Film night" in describe("reviews", crossed.body, known)
    conflict_queue.resolve_conflict(hub.engine, crossed.id, keep="device",
                                    worker_id=priya_account(hub).id, now=NOW)
    for device in (phone, tablet, phone):
        device.sync_now()
    agree(hub, phone, tablet)
    for device in (phone, tablet):
        [kept] = reviews_for(device.household).reviews()
        assert kept.month == "2026-11" and kept.went_well == "Film night"
