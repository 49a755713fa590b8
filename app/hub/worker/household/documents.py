"""Shared documents in plain words, line by line, so two versions can be read side by side."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain.agreement import AgreementVersion
from app.domain.chores import Chore
from app.domain.circles import Circle
from app.domain.programme.reviews import Review
from app.domain.safety import SafetyPlan, Section
from app.domain.safety_child import ChildSafetyPlan
from app.hub.caseload import AGREEMENTS, BAD_BODY, CHILD_PLANS, CHORES, CIRCLES, PLANS, REVIEWS
from app.i18n import t

#: Fields that say when or by whom, not what: left out of the plain-words fallback.
_BOOKKEEPING = frozenset({"id", "revision", "created_at", "created_by", "updated_at",
                          "updated_by", "removed_at", "removed_by", "visible_to", "synced"})


def _plan(body: dict[str, Any]) -> list[str]:
    plan = SafetyPlan.from_json(body)
    lines = [t(f"hub.doc.plan.{section.value}", text=point.text)
             for section in Section for point in plan.points(section)]
    for action in plan.current_actions():
        lines.append(t("hub.doc.plan.action", text=action.what)
                     + (f" ({action.who})" if action.who else ""))
    return lines


def _child_plan(body: dict[str, Any]) -> list[str]:
    plan = ChildSafetyPlan.from_json(body)
    lines = [t("hub.doc.child.adult", name=a.name, phone=a.phone) for a in plan.adults()]
    lines += [t(f"hub.doc.child.{point_list}", text=point.text)
              for point_list in ("warning_signs", "calm_ideas", "safe_places")
              for point in getattr(plan, point_list) if point.shown]
    return lines


def _agreement(body: dict[str, Any]) -> list[str]:
    version = AgreementVersion.from_json(body)
    lines = [t("hub.doc.agreement.rule", text=rule.text) for rule in version.rules]
    lines += [t("hub.doc.agreement.routine", text=routine) for routine in version.routines]
    if version.review_date:
        lines.append(t("hub.doc.agreement.review", day=version.review_date))
    return lines


def _chore(body: dict[str, Any]) -> list[str]:
    chore = Chore.from_json(body)
    return [t("hub.doc.chore.name", text=chore.name),
            t(f"hub.chores.often.{chore.often.value}"),
            t("hub.doc.chore.stars", count=chore.stars),
            t(f"hub.chores.status.{chore.status.value}")]


def _circle(body: dict[str, Any]) -> list[str]:
    circle = Circle.from_json(body)
    lines = [t(f"circles.kind.{circle.kind.value}")]
    lines += [t("hub.circles.agreed", text=a.text) for a in circle.agreements]
    if circle.finished:
        lines.append(t("hub.circles.finished"))
    return lines


def _review(body: dict[str, Any]) -> list[str]:
    review = Review.from_json(body)
    lines = [t("hub.doc.review.goal", goal=g.text, score=g.score) for g in review.goals]
    lines += [t(f"hub.doc.review.{key}", text=getattr(review, key))
              for key in ("went_well", "worries", "next_steps") if getattr(review, key)]
    return lines


_DESCRIBERS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    PLANS: _plan, CHILD_PLANS: _child_plan, AGREEMENTS: _agreement, CHORES: _chore,
    CIRCLES: _circle, REVIEWS: _review,
}


def _fallback(body: dict[str, Any]) -> list[str]:
    """Any other document: its wording fields, named in plain words."""
    lines = []
    for key, value in body.items():
        if key in _BOOKKEEPING or not isinstance(value, str | int | float) or value == "":
            continue
        lines.append(f"{key.replace('_', ' ').capitalize()}: {value}")
    return lines


def describe(collection: str, body: dict[str, Any] | None) -> list[str]:
    """One version of a document as lines of plain words (an empty one says so)."""
    if body is None:
        return [t("hub.doc.removed")]
    try:
        lines = _DESCRIBERS.get(collection, _fallback)(body)
    except BAD_BODY:
        lines = _fallback(body)
    return lines or [t("hub.doc.empty")]


def collection_words(collection: str) -> str:
    """What kind of thing a collection holds, in plain words ("The safety plan")."""
    key = f"hub.collection.{collection}"
    try:
        return t(key)
    except KeyError:
        return t("hub.collection.other")
