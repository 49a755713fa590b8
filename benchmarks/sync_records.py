"""Realistic family records for the sync benchmark, shaped as a device pushes them.

A household of four (two parents, two children) writes check-ins, chore ticks, notes on
check-ins, diary entries, circle turns, safety ratings and ritual ticks, about 30 things a day,
sharded by month. Bodies follow the domain records' ``to_json`` shapes; ids are device-made
UUIDs; every record is new (revision 1, base revision 0) with a hybrid logical clock stamp.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

FEELINGS = ["happy", "calm", "excited", "tired", "worried", "sad", "angry", "scared"]
REASONS = ["school", "home", "friends", "family", "my_body", "something_else"]
HELPS = ["hug", "talk", "alone", "play", "eat", "rest"]
DAY_PARTS = ["morning", "school", "after_school", "evening", "bedtime", "night"]
WORDS = [
    "",
    "",
    "Maths test tomorrow.",
    "Fell out with Priya at lunch but we made up.",
    "Missed my mum today.",
    "Football was brilliant, I scored twice!",
    "Too noisy at tea time.",
]
NOTES = [
    "Sat with Jo for ten minutes and we talked it through.",
    "Made hot chocolate and read together before bed.",
    "Gave Kit some space, then checked in after tea.",
]
DIARY = [
    ("School run went smoothly.", "Bedtime took an hour.", "Stayed calm and used the timer.",
     "Start the routine at half seven."),
    ("Game night, everyone stayed to the end.", "", "", ""),
    ("Jo asked for help with homework.", "Kit slammed the door after screen time ended.",
     "Waited, then talked about it once things were calm.", "Give a five-minute warning."),
]
TURN_WORDS = ["I liked the trip to the park.", "I want more say about bedtime.", "Pass.",
              "Thank you for helping with the dishes."]
CHORE_COUNT = 6
RECORDS_PER_DAY = 30


@dataclass(frozen=True)
class Household:
    """The people and chores a simulated household's records refer to."""

    parents: tuple[str, str]
    children: tuple[str, str]
    chores: tuple[str, ...]
    circle: str

    @classmethod
    def make(cls, rng: random.Random) -> Household:
        """Return a household with fresh member, chore and circle ids."""
        ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(5 + CHORE_COUNT)]
        return cls((ids[0], ids[1]), (ids[2], ids[3]), tuple(ids[5:]), ids[4])

    @property
    def members(self) -> tuple[str, ...]:
        """Everyone in the household."""
        return self.parents + self.children


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _body(
    kind: int, rng: random.Random, home: Household, at: datetime
) -> tuple[str, dict[str, Any]]:
    """Return (collection, body) for the ``kind``-th sort of record."""
    stamp = at.isoformat(timespec="seconds")
    record_id = _uuid(rng)
    if kind < 7:  # check-ins: the commonest thing a family records
        member = rng.choice(home.members)
        return "checkins", {
            "id": record_id, "feeling": rng.choice(FEELINGS), "size": rng.randint(1, 5),
            "reasons": rng.sample(REASONS, rng.randint(0, 2)),
            "helps": rng.sample(HELPS, rng.randint(0, 2)), "words": rng.choice(WORDS),
            "created_by": member, "created_at": stamp, "visible_to": ["household", "worker"],
        }
    if kind < 14:
        child = rng.choice(home.children)
        return "chore_ticks", {
            "id": record_id, "kind": rng.choice(["tick", "tick", "confirm"]),
            "chore_id": rng.choice(home.chores), "child_id": child, "day": stamp[:10],
            "created_by": child, "created_at": stamp, "tick_id": None,
            "stars": rng.randint(0, 3),
        }
    if kind < 16:
        return "checkin_notes", {
            "id": record_id, "checkin_id": _uuid(rng), "text": rng.choice(NOTES),
            "created_by": rng.choice(home.parents), "created_at": stamp,
            "visible_to": ["household", "worker"],
        }
    if kind < 18:
        went_well, was_hard, responded, try_next = rng.choice(DIARY)
        return "diary_entries", {
            "id": record_id, "entry_id": _uuid(rng), "revision": 1,
            "created_by": rng.choice(home.parents), "created_at": stamp, "day": stamp[:10],
            "part": rng.choice(DAY_PARTS), "went_well": went_well, "was_hard": was_hard,
            "responded": responded, "try_next": try_next, "sharing": "worker",
        }
    if kind < 19:
        member = rng.choice(home.members)
        return "circle_turns", {
            "id": record_id, "circle_id": home.circle, "round": rng.randint(1, 3),
            "member_id": member, "kind": rng.choice(["spoke", "passed"]),
            "words": rng.choice(TURN_WORDS), "created_by": member, "created_at": stamp,
        }
    return "safety_ratings", {
        "id": record_id, "score": rng.randint(4, 10), "reason": "A calmer week at home.",
        "created_by": rng.choice(home.parents), "created_at": stamp,
    }


def people_records(home: Household, node: str, start: datetime) -> list[dict[str, Any]]:
    """The household's people as a device first sends them: the hub checks authors by them."""
    made = []
    for n, member_id in enumerate(home.members):
        role = "parent" if member_id in home.parents else "child"
        at = start - timedelta(days=1)
        body = {"id": member_id, "name": f"Person {n + 1}", "role": role,
                "avatar": "person" if role == "parent" else "fox",
                "created_at": at.isoformat(timespec="seconds")}
        made.append({"id": member_id, "collection": "members", "revision": 1,
                     "hlc": f"{int(at.timestamp() * 1000):013d}-{n:04d}-{node}",
                     "base_revision": 0, "shard": None, "author": None, "schema": 1,
                     "deleted": False, "urgent": False, "body": body})
    return made


def device_records(
    count: int,
    *,
    home: Household,
    node: str,
    seed: int,
    start: datetime,
    people: bool = False,
) -> list[dict[str, Any]]:
    """Return ``count`` new records made on one device, oldest first, ready to push.

    Args:
        count: how many records.
        home: the household the records belong to.
        node: the device's node name in its hybrid logical clock stamps.
        seed: makes the bodies repeatable.
        start: when the first record was made.
        people: the first records are the household's people (a household's first sync).
    """
    rng = random.Random(seed)
    made: list[dict[str, Any]] = people_records(home, node, start)[:count] if people else []
    count -= len(made)
    last_ms, counter = -1, 0
    for n in range(count):
        at = start + timedelta(minutes=n * 24 * 60 / RECORDS_PER_DAY + rng.uniform(0, 20))
        collection, body = _body(rng.randrange(20), rng, home, at)
        ms = int(at.timestamp() * 1000)
        counter = counter + 1 if ms <= last_ms else 0
        last_ms = max(ms, last_ms)
        record: dict[str, Any] = {
            "id": body["id"],
            "collection": collection,
            "revision": 1,
            "hlc": f"{last_ms:013d}-{counter:04d}-{node}",
            "base_revision": 0,
            "shard": body["created_at"][:7],
            "author": body["created_by"],
            "schema": 1,
            "deleted": False,
            "urgent": False,
            "body": body,
        }
        made.append(record)
    return made


def household_start(index: int) -> datetime:
    """When a simulated household's records begin (households are spread over a year)."""
    return datetime(2025, 12, 1, 7, 0, tzinfo=UTC) + timedelta(days=index % 365)
