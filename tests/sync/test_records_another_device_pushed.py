"""A record another paired device pushed (buggy, old or taken over), that the hub took, is
set aside on the family's phone when its fields are not what they say: it must never stop
a parent seeing how the children feel, or the household agreement opening (rules 1 and 8).
"""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from app.domain.checkins import Feeling
from app.hub.admin import issue_pairing_code
from app.services.checkins import checkins_for
from app.sync.readers import readable
from tests.hub.hub_device import HubDevice, record
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, first_device

sys.path.insert(0, str(Path(__file__).parents[1] / "views"))
import steps  # noqa: E402
from headless import FakeClock, run, until  # noqa: E402

GOOD_CHECKIN: dict[str, Any] = {
    "id": "c1", "feeling": "happy", "size": 3, "reasons": ["school"], "helps": ["hug"],
    "words": "", "created_by": "sam", "created_at": "2026-11-03T10:00:00+00:00",
    "visible_to": ["household", "worker"]}
BAD_CHECKINS: dict[str, dict[str, Any]] = {
    "a number for a time": {"created_at": 5},
    "a day no calendar has": {"created_at": "2026-13-45T00:00:00"},
    "a size off the scale": {"size": 99},
}
GOOD_MEMBER: dict[str, Any] = {
    "id": "m1", "name": "Kai", "role": "child", "avatar": "fox",
    "created_at": "2026-11-03T10:00:00+00:00", "created_by": "jo", "age": 10}


@pytest.mark.parametrize("change", BAD_CHECKINS.values(), ids=list(BAD_CHECKINS))
def test_a_checkin_whose_fields_are_not_what_they_say_is_not_readable(
        change: dict[str, Any]) -> None:
    assert readable("checkins", GOOD_CHECKIN)
    assert not readable("checkins", {**GOOD_CHECKIN, **change})


@pytest.mark.parametrize("change", [{"words": "a\u0000b"}, {"helps": ["hug\u0000"]},
                                    {"extra": {"a\u0000": 1}}],
                         ids=["in words", "in a list", "in a key nobody reads"])
def test_a_body_with_a_nul_character_is_not_readable(change: dict[str, Any]) -> None:
    # The hub refuses one now (PostgreSQL's JSON cannot hold it); one a hub took before is
    # set aside on the family's devices as the hub's own check would refuse it.
    assert readable("checkins", {**GOOD_CHECKIN, "words": "a\\u0000b"})  # only looks like one
    assert not readable("checkins", {**GOOD_CHECKIN, **change})
    assert not readable("a_kind_with_no_reader", {"id": "x", **change})


def test_a_person_whose_age_is_words_is_not_readable() -> None:
    assert readable("members", GOOD_MEMBER)
    assert not readable("members", {**GOOD_MEMBER, "age": "ten"})


@pytest.mark.parametrize(("collection", "body"), [
    ("checkins", {**GOOD_CHECKIN, "created_at": "2026-11-03T10:00:00"}),  # no zone: UTC
    ("checkins", {**GOOD_CHECKIN, "created_at": "20261103T100000Z"}),
    ("checkins", {key: GOOD_CHECKIN[key] for key in
                  ("id", "feeling", "size", "created_by", "created_at")}),  # before extras
    ("members", {key: GOOD_MEMBER[key] for key in
                 ("id", "name", "role", "avatar", "created_at")}),
    ("visits", {"id": "v1", "worker_id": "priya", "started_at": "2026-11-03T10:00:00+00:00",
                "present": ["jo"], "next_visit": "20261117",  # a day kept as it was typed
                "actions": [{"id": "a1", "what": "Call school", "due": "20261110"}],
                "notes": {"safety_plan": "Went well"}}),
    ("reviews", {"id": "r1", "month": "2026-11", "created_by": "jo",
                 "created_at": "2026-11-30T10:00:00+00:00",
                 "figures": {"feelings": {"sam": {"bored": 2}},  # a feeling from a newer app
                             "carer": {"jo": 12}, "safety": {"sam": 7}}}),
])
def test_records_this_app_wrote_and_older_forms_still_read(
        collection: str, body: dict[str, Any]) -> None:
    assert readable(collection, body)


def test_a_review_for_a_month_no_calendar_has_is_not_readable() -> None:
    body = {"id": "r1", "month": "2026-13", "created_by": "jo",
            "created_at": "2026-11-30T10:00:00+00:00"}
    assert not readable("reviews", body)


def _rogue_pushes(hub: RunningHub, collection: str, bodies: list[dict[str, Any]]) -> list[str]:
    """A second paired device pushes ``bodies``; the hub takes them. Returns their ids."""
    rogue = HubDevice.pair(hub.url, issue_pairing_code(hub.engine, hub.household_id).code,
                           mode="join")
    stamp = f"{int(time.time() * 1000):013d}-0000-rogue"
    ids = [str(uuid.uuid4()) for _ in bodies]
    answer = rogue.push([record(rid, collection=collection, hlc=stamp, body={**body, "id": rid})
                         for rid, body in zip(ids, bodies, strict=True)])
    assert answer.status_code == 200, answer.text
    return ids


def _set_aside_on(phone: Device, ids: list[str], collection: str) -> None:
    status = phone.sync().sync_now()
    assert status.problem is None, status
    aside = {note["record_id"]: note for note in phone.sync().set_aside()}
    assert sorted(aside) == sorted(ids)
    assert all(aside[rid]["reason"] == "unreadable_body" for rid in ids)
    assert all(phone.store.get(collection, rid) is None for rid in ids)
    phone.gate.close()


def test_bad_checkins_from_another_device_are_set_aside_and_the_feelings_screen_opens(
        hub: RunningHub, tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    sam = phone.person("Sam")
    checkins_for(phone.household).record(sam, Feeling.CALM, 3)
    base = {"feeling": "happy", "size": 3, "created_by": sam.id,
            "created_at": "2026-11-03T10:00:00+00:00"}
    ids = _rogue_pushes(hub, "checkins", [{**base, **bad} for bad in BAD_CHECKINS.values()])
    _set_aside_on(phone, ids, "checkins")

    async def go() -> None:
        d = await steps.open_as(phone.folder, FakeClock(time.time()), "Jo, Parent or carer",
                                "2580")
        await d.tap("How everyone is feeling")
        await until(d, lambda: "checkins-family-screen" in d.identifiers())
        assert any(text.startswith("Last: Calm") for text in d.texts()), d.texts()
        assert not d.conn.errors

    run(go())


def test_a_person_whose_age_is_words_is_set_aside_and_the_agreement_opens(
        hub: RunningHub, tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    ids = _rogue_pushes(hub, "members", [{**GOOD_MEMBER, "age": "ten"}])
    _set_aside_on(phone, ids, "members")

    async def go() -> None:
        d = await steps.open_as(phone.folder, FakeClock(time.time()), "Jo, Parent or carer",
                                "2580")
        await d.tap("Our household agreement")
        await d.settle(60)
        assert "home-parent" not in d.identifiers(), d.texts()
        assert d.has_text("Our household agreement")
        assert not d.conn.errors

    run(go())
