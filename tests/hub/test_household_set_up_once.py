"""One household is set up by one device, on SQLite and PostgreSQL: a second device that set a
household up itself ("new") and names another ``household_uid`` is refused at pairing, before
anything it holds can arrive, one after the other or at the same instant; the same household's
device (a retry, a phone restored from its own backup) is let in, and so is one connecting
again to a reopened case. A hub made before the household kept its uid learns it on upgrade.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hub_device import HubDevice, public_key_text, record
from sqlalchemy import select, text

from app.hub.admin import issue_pairing_code, register_household, revoke_device
from app.hub.casework.retention import close_household, reopen_household
from app.hub.db import households, make_engine, migrate
from app.hub.migrations import MIGRATIONS
from tests.hubkit import RunningHub, row_counts

UID_A = "5d1f0c2e-8a41-4c33-9d7e-2b6f1a9c0e47"
UID_B = "0b7c4a5e-1111-4c33-9d7e-2b6f1a9c0e47"


def _ask(hub: RunningHub, code: str, **asked: object) -> httpx.Response:
    key = public_key_text(Ed25519PrivateKey.generate())
    return httpx.post(f"{hub.url}/v1/pair", timeout=30,
                      json={"code": code, "device_public_key": key, "mode": "new", **asked})


def _new_device(hub: RunningHub, uid: str | None, household: str | None = None) -> HubDevice:
    """A device that set its household up itself, paired "new" with a fresh code."""
    key = Ed25519PrivateKey.generate()
    client = httpx.Client(base_url=hub.url, timeout=30)
    asked: dict[str, object] = {
        "code": issue_pairing_code(hub.engine, household or hub.household_id).code,
        "device_public_key": public_key_text(key), "mode": "new"}
    if uid is not None:
        asked["household_uid"] = uid
    answer = client.post("/v1/pair", json=asked)
    assert answer.status_code == 200, answer.text
    got = answer.json()
    return HubDevice(hub.url, key, got["device_id"], got["device_token"], got["household_id"],
                     got["agency_public_key"], client)


def _own_records(uid: str, member: str, name: str) -> list[dict[str, object]]:
    return [record("household", collection="household",
                   body={"uid": uid, "name": f"The {name} household"}),
            record(member, collection="members",
                   body={"name": name, "role": "parent", "avatar": "fox",
                         "created_at": "2026-12-01T10:00:00+00:00"})]


def test_a_second_household_set_up_on_another_phone_is_refused_before_it_sends_anything(
    hub: RunningHub,
) -> None:
    """Jo's phone set the family up and is connected; Sam's phone set up a household of its
    own (another uid): its pairing is refused and its code kept, so Sam never reaches Jo's
    family and Jo never pulls Sam. A device without a uid is refused the same way."""
    jo = _new_device(hub, UID_A)
    code = issue_pairing_code(hub.engine, hub.household_id).code
    before = row_counts(hub.engine)
    for asked in ({"household_uid": UID_B}, {}):
        refused = _ask(hub, code, **asked)
        assert (refused.status_code, refused.json()["error"]) == (409, "household_exists")
        assert row_counts(hub.engine) == before
    assert jo.statuses(jo.push(_own_records(UID_A, "m-jo", "Jo"))) == ["stored", "stored"]
    pulled, _ = jo.pull_all()
    assert sorted(p["id"] for p in pulled) == ["household", "m-jo"]
    joined = _ask(hub, code, mode="join")  # the code was kept for the right way in
    assert joined.status_code == 200, joined.text
    jo.client.close()


def test_the_same_household_set_up_on_a_phone_again_is_let_in(hub: RunningHub) -> None:
    """A phone restored from its own backup (or a pairing tried again) names the same uid."""
    first = _new_device(hub, UID_A)
    again = _new_device(hub, UID_A)
    assert again.household_id == first.household_id == hub.household_id
    for device in (first, again):
        device.client.close()


def test_two_households_pairing_at_the_same_instant_end_with_one(hub: RunningHub) -> None:
    """Two phones set up as two households, pairing with two codes at once: one gets in."""
    for round_ in range(4):
        household = register_household(hub.engine, f"The Okafor household {round_}")
        codes = [issue_pairing_code(hub.engine, household).code for _ in range(2)]
        start = threading.Barrier(2)

        def pair(code: str, uid: str, start: threading.Barrier = start) -> httpx.Response:
            start.wait()
            return _ask(hub, code, household_uid=uid)

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(pair, codes, [UID_A, UID_B]))
        outcomes = sorted((a.status_code, a.json().get("error")) for a in answers)
        assert outcomes == [(200, None), (409, "household_exists")], round_


def test_a_lost_first_phone_that_sent_nothing_does_not_hold_the_household(
    hub: RunningHub,
) -> None:
    """The first phone was lost before it sent anything: once the agency removes it, the
    family's new phone, set up again with another uid, connects."""
    lost = _new_device(hub, UID_A)
    refused = _ask(hub, issue_pairing_code(hub.engine, hub.household_id).code,
                   household_uid=UID_B)
    assert refused.json()["error"] == "household_exists"
    revoke_device(hub.engine, lost.device_id)
    replacement = _new_device(hub, UID_B)
    assert replacement.household_id == hub.household_id
    again = _ask(hub, issue_pairing_code(hub.engine, hub.household_id).code,
                 household_uid=UID_A)
    assert again.json()["error"] == "household_exists"  # the new phone holds it now
    for device in (lost, replacement):
        device.client.close()


def test_a_reopened_case_lets_its_own_devices_back_and_no_other_household(
    hub: RunningHub,
) -> None:
    """After closing and reopening, the family's phone connects again (naming its household,
    or by its uid from a backup); a phone set up as another household does not."""
    phone = _new_device(hub, UID_A)
    assert phone.statuses(phone.push(_own_records(UID_A, "m-jo", "Jo"))) == ["stored"] * 2
    now = datetime.now(UTC)
    close_household(hub.engine, hub.household_id, now)
    reopen_household(hub.engine, hub.household_id, now, "homeward hub-admin reopen-household")
    code = issue_pairing_code(hub.engine, hub.household_id).code
    refused = _ask(hub, code, household_uid=UID_B)
    assert (refused.status_code, refused.json()["error"]) == (409, "household_exists")
    assert _ask(hub, code, household_id=hub.household_id, household_uid=UID_A).status_code == 200
    restored = _ask(hub, issue_pairing_code(hub.engine, hub.household_id).code,
                    household_uid=UID_A)
    assert restored.status_code == 200, restored.text
    phone.client.close()


def test_a_hub_upgraded_to_keep_the_households_uid_learns_it_from_the_household_record(
    hub: RunningHub,
) -> None:
    """A hub made before households kept their uid: the upgrade takes each household's from
    its ``household`` record, and pairing then holds to it; it runs once."""
    phone = HubDevice.pair(hub.url, issue_pairing_code(hub.engine, hub.household_id).code)
    assert phone.statuses(phone.push(_own_records(UID_A, "m-jo", "Jo"))) == ["stored"] * 2
    empty = register_household(hub.engine, "The Patel household")
    with hub.engine.begin() as connection:
        connection.execute(text("ALTER TABLE households DROP COLUMN household_uid"))
        connection.execute(text("DELETE FROM schema_version WHERE version >= 10"))
    again = make_engine(hub.engine.url.render_as_string(hide_password=False))
    try:
        assert migrate(again) == MIGRATIONS[-1].version
        with again.connect() as connection:
            kept = dict(connection.execute(
                select(households.c.id, households.c.household_uid)).all())
        assert kept == {hub.household_id: UID_A, empty: None}
        assert migrate(again) == MIGRATIONS[-1].version  # and again changes nothing
    finally:
        again.dispose()
    code = issue_pairing_code(hub.engine, hub.household_id).code
    assert _ask(hub, code, household_uid=UID_B).json()["error"] == "household_exists"
    assert _ask(hub, code, household_uid=UID_A).status_code == 200
    phone.client.close()
