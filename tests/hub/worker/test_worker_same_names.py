"""Two members of one household whose names look the same (two phones each added "Sam"
while offline): the worker's screens tell them apart, by the order they joined.

Driven headless over a real hub (SQLite).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.people import Avatar, Member, Role
from app.hub import conflict_queue
from app.hub.caseload import caseload
from app.hub.worker.household.data import household_records
from app.hub.worker.words import person, reason_words
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run

CYRILLIC_SAM = "S\u0430m"  # the "а" is Cyrillic: it looks like, and is not, a Latin "a"


def two_sams(hub: RunningHub, now: datetime, worker_id: int) -> Family:
    """The Okafors with Ade, a Sam who joined first and a second Sam added on another phone.

    The hub asks the worker whether the second Sam is the first; the worker keeps both.
    """
    okafors = Family(hub, hub.household_id, now)
    for member_id, name, role, days, answer in [
            ("ade", "Ade", Role.PARENT, 30, "stored"), ("sam-z", "Sam", Role.CHILD, 20, "stored"),
            ("sam-a", CYRILLIC_SAM, Role.CHILD, 10, "conflict")]:
        joined = iso(now - timedelta(days=days))
        okafors.push("members", Member(member_id, name, role, Avatar.FOX, joined).to_json(),
                     expect=answer)
    [asked] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    conflict_queue.resolve_conflict(hub.engine, asked.id, keep="device", worker_id=worker_id,
                                    now=now)
    return okafors


def test_two_members_who_look_the_same_are_told_apart_by_when_they_joined(
    hub: RunningHub, now: datetime, worker_id: int
) -> None:
    okafors = two_sams(hub, now, worker_id)
    okafors.rating("sam-z", 2, now - timedelta(days=1))
    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    assert person(records, "sam-z") == "Sam (1 of 2)"
    assert person(records, "sam-a") == f"{CYRILLIC_SAM} (2 of 2)"
    assert person(records, "ade") == "Ade"
    [entry] = [e for e in caseload(hub.engine, now) if e.household_id == hub.household_id]
    assert [reason_words(r, now) for r in entry.reasons][:1] == [
        "Sam (1 of 2) rated how safe things are at home 2 out of 10"]


def test_the_worker_sees_whose_check_in_is_whose(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    okafors = two_sams(hub, now, worker_id)
    okafors.checkin("sam-z", now - timedelta(hours=3))
    okafors.checkin("sam-a", now - timedelta(hours=2))

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Timeline")
        assert d.has_text("Sam (1 of 2) checked in"), d.texts()
        assert d.has_text(f"{CYRILLIC_SAM} (2 of 2) checked in"), d.texts()
        assert not d.conn.errors

    run(go())
