"""The safety scale: each person's 0–10 answer to "how safe are things at home?", as events.

Ratings are written once and never changed; a new rating is a new event, and each person's
latest one is worked out from all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.domain.people import Member
from app.domain.safety import SafetyProblem, SafetyRuleBroken, clean_text

SCALE_MIN = 0
SCALE_MAX = 10

@dataclass(frozen=True)
class SafetyRating:
    """An event: one person's answer to "how safe are things at home?", 0 to 10."""

    id: str
    score: int
    reason: str
    created_by: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        """The rating as stored."""
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SafetyRating:
        """Rebuild a rating from its stored form."""
        return cls(data["id"], int(data["score"]), data.get("reason", ""), data["created_by"],
                   data["created_at"])


def new_rating(rating_id: str, by: Member, score: int, reason: str, at: str) -> SafetyRating:
    """A rating from ``by``; everyone in the household may rate, children too.

    Raises:
        SafetyRuleBroken: the score is not a whole number from 0 to 10, or the reason is
            too long.
    """
    if isinstance(score, bool) or not isinstance(score, int) or not (
            SCALE_MIN <= score <= SCALE_MAX):
        raise SafetyRuleBroken(SafetyProblem.SCORE)
    if not by.active:
        raise PermissionError("a removed person cannot rate")
    words = clean_text(reason) if reason.strip() else ""
    return SafetyRating(rating_id, score, words, by.id, at)


def in_time_order(ratings: Iterable[SafetyRating]) -> list[SafetyRating]:
    """Ratings oldest first; ratings made at the same moment keep the order they were saved."""
    return sorted(ratings, key=lambda rating: rating.created_at)


def latest_by_person(ratings: Iterable[SafetyRating]) -> dict[str, SafetyRating]:
    """Each person's most recent rating (earlier ones stay in the history)."""
    latest: dict[str, SafetyRating] = {}
    for rating in in_time_order(ratings):
        latest[rating.created_by] = rating
    return latest
