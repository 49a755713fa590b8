"""Family rituals, saved in the household's encrypted store.

Rituals are shared documents (``rituals``, with a revision); each "we did it" is an
event in ``ritual_done`` kept by month, never changed or deleted.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from app.domain.people import Member, Role
from app.domain.rituals import (
    GentleCounts,
    Ritual,
    RitualDone,
    RitualPlan,
    gentle_counts,
    may_plan,
    may_tick,
    plan_problem,
    tidy_plan,
)
from app.services.base import HouseholdPart
from app.services.errors import refuse_if_changed
from app.services.household import HouseholdService, InvalidInput, NotAllowed

RITUALS = "rituals"
RITUAL_DONE = "ritual_done"


class RitualService(HouseholdPart):
    """A household's rituals and the days they were done."""

    # reading -----------------------------------------------------------------------------
    def rituals(self, *, include_stopped: bool = False) -> list[Ritual]:
        """The family's rituals in the order they were added."""
        found = [Ritual.from_json(doc) for doc in self._store.find(RITUALS)]
        if not include_stopped:
            found = [r for r in found if not r.stopped]
        return sorted(found, key=lambda r: r.created_at)

    def rituals_for(self, member_id: str) -> list[Ritual]:
        """The rituals a person takes part in."""
        return [r for r in self.rituals() if r.is_for(member_id)]

    def ritual(self, ritual_id: str) -> Ritual:
        """One ritual by id.

        Raises:
            KeyError: there is no such ritual.
        """
        doc = self._store.get(RITUALS, ritual_id)
        if doc is None:
            raise KeyError(ritual_id)
        return Ritual.from_json(doc)

    def counts(self, ritual_id: str) -> GentleCounts:
        """How often a ritual was done (only ever positive counts)."""
        return gentle_counts(self._events(ritual_id), ritual_id, self.today())

    # planning (parents) --------------------------------------------------------------------
    def add(self, by: Member, plan: RitualPlan) -> Ritual:
        """A parent adds a ritual."""
        self._require_planner(by)
        ritual = Ritual(id=str(uuid.uuid4()), plan=self._check(plan), created_by=by.id,
                        created_at=self._iso())
        self._store.put(RITUALS, ritual.to_json())
        return ritual

    def edit(self, by: Member, ritual_id: str, plan: RitualPlan,
             seen: str | None = None) -> Ritual:
        """A parent changes a ritual's name, picture, when or who.

        Raises:
            ChangedMeanwhile: ``seen`` (the ``stamp_of`` what the form was opened on) is not
                the ritual now: saving would undo someone else's change.
        """
        self._require_planner(by)
        # checked and saved under the store's lock: a stop from another tab in between would
        # be undone by this save
        with self._store.exclusive():
            now = self.ritual(ritual_id)
            refuse_if_changed(seen, now)
            ritual = now.changed(by.id, self._iso(), plan=self._check(plan))
            self._store.put(RITUALS, ritual.to_json())
        return ritual

    def stop(self, by: Member, ritual_id: str) -> Ritual:
        """A parent stops a ritual; the days it was done stay in the history."""
        self._require_planner(by)
        with self._store.exclusive():  # as for an edit: neither undoes the other
            ritual = self.ritual(ritual_id).changed(by.id, self._iso(), stopped=True)
            self._store.put(RITUALS, ritual.to_json())
        return ritual

    # ticking -------------------------------------------------------------------------------
    def done_today(self, by: Member, ritual_id: str) -> RitualDone:
        """Say the family did a ritual today; a second time today returns the first."""
        ritual = self.ritual(ritual_id)
        if not may_tick(ritual, by):
            raise NotAllowed("this person cannot tick this ritual")
        today = self.today()
        # looked for and recorded under the store's lock: two taps at once make one
        with self._store.exclusive():
            for event in self._events(ritual_id):
                if event.day == today:
                    return event
            event = RitualDone(id=str(uuid.uuid4()), ritual_id=ritual_id, day=today,
                               by=by.id, at=self._iso())
            self._store.put(RITUAL_DONE, event.to_json(), shard=event.shard)
        return event

    # helpers -------------------------------------------------------------------------------
    def _events(self, ritual_id: str) -> list[RitualDone]:
        docs = self._store.find(RITUAL_DONE, lambda doc: doc.get("ritual_id") == ritual_id)
        return [RitualDone.from_json(doc) for doc in docs]

    def _check(self, plan: RitualPlan) -> RitualPlan:
        problem = plan_problem(plan)
        if problem is not None:
            raise InvalidInput(f"rituals.error.{problem.value}")
        people = {m.id for m in self._household.members() if m.role is not Role.WORKER}
        if any(member not in people for member in plan.who):
            raise InvalidInput("rituals.error.who")
        return tidy_plan(plan)

    @staticmethod
    def _require_planner(by: Member) -> None:
        if not may_plan(by):
            raise NotAllowed("only a parent can plan rituals")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def rituals_for(household: HouseholdService) -> RitualService:
    """The rituals of the household ``household`` serves, sharing its store and clock."""
    return RitualService(household)
