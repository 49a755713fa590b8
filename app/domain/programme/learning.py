"""Learning topics: short cards in plain words, and the worker's marks of topics covered.

The cards themselves are data (one file per topic beside the message catalogues), so a new
topic or a new language is a new file. Each card has an example from family life, a
question to think about, and ideas for "What I'll try" that a parent can turn into a rule,
a ritual, a chore or a reminder in their diary. A worker marks a topic covered with the
family; marks are events, so two devices never fight over them: the newest mark of a topic
says whether it is covered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

#: The topic of the standing "What the law says" card on physical punishment.
LAW_TOPIC = "the_law"
MAX_TRY_TEXT = 120


class TryKind(StrEnum):
    """What a parent can turn a "What I'll try" idea into."""

    RULE = "rule"  # a draft rule in the household agreement
    RITUAL = "ritual"  # a family ritual
    CHORE = "chore"  # a job for the children
    DIARY = "diary"  # a reminder in the parent's own diary (private)


@dataclass(frozen=True)
class TryIdea:
    """One "What I'll try" idea on a card: what it becomes, its words and its picture."""

    kind: TryKind
    text: str
    picture: str = ""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TryIdea:
        """Read an idea from a card file."""
        return cls(TryKind(data["kind"]), str(data["text"]), str(data.get("picture", "")))


@dataclass(frozen=True)
class LearningCard:
    """One topic's card, in one language."""

    topic: str
    order: int
    picture: str
    title: str
    summary: str
    says: tuple[str, ...]
    example: str
    question: str
    tries: tuple[TryIdea, ...]

    @property
    def is_law(self) -> bool:
        """True for the standing "What the law says" card."""
        return self.topic == LAW_TOPIC

    def texts(self) -> list[str]:
        """Every sentence a parent reads on the card, for the readability check."""
        return [self.title, self.summary, *self.says, self.example, self.question,
                *(idea.text for idea in self.tries)]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LearningCard:
        """Read a card from its file.

        Raises:
            KeyError: a required part is missing.
            ValueError: an idea names a kind Homeward does not know.
        """
        return cls(
            topic=str(data["topic"]),
            order=int(data["order"]),
            picture=str(data.get("picture", "")),
            title=str(data["title"]),
            summary=str(data["summary"]),
            says=tuple(str(text) for text in data["says"]),
            example=str(data["example"]),
            question=str(data["question"]),
            tries=tuple(TryIdea.from_json(idea) for idea in data.get("tries", ())),
        )


@dataclass(frozen=True)
class TopicMark:
    """A worker said a topic was (or, correcting a mistake, was not) covered with the family."""

    id: str
    topic: str
    covered: bool
    by: str
    at: str

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {"id": self.id, "topic": self.topic, "covered": self.covered, "by": self.by,
                "at": self.at}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TopicMark:
        """Rebuild a mark from its stored record."""
        return cls(str(data["id"]), str(data["topic"]), bool(data.get("covered", True)),
                   str(data.get("by", "")), str(data.get("at", "")))


def latest_marks(marks: Iterable[TopicMark]) -> dict[str, TopicMark]:
    """The newest mark of each topic (ties broken by id, so every device picks the same)."""
    newest: dict[str, TopicMark] = {}
    for mark in marks:
        held = newest.get(mark.topic)
        if held is None or (mark.at, mark.id) > (held.at, held.id):
            newest[mark.topic] = mark
    return newest


def covered_topics(marks: Iterable[TopicMark], known: Iterable[str]) -> list[str]:
    """The known topics whose newest mark says covered, in the order of ``known``."""
    newest = latest_marks(marks)
    return [topic for topic in known if topic in newest and newest[topic].covered]
