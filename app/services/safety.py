"""Safety plans as the screens use them: read, change and rate, saved in the household store.

The family plan and each child's plan are documents whose ``revision`` rises on every change;
action ticks and safety-scale ratings are events sharded by month, never changed afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from app.domain.alerts import AlertSource, keepable, new_alert
from app.domain.people import Member, Role
from app.domain.records import after_all, iso_day
from app.domain.safety import (
    FAMILY_PLAN_ID,
    MAX_TEXT,
    ActionTick,
    ChildList,
    SafetyPlan,
    SafetyRuleBroken,
    Section,
    is_grown_up,
    latest_ticks,
    may_read_child_plan,
)
from app.domain.safety_child import ChildSafetyPlan, child_plan_id
from app.domain.safety_scale import (
    SafetyRating,
    in_time_order,
    is_low,
    latest_by_person,
    new_rating,
    shown_at_home,
)
from app.services.base import HouseholdPart
from app.services.checkins import ALERTS
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.storage import InvalidText

PLANS = "safety_plans"
CHILD_PLANS = "child_safety_plans"
TICKS = "safety_action_ticks"
RATINGS = "safety_ratings"

T = TypeVar("T")


class SafetyService(HouseholdPart):
    """The family safety plan, the safety scale and the children's plans of one household."""

    # the family plan ---------------------------------------------------------------------
    def plan(self) -> SafetyPlan:
        """The family's safety map as it is now (an empty one before anything is written)."""
        doc = self._store.get(PLANS, FAMILY_PLAN_ID)
        return SafetyPlan.from_json(doc) if doc else SafetyPlan()

    def add_point(self, by: Member, section: Section, text: str,
                  reason: str = "") -> SafetyPlan:
        """Add to "working well", "worries" or (the worker only, saying why) the bottom lines."""
        return self._change_plan(
            lambda plan: plan.with_point(by, section, _new_id(), text, self._iso(), reason))

    def change_point(self, by: Member, section: Section, point_id: str, text: str) -> SafetyPlan:
        """Change the words of a point."""
        return self._change_plan(
            lambda plan: plan.with_changed_point(by, section, point_id, text, self._iso()))

    def remove_point(self, by: Member, section: Section, point_id: str) -> SafetyPlan:
        """Take a point off the plan (its words are kept for history)."""
        return self._change_plan(
            lambda plan: plan.without_point(by, section, point_id, self._iso()))

    def add_action(self, by: Member, what: str, who: str, due: str | None,
                   reason: str = "") -> SafetyPlan:
        """Add something that needs to happen; ``due`` is an ISO date or None.

        The worker says why (``reason``); a parent or carer need not.
        """
        if due is not None:
            try:
                due = iso_day(due)  # one form: days are put in order and shown from it
            except ValueError:
                raise InvalidInput("safety.error.due") from None
        return self._change_plan(
            lambda plan: plan.with_action(by, _new_id(), what, who, due, self._iso(), reason))

    def acknowledge(self, by: Member, item_id: str) -> SafetyPlan:
        """A parent has read a bottom line or step new from the worker; the worker sees it."""
        return self._change_plan(lambda plan: plan.acknowledged(by, item_id, self._iso()))

    def remove_action(self, by: Member, action_id: str) -> SafetyPlan:
        """Take an action off the plan (kept for history)."""
        return self._change_plan(lambda plan: plan.without_action(by, action_id, self._iso()))

    def tick_action(self, by: Member, action_id: str, done: bool = True) -> ActionTick:
        """Record that an action is done, or (correcting a mistake) not done yet."""
        if not is_grown_up(by):
            raise NotAllowed("only a parent, carer or worker ticks actions")
        if not any(a.id == action_id for a in self.plan().current_actions()):
            raise InvalidInput("safety.error.not_found")
        at = after_all(self._iso(), (tick.created_at for tick in self.ticks()
                                     if tick.action_id == action_id))
        tick = ActionTick(_new_id(), action_id, done, by.id, at)
        self._store.put(TICKS, tick.to_json(), shard=at[:7])
        return tick

    def ticks(self) -> list[ActionTick]:
        """Every tick ever made, oldest first."""
        found = [ActionTick.from_json(doc) for doc in self._store.find(TICKS)]
        return sorted(found, key=lambda tick: tick.created_at)

    def action_states(self) -> dict[str, ActionTick]:
        """For each action ever ticked, the tick that counts now."""
        return latest_ticks(self.ticks())

    # the safety scale ------------------------------------------------------------------
    def rate(self, by: Member, score: int, reason: str = "", *,
             reason_for_family: bool = False) -> SafetyRating:
        """Record how safe things at home feel to ``by`` right now.

        A child's rating of 0 to 3 (their first or any later one) is a sign of danger: a
        safety alert for the worker is kept in the same save. A child's "Why?" is read by the
        grown-ups at home only if ``reason_for_family``.
        """
        danger = by.role is Role.CHILD and is_low(score)
        try:
            return self._rate(by, score, reason, reason_for_family, danger)
        except (InvalidInput, InvalidText):
            if not danger:
                raise
        # a sign of danger is never refused with its words (see CheckinService.record)
        try:
            return self._rate(by, score, keepable(reason, MAX_TEXT), reason_for_family,
                              danger)
        except (InvalidInput, InvalidText):
            self._store.put(ALERTS, new_alert(_new_id(), by, AlertSource.SAFETY_SCALE,
                                              self._iso()).to_json(), shard=self._iso()[:7])
            raise

    def _rate(self, by: Member, score: int, reason: str, reason_for_family: bool,
              danger: bool) -> SafetyRating:
        at = self._iso()
        rating = self._checked(lambda: new_rating(
            _new_id(), by, score, reason, at,
            reason_for_family=reason_for_family or by.role is not Role.CHILD))
        saves = [(RATINGS, rating.to_json(), at[:7])]
        if danger:
            alert = new_alert(_new_id(), by, AlertSource.SAFETY_SCALE, at)
            saves.append((ALERTS, alert.to_json(), at[:7]))
        self._store.put_many(saves)
        return rating

    def ratings(self) -> list[SafetyRating]:
        """Every rating made, oldest first, but for a child's that raised an alert: that one
        is for the worker alone, and nothing at home shows it (``kept_from_home``)."""
        found = (SafetyRating.from_json(doc) for doc in self._store.find(RATINGS))
        return in_time_order(shown_at_home(found, self._household.roles()))

    def latest_ratings(self) -> dict[str, SafetyRating]:
        """Each person's most recent rating, by member id."""
        return latest_by_person(self.ratings())

    # children's own plans --------------------------------------------------------------
    def child_plan(self, by: Member, child_id: str) -> ChildSafetyPlan:
        """A child's plan, for the grown-ups and for that child (empty until written)."""
        if not may_read_child_plan(by, child_id):
            raise NotAllowed("only the child and the grown-ups read a child's plan")
        return self._child_plan(child_id)

    def add_trusted_adult(self, by: Member, child_id: str, name: str, relation: str,
                          phone: str) -> ChildSafetyPlan:
        """Add someone the child can go to, with a number to call."""
        return self._change_child_plan(child_id, lambda plan: plan.with_adult(
            by, _new_id(), name, relation, phone, self._iso()))

    def remove_trusted_adult(self, by: Member, child_id: str, adult_id: str) -> ChildSafetyPlan:
        """Take a trusted adult off the child's plan (kept for history)."""
        return self._change_child_plan(
            child_id, lambda plan: plan.without_adult(by, adult_id, self._iso()))

    def add_child_item(self, by: Member, child_id: str, kind: ChildList,
                       text: str) -> ChildSafetyPlan:
        """Add a warning sign, a calm-down idea or a safe place to a child's plan."""
        return self._change_child_plan(
            child_id, lambda plan: plan.with_item(by, kind, _new_id(), text, self._iso()))

    def remove_child_item(self, by: Member, child_id: str, kind: ChildList,
                          item_id: str) -> ChildSafetyPlan:
        """Take an item off one of a child's lists (kept for history)."""
        return self._change_child_plan(
            child_id, lambda plan: plan.without_item(by, kind, item_id, self._iso()))

    # helpers ---------------------------------------------------------------------------
    def _child_plan(self, child_id: str) -> ChildSafetyPlan:
        doc = self._store.get(CHILD_PLANS, child_plan_id(child_id))
        return ChildSafetyPlan.from_json(doc) if doc else ChildSafetyPlan(child_id)

    def _change_plan(self, change: Callable[[SafetyPlan], SafetyPlan]) -> SafetyPlan:
        # read and saved under the store's lock: two tabs changing the map at once keep both
        with self._store.exclusive():
            plan = self._checked(lambda: change(self.plan()))
            self._store.put(PLANS, plan.to_json())
        return plan

    def _change_child_plan(self, child_id: str,
                           change: Callable[[ChildSafetyPlan], ChildSafetyPlan]
                           ) -> ChildSafetyPlan:
        with self._store.exclusive():  # as for the family's map
            plan = self._checked(lambda: change(self._child_plan(child_id)))
            self._store.put(CHILD_PLANS, plan.to_json())
        return plan

    @staticmethod
    def _checked(change: Callable[[], T]) -> T:
        """Run a domain change, turning its refusals into the errors screens understand."""
        try:
            return change()
        except SafetyRuleBroken as broken:
            raise InvalidInput(f"safety.error.{broken.problem.value}") from broken
        except NotAllowed:
            raise
        except PermissionError as refused:
            raise NotAllowed(str(refused)) from refused

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def _new_id() -> str:
    return str(uuid.uuid4())


def safety_for(household: HouseholdService) -> SafetyService:
    """The safety service of the household a screen is showing."""
    return SafetyService(household)


def children(household: HouseholdService) -> list[Member]:
    """The children currently in the household, in the order they were added."""
    return [m for m in household.members() if m.role is Role.CHILD]
