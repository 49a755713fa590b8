"""The hub checks every pushed record on its own: a bad one is refused with a reason, and the
rest of its batch, and every other device of the household, carry on as if it never came."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hub_device import HubDevice, record
from sqlalchemy import select

from app.hub.db import records
from tests.hubkit import RunningHub

Pair = Callable[[RunningHub], HubDevice]
HASH = "0123456789abcdef" * 4


def _stamp(seconds_from_now: float = 0) -> str:
    return f"{int((time.time() + seconds_from_now) * 1000):013d}-0000-a1b2c3d4"


def _answers(phone: HubDevice, batch: list[dict[str, object]]) -> list[dict[str, object]]:
    answer = phone.push(batch)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["results"])


@pytest.mark.parametrize(("name", "change", "reason"), [
    ("a 20-digit clock stamp", {"hlc": "99999999999999999999-0000-dev"}, "malformed"),
    ("a stamp with no node", {"hlc": "1700000000000-0000-"}, "malformed"),
    ("a stamp a day ahead", {"hlc": _stamp(24 * 3600)}, "future_stamp"),
    ("a body with no id", {"body": {"mood": "ok"}}, "malformed"),
    ("a body naming another record", {"body": {"id": "someone-else"}}, "malformed"),
    ("a body that is a list", {"body": ["not", "an", "object"]}, "malformed"),
    ("a body that is text", {"body": "just words"}, "malformed"),
    ("no body at all", {"body": None}, "malformed"),
    ("a tombstone with a body", {"deleted": True}, "malformed"),
    ("a withdrawal that is not deleted", {"withdrawn": True}, "malformed"),
    ("a device signing as the agency", {"author": "agency:1"}, "agency_author"),
    ("a body written by the agency", {"body": {"id": "bad", "created_by": "agency:1"}},
     "agency_author"),
    ("a part of a body written by the agency", {"body": {"id": "bad", "bottom_lines": [
        {"id": "b-9", "text": "Stay at Dave's", "created_by": "agency:1"}]}}, "agency_author"),
    ("an author who is nobody here", {"author": "stranger"}, "unknown_author"),
    ("a record that never leaves a device", {"collection": "member_pins"}, "local_only"),
    ("sent hashes that are a list", {"sent_revision": 1, "sent_hashes": [HASH]}, "malformed"),
    ("a sent hash that is a number", {"sent_revision": 1, "sent_hashes": {"1": 7}}, "malformed"),
    ("a sent hash too short", {"sent_revision": 1, "sent_hashes": {"1": "ab"}}, "malformed"),
    ("a sent hash not in hex", {"sent_revision": 1, "sent_hashes": {"1": "z" * 64}},
     "malformed"),
    ("a sent hash in capitals", {"sent_revision": 1, "sent_hashes": {"1": HASH.upper()}},
     "malformed"),
    ("a sent hash for no revision", {"sent_revision": 1, "sent_hashes": {"one": HASH}},
     "malformed"),
    ("a sent hash for revision 0", {"sent_revision": 1, "sent_hashes": {"0": HASH}},
     "malformed"),
    ("a sent hash above sent_revision", {"sent_revision": 1, "sent_hashes": {"2": HASH}},
     "malformed"),
    ("too many sent hashes", {"sent_revision": 17,
                              "sent_hashes": {str(n): HASH for n in range(1, 18)}}, "malformed"),
])
def test_a_bad_record_is_refused_alone_and_the_rest_of_its_batch_is_stored(
    hub: RunningHub, pair: Pair, name: str, change: dict[str, object], reason: str
) -> None:
    phone, tablet = pair(hub), pair(hub)
    bad = {**record("bad", hlc=_stamp()), **change}
    batch = [record("before", hlc=_stamp()), bad, record("after", hlc=_stamp())]
    answers = _answers(phone, batch)
    assert [a["status"] for a in answers] == ["stored", "refused", "stored"], name
    assert answers[1]["reason"] == reason and answers[1]["detail"], name
    with hub.engine.connect() as connection:
        held = set(connection.execute(select(records.c.record_id)).scalars())
    assert held == {"before", "after"}, name
    # The other device pulls only good records, and keeps pulling.
    pulled, _cursor = tablet.pull_all()
    assert sorted(r["id"] for r in pulled) == ["after", "before"]


def test_authors_are_the_households_people_or_the_device(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    jo = record("jo", collection="members", hlc=_stamp(),
                body={"id": "jo", "name": "Jo", "role": "parent"})
    answers = _answers(phone, [
        record("by-jo-first", author="jo", hlc=_stamp()),  # Jo arrives in the same batch
        jo,
        record("by-device", author=phone.device_id, hlc=_stamp()),
    ])
    assert [a["status"] for a in answers] == ["stored"] * 3
    assert _answers(phone, [record("later-by-jo", author="jo", hlc=_stamp())])[0][
        "status"] == "stored"


def test_a_childs_alert_is_never_refused_for_its_author(hub: RunningHub, pair: Pair) -> None:
    phone = pair(hub)
    alert = record("alert", collection="safety_alerts", urgent=True, author="not-known-yet",
                   hlc=_stamp())
    assert _answers(phone, [alert])[0]["status"] == "stored"
    with hub.engine.connect() as connection:
        kept = connection.execute(select(records.c.author, records.c.device_id)).one()
    assert kept.author is None and kept.device_id == phone.device_id


def test_a_whole_batch_is_still_refused_when_it_is_not_a_batch(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    answer = phone.push([record("a", hlc=_stamp())] * 1001)
    assert answer.status_code == 422 and answer.json()["error"] == "malformed"


def test_a_stamp_ahead_of_the_hubs_clock_is_answered_with_the_hubs_time(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    before = int(time.time() * 1000)
    (answer,) = _answers(phone, [record("fast", hlc=_stamp(3600))])
    after = int(time.time() * 1000)
    assert answer["status"] == "refused" and answer["reason"] == "future_stamp"
    assert before - 1000 <= answer["hub_time"] <= after + 1000
    (plain,) = _answers(phone, [record("bad", hlc=_stamp(), author="agency:1")])
    assert "hub_time" not in plain
