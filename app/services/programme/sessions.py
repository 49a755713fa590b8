"""The programme plan, saved in the household's store: sessions, who came, what they took away.

Each session is a shared document in ``programme_sessions``. Parents and the worker plan and
record them together; the monthly review and the hub read them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from app.domain.people import Member, Role
from app.domain.programme.sessions import (
    MAX_SESSIONS,
    Attendance,
    ProgrammeSession,
    SessionPlan,
    SessionProblem,
    SessionRefused,
    check_day_in_reach,
    check_plan,
    count_attendance,
    in_month,
    may_plan_sessions,
)
from app.services.base import HouseholdPart
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.programme.learning import learning_for

SESSIONS = "programme_sessions"


class ProgrammeService(HouseholdPart):
    """The family's programme sessions."""

    def sessions(self, *, include_cancelled: bool = False) -> list[ProgrammeSession]:
        """Every session by day, soonest last."""
        found = [ProgrammeSession.from_json(doc) for doc in self._store.find(SESSIONS)]
        if not include_cancelled:
            found = [s for s in found if not s.cancelled]
        return sorted(found, key=lambda s: (s.plan.day, s.created_at))

    def session(self, session_id: str) -> ProgrammeSession:
        """One session.

        Raises:
            InvalidInput: there is no such session.
        """
        doc = self._store.get(SESSIONS, session_id)
        if doc is None:
            raise InvalidInput(f"programme.error.{SessionProblem.NOT_FOUND}")
        return ProgrammeSession.from_json(doc)

    def upcoming(self) -> list[ProgrammeSession]:
        """Sessions from today on that have not been recorded yet."""
        today = self.today()
        return [s for s in self.sessions() if s.day >= today and not s.held]

    def waiting_for_record(self) -> list[ProgrammeSession]:
        """Past sessions whose attendance is still to be recorded."""
        today = self.today()
        return [s for s in self.sessions() if s.day < today and not s.held]

    def in_month(self, month: str) -> list[ProgrammeSession]:
        """A month's sessions ("2026-11"), by day."""
        return in_month(self.sessions(), month)

    def attendance(self, month: str | None = None) -> Attendance:
        """Sessions planned and held, and who came (for a month, or the whole programme)."""
        return count_attendance(self.sessions(), self.today(), month)

    def plan(self, by: Member, plan: SessionPlan) -> ProgrammeSession:
        """Plan a session with the family.

        Raises:
            NotAllowed: a child.
            InvalidInput: no topic, no day, nobody expected, or someone not in the household.
        """
        self._require(by)
        if len(self.sessions(include_cancelled=True)) >= MAX_SESSIONS:
            raise InvalidInput("programme.error.too_many", limit=MAX_SESSIONS)
        session = ProgrammeSession(id=str(uuid.uuid4()), plan=self._check(plan),
                                   created_by=by.id, created_at=self._iso())
        self._store.put(SESSIONS, session.to_json())
        return session

    def replan(self, by: Member, session_id: str, plan: SessionPlan) -> ProgrammeSession:
        """Change a session's topic, day or who is expected (people already expected may stay,
        even after leaving the household)."""
        self._require(by)
        with self._store.exclusive():  # see record
            stored = self.session(session_id)
            session = stored.replanned(by.id, self._iso(), self._check(plan, stored))
            self._store.put(SESSIONS, session.to_json())
        return session

    def record(self, by: Member, session_id: str, attended: list[str],
               took_away: str) -> ProgrammeSession:
        """Say who came and what the family took from the session.

        Raises:
            NotAllowed: a child.
            InvalidInput: the session is still to come, was cancelled or is already filled in
                (what was recorded is kept), or someone named is not in the household (people
                the session expected may be named after leaving).
        """
        self._require(by)
        # checked and saved under the store's lock: a session filled in (or cancelled) on
        # another tab meanwhile is refused here, never saved over
        with self._store.exclusive():
            stored = self.session(session_id)
            if any(member not in self._people(stored) for member in attended):
                raise InvalidInput("programme.error.who")
            try:
                session = stored.recorded(by.id, self._iso(), self.today(),
                                          tuple(attended), took_away)
            except SessionRefused as refused:
                raise InvalidInput(f"programme.error.{refused.problem}") from refused
            self._store.put(SESSIONS, session.to_json())
        self._mark_topic_covered(by, session)
        return session

    def _mark_topic_covered(self, by: Member, session: ProgrammeSession) -> None:
        """A session on one of the learning topics, held with the family and filled in by the
        worker, counts as that topic covered (the worker is the one who marks topics)."""
        key = session.plan.topic_key
        if by.role is not Role.WORKER or not key or not session.attended:
            return
        learning = learning_for(self._household)
        if key in learning.covered():
            return
        try:
            learning.mark_covered(by, key)
        except KeyError:  # a topic this device has no card for (a newer device's): left as is
            return

    def cancel(self, by: Member, session_id: str) -> ProgrammeSession:
        """Take a session out of the plan (it is kept, marked cancelled).

        Raises:
            InvalidInput: the session was held; it stays in the plan as recorded.
        """
        self._require(by)
        with self._store.exclusive():  # see record
            try:
                session = self.session(session_id).cancel(by.id, self._iso())
            except SessionRefused as refused:
                raise InvalidInput(f"programme.error.{refused.problem}") from refused
            self._store.put(SESSIONS, session.to_json())
        return session

    def _check(self, plan: SessionPlan, stored: ProgrammeSession | None = None) -> SessionPlan:
        try:
            checked = check_plan(plan)
            if stored is None or checked.day != stored.plan.day:
                check_day_in_reach(checked.day, self.today())
        except SessionRefused as refused:
            raise InvalidInput(f"programme.error.{refused.problem}") from refused
        if any(member not in self._people(stored) for member in checked.expected):
            raise InvalidInput("programme.error.who")
        return checked

    def _people(self, stored: ProgrammeSession | None) -> set[str]:
        """Who may be named: the family as it is now, and anyone already on the session
        (someone who has since left stays on the record until a parent unticks them)."""
        people = {m.id for m in self._household.members() if m.role is not Role.WORKER}
        if stored is not None:
            people |= set(stored.plan.expected) | set(stored.attended or ())
        return people

    @staticmethod
    def _require(by: Member) -> None:
        if not may_plan_sessions(by):
            raise NotAllowed("parents and the worker plan the programme")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def programme_for(household: HouseholdService) -> ProgrammeService:
    """The programme plan of the household ``household`` serves."""
    return ProgrammeService(household)


def month_of(day: date) -> str:
    """The month a day is in ("2026-11")."""
    return day.isoformat()[:7]
