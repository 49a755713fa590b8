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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.alerts import AlertSource, SafetyAlert
from app.domain.checkins import CheckIn, Feeling, Help, Reason
from app.domain.checkins_carer import CarerCheckIn
from app.domain.people import Avatar, Member, Role
from app.domain.programme.reviews import FamilyGoal, GoalRating, MonthFigures, Review
from app.domain.programme.visits import Visit, VisitAction
from app.domain.rituals import Ritual, RitualDone, RitualPlan
from app.domain.safety import Point, SafetyPlan
from app.domain.safety_scale import SafetyRating
from app.domain.strengths import StrengthKind, StrengthNote
from app.hub.admin import add_worker, create_agency, issue_pairing_code, register_household
from app.hub.casework.allocation import allocate, find_worker
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
    # Both families are on the worker's caseload (a worker sees only the families allocated).
    worker = find_worker(engine, WORKER[1])
    for household in (plan.alerted_id, plan.settled_id):
        allocate(engine, household, worker.id, datetime.now(UTC))
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
        for days, score in ADE_RATINGS:
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


#: The Okafors' goal, month by month, with the lowest safety rating of each month.
GOAL = "Calm mornings before school"
GOAL_SCORES = (3, 5, 6, 8)
SAFETY_LOWEST = (4, 5, 5, 7)
#: Ade's safety ratings, (days before the seeding, score): the caseload reads a fall, 7 to 4.
ADE_RATINGS = ((9, 7), (2, 4))
VISIT_ACTION = "Book the eye test"


def lowest_at_agency(month: str, lowest: int, now: datetime) -> int:
    """A reviewed month's lowest safety rating as the agency's review page reads it: the
    review's own figures (Ade one above ``lowest``, Tolu ``lowest``), with Ade's latest
    rating of that month in place of his if he rated in it (in a month's first days his
    ratings fall in the month before, which was reviewed)."""
    rated = [(days, score) for days, score in ADE_RATINGS
             if (now - timedelta(days=days)).astimezone().strftime("%Y-%m") == month]
    ade = min(rated)[1] if rated else lowest + 1  # the latest: the fewest days before
    return min(ade, lowest)


def months_back(today: date, count: int) -> list[str]:
    """The ``count`` months before ``today``'s month, oldest first ("2026-07", ...)."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        months.append(f"{year:04d}-{month:02d}")
    return list(reversed(months))


def seed_programme(engine_url: str, hub_url: str, plan: HubPlan, now: datetime) -> list[str]:
    """The Okafors' work with the agency, from a second device that joins the household:
    strengths, a ritual, carers' check-ins, visits, a goal and four monthly reviews.

    Returns the reviewed months, oldest first.
    """
    engine = open_database(engine_url)
    try:
        code = issue_pairing_code(engine, plan.alerted_id).code
    finally:
        engine.dispose()
    tablet = HubDevice.pair(hub_url, code, mode="join")
    months = months_back(now.date(), 4)
    try:
        day = now - timedelta(days=1)
        note = StrengthNote(str(uuid.uuid4()), "tolu", StrengthKind.PROUD,
                            "Read a whole chapter aloud", "book", "ade", day.isoformat())
        _push(tablet, "strengths", note.to_json(), day)
        films = Ritual("r-films", RitualPlan("Friday film night", "film", "Fridays"), "ade",
                       (now - timedelta(days=60)).isoformat())
        _push(tablet, "rituals", films.to_json(), now - timedelta(days=60), shard=None)
        done = RitualDone(str(uuid.uuid4()), films.id, day.date(), "ade", day.isoformat())
        _push(tablet, "ritual_done", done.to_json(), day)
        for days, answers in ((9, (4, 0, 1, 3, 3)), (2, (2, 3, 2, 1, 1))):
            at = now - timedelta(days=days)
            carer = CarerCheckIn(str(uuid.uuid4()), dict(zip(
                ("enjoyed", "drained", "worn_out", "rested", "supported"), answers, strict=True)),
                "Tired, but Tolu is sleeping better", "ade", at.isoformat())
            _push(tablet, "carer_checkins", carer.to_json(), at)
        # The family's worker as their phones hold her: the hub takes visits only from them.
        _member(tablet, "priya", "Priya", Role.WORKER, now)
        for days, alone, notes in ((33, (), {"safety": "We went through the bedtime plan"}),
                                   (4, ("tolu",), {"children": "Tolu showed me the garden"})):
            at = now - timedelta(days=days)
            visit_id = str(uuid.uuid4())
            # A device seals the worker's notes for the agency when the visit ends.
            sealed_notes = b64encode(seal(b64decode(tablet.agency_public_key),
                                          json.dumps(notes).encode(), visit_id))
            visit = Visit(visit_id, "priya", at.isoformat(), ("ade", "tolu"), alone,
                          sealed_notes=sealed_notes,
                          actions=(VisitAction("a-1", VISIT_ACTION, "Ade"),),
                          next_visit=(at + timedelta(days=14)).date().isoformat(),
                          ended_at=at.isoformat())
            _push(tablet, "visits", visit.to_json(), at)
        start = now - timedelta(days=130)
        _push(tablet, "family_goals", FamilyGoal("g-1", GOAL, "ade", start.isoformat()).to_json(),
              start, shard=None)
        for month, score, lowest in zip(months, GOAL_SCORES, SAFETY_LOWEST, strict=True):
            at = datetime.fromisoformat(f"{month}-27T18:00:00+00:00")
            review = Review(str(uuid.uuid4()), month, "ade", at.isoformat(),
                            (GoalRating("g-1", GOAL, score, "Up ten minutes earlier"),),
                            MonthFigures(safety={"ade": lowest + 1, "tolu": lowest}),
                            went_well="Homework done most evenings")
            _push(tablet, "reviews", review.to_json(), at, shard=review.shard)
    finally:
        tablet.client.close()
    return months
