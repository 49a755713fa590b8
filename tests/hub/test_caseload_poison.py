"""One record a paired device can push, and the hub stores, never stops a caseload: a number
where a time belongs, a time the clock cannot hold, a month that is a number, a score or a size
far out of range. The record is skipped like a body that does not decode (an alert or a
check-in is read in part instead); every other family, and everything else about this one, is
still read.

Every record reaches the hub through the real protocol and is read back from SQLite and from
PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.domain.alerts import AlertSource
from app.domain.people import Role
from app.hub.admin import register_household
from app.hub.caseload import ALERTS, caseload, parse_time
from app.hub.worker.household.data import household_records
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub

NOW = datetime.now(UTC).replace(microsecond=0)
YEAR_ONE = "0001-01-01T00:00:00+05:00"  # before the earliest moment the clock holds in UTC


def poison(now: datetime) -> dict[str, tuple[str, dict[str, Any]]]:
    """Bodies the hub stores that the domain's own readers take without a murmur."""
    checkin = {"feeling": "happy", "size": 3, "created_by": "tolu", "created_at": iso(now)}
    rating = {"score": 4, "reason": "", "created_by": "ade", "created_at": iso(now)}
    alert = {"child_id": "tolu", "source": "checkin", "created_by": "tolu"}
    return {
        "check-in made at a number": ("checkins", {**checkin, "created_at": 5}),
        "check-in made in year one": ("checkins", {**checkin, "created_at": YEAR_ONE}),
        "check-in with words in a list": ("checkins", {**checkin, "words": ["x"]}),
        "check-in far too big": ("checkins", {**checkin, "size": 10**30}),
        "alert made at a number": (ALERTS, {**alert, "created_at": 12}),
        "alert made in year one": (ALERTS, {**alert, "created_at": YEAR_ONE}),
        "rating made at a number": ("safety_ratings", {**rating, "created_at": 3}),
        "rating made in year one": ("safety_ratings", {**rating, "created_at": YEAR_ONE}),
        "rating of 10**30": ("safety_ratings", {**rating, "score": 10**30}),
        "rating of eleven": ("safety_ratings", {**rating, "score": 11}),
        "review for a month that is a number": ("reviews", {
            "month": 202611, "created_by": "ade", "created_at": iso(now)}),
        "visit started at a number": ("visits", {
            "worker_id": "priya", "started_at": 7, "present": []}),
        "member named with a number": ("members", {
            "name": 7, "role": "child", "avatar": "fox", "created_at": iso(now)}),
    }


@pytest.mark.parametrize("kind", sorted(poison(NOW)))
def test_one_bad_record_is_skipped_and_every_caseload_still_reads(
    hub: RunningHub, kind: str
) -> None:
    adams = Family(hub, register_household(hub.engine, "The Adams household"), NOW)
    adams.checkin("mia", NOW - timedelta(hours=1))
    okafors = Family(hub, hub.household_id, NOW)
    okafors.checkin("tolu", NOW - timedelta(hours=2))
    collection, body = poison(NOW)[kind]
    if collection == "visits":  # a visit is taken only from the household's own worker
        okafors.member("priya", "Priya", Role.WORKER)
    record_id = f"m-{uuid.uuid4().hex[:10]}" if collection == "members" else str(uuid.uuid4())
    okafors.push(collection, {"id": record_id, **body}, record_id=record_id,
                 urgent=collection == ALERTS)
    entries = caseload(hub.engine, NOW)
    assert sorted(entry.name for entry in entries) == ["The Adams household",
                                                       "The Okafor household"]
    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    if collection == ALERTS:  # an alert is never skipped: it is read in part (rule 1)
        assert found.skipped == 0
        assert [(a.child_id, a.source) for a in found.alerts] == [
            ("tolu", AlertSource.UNREADABLE)]
    elif collection == "checkins":  # nor is a check-in: what can be read of it is shown
        assert found.skipped == 0
        assert [(c.created_by, c.in_part) for c in found.checkins] == [
            ("tolu", False), ("tolu", True)]
        assert all(parse_time(c.created_at) is not None for c in found.checkins)
    else:
        assert found.skipped == 1
    if collection != "checkins":
        assert [checkin.created_by for checkin in found.checkins] == ["tolu"]


@pytest.mark.parametrize("value", [None, "", 5, 5.5, ["2026-01-01"], {"at": 1}, YEAR_ONE,
                                   "9999-12-31T23:59:59-05:00", "not a time", True])
def test_a_time_that_cannot_be_read_is_none(value: object) -> None:
    assert parse_time(value) is None


def test_a_time_with_an_offset_reads_in_utc() -> None:
    assert parse_time("2026-03-01T10:00:00+01:00") == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert parse_time("2026-03-01T10:00:00") == datetime(2026, 3, 1, 10, tzinfo=UTC)
