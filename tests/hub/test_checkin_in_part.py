"""A child's check-in the hub cannot read in full is still read, in part, and counted once.

A phone on a newer Homeward may send a check-in with a "what would help" picture, a reason or
a feeling this hub does not know yet. Rejected whole for one unknown value, the child's words
were nowhere at the agency, while the caseload still counted the check-in. Now the hub reads
what it can (the known helps and reasons, the size, the words, who and when), says what it
left out, and the caseload's count and the household's list agree. A record it cannot read at
all is counted as such, never shown. Pushed through the real protocol, read back from SQLite
and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.domain.checkins import Feeling, Help, Reason
from app.domain.people import Role
from app.hub.caseload import CHECKINS, caseload
from app.hub.casework.progress import Good
from app.hub.db import records
from app.hub.protocol import b64encode
from app.hub.worker.household.data import household_records
from app.hub.worker.household.page import week_counts
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub

NOW = datetime.now(UTC).replace(microsecond=0)


def newer_checkin(at: datetime) -> dict[str, object]:
    """A check-in as a newer Homeward sends it: one "what would help" this hub does not know."""
    return {"id": "c-new", "feeling": "scared", "size": 5, "reasons": ["home"],
            "helps": ["talk", "call_gran"], "words": "I don't want to go home",
            "created_by": "tolu", "created_at": iso(at)}


def test_a_checkin_with_a_help_this_hub_does_not_know_is_read_in_part(
        hub: RunningHub) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.member("tolu", "Tolu", Role.CHILD)
    made = NOW - timedelta(hours=1)
    home.push(CHECKINS, newer_checkin(made), at=made)

    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    (checkin,) = found.checkins
    assert (checkin.id, checkin.feeling, checkin.size, checkin.created_by) == (
        "c-new", Feeling.SCARED, 5, "tolu")
    assert checkin.reasons == (Reason.HOME,) and checkin.helps == (Help.TALK,)
    assert checkin.words == "I don't want to go home"
    assert checkin.created_at == iso(made)
    assert checkin.unread == ("helps",) and checkin.in_part
    assert found.skipped == 0
    (entry,) = caseload(hub.engine, NOW)
    counted = {good.kind: good.count for good in entry.going_well}
    assert counted[Good.CHECKINS] == 1 == week_counts(found, NOW)[Good.CHECKINS]


def test_a_feeling_or_reason_this_hub_does_not_know_is_said_not_guessed(
        hub: RunningHub) -> None:
    home = Family(hub, hub.household_id, NOW)
    made = NOW - timedelta(hours=2)
    home.push(CHECKINS, {**newer_checkin(made), "id": "c-odd", "feeling": "nervous",
                         "reasons": ["home", "pets"], "helps": ["hug"]}, at=made)

    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    (checkin,) = found.checkins
    assert checkin.feeling is None and checkin.size == 5
    assert checkin.reasons == (Reason.HOME,) and checkin.helps == (Help.HUG,)
    assert checkin.unread == ("feeling", "reasons")


def test_a_damaged_checkin_is_read_as_far_as_it_goes_and_counted_once(
        hub: RunningHub) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.checkin("tolu", NOW - timedelta(days=1), Feeling.HAPPY)
    sent = NOW - timedelta(hours=3)
    home.push(CHECKINS, {"id": "odd", "feeling": "not a feeling"}, at=sent)
    home.push(CHECKINS, {"id": "odd-2", "feeling": "sad", "size": 10**30, "words": ["x"],
                         "created_by": 7, "created_at": 5}, at=sent)

    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    assert found.skipped == 0 and len(found.checkins) == 3
    odd = {c.id: c for c in found.checkins}
    assert (odd["odd"].feeling, odd["odd"].size, odd["odd"].created_by) == (None, None, "")
    # no time of its own: the time its phone stamped it with when it was made
    assert odd["odd"].created_at == iso(sent)
    assert odd["odd-2"].feeling is Feeling.SAD and odd["odd-2"].words == ""
    assert odd["odd-2"].unread == ("size", "words", "who", "when")
    (entry,) = caseload(hub.engine, NOW)
    counted = {good.kind: good.count for good in entry.going_well}
    assert counted[Good.CHECKINS] == 3 == week_counts(found, NOW)[Good.CHECKINS]
    recent = household_records(hub.engine, hub.household_id, since=NOW - timedelta(days=14))
    assert recent is not None
    assert recent.total(CHECKINS, recent.checkins) == len(recent.checkins) == 3
    assert recent.last_checkin() == sent


def test_a_checkin_the_hub_cannot_read_at_all_is_counted_as_not_read(hub: RunningHub) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.checkin("tolu", NOW - timedelta(hours=1))
    # The hub now refuses a sealed check-in at the door; one a hub stored before is kept.
    home.push(CHECKINS, {}, record_id="c-sealed", body=None, expect="refused",
              sealed_body=b64encode(b"sealed words the hub has no key for"))
    home.push(CHECKINS, {"id": "c-sealed"})
    with hub.engine.begin() as connection:
        connection.execute(update(records).where(records.c.record_id == "c-sealed")
                           .values(sealed=True, body=b"sealed words the hub has no key for"))

    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    assert len(found.checkins) == 1 and found.skipped == 1
