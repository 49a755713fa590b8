"""Family circles for one household: start one, pass the talking piece, record what was agreed.

A circle is a shared document in ``circles`` (its ``revision`` rises on every change);
each turn with the talking piece is an event in ``circle_turns``, sharded by month and
never changed. An agreement can become a chore, a draft house rule or a safety-plan
action through those features' own services, so their rules and checks still apply.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from app.domain.agreement import RULE_PICTURES, RuleField
from app.domain.chores import Chore, ChorePlan
from app.domain.circles import (
    Agreement,
    Became,
    Circle,
    CircleKind,
    CircleRuleBroken,
    Progress,
    Turn,
    TurnKind,
    in_order,
    new_circle,
    next_turn,
    progress,
)
from app.domain.people import Member, Role
from app.services.agreement import agreement_for
from app.services.base import HouseholdPart
from app.services.chores import chores_for
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.safety import safety_for

CIRCLES = "circles"
TURNS = "circle_turns"

T = TypeVar("T")


class CircleService(HouseholdPart):
    """The circles of one household, backed by its encrypted store."""

    # reading -----------------------------------------------------------------------------
    def circles(self) -> list[Circle]:
        """Every circle, newest first."""
        found = [Circle.from_json(doc) for doc in self._store.find(CIRCLES)]
        return sorted(found, key=lambda c: c.started_at, reverse=True)

    def circle(self, circle_id: str) -> Circle:
        """One circle by id.

        Raises:
            KeyError: there is no such circle.
        """
        doc = self._store.get(CIRCLES, circle_id)
        if doc is None:
            raise KeyError(circle_id)
        return Circle.from_json(doc)

    def turns(self, circle_id: str) -> list[Turn]:
        """A circle's turns, oldest first."""
        return in_order(Turn.from_json(doc) for doc in self._store.find(
            TURNS, lambda doc: doc.get("circle_id") == circle_id))

    def progress(self, circle_id: str) -> Progress:
        """Which question the circle is on and who holds the talking piece."""
        return progress(self.circle(circle_id), self.turns(circle_id))

    def who_can_sit(self) -> list[Member]:
        """The people a circle can include: everyone active in the household."""
        return self._household.members()

    # running a circle (parents) ------------------------------------------------------------
    def start(self, by: Member, kind: CircleKind, present: list[str]) -> Circle:
        """Start a circle of ``kind`` with the people in ``present`` (in seating order)."""
        self._require_runner(by)
        active = {m.id for m in self.who_can_sit()}
        seats = [m for m in present if m in active]
        circle = self._checked(
            lambda: new_circle(str(uuid.uuid4()), kind, seats, by.id, self._iso()))
        self._store.put(CIRCLES, circle.to_json())
        return circle

    def speak(self, by: Member, circle_id: str, member_id: str, words: str = "") -> Turn:
        """``member_id`` has had their turn (what they said is kept if someone typed it)."""
        return self._turn(by, circle_id, member_id, TurnKind.SPOKE, words)

    def pass_turn(self, by: Member, circle_id: str, member_id: str) -> Turn:
        """``member_id`` passes; the first time, they are offered the piece again at the end."""
        return self._turn(by, circle_id, member_id, TurnKind.PASSED, "")

    def agree(self, by: Member, circle_id: str, text: str) -> Agreement:
        """Write down something the family agreed."""
        self._require_runner(by)
        # read and saved under the store's lock (as every change to a circle): two things
        # agreed on two tabs at once are both written down
        with self._store.exclusive():
            circle = self.circle(circle_id)
            agreement = Agreement(str(uuid.uuid4()), text, by.id, self._iso())
            changed = self._checked(
                lambda: circle.with_agreement(agreement, by.id, agreement.created_at))
            self._save(changed)
        return changed.agreements[-1]

    def finish(self, by: Member, circle_id: str) -> Circle:
        """Close the circle; it then shows in the history as it was."""
        self._require_runner(by)
        with self._store.exclusive():
            return self._save(self.circle(circle_id).closed(by.id, self._iso()))

    # turning an agreement into something ---------------------------------------------------
    def make_chore(self, by: Member, circle_id: str, agreement_id: str,
                   plan: ChorePlan) -> Chore:
        """Make an agreement into a chore (checked by the chores service) and note it."""
        with self._store.exclusive():  # see _became
            self._check_can_become(by, circle_id, agreement_id)
            chore = chores_for(self._household).add(by, plan)
            self._became(by, circle_id, agreement_id, Became.CHORE, chore.id)
        return chore

    def make_action(self, by: Member, circle_id: str, agreement_id: str, what: str,
                    who: str) -> str:
        """Add an agreement to the safety plan's "what needs to happen"; returns the action id."""
        with self._store.exclusive():  # see _became
            self._check_can_become(by, circle_id, agreement_id)
            if not " ".join(what.split()):
                raise InvalidInput("circles.error.agreement_missing")
            plan = safety_for(self._household).add_action(by, what, who, None)
            action_id = plan.actions[-1].id
            self._became(by, circle_id, agreement_id, Became.ACTION, action_id)
        return action_id

    def make_rule(self, by: Member, circle_id: str, agreement_id: str, text: str,
                  picture: str) -> str:
        """Add an agreement as a rule in the household agreement's draft; returns the rule id."""
        with self._store.exclusive():  # see _became
            self._check_can_become(by, circle_id, agreement_id)
            rule = agreement_for(self._household).save_rule(by, None, {RuleField.TEXT: text},
                                                            picture)
            rule_id = str(rule.id)
            self._became(by, circle_id, agreement_id, Became.RULE, rule_id)
        return rule_id

    # helpers -------------------------------------------------------------------------------
    def _turn(self, by: Member, circle_id: str, member_id: str, kind: TurnKind,
              words: str) -> Turn:
        self._require_runner(by)
        # whose turn it is and the turn itself under the store's lock: two taps at once are
        # one turn, and the piece is never with two people
        with self._store.exclusive():
            circle = self.circle(circle_id)
            turn = self._checked(lambda: next_turn(
                circle, self.turns(circle_id), str(uuid.uuid4()), member_id, kind, words,
                by.id, self._iso()))
            self._store.put(TURNS, turn.to_json(), shard=turn.shard)
        return turn

    def _check_can_become(self, by: Member, circle_id: str, agreement_id: str) -> None:
        # what an agreement becomes (a chore, a rule, a step of the plan) is the family's
        if by.role is not Role.PARENT or not by.active:
            raise NotAllowed("a parent or carer makes an agreement into something")
        agreement = self._checked(lambda: self.circle(circle_id).agreement(agreement_id))
        if agreement.became is not None:
            raise InvalidInput("circles.error.already_became")

    def _became(self, by: Member, circle_id: str, agreement_id: str, became: Became,
                target_id: str) -> None:
        # the caller holds the store's lock from its check to here: one agreement made into
        # a chore on two tabs at once makes one chore, and a thing agreed meanwhile is kept
        circle = self.circle(circle_id)
        self._save(self._checked(
            lambda: circle.with_became(agreement_id, became, target_id, by.id, self._iso())))

    def _save(self, circle: Circle) -> Circle:
        self._store.put(CIRCLES, circle.to_json())
        return circle

    @staticmethod
    def _checked(change: Callable[[], T]) -> T:
        """Run a domain change, turning its refusals into the errors screens understand."""
        try:
            return change()
        except CircleRuleBroken as broken:
            raise InvalidInput(f"circles.error.{broken.problem.value}") from broken

    @staticmethod
    def may_run(by: Member) -> bool:
        """A parent or carer runs the family's circles; so may the worker, at a visit."""
        return by.role in (Role.PARENT, Role.WORKER) and by.active

    def _require_runner(self, by: Member) -> None:
        if not self.may_run(by):
            raise NotAllowed("only a parent, carer or the worker runs a circle")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


RuleMaker = Callable[[Member, str, str], str]


def rule_pictures() -> tuple[str, ...]:
    """The pictures a house rule may have."""
    return tuple(RULE_PICTURES)


def circles_for(household: HouseholdService) -> CircleService:
    """The circles of the household ``household`` serves, sharing its store and clock."""
    return CircleService(household)
