"""Strengths first: each child's strengths, interests and proud moments.

Pure rules, no storage. Anyone in the household (a parent, the worker, or a child, for
themselves or a brother or sister) may add a note about a child. Notes are events kept
by month and never changed: this is a record of what went well, and nothing in it is
taken away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role

MAX_STRENGTH_WORDS = 200

# pictures a note can carry (files in assets/pictures/)
STRENGTH_PICTURES: tuple[str, ...] = (
    "star", "trophy", "medal", "muscle", "thumbs_up", "heart", "hug", "rainbow",
    "paint", "music", "book", "football", "bike", "cooking", "plant", "dog",
)


class StrengthKind(StrEnum):
    """What a note says about a child."""

    PROUD = "proud"  # a proud moment: something they did
    STRENGTH = "strength"  # something they are good at
    INTEREST = "interest"  # something they love doing


KIND_PICTURES: dict[StrengthKind, str] = {
    StrengthKind.PROUD: "trophy",
    StrengthKind.STRENGTH: "muscle",
    StrengthKind.INTEREST: "heart",
}


class StrengthProblem(StrEnum):
    """Why a note cannot be saved; each has a plain message in the catalogue."""

    CHILD = "child"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    PICTURE = "picture"


@dataclass(frozen=True)
class StrengthNote:
    """One strength, interest or proud moment of a child (an event, never changed)."""

    id: str
    child_id: str
    kind: StrengthKind
    words: str
    picture: str
    created_by: str
    created_at: str

    @property
    def shard(self) -> str:
        """The month this note is kept under ("2026-11")."""
        return self.created_at[:7]

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {"id": self.id, "child_id": self.child_id, "kind": self.kind.value,
                "words": self.words, "picture": self.picture,
                "created_by": self.created_by, "created_at": self.created_at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StrengthNote:
        """Rebuild a note from its stored record."""
        return cls(id=data["id"], child_id=data["child_id"], kind=StrengthKind(data["kind"]),
                   words=data["words"], picture=data["picture"],
                   created_by=data["created_by"], created_at=data["created_at"])


def tidy_words(words: str) -> str:
    """The words as saved: spaces collapsed."""
    return " ".join(words.split())


def note_problem(words: str, picture: str, *, words_needed: bool = True) -> StrengthProblem | None:
    """Say what is wrong with a note's words or picture, or None if it can be saved.

    A child may say it with a picture alone (``words_needed`` False): pictures before words.
    """
    words = tidy_words(words)
    if not words and words_needed:
        return StrengthProblem.EMPTY
    if len(words) > MAX_STRENGTH_WORDS:
        return StrengthProblem.TOO_LONG
    if picture not in STRENGTH_PICTURES:
        return StrengthProblem.PICTURE
    return None


def may_add(by: Member, child: Member) -> bool:
    """Anyone active in the household may celebrate a child who is in it."""
    return by.active and child.active and child.role is Role.CHILD


def newest_first(notes: Iterable[StrengthNote]) -> list[StrengthNote]:
    """Notes, the newest first."""
    return sorted(notes, key=lambda n: n.created_at, reverse=True)
