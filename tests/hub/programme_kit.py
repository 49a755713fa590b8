"""A family's programme records for the hub tests: strengths, rituals, carers, visits, reviews.

Each helper pushes one domain record through a paired phone (``worker_family.Family``), shaped
as the app stores it, so the hub holds what a real household would send.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from app.domain.checkins_carer import CarerCheckIn
from app.domain.programme.reviews import FamilyGoal, GoalRating, MonthFigures, Review, School
from app.domain.programme.visits import Visit, VisitAction
from app.domain.rituals import Ritual, RitualDone, RitualPlan
from app.domain.strengths import StrengthKind, StrengthNote
from app.hub.protocol import b64decode, b64encode
from app.sync.sealing import seal
from tests.hub.worker_family import Family, iso


def strength(family: Family, child: str, words: str, at: datetime, by: str = "ade",
             kind: StrengthKind = StrengthKind.PROUD) -> None:
    """A strength or proud moment noted about a child."""
    note = StrengthNote(str(uuid.uuid4()), child, kind, words, "trophy", by, iso(at))
    family.push("strengths", note.to_json(), at=at)


def ritual(family: Family, name: str, at: datetime, when: str = "") -> str:
    """A family ritual; return its id."""
    made = Ritual(str(uuid.uuid4()), RitualPlan(name, "film", when), "ade", iso(at))
    return family.push("rituals", made.to_json(), at=at)


def ritual_done(family: Family, ritual_id: str, at: datetime) -> None:
    """The family did a ritual on ``at``'s day."""
    done = RitualDone(str(uuid.uuid4()), ritual_id, at.date(), "ade", iso(at))
    family.push("ritual_done", done.to_json(), at=at)


def carer(family: Family, by: str, at: datetime, low: bool = False, words: str = "") -> None:
    """A parent's own wellbeing check-in (``low``: they sound worn down)."""
    answers = ({"enjoyed": 1, "drained": 4, "worn_out": 3, "rested": 0, "supported": 1} if low
               else {"enjoyed": 4, "drained": 0, "worn_out": 1, "rested": 3, "supported": 3})
    checkin = CarerCheckIn(str(uuid.uuid4()), answers, words, by, iso(at))
    family.push("carer_checkins", checkin.to_json(), at=at)


def visit(family: Family, at: datetime, *, next_visit: str | None = None,
          present: tuple[str, ...] = ("ade", "tolu"), seen_alone: tuple[str, ...] = (),
          notes: dict[str, str] | None = None, sealed: bool = False,
          actions: tuple[VisitAction, ...] = (), worker: str = "priya") -> None:
    """An ended home visit started at ``at`` by the family's ``worker`` (sent first, once);
    ``sealed``: its notes sealed for the agency, as a device seals them when the visit ends
    (else kept plain, as visits from before were)."""
    family.worker(worker)
    visit_id = str(uuid.uuid4())
    sealed_notes = None
    if sealed and notes:
        key = b64decode(family.phone.agency_public_key)
        sealed_notes = b64encode(seal(key, json.dumps(notes).encode(), visit_id))
    made = Visit(visit_id, worker, iso(at), present, seen_alone,
                 notes={} if sealed_notes else notes or {}, sealed_notes=sealed_notes,
                 actions=actions, next_visit=next_visit, ended_at=iso(at))
    family.push("visits", made.to_json(), at=at)


def goal(family: Family, goal_id: str, text: str, at: datetime) -> None:
    """A goal the family chose."""
    family.push("family_goals", FamilyGoal(goal_id, text, "ade", iso(at)).to_json(), at=at)


def review(family: Family, month: str, at: datetime, scores: dict[str, tuple[str, int]],
           safety: dict[str, int] | None = None, went_well: str = "",
           school: tuple[School, ...] = ()) -> str:
    """The month's review: ``scores`` maps goal id to (its words, its score); return its id."""
    made = Review(str(uuid.uuid4()), month, "ade", iso(at),
                  tuple(GoalRating(gid, text, score) for gid, (text, score) in scores.items()),
                  MonthFigures(safety=safety or {}), school, went_well=went_well)
    return family.push("reviews", made.to_json(), at=at)
