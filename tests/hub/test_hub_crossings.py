"""Crossings the hub sees only across records or inside one: the last parent taken off, and an
agreement version signed on two devices at once (raw devices over HTTP, SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hub_device import HubDevice, record

from app.hub import conflict_queue
from tests.hubkit import RunningHub

Pair = Callable[[RunningHub], HubDevice]
SIGNED_AT = "2026-11-20T10:00:00+00:00"


def _member(member_id: str, revision: int, *, removed: bool = False) -> dict[str, Any]:
    body = {"id": member_id, "name": member_id.title(), "role": "parent", "avatar": "fox",
            "created_at": SIGNED_AT, "removed_at": SIGNED_AT if removed else None,
            "removed_by": "alex" if removed else None}
    return record(member_id, revision, collection="members", body=body,
                  hlc=f"{1_700_000_000_000 + revision:013d}-0000-dev")


def _version(revision: int, signers: list[str], routines: list[str] | None = None,
             ms: int = 0) -> dict[str, Any]:
    body = {"id": "agreement-v1", "number": 1, "created_by": "jo", "created_at": SIGNED_AT,
            "status": "draft", "rules": [], "routines": routines or ["Film night on Friday"],
            "review_date": None, "chores": [], "signed_at": None, "updated_by": None,
            "updated_at": None, "revision": revision, "copied_from": None, "not_yet": [],
            "not_signed": [], "for_now": None,
            "signatures": [{"member_id": who, "name": who.title(), "role": "parent",
                            "signed_at": SIGNED_AT} for who in signers]}
    return record("agreement-v1", revision, collection="agreement_versions", body=body,
                  base_revision=1 if revision > 1 else 0,
                  hlc=f"{1_700_000_000_000 + revision * 10 + ms:013d}-0000-dev")


def _held(hub: RunningHub, device: HubDevice, record_id: str) -> dict[str, Any]:
    pulled, _ = device.pull_all()
    [found] = [r for r in pulled if r["id"] == record_id]
    return found


def test_taking_off_the_only_parent_is_a_conflict_and_the_parent_is_kept(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    assert phone.statuses(phone.push([_member("jo", 1)])) == ["stored"]
    answer = phone.push([_member("jo", 2, removed=True)])
    assert answer.json()["results"] == [
        {"id": "jo", "revision": 2, "status": "conflict", "current_revision": 2}]
    kept = _held(hub, phone, "jo")  # written again, so the device takes Jo back
    assert (kept["revision"], kept["body"]["removed_at"]) == (2, None)
    [crossed] = conflict_queue.list_conflicts(hub.engine, hub.household_id)
    assert crossed.body is not None and crossed.body["removed_at"] == SIGNED_AT


def test_a_parent_added_in_the_same_push_lets_the_other_be_taken_off(
    hub: RunningHub, pair: Pair
) -> None:
    phone = pair(hub)
    assert phone.statuses(phone.push([_member("jo", 1)])) == ["stored"]
    answer = phone.push([_member("alex", 1), _member("jo", 2, removed=True)])
    assert phone.statuses(answer) == ["stored", "stored"]
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []


def test_signatures_given_on_two_devices_at_once_are_kept_together(
    hub: RunningHub, pair: Pair
) -> None:
    phone, tablet = pair(hub), pair(hub)
    for member in ("jo", "alex"):
        assert phone.statuses(phone.push([_member(member, 1)])) == ["stored"]
    assert phone.statuses(phone.push([_version(1, [])])) == ["stored"]
    assert phone.statuses(phone.push([_version(2, ["jo"])])) == ["stored"]
    alex_signs = [_version(2, ["alex"], ms=1)]
    assert tablet.statuses(tablet.push(alex_signs)) == ["duplicate"]
    together = _held(hub, tablet, "agreement-v1")
    assert together["revision"] == 3
    assert [s["member_id"] for s in together["body"]["signatures"]] == ["alex", "jo"]
    assert tablet.statuses(tablet.push(alex_signs)) == ["duplicate"]  # sent again: nothing new
    assert _held(hub, tablet, "agreement-v1")["revision"] == 3
    assert conflict_queue.list_conflicts(hub.engine, hub.household_id) == []


def test_a_signature_of_someone_outside_the_household_is_never_put_together(
    hub: RunningHub, pair: Pair
) -> None:
    phone, tablet = pair(hub), pair(hub)
    assert phone.statuses(phone.push([_member("jo", 1)])) == ["stored"]
    assert phone.statuses(phone.push([_version(1, [])])) == ["stored"]
    assert phone.statuses(phone.push([_version(2, ["jo"])])) == ["stored"]
    assert tablet.statuses(tablet.push([_version(2, ["stranger"], ms=1)])) == ["conflict"]
    assert _held(hub, tablet, "agreement-v1")["body"]["signatures"][0]["member_id"] == "jo"
    assert len(conflict_queue.list_conflicts(hub.engine, hub.household_id)) == 1


def test_a_version_with_other_words_still_crosses(hub: RunningHub, pair: Pair) -> None:
    phone, tablet = pair(hub), pair(hub)
    for member in ("jo", "alex"):
        assert phone.statuses(phone.push([_member(member, 1)])) == ["stored"]
    assert phone.statuses(phone.push([_version(1, [])])) == ["stored"]
    assert phone.statuses(phone.push([_version(2, ["jo"])])) == ["stored"]
    other_words = [_version(2, ["alex"], routines=["Film night on Saturday"], ms=1)]
    assert tablet.statuses(tablet.push(other_words)) == ["conflict"]
    assert len(conflict_queue.list_conflicts(hub.engine, hub.household_id)) == 1
