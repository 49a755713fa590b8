"""A hub for the worker-UI browser test: served by ``homeward hub``, seeded through the protocol.

``prepare_hub`` creates the agency, a worker and two households in a SQLite file before the
hub starts; ``seed_families`` then pairs a phone for each household and pushes what a real
family would send: check-ins, a child's safety alert and a message sealed to the agency's key.
Seeding is this one function so it can later be done by the real device sync client instead.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.alerts import AlertSource, SafetyAlert
from app.domain.checkins import CheckIn, Feeling, Help, Reason
from app.domain.people import Avatar, Member, Role
from app.domain.safety import Point, SafetyPlan
from app.domain.safety_scale import SafetyRating
from app.hub.admin import add_worker, create_agency, issue_pairing_code, register_household
from app.hub.db import open_database
from app.hub.protocol import b64decode, b64encode
from app.hub.sync import write_as_worker
from app.storage import KdfParams
from app.sync.sealing import seal
from tests.hub.hub_device import HubDevice, record
from tests.hubkit import AGENCY_PASSPHRASE

AGENCY = "Riverside Family Service"
WORKER = ("Priya Shah", "priya", "tea and biscuits at ten")
ALERTED = "The Okafor household"
SETTLED = "The Adams household"
CHILD_WORDS = "Please can you come soon. I don't like the shouting."


@dataclass(frozen=True)
class HubPlan:
    """The households made before the hub starts, to be seeded once it is serving."""

    database_url: str
    alerted_id: str
    settled_id: str


def prepare_hub(folder: Path) -> HubPlan:
    """Create the hub's SQLite database with its agency, one worker and two households."""
    url = f"sqlite:///{folder / 'hub.sqlite3'}"
    engine = open_database(url)
    create_agency(engine, AGENCY, AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    add_worker(engine, *WORKER)
    plan = HubPlan(url, register_household(engine, ALERTED),
                   register_household(engine, SETTLED))
    engine.dispose()
    return plan


def _push(phone: HubDevice, collection: str, doc: dict[str, Any], at: datetime,
          **fields: Any) -> None:
    stamp = int(at.timestamp() * 1000)
    fields.setdefault("body", doc)
    fields.setdefault("shard", at.strftime("%Y-%m"))
    sent = record(str(fields.pop("record_id", doc.get("id"))), collection=collection,
                  hlc=f"{stamp:013d}-0000-phone", **fields)
    assert phone.statuses(phone.push([sent])) == ["stored"]


def _member(phone: HubDevice, member_id: str, name: str, role: Role, now: datetime) -> None:
    doc = Member(member_id, name, role, Avatar.FOX, now.isoformat()).to_json()
    _push(phone, "members", doc, now, shard=None)


def _checkin(phone: HubDevice, by: str, at: datetime, feeling: Feeling, words: str = "",
             helps: tuple[Help, ...] = ()) -> None:
    checkin = CheckIn(str(uuid.uuid4()), feeling, 4, (Reason.HOME,), helps, words, by,
                      at.isoformat())
    _push(phone, "checkins", checkin.to_json(), at)


def _crossed_edit(engine_url: str, phone: HubDevice, household_id: str, first: SafetyPlan,
                  now: datetime) -> None:
    """The worker and the family change the safety plan at once: one goes to the queue."""
    agency = replace(first, bottom_lines=(
        Point("b-1", "No smoking in the house", "agency:1", now.isoformat()),), revision=2)
    engine = open_database(engine_url)
    try:
        write_as_worker(engine, household_id, collection="safety_plans", record_id="family",
                        body=agency.to_json(), shard=None, worker_id=1,
                        now=now - timedelta(days=2))
    finally:
        engine.dispose()
    family = replace(first, working_well=(*first.working_well, Point(
        "p-3", "Walks to the park on Sunday", "ade", now.isoformat())), revision=2)
    sent = record("family", revision=2, base_revision=1, collection="safety_plans",
                  hlc=f"{int(now.timestamp() * 1000):013d}-0000-phone", author="ade",
                  body=family.to_json())
    assert phone.statuses(phone.push([sent])) == ["conflict"]


def seed_families(engine_url: str, hub_url: str, plan: HubPlan, now: datetime) -> None:
    """Pair a phone per household and push what each family would send."""
    engine = open_database(engine_url)
    try:
        okafor = HubDevice.pair(hub_url, issue_pairing_code(engine, plan.alerted_id).code)
        adams = HubDevice.pair(hub_url, issue_pairing_code(engine, plan.settled_id).code)
    finally:
        engine.dispose()
    try:
        _member(okafor, "tolu", "Tolu", Role.CHILD, now)
        _member(okafor, "ade", "Ade", Role.PARENT, now)
        for days, feeling in ((6, Feeling.HAPPY), (4, Feeling.CALM), (2, Feeling.WORRIED)):
            _checkin(okafor, "tolu", now - timedelta(days=days, hours=3), feeling)
        _checkin(okafor, "ade", now - timedelta(days=1), Feeling.TIRED, "Long week")
        _checkin(okafor, "tolu", now - timedelta(minutes=12), Feeling.SCARED,
                 "Shouting last night", (Help.TALK,))
        for days, score in ((9, 7), (2, 4)):
            rating = SafetyRating(str(uuid.uuid4()), score, "", "ade",
                                  (now - timedelta(days=days)).isoformat())
            _push(okafor, "safety_ratings", rating.to_json(), now - timedelta(days=days))
        safety = SafetyPlan(
            working_well=(Point("p-1", "Tolu goes to school every day", "ade", now.isoformat()),),
            worries=(Point("p-2", "Arguments at bedtime", "ade", now.isoformat()),),
            revision=1, updated_by="ade", updated_at=(now - timedelta(days=3)).isoformat())
        _push(okafor, "safety_plans", safety.to_json(), now - timedelta(days=3), shard=None)
        _crossed_edit(engine_url, okafor, plan.alerted_id, safety, now)
        raised = now - timedelta(minutes=10)
        alert = SafetyAlert(str(uuid.uuid4()), "tolu", AlertSource.CHECKIN, "tolu",
                            raised.isoformat())
        _push(okafor, "safety_alerts", alert.to_json(), raised, urgent=True)
        words = json.dumps({"text": CHILD_WORDS, "from_name": "Tolu", "from_role": "child",
                            "written_at": (now - timedelta(minutes=9)).isoformat()})
        sealed = seal(b64decode(okafor.agency_public_key), words.encode(), "msg-1")
        _push(okafor, "worker_messages", {}, now - timedelta(minutes=9), record_id="msg-1",
              body=None, sealed_body=b64encode(sealed))

        _member(adams, "mia", "Mia", Role.CHILD, now)
        _checkin(adams, "mia", now - timedelta(hours=2), Feeling.HAPPY, "Swimming was fun")
    finally:
        okafor.client.close()
        adams.client.close()


def utc_now() -> datetime:
    """Now, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)
