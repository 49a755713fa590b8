"""Family group conferences as the screens use them: prepare, run the day, keep the plan.

Each conference is a shared document in ``conferences`` (it syncs, and the hub shows it);
ticks on the plan's actions are events in ``conference_ticks``, kept by month. Every read
goes through :meth:`Conference.as_shown`, so in private family time no screen can be handed
the worker's notes or views: the service never returns them then, to anyone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from app.domain.people import Member, Role
from app.domain.programme.conference import (
    Conference,
    ConferenceProblem,
    ConferenceRefused,
    Stage,
    Topic,
    new_conference,
    next_conference_id,
)
from app.domain.programme.family_plan import (
    FamilyPlan,
    PlanBox,
    PlanProblem,
    PlanRefused,
    PlanTick,
    done_actions,
)
from app.domain.records import after_all
from app.domain.safety import Section
from app.services.base import HouseholdPart
from app.services.errors import ChangedMeanwhile, stamp_of_words
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.programme.network import network_for
from app.services.safety import safety_for

CONFERENCES = "conferences"
TICKS = "conference_ticks"

T = TypeVar("T")


class ConferenceService(HouseholdPart):
    """The household's family group conferences and their plans."""

    # reading ------------------------------------------------------------------------------
    def conferences(self) -> list[Conference]:
        """Every conference, newest first, as screens may show them now."""
        found = [Conference.from_json(doc).as_shown() for doc in self._store.find(CONFERENCES)]
        return sorted(found, key=lambda c: c.created_at, reverse=True)

    def current(self) -> Conference | None:
        """The newest conference, if there is one."""
        found = self.conferences()
        return found[0] if found else None

    def in_private_time(self) -> bool:
        """True while the family is in private family time."""
        current = self.current()
        return current is not None and current.private_time

    def done(self, conference_id: str) -> set[str]:
        """The plan's actions that are done."""
        ticks = [PlanTick.from_json(doc) for doc in self._store.find(
            TICKS, lambda doc: doc.get("conference_id") == conference_id)]
        return done_actions(ticks, conference_id)

    def to_address(self) -> tuple[list[Topic], list[Topic]]:
        """The worries and bottom lines in the safety plan now, to choose from."""
        plan = safety_for(self._household).plan()
        return ([Topic(p.id, p.text) for p in plan.points(Section.WORRIES)],
                [Topic(p.id, p.text) for p in plan.points(Section.BOTTOM_LINES)])

    # the coordinator -----------------------------------------------------------------------
    def prepare(self, by: Member, *, invited: list[str], worries: list[str],
                bottom_lines: list[str], information: str) -> Conference:
        """Prepare the conference (a new one, or the one still being prepared).

        ``worries`` and ``bottom_lines`` are ids of points in the safety plan; ``invited``
        ids of people in the network.
        """
        all_worries, all_lines = self.to_address()
        known = {p.id for p in network_for(self._household).people(by)}
        current = self._raw_current()
        if current is None or current.stage is not Stage.PREPARING:
            # The same id on every device that knew the same conferences: see next_conference_id.
            held = {str(doc.get("id")) for doc in self._store.find(CONFERENCES)}
            conference_id = next_conference_id(None if current is None else current.id, held)
            current = self._checked(lambda: new_conference(conference_id, by, self._iso()))
        prepared = self._checked(lambda: current.prepared(
            by, self._iso(), invited=tuple(i for i in invited if i in known),
            worries=tuple(t for t in all_worries if t.id in worries),
            bottom_lines=tuple(t for t in all_lines if t.id in bottom_lines),
            information=information))
        return self._save(prepared)

    def start_day(self, by: Member) -> Conference:
        """The conference begins with the information stage."""
        return self._change(lambda c: c.started(by, self._iso()))

    def start_private_time(self, by: Member) -> Conference:
        """The professionals step out; the family writes its plan."""
        return self._change(lambda c: c.with_private_time(by, self._iso()))

    def decide(self, by: Member, *, agreed: bool, why: str, review_on: str | None) -> Conference:
        """Record whether the agency agrees the plan, why, and when it is reviewed."""
        return self._change(lambda c: c.decided(by, self._iso(), agreed=agreed, why=why,
                                                review_on=review_on))

    # the family ----------------------------------------------------------------------------
    def change_plan(self, by: Member, change: Callable[[FamilyPlan], FamilyPlan]) -> Conference:
        """One change to the family's plan, in private family time."""
        names = [m.name for m in self._household.members(include_removed=True)]
        names += network_for(self._household).names().values()
        return self._change(lambda c: c.with_plan(by, self._iso(), change, names))

    def write(self, by: Member, box: PlanBox, text: str, seen: str | None = None
              ) -> Conference:
        """Save the words of one box of the family's plan.

        Raises:
            ChangedMeanwhile: ``seen`` (the ``stamp_of_words`` the box was opened on) is not
                the box's words now: someone else saved it since, and saving would undo them.
        """
        def change(plan: FamilyPlan) -> FamilyPlan:
            # checked on the plan as it is saved now, in the same change that writes it
            if seen is not None and stamp_of_words(box.words(plan)) != seen:
                raise ChangedMeanwhile
            return box.written(plan, text)

        return self.change_plan(by, change)

    def add_action(self, by: Member, what: str, who: str, by_when: str | None) -> Conference:
        """Who does what by when."""
        action_id = str(uuid.uuid4())
        return self.change_plan(by, lambda p: p.with_action(action_id, what, who, by_when))

    def share_plan(self, by: Member) -> Conference:
        """The family has finished its plan: the coordinator may come back in."""
        return self._change(lambda c: c.shared(by, self._iso()))

    def tick(self, by: Member, action_id: str, done: bool = True) -> PlanTick:
        """Say an action of the agreed plan is done (or not, to put a mistake right)."""
        if not by.active or by.role is Role.CHILD:
            raise NotAllowed("a grown-up ticks the plan")
        current = self.current()
        if current is None or not any(a.id == action_id for a in current.plan.actions):
            raise InvalidInput("conference.error.not_found")
        at = after_all(self._iso(), (str(doc.get("created_at")) for doc in self._store.find(
            TICKS, lambda doc: doc.get("action_id") == action_id)))
        tick = PlanTick(str(uuid.uuid4()), current.id, action_id, done, by.id, at)
        self._store.put(TICKS, tick.to_json(), shard=tick.shard)
        return tick

    # helpers -------------------------------------------------------------------------------
    def _raw_current(self) -> Conference | None:
        found = [Conference.from_json(doc) for doc in self._store.find(CONFERENCES)]
        return max(found, key=lambda c: c.created_at) if found else None

    def _change(self, change: Callable[[Conference], Conference]) -> Conference:
        # read and saved under the store's lock: two tabs saving two boxes at once keep both
        with self._store.exclusive():
            current = self._raw_current()
            if current is None:
                raise InvalidInput("conference.error.none")
            return self._save(self._checked(lambda: change(current)))

    def _save(self, conference: Conference) -> Conference:
        self._store.put(CONFERENCES, conference.to_json())
        return conference.as_shown()

    @staticmethod
    def _checked(change: Callable[[], T]) -> T:
        try:
            return change()
        except ConferenceRefused as refused:
            if refused.problem in (ConferenceProblem.NOT_WORKER, ConferenceProblem.NOT_FAMILY):
                raise NotAllowed(str(refused)) from refused
            raise InvalidInput(f"conference.error.{refused.problem.value}") from refused
        except PlanRefused as refused:
            if refused.problem is PlanProblem.NOT_ALLOWED:
                raise NotAllowed(str(refused)) from refused
            raise InvalidInput(f"conference.plan.error.{refused.problem.value}",
                               words=", ".join(f"\u201c{word}\u201d" for word in refused.words)
                               ) from refused

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def conferences_for(household: HouseholdService) -> ConferenceService:
    """The family group conferences of the household a screen is showing."""
    return ConferenceService(household)
