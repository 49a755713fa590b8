"""The safety scale: each person's 0–10 answer to "how safe are things at home?", as events.

Ratings are written once and never changed; a new rating is a new event, and each person's
latest one is worked out from all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.domain.people import Member, Role
from app.domain.safety import SafetyProblem, SafetyRuleBroken, clean_text

SCALE_MIN = 0
SCALE_MAX = 10
#: A rating this low is a sign of danger: a child's raises a safety alert, and the worker's
#: caseload puts any household with one at the top (not only a fall from a higher one).
LOW_RATING = 3
#: Children under this age rate with five faces instead of eleven numbers.
FACES_UNDER_AGE = 8
#: The 0–10 score each of the five faces stands for, from "not safe at all" to "very safe".
FACE_SCORES: tuple[int, ...] = (0, 2, 5, 8, 10)


def uses_faces(member: Member) -> bool:
    """True for a child young enough (or of unknown age) to rate with faces."""
    return member.role is Role.CHILD and (member.age is None or member.age < FACES_UNDER_AGE)


def is_low(score: int) -> bool:
    """True for a rating that signals danger."""
    return score <= LOW_RATING

@dataclass(frozen=True)
class SafetyRating:
    """An event: one person's answer to "how safe are things at home?", 0 to 10."""

    id: str
    score: int
    reason: str
    created_by: str
    created_at: str
    # A child's "Why?" is for the worker; the grown-ups at home read it only if the child
    # said so. A grown-up's reason is read by everyone, as it always was.
    reason_for_family: bool = False

    def to_json(self) -> dict[str, Any]:
        """The rating as stored."""
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SafetyRating:
        """Rebuild a rating from its stored form."""
        return cls(data["id"], int(data["score"]), data.get("reason", ""), data["created_by"],
                   data["created_at"], bool(data.get("reason_for_family", False)))


def may_read_reason(rating: SafetyRating, author: Member | None) -> bool:
    """Whether anyone may read on this device why ``author`` gave this rating.

    A child's "Why?" is for their worker, who reads it at the agency; on the device it is
    shown only if the child said the grown-ups may read it. Not even to the child: a grown-up
    who sets the child's pictures, or makes themselves a "worker" here, would read it too.
    ``author`` None: not a member this device knows (a second "Ella" waiting for the worker
    may be a child), so their "Why?" is kept as a child's is.
    """
    if author is not None and author.role is not Role.CHILD:
        return True
    return rating.reason_for_family


def kept_from_home(rating: SafetyRating, author_role: Role | None) -> bool:
    """True for a child's rating low enough to raise an alert: it goes to the worker, and
    nothing at home shows it, not even as a number (rule 7). ``author_role`` None: the
    author is not a member this device knows, so the rating is kept back if it is low."""
    return is_low(rating.score) and author_role in (Role.CHILD, None)


def shown_at_home(ratings: Iterable[SafetyRating], roles: dict[str, Role]
                  ) -> list[SafetyRating]:
    """``ratings`` without those ``kept_from_home``; ``roles`` by member id."""
    return [r for r in ratings if not kept_from_home(r, roles.get(r.created_by))]


def new_rating(rating_id: str, by: Member, score: int, reason: str, at: str, *,
               reason_for_family: bool = False) -> SafetyRating:
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
    return SafetyRating(rating_id, score, words, by.id, at, reason_for_family)


def in_time_order(ratings: Iterable[SafetyRating]) -> list[SafetyRating]:
    """Ratings oldest first; ratings made at the same moment keep the order they were saved."""
    return sorted(ratings, key=lambda rating: rating.created_at)


def latest_by_person(ratings: Iterable[SafetyRating]) -> dict[str, SafetyRating]:
    """Each person's most recent rating (earlier ones stay in the history)."""
    latest: dict[str, SafetyRating] = {}
    for rating in in_time_order(ratings):
        latest[rating.created_by] = rating
    return latest
