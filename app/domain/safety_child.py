"""A child's own safety plan: trusted adults with a number to call, warning signs, calm-down
ideas and safe places. A shared document: every change raises its revision."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.domain.people import Member
from app.domain.records import FlatRecord
from app.domain.safety import (
    MAX_NAME,
    ChildList,
    Point,
    SafetyProblem,
    SafetyRuleBroken,
    clean_phone,
    clean_text,
    is_grown_up,
    may_add_to_child_list,
    points_from_json,
    replace_shown,
    tel_link,
)


@dataclass(frozen=True)
class TrustedAdult(FlatRecord):
    """Someone a child can go to: their name, who they are to the child, and a number to call."""

    id: str
    name: str
    relation: str
    phone: str
    created_by: str
    created_at: str
    removed_by: str | None = None
    removed_at: str | None = None

    @property
    def shown(self) -> bool:
        """False once the adult has been taken off the child's plan."""
        return self.removed_at is None

    @property
    def tel(self) -> str:
        """The ``tel:`` address for this adult's number."""
        return tel_link(self.phone)


def child_plan_id(child_id: str) -> str:
    """The document id of one child's safety plan."""
    return f"child-{child_id}"


@dataclass(frozen=True)
class ChildSafetyPlan:
    """One child's own plan: trusted adults, warning signs, what calms them, safe places."""

    child_id: str
    trusted_adults: tuple[TrustedAdult, ...] = ()
    warning_signs: tuple[Point, ...] = ()
    calm_ideas: tuple[Point, ...] = ()
    safe_places: tuple[Point, ...] = ()
    revision: int = 0
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def id(self) -> str:
        """The plan's document id."""
        return child_plan_id(self.child_id)

    def adults(self) -> tuple[TrustedAdult, ...]:
        """The trusted adults still on the plan."""
        return tuple(a for a in self.trusted_adults if a.shown)

    def items(self, kind: ChildList) -> tuple[Point, ...]:
        """The points of one list still on the plan."""
        return tuple(p for p in getattr(self, kind.value) if p.shown)

    @property
    def empty(self) -> bool:
        """True when nothing has been written in the plan yet."""
        return not self.adults() and not any(self.items(kind) for kind in ChildList)

    def _revised(self, by: Member, at: str, **changes: Any) -> ChildSafetyPlan:
        return replace(self, revision=self.revision + 1, updated_by=by.id, updated_at=at,
                       **changes)

    def _check_grown_up(self, by: Member) -> None:
        if not is_grown_up(by):
            raise PermissionError("a parent, carer or worker looks after this")

    def with_adult(self, by: Member, adult_id: str, name: str, relation: str, phone: str,
                   at: str) -> ChildSafetyPlan:
        """Add a trusted adult (the number is checked loosely for a UK phone number)."""
        self._check_grown_up(by)
        if not name.strip():
            raise SafetyRuleBroken(SafetyProblem.NAME_MISSING)
        if len(" ".join(name.split())) > MAX_NAME:
            raise SafetyRuleBroken(SafetyProblem.NAME_LONG)
        relation_clean = clean_text(relation, MAX_NAME) if relation.strip() else ""
        adult = TrustedAdult(adult_id, " ".join(name.split()), relation_clean,
                             clean_phone(phone), by.id, at)
        return self._revised(by, at, trusted_adults=(*self.trusted_adults, adult))

    def without_adult(self, by: Member, adult_id: str, at: str) -> ChildSafetyPlan:
        """Take a trusted adult off the plan (kept for history)."""
        self._check_grown_up(by)
        adults = replace_shown(self.trusted_adults, adult_id, removed_by=by.id, removed_at=at)
        return self._revised(by, at, trusted_adults=adults)

    def with_item(self, by: Member, kind: ChildList, point_id: str, text: str,
                  at: str) -> ChildSafetyPlan:
        """Add a warning sign, a calm-down idea or a safe place."""
        if not may_add_to_child_list(by, self.child_id, kind):
            raise PermissionError("this person may not add to this list")
        point = Point(point_id, clean_text(text), by.id, at)
        return self._revised(by, at, **{kind.value: (*getattr(self, kind.value), point)})

    def without_item(self, by: Member, kind: ChildList, point_id: str,
                     at: str) -> ChildSafetyPlan:
        """Take an item off a list (kept for history); grown-ups only."""
        self._check_grown_up(by)
        items = replace_shown(getattr(self, kind.value), point_id, removed_by=by.id,
                              removed_at=at)
        return self._revised(by, at, **{kind.value: items})

    def to_json(self) -> dict[str, Any]:
        """The child's plan as stored: one document."""
        return {
            "id": self.id,
            "child_id": self.child_id,
            "trusted_adults": [a.to_json() for a in self.trusted_adults],
            **{kind.value: [p.to_json() for p in getattr(self, kind.value)] for kind in ChildList},
            "revision": self.revision,
            "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChildSafetyPlan:
        """Rebuild a child's plan from its stored document."""
        return cls(
            child_id=data["child_id"],
            trusted_adults=tuple(TrustedAdult.from_json(a) for a in data.get("trusted_adults", [])),
            warning_signs=points_from_json(data, "warning_signs"),
            calm_ideas=points_from_json(data, "calm_ideas"),
            safe_places=points_from_json(data, "safe_places"),
            revision=int(data.get("revision", 0)),
            updated_by=data.get("updated_by"),
            updated_at=data.get("updated_at"),
        )
