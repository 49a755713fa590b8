"""The hard moments and programme sessions of one household on the hub, decoded.

Read beside ``household.data`` (which reads the rest of a household's records): only these two
collections are queried, newest revisions only, and a body that does not decode is left out
and logged by id, never by content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from app.domain.programme.moments import HardMoment
from app.domain.programme.sessions import ProgrammeSession
from app.hub.caseload import body_json, decode_all
from app.hub.db import records

MOMENTS = "hard_moments"
SESSIONS = "programme_sessions"


@dataclass
class PlanRecords:
    """A household's hard moments (newest first) and programme sessions (by day), and how
    many of each could not be read here (each page says so of its own)."""

    moments: list[HardMoment] = field(default_factory=list)
    sessions: list[ProgrammeSession] = field(default_factory=list)
    moments_skipped: int = 0
    sessions_skipped: int = 0


def plan_records(engine: Engine, household_id: str) -> PlanRecords:
    """The household's current hard moments and sessions on the hub."""
    query = select(records.c.record_id, records.c.collection, records.c.body).where(
        records.c.household_id == household_id, records.c.deleted.is_(False),
        records.c.sealed.is_(False), records.c.collection.in_((MOMENTS, SESSIONS)))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    grouped: dict[str, list[tuple[str, str, dict[str, object] | None]]] = {}
    for row in rows:
        grouped.setdefault(row.collection, []).append(
            (row.record_id, row.collection, body_json(row.body)))
    moments, bad_moments = decode_all(grouped.get(MOMENTS, []), HardMoment.from_json)
    sessions, bad_sessions = decode_all(grouped.get(SESSIONS, []), ProgrammeSession.from_json)
    return PlanRecords(
        moments=sorted(moments, key=lambda m: m.draft.happened_at, reverse=True),
        sessions=sorted((s for s in sessions if not s.cancelled), key=lambda s: s.plan.day),
        moments_skipped=bad_moments, sessions_skipped=bad_sessions)
