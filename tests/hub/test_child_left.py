"""A child taken off the household is shown as gone, and their old ratings no longer rank it.

A child who leaves can no longer rate the safety scale, so a low rating they gave before kept
their family above settled ones on the caseload for ever, and the worker's screens still
listed them as a child at home. Now a person taken off the household is not a current child,
their ratings stay in the history but no longer say the family needs attention, and the
timeline says on the day that they were taken off. Pushed through the real protocol, read back
from SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.people import Avatar, Member, Role
from app.hub.admin import register_household
from app.hub.caseload import Attention, caseload
from app.hub.worker.household.data import household_records
from app.hub.worker.household.programme.family import children_of
from app.hub.worker.household.timeline import timeline
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub

NOW = datetime.now(UTC).replace(microsecond=0)


def take_off(home: Family, member_id: str, name: str, role: Role, at: datetime) -> None:
    """Push the member's second revision, taken off the household by Ade at ``at``."""
    member = Member(member_id, name, role, Avatar.FOX, iso(home.now), removed_at=iso(at),
                    removed_by="ade")
    home.push("members", member.to_json(), at=at, revision=2, base_revision=1)


def test_a_child_taken_off_no_longer_ranks_the_caseload_and_the_timeline_says_so(
        hub: RunningHub) -> None:
    okafors = Family(hub, hub.household_id, NOW)
    okafors.member("ade", "Ade", Role.PARENT)
    okafors.member("tolu", "Tolu", Role.CHILD)
    okafors.rating("tolu", 7, NOW - timedelta(days=3))
    okafors.rating("tolu", 2, NOW - timedelta(days=2))
    okafors.checkin("ade", NOW - timedelta(days=1))
    adams = Family(hub, register_household(hub.engine, "The Adams household"), NOW)
    adams.checkin("mia", NOW - timedelta(hours=1))
    first = caseload(hub.engine, NOW)
    assert [entry.name for entry in first] == ["The Okafor household", "The Adams household"]
    assert first[0].attention is Attention.LOW

    left = NOW - timedelta(hours=20)
    take_off(okafors, "tolu", "Tolu", Role.CHILD, left)

    entries = caseload(hub.engine, NOW)
    assert [entry.name for entry in entries] == ["The Adams household", "The Okafor household"]
    okafor = entries[1]
    assert okafor.attention is Attention.SETTLED, okafor.reasons
    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    assert len(found.ratings) == 2  # kept in the history
    assert children_of(found) == []
    (moment,) = [m for m in timeline(found) if "Tolu" in m.words and "taken off" in m.words]
    assert (moment.at, moment.words) == (left, "Tolu was taken off the household")


def test_others_ratings_still_rank_the_caseload_when_a_child_has_left(hub: RunningHub) -> None:
    okafors = Family(hub, hub.household_id, NOW)
    okafors.member("ade", "Ade", Role.PARENT)
    okafors.member("tolu", "Tolu", Role.CHILD)
    okafors.member("sam", "Sam", Role.CHILD)
    okafors.rating("tolu", 1, NOW - timedelta(days=2))
    okafors.rating("sam", 3, NOW - timedelta(days=2))
    okafors.checkin("sam", NOW - timedelta(days=1))
    take_off(okafors, "tolu", "Tolu", Role.CHILD, NOW - timedelta(hours=20))

    (entry,) = caseload(hub.engine, NOW)
    assert entry.attention is Attention.LOW
    assert (entry.reasons[0].who, entry.reasons[0].after) == ("Sam", 3)
    found = household_records(hub.engine, hub.household_id)
    assert found is not None and children_of(found) == ["sam"]
