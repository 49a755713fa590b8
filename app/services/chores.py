"""Chores for one household: parents plan them, children tick them, parents confirm or undo.

Chores are shared documents (with a revision); ticks, confirmations and undos are events,
kept by the month of the day they count for and never changed or deleted.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

from app.domain.chore_week import ChildWeek, child_week
from app.domain.chores import (
    Chore,
    ChorePlan,
    ChoreStatus,
    TickEvent,
    TickKind,
    TickState,
    Who,
    due_for,
    jobs_for,
    live_in_slot,
    live_ticks,
    plan_problem,
    tick_states,
    tidy_plan,
)
from app.domain.people import Member, Role
from app.services.base import HouseholdPart
from app.services.errors import refuse_if_changed
from app.services.household import HouseholdService, InvalidInput, NotAllowed

CHORES = "chores"
CHORE_TICKS = "chore_ticks"


class ChoreService(HouseholdPart):
    """Everything about a household's chores, backed by its encrypted store."""

    # reading -----------------------------------------------------------------------------
    def chores(self, status: ChoreStatus | None = None) -> list[Chore]:
        """The household's chores (optionally only those with ``status``), by name."""
        here = self._children_here()
        found = [_for(Chore.from_json(doc), here) for doc in self._store.find(CHORES)]
        if status is not None:
            found = [c for c in found if c.status is status]
        return sorted(found, key=lambda c: (c.name.casefold(), c.created_at))

    def chore(self, chore_id: str) -> Chore:
        """One chore by id.

        Raises:
            KeyError: there is no such chore.
        """
        doc = self._store.get(CHORES, chore_id)
        if doc is None:
            raise KeyError(chore_id)
        return _for(Chore.from_json(doc), self._children_here())

    def _children_here(self) -> frozenset[str]:
        return frozenset(m.id for m in self.children())

    def events(self) -> list[TickEvent]:
        """Every tick, confirmation and undo, oldest month first."""
        return [TickEvent.from_json(doc) for doc in self._store.find(CHORE_TICKS)]

    def children(self) -> list[Member]:
        """The children a chore can be for."""
        return [m for m in self._household.members() if m.role is Role.CHILD]

    def jobs_today(self, child_id: str) -> list[tuple[Chore, TickState | None]]:
        """A child's jobs for today, each with its tick if it is done."""
        today = self.today()
        standing = live_ticks(self.events())
        return [(c, standing.get((c.id, child_id, today)))
                for c in jobs_for(self.chores(ChoreStatus.ACTIVE), child_id, today)]

    def history(self, child_id: str, first: date, last: date) -> list[TickState]:
        """A child's ticks for days ``first`` to ``last``, undone ones too, oldest first."""
        states = tick_states(self.events()).values()
        return sorted((s for s in states
                       if s.tick.child_id == child_id and first <= s.tick.day <= last),
                      key=lambda s: (s.tick.day, s.tick.at))

    def week(self, child_id: str, day: date | None = None) -> ChildWeek:
        """One child's week (the one containing ``day``, this week by default)."""
        today = self.today()
        return child_week(self.chores(), self.events(), child_id, day or today, today)

    # planning (parents) --------------------------------------------------------------------
    def add(self, by: Member, plan: ChorePlan) -> Chore:
        """Create a chore from a parent's plan."""
        self._require_parent(by)
        plan = self._check(plan)
        chore = Chore(
            id=str(uuid.uuid4()), name=plan.name, picture=plan.picture, who=plan.who,
            children=plan.children, often=plan.often, weekdays=plan.weekdays,
            on_date=plan.on_date, stars=plan.stars, starts_on=self.today(),
            created_by=by.id, created_at=self._iso(),
        )
        self._store.put(CHORES, chore.to_json())
        return chore

    def edit(self, by: Member, chore_id: str, plan: ChorePlan, seen: str | None = None) -> Chore:
        """Change a chore's name, picture, who, how often or stars.

        Raises:
            ChangedMeanwhile: ``seen`` (the ``stamp_of`` what the form was opened on) is not
                the chore now: saving would undo someone else's change.
        """
        self._require_parent(by)
        # checked and saved under the store's lock: a pause from another tab in between would
        # be undone by this save, or undo it
        with self._store.exclusive():
            now = self.chore(chore_id)
            refuse_if_changed(seen, now)
            chore = now.with_plan(self._check(plan), by.id, self._iso())
            self._store.put(CHORES, chore.to_json())
        return chore

    def pause(self, by: Member, chore_id: str) -> Chore:
        """Stop a chore for now; it can be started again."""
        return self._set_status(by, chore_id, ChoreStatus.PAUSED)

    def resume(self, by: Member, chore_id: str) -> Chore:
        """Start a paused or retired chore again."""
        return self._set_status(by, chore_id, ChoreStatus.ACTIVE)

    def retire(self, by: Member, chore_id: str) -> Chore:
        """Stop a chore for good; its history stays."""
        return self._set_status(by, chore_id, ChoreStatus.RETIRED)

    # ticking -------------------------------------------------------------------------------
    def tick(self, by: Member, chore_id: str, child_id: str | None = None,
             day: date | None = None) -> TickEvent:
        """Mark a job done; a second tick for the same job and day returns the first.

        A child ticks their own job due today; a parent may tick for a child on a due
        day up to today.
        """
        today = self.today()
        day = day or today
        if by.role is Role.CHILD and by.active:
            if child_id not in (None, by.id) or day != today:
                raise NotAllowed("a child ticks only their own jobs for today")
            child_id = by.id
        else:
            self._require_parent(by)
            if child_id is None:
                raise InvalidInput("chores.error.not_due")
            if day > today:
                raise InvalidInput("chores.error.not_due")
        # looked for and recorded under the store's lock: two taps on two tabs at once make
        # one tick (and one lot of stars), not two
        with self._store.exclusive():
            chore = self.chore(chore_id)
            if not due_for(chore, child_id, day):
                raise InvalidInput("chores.error.not_due")
            standing = live_ticks(self.events()).get((chore.id, child_id, day))
            if standing is not None:
                return standing.tick
            event = TickEvent(id=str(uuid.uuid4()), kind=TickKind.TICK, chore_id=chore.id,
                              child_id=child_id, day=day, by=by.id, at=self._iso(),
                              stars=chore.stars)
            self._record(event)
        return event

    def confirm(self, by: Member, tick_id: str) -> TickState:
        """A parent says they saw the job was done (once is enough)."""
        return self._answer(by, tick_id, TickKind.CONFIRM)

    def undo(self, by: Member, tick_id: str) -> TickState:
        """A parent takes back a job ticked by mistake; the ticks stay in the history.

        The job is undone for its child and day: every tick still standing for it gets an
        undo, since another device may have ticked the same job while apart.
        """
        return self._answer(by, tick_id, TickKind.UNDO)

    # helpers -------------------------------------------------------------------------------
    def _answer(self, by: Member, tick_id: str, kind: TickKind) -> TickState:
        self._require_parent(by)
        with self._store.exclusive():  # as for a tick: two parents at once answer once
            return self._answer_now(by, tick_id, kind)

    def _answer_now(self, by: Member, tick_id: str, kind: TickKind) -> TickState:
        events = self.events()
        state = tick_states(events).get(tick_id)
        if state is None:
            raise KeyError(tick_id)
        already = state.confirmed_by if kind is TickKind.CONFIRM else state.undone_by
        if already is not None:
            return state  # asked twice, or a later tick for the job is not this one's to undo
        about = [state.tick]
        if kind is TickKind.UNDO:
            about = [s.tick for s in live_in_slot(events, state.tick)]
        at = self._iso()
        answers = [TickEvent(id=str(uuid.uuid4()), kind=kind, chore_id=tick.chore_id,
                             child_id=tick.child_id, day=tick.day, by=by.id, at=at,
                             tick_id=tick.id) for tick in about]
        self._record(*answers)
        return tick_states([*events, *answers])[tick_id]

    def _record(self, *events: TickEvent) -> None:
        # one save for them all: a job is never left half undone
        self._store.put_many([(CHORE_TICKS, e.to_json(), e.shard) for e in events])

    def _set_status(self, by: Member, chore_id: str, status: ChoreStatus) -> Chore:
        self._require_parent(by)
        with self._store.exclusive():  # as for an edit: neither undoes the other
            chore = self.chore(chore_id)
            if chore.status is status:
                return chore
            chore = chore.changed(by.id, self._iso(), status=status)
            self._store.put(CHORES, chore.to_json())
        return chore

    def _check(self, plan: ChorePlan) -> ChorePlan:
        problem = plan_problem(plan)
        if problem is not None:
            raise InvalidInput(f"chores.error.{problem.value}")
        children = {m.id for m in self.children()}
        if any(child not in children for child in plan.children):
            raise InvalidInput("chores.error.nobody")
        return tidy_plan(plan)

    @staticmethod
    def _require_parent(by: Member) -> None:
        if by.role is not Role.PARENT or not by.active:
            raise NotAllowed("only a parent can do this")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def _for(chore: Chore, children_here: frozenset[str]) -> Chore:
    """The chore for the children still in the household: one who left has no more turns
    (a rota would pass every other week to them, and nobody would do the job), and a rota
    left with one child is simply theirs (it can be changed without a refusal)."""
    staying = tuple(c for c in chore.children if c in children_here)
    if staying == chore.children:
        return chore
    rota = chore.who is Who.ROTATE and len(staying) > 1
    return replace(chore, children=staying, who=Who.ROTATE if rota else Who.SEVERAL)


def chores_for(household: HouseholdService) -> ChoreService:
    """The chores of the household ``household`` serves, sharing its store and clock."""
    return ChoreService(household)
