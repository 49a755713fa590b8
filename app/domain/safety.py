"""Safety plans: the family's Signs of Safety map, and the rules every safety record shares.

The family plan and each child's plan are shared documents: every change makes a new copy
with ``revision`` one higher and says who changed it and when. Nothing is deleted from them:
a removed point keeps its text with ``removed_at`` set, so the history can still be read.
Ticks on actions and ratings on the safety scale are events, written once and never changed;
the current state is worked out from all of them.

Each child's own plan is in ``safety_child``; the 0–10 safety scale in ``safety_scale``.
Bottom lines are the agency's: only the family's worker may set or change them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import phonenumbers

from app.domain.people import Member, Role
from app.domain.records import FlatRecord

MAX_TEXT = 300
MAX_NAME = 40
FAMILY_PLAN_ID = "family"
EMERGENCY_NUMBERS = frozenset({"999", "111", "112"})
#: The help lines every safety screen and poster gives a child.
CHILDLINE = "0800 1111"
MEIC = "080880 23456"  # for children and young people in Wales
EMERGENCY = "999"


class SafetyProblem(StrEnum):
    """Why a change to a safety plan is refused; each has a plain message in the catalogue."""

    TEXT_MISSING = "text_missing"
    TEXT_LONG = "text_long"
    NAME_MISSING = "name_missing"
    NAME_LONG = "name_long"
    PHONE = "phone"
    SCORE = "score"
    NOT_FOUND = "not_found"
    REASON_MISSING = "reason_missing"


class SafetyRuleBroken(ValueError):
    """A change the safety plan cannot take; ``problem`` says why."""

    def __init__(self, problem: SafetyProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class WorkerOnly(PermissionError):
    """Bottom lines are set by the agency: only the family's worker may change them."""


class Section(StrEnum):
    """The parts of the map a family writes in their own words."""

    WORKING_WELL = "working_well"
    WORRIES = "worries"
    BOTTOM_LINES = "bottom_lines"


class ChildList(StrEnum):
    """The lists in a child's own safety plan (trusted adults are kept apart: they have numbers)."""

    WARNING_SIGNS = "warning_signs"
    CALM_IDEAS = "calm_ideas"
    SAFE_PLACES = "safe_places"


#: What a child may add to their own plan: it is theirs, so their ideas count.
CHILD_MAY_ADD: frozenset[ChildList] = frozenset({ChildList.CALM_IDEAS, ChildList.SAFE_PLACES})


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """Tidy the spaces of a line of text and check it is there and not too long."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise SafetyRuleBroken(SafetyProblem.TEXT_MISSING)
    if len(cleaned) > limit:
        raise SafetyRuleBroken(SafetyProblem.TEXT_LONG)
    return cleaned


def callable_number(number: str) -> str | None:
    """``number`` with tidy spaces if a phone can call it, else None (short numbers aside).

    UK numbers of 6 to 11 digits (0800 1111, 07700 900123) or +44 and 9 or 10 digits;
    numbers abroad (Granny over the border) by their country's own plan, written with + or
    00 ("00353 74 912 3456" keeps as "+353 74 912 3456"). "+44 (0)7700 ..." drops its (0).
    """
    plain = number.strip()
    if plain.startswith(("+", "00")):
        plain = re.sub(r"\(\s*0\s*\)", " ", plain)
    tidy = " ".join(plain.replace("-", " ").replace("(", " ").replace(")", " ").split())
    if tidy.startswith("00"):
        tidy = "+" + tidy[2:].lstrip()
    digits = tidy.replace(" ", "")
    if digits.startswith("+44"):
        ok = re.fullmatch(r"\+44[1-9]\d{8,9}", digits) is not None
    elif digits.startswith("+"):
        ok = re.fullmatch(r"\+[1-9]\d{6,14}", digits) is not None and _valid_abroad(digits)
    else:
        ok = re.fullmatch(r"\d{6,11}", digits) is not None
    return tidy if ok else None


def _valid_abroad(digits: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, None))
    except phonenumbers.NumberParseException:
        return False


def clean_phone(number: str) -> str:
    """A phone number for a child's plan with tidy spaces: ``callable_number``'s, or 999,
    111 or 112. Raises SafetyRuleBroken if a phone could not call it."""
    digits = "".join(number.split())
    if digits in EMERGENCY_NUMBERS:
        return digits
    tidy = callable_number(number)
    if tidy is None:
        raise SafetyRuleBroken(SafetyProblem.PHONE)
    return tidy


def tel_link(number: str) -> str:
    """The ``tel:`` address that offers to call ``number`` on a phone."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def is_grown_up(member: Member) -> bool:
    """Parents, carers and the worker look after the plans; children do not edit them."""
    return member.active and member.role in (Role.PARENT, Role.WORKER)


def may_set_bottom_lines(member: Member) -> bool:
    """Only the family's worker speaks for the agency."""
    return member.active and member.role is Role.WORKER


def may_read_child_plan(member: Member, child_id: str) -> bool:
    """A child's plan is read by the grown-ups and by that child, not by brothers and sisters."""
    return is_grown_up(member) or (member.active and member.id == child_id)


def may_add_to_child_list(member: Member, child_id: str, kind: ChildList) -> bool:
    """Grown-ups add to every list; a child adds calm-down ideas and safe places to their own."""
    if is_grown_up(member):
        return True
    return member.active and member.id == child_id and kind in CHILD_MAY_ADD


# --- records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Point(FlatRecord):
    """One line in a plan: something working well, a worry, a bottom line, a safe place."""

    id: str
    text: str
    created_by: str
    created_at: str
    updated_by: str | None = None
    updated_at: str | None = None
    removed_by: str | None = None
    removed_at: str | None = None
    # A worker's addition comes with why, in plain words, and is new at home until a parent
    # has read it (fair process: explanation, and expectations made clear).
    reason: str | None = None
    acknowledged_by: str | None = None
    acknowledged_at: str | None = None

    @property
    def shown(self) -> bool:
        """False once someone has taken the point off the plan (it is kept for history)."""
        return self.removed_at is None

    @property
    def new_from_worker(self) -> bool:
        """The worker added it, with a reason, and no parent has said they have read it."""
        return self.shown and self.reason is not None and self.acknowledged_at is None


@dataclass(frozen=True)
class Action(FlatRecord):
    """Something that needs to happen: what, who does it, and by when (an ISO date or None)."""

    id: str
    what: str
    who: str
    due: str | None
    created_by: str
    created_at: str
    removed_by: str | None = None
    removed_at: str | None = None
    reason: str | None = None
    acknowledged_by: str | None = None
    acknowledged_at: str | None = None

    @property
    def shown(self) -> bool:
        """False once the action has been taken off the plan."""
        return self.removed_at is None

    @property
    def new_from_worker(self) -> bool:
        """The worker added it, with a reason, and no parent has said they have read it."""
        return self.shown and self.reason is not None and self.acknowledged_at is None


@dataclass(frozen=True)
class ActionTick:
    """An event: someone marked an action done (or, to correct a mistake, not done)."""

    id: str
    action_id: str
    done: bool
    created_by: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        """The tick as stored."""
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActionTick:
        """Rebuild a tick from its stored form."""
        return cls(data["id"], data["action_id"], bool(data["done"]), data["created_by"],
                   data["created_at"])


def _worker_reason(by: Member, reason: str) -> str | None:
    """Why a worker adds to the plan, required; None for anyone else (they need not say)."""
    if by.role is not Role.WORKER:
        return None
    if not reason.strip():
        raise SafetyRuleBroken(SafetyProblem.REASON_MISSING)
    return clean_text(reason)


def latest_ticks(ticks: Iterable[ActionTick]) -> dict[str, ActionTick]:
    """The tick that counts for each action: the last one made (ties broken by id)."""
    latest: dict[str, ActionTick] = {}
    for tick in sorted(ticks, key=lambda tick: (tick.created_at, tick.id)):
        latest[tick.action_id] = tick
    return latest


def points_from_json(data: dict[str, Any], name: str) -> tuple[Point, ...]:
    """The points stored under ``name`` in a plan's document."""
    return tuple(Point.from_json(item) for item in data.get(name, []))


def replace_shown(items: tuple[Any, ...], item_id: str, **changes: Any) -> tuple[Any, ...]:
    """Change the item with ``item_id``, which must still be on the plan."""
    if not any(item.id == item_id and item.shown for item in items):
        raise SafetyRuleBroken(SafetyProblem.NOT_FOUND)
    return tuple(replace(item, **changes) if item.id == item_id else item for item in items)


@dataclass(frozen=True)
class SafetyPlan:
    """The family's safety map: working well, worries, actions, and the agency's bottom lines."""

    working_well: tuple[Point, ...] = ()
    worries: tuple[Point, ...] = ()
    bottom_lines: tuple[Point, ...] = ()
    actions: tuple[Action, ...] = ()
    revision: int = 0
    updated_by: str | None = None
    updated_at: str | None = None

    id = FAMILY_PLAN_ID

    def points(self, section: Section) -> tuple[Point, ...]:
        """The points of a section still on the plan, oldest first."""
        return tuple(p for p in getattr(self, section.value) if p.shown)

    def current_actions(self) -> tuple[Action, ...]:
        """The actions still on the plan, oldest first."""
        return tuple(a for a in self.actions if a.shown)

    def _revised(self, by: Member, at: str, **changes: Any) -> SafetyPlan:
        return replace(self, revision=self.revision + 1, updated_by=by.id, updated_at=at,
                       **changes)

    @staticmethod
    def _check_may_edit(by: Member, section: Section) -> None:
        if section is Section.BOTTOM_LINES:
            if not may_set_bottom_lines(by):
                raise WorkerOnly("bottom lines are set by the family's worker")
        elif not is_grown_up(by):
            raise PermissionError("only a parent, carer or worker changes the plan")

    def with_point(self, by: Member, section: Section, point_id: str, text: str,
                   at: str, reason: str = "") -> SafetyPlan:
        """Add a point to a section; the worker says why they add a bottom line.

        Raises:
            WorkerOnly: someone other than the worker tried to add a bottom line.
            SafetyRuleBroken: the text is missing or too long, or a worker's bottom line
                has no reason.
        """
        self._check_may_edit(by, section)
        words = clean_text(text)  # the words first: "please type a few words" before "why?"
        why = _worker_reason(by, reason) if section is Section.BOTTOM_LINES else None
        point = Point(point_id, words, by.id, at, reason=why)
        return self._revised(by, at, **{section.value: (*getattr(self, section.value), point)})

    def with_changed_point(self, by: Member, section: Section, point_id: str, text: str,
                           at: str) -> SafetyPlan:
        """Change the words of a point (who and when are recorded)."""
        self._check_may_edit(by, section)
        items = replace_shown(getattr(self, section.value), point_id, text=clean_text(text),
                              updated_by=by.id, updated_at=at)
        return self._revised(by, at, **{section.value: items})

    def without_point(self, by: Member, section: Section, point_id: str, at: str) -> SafetyPlan:
        """Take a point off the plan; its words are kept for history."""
        self._check_may_edit(by, section)
        items = replace_shown(getattr(self, section.value), point_id, removed_by=by.id,
                              removed_at=at)
        return self._revised(by, at, **{section.value: items})

    def with_action(self, by: Member, action_id: str, what: str, who: str, due: str | None,
                    at: str, reason: str = "") -> SafetyPlan:
        """Add something that needs to happen, who does it and by when (a worker says why)."""
        if not is_grown_up(by):
            raise PermissionError("only a parent, carer or worker changes the plan")
        who_clean = clean_text(who, MAX_NAME) if who.strip() else ""
        words = clean_text(what)
        action = Action(action_id, words, who_clean, due, by.id, at,
                        reason=_worker_reason(by, reason))
        return self._revised(by, at, actions=(*self.actions, action))

    def acknowledged(self, by: Member, item_id: str, at: str) -> SafetyPlan:
        """A parent has read something new from the worker (a bottom line or a step).

        Raises:
            PermissionError: ``by`` is not a parent.
            SafetyRuleBroken: nothing new from the worker has this id.
        """
        if by.role is not Role.PARENT or not by.active:
            raise PermissionError("a parent says they have read the worker's change")
        changes: dict[str, Any] = {}
        for name in ("bottom_lines", "actions"):
            items = getattr(self, name)
            if any(item.id == item_id and item.new_from_worker for item in items):
                changes[name] = tuple(
                    replace(item, acknowledged_by=by.id, acknowledged_at=at)
                    if item.id == item_id else item for item in items)
        if not changes:
            raise SafetyRuleBroken(SafetyProblem.NOT_FOUND)
        return self._revised(by, at, **changes)

    def new_from_worker(self) -> tuple[Point | Action, ...]:
        """The worker's additions no parent has read yet: bottom lines, then steps."""
        return (*(p for p in self.bottom_lines if p.new_from_worker),
                *(a for a in self.actions if a.new_from_worker))

    def without_action(self, by: Member, action_id: str, at: str) -> SafetyPlan:
        """Take an action off the plan; it is kept for history."""
        if not is_grown_up(by):
            raise PermissionError("only a parent, carer or worker changes the plan")
        actions = replace_shown(self.actions, action_id, removed_by=by.id, removed_at=at)
        return self._revised(by, at, actions=actions)

    def to_json(self) -> dict[str, Any]:
        """The plan as stored: one document."""
        return {
            "id": self.id,
            **{s.value: [p.to_json() for p in getattr(self, s.value)] for s in Section},
            "actions": [a.to_json() for a in self.actions],
            "revision": self.revision,
            "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SafetyPlan:
        """Rebuild the plan from its stored document."""
        return cls(
            working_well=points_from_json(data, "working_well"),
            worries=points_from_json(data, "worries"),
            bottom_lines=points_from_json(data, "bottom_lines"),
            actions=tuple(Action.from_json(a) for a in data.get("actions", [])),
            revision=int(data.get("revision", 0)),
            updated_by=data.get("updated_by"),
            updated_at=data.get("updated_at"),
        )
