"""The family's own plan from a family group conference, written in private family time.

Who does what by when, what happens if the plan is not working (contingencies), how the
children's voices were heard, and how the plan meets each of the agency's bottom lines. No
line of it may meet a bottom line with physical punishment: every line is run through the
same check as the household agreement (``app.domain.punishment``, see
:func:`no_physical_punishment`), whenever the plan changes. Actions are ticked over
time as events (``PlanTick``), never by changing the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from app.domain.punishment import as_anyone, physical_punishment_words
from app.domain.records import iso_day, stored_day

MAX_LINE = 300
MAX_WHO = 40
MAX_TEXT = 1000


class PlanProblem(StrEnum):
    """Why a change to the family's plan is refused; each has words in the catalogue."""

    NOT_ALLOWED = "not_allowed"
    NOT_PRIVATE_TIME = "not_private_time"
    WHAT_MISSING = "what_missing"
    TOO_LONG = "too_long"
    DATE = "date"
    PHYSICAL_PUNISHMENT = "physical_punishment"
    NO_ACTIONS = "no_actions"
    BOTTOM_LINE_OPEN = "bottom_line_open"
    NOT_FOUND = "not_found"


class PlanRefused(ValueError):
    """A change the plan cannot take; ``problem`` says why, ``words`` what was found."""

    def __init__(self, problem: PlanProblem, words: tuple[str, ...] = ()) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.words = words


def _tidy(text: str, limit: int) -> str:
    words = text.strip() if "\n" in text else " ".join(text.split())
    if len(words) > limit:
        raise PlanRefused(PlanProblem.TOO_LONG)
    return words


def punishment_in_plan(plan: FamilyPlan, names: Iterable[str] = ()) -> tuple[str, ...]:
    """The words anywhere in the plan that plan physical punishment (none: an empty tuple).

    ``names``: the family's and the network's names, so a line naming a child's behaviour
    ("if Sam hits Mia, he has quiet time") is read like one naming it with "he".
    """
    names = tuple(names)
    found: list[str] = []
    texts = [f"{a.what}. {a.who}" for a in plan.actions]
    texts += [plan.contingencies, *plan.bottom_lines_met.values()]
    for text in texts:
        for words in physical_punishment_words(as_anyone(text, names)):
            if words not in found:
                found.append(words)
    return tuple(found)


def no_physical_punishment(plan: FamilyPlan, names: Iterable[str] = ()) -> FamilyPlan:
    """Return ``plan`` if nothing in it plans physical punishment.

    Raises:
        PlanRefused: a line describes hitting, smacking or another physical punishment.
    """
    found = punishment_in_plan(plan, names)
    if found:
        raise PlanRefused(PlanProblem.PHYSICAL_PUNISHMENT, found)
    return plan


def _checked_day(day: str | None) -> str | None:
    if day is None:
        return None
    try:
        return iso_day(day)
    except ValueError as exc:
        raise PlanRefused(PlanProblem.DATE) from exc


@dataclass(frozen=True)
class PlanAction:
    """Something in the plan: what will happen, who does it, by when ("YYYY-MM-DD" or None)."""

    id: str
    what: str
    who: str = ""
    by_when: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The action as stored."""
        return {"id": self.id, "what": self.what, "who": self.who, "by_when": self.by_when}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanAction:
        """Rebuild an action from its stored form."""
        return cls(str(data["id"]), str(data["what"]), str(data.get("who") or ""),
                   stored_day(data.get("by_when")))


@dataclass(frozen=True)
class FamilyPlan:
    """What the family wrote: actions, contingencies, the children's voice, bottom lines met."""

    actions: tuple[PlanAction, ...] = ()
    contingencies: str = ""
    child_voice: str = ""
    #: bottom line id -> how the plan meets it, in the family's words
    bottom_lines_met: dict[str, str] = field(default_factory=dict)

    def with_action(self, action_id: str, what: str, who: str, by_when: str | None) -> FamilyPlan:
        """Add who does what by when (never a physical punishment)."""
        words = _tidy(what, MAX_LINE)
        if not words:
            raise PlanRefused(PlanProblem.WHAT_MISSING)
        person = _tidy(who, MAX_WHO)
        return replace(self, actions=(*self.actions, PlanAction(action_id, words, person,
                                                                _checked_day(by_when))))

    def without_action(self, action_id: str) -> FamilyPlan:
        """Take back an action written by mistake."""
        if not any(a.id == action_id for a in self.actions):
            raise PlanRefused(PlanProblem.NOT_FOUND)
        return replace(self, actions=tuple(a for a in self.actions if a.id != action_id))

    def with_contingencies(self, text: str) -> FamilyPlan:
        """What the family will do if the plan is not working."""
        return replace(self, contingencies=_tidy(text, MAX_TEXT))

    def with_child_voice(self, text: str) -> FamilyPlan:
        """How the children's wishes and feelings were heard."""
        return replace(self, child_voice=_tidy(text, MAX_TEXT))

    def with_bottom_line_met(self, bottom_line_id: str, text: str) -> FamilyPlan:
        """How the plan meets one bottom line (empty takes the answer back)."""
        words = _tidy(text, MAX_TEXT)
        met = {k: v for k, v in self.bottom_lines_met.items() if k != bottom_line_id}
        if words:
            met[bottom_line_id] = words
        return replace(self, bottom_lines_met=met)

    def problem_to_share(self, bottom_line_ids: Iterable[str]) -> PlanProblem | None:
        """What stops the family sharing the plan: no actions, or a bottom line not met."""
        if not self.actions:
            return PlanProblem.NO_ACTIONS
        if any(not self.bottom_lines_met.get(i) for i in bottom_line_ids):
            return PlanProblem.BOTTOM_LINE_OPEN
        return None

    def to_json(self) -> dict[str, Any]:
        """The plan as stored."""
        return {"actions": [a.to_json() for a in self.actions],
                "contingencies": self.contingencies, "child_voice": self.child_voice,
                "bottom_lines_met": dict(self.bottom_lines_met)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FamilyPlan:
        """Rebuild a plan from its stored form."""
        return cls(actions=tuple(PlanAction.from_json(a) for a in data.get("actions", [])),
                   contingencies=str(data.get("contingencies") or ""),
                   child_voice=str(data.get("child_voice") or ""),
                   bottom_lines_met={str(k): str(v) for k, v in
                                     (data.get("bottom_lines_met") or {}).items()})


class BoxKind(StrEnum):
    """The kinds of box in the plan that the family writes in and saves one at a time."""

    CONTINGENCIES = "contingencies"
    CHILD_VOICE = "child_voice"
    BOTTOM_LINE_MET = "bottom_line_met"


@dataclass(frozen=True)
class PlanBox:
    """One box of the plan, saved on its own: what happens if the plan is not working, how
    the children were heard, or how one bottom line (``bottom_line_id``) is met."""

    kind: BoxKind
    bottom_line_id: str = ""

    def words(self, plan: FamilyPlan) -> str:
        """The words saved in this box of ``plan``."""
        if self.kind is BoxKind.CONTINGENCIES:
            return plan.contingencies
        if self.kind is BoxKind.CHILD_VOICE:
            return plan.child_voice
        return plan.bottom_lines_met.get(self.bottom_line_id, "")

    def written(self, plan: FamilyPlan, text: str) -> FamilyPlan:
        """``plan`` with ``text`` in this box (never a physical punishment: see
        :meth:`FamilyPlan.with_contingencies` and the others)."""
        if self.kind is BoxKind.CONTINGENCIES:
            return plan.with_contingencies(text)
        if self.kind is BoxKind.CHILD_VOICE:
            return plan.with_child_voice(text)
        return plan.with_bottom_line_met(self.bottom_line_id, text)


@dataclass(frozen=True)
class PlanTick:
    """An event: someone said an action of the plan is done (or, to correct it, not done)."""

    id: str
    conference_id: str
    action_id: str
    done: bool
    created_by: str
    created_at: str

    @property
    def shard(self) -> str:
        """The month the tick is kept under."""
        return self.created_at[:7]

    def to_json(self) -> dict[str, Any]:
        """The tick as stored."""
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanTick:
        """Rebuild a tick from its stored form."""
        return cls(str(data["id"]), str(data["conference_id"]), str(data["action_id"]),
                   bool(data["done"]), str(data["created_by"]), str(data["created_at"]))


def done_actions(ticks: Iterable[PlanTick], conference_id: str) -> set[str]:
    """The actions whose latest tick says done (ties broken by id: every device agrees)."""
    latest: dict[str, PlanTick] = {}
    for tick in sorted(ticks, key=lambda tick: (tick.created_at, tick.id)):
        if tick.conference_id == conference_id:
            latest[tick.action_id] = tick
    return {action for action, tick in latest.items() if tick.done}
