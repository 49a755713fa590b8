"""Mood check-ins: a feeling, how big it is, and (if wanted) why and what would help.

A check-in is an event: written once and never changed. A grown-up's response to it
("what I did") is a separate event that points at it. A parent or carer also has their
own wellbeing check-in with questions for adults (compassion fatigue, blocked care).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any

from app.domain.people import Member, Role
from app.domain.records import local_day

MAX_WORDS = 300
SIZE_MIN = 1
SIZE_MAX = 5

#: Who may see a check-in: the household's grown-ups (and its author) and the worker.
HOUSEHOLD = "household"
WORKER = "worker"
SELF = "self"
CHECKIN_VISIBILITY: tuple[str, ...] = (HOUSEHOLD, WORKER)
#: A carer's own wellbeing check-in is theirs and their worker's, not the whole home's.
CARER_VISIBILITY: tuple[str, ...] = (SELF, WORKER)
#: Set on a check-in whose words are for the worker alone (``may_read_words``).
WORDS_FOR_WORKER = "words_for_worker"


class Feeling(Enum):
    """The feelings a person can choose, each with its own picture (``<value>.svg``)."""

    HAPPY = "happy"
    CALM = "calm"
    EXCITED = "excited"
    TIRED = "tired"
    WORRIED = "worried"
    SAD = "sad"
    ANGRY = "angry"
    SCARED = "scared"

    @property
    def colour(self) -> str:
        """The soft background colour of this feeling's button and strip square."""
        return FEELING_COLOURS[self]


FEELING_COLOURS: dict[Feeling, str] = {
    Feeling.HAPPY: "#FFE58A",
    Feeling.CALM: "#BFE6D8",
    Feeling.EXCITED: "#FFC58A",
    Feeling.TIRED: "#D9D3EA",
    Feeling.WORRIED: "#F6D7A7",
    Feeling.SAD: "#B9D4F0",
    Feeling.ANGRY: "#F4B0A8",
    Feeling.SCARED: "#CFC6E8",
}


class Reason(Enum):
    """Why a person feels this way (optional); each has a picture."""

    SCHOOL = "school"
    HOME = "home"
    FRIENDS = "friends"
    FAMILY = "family"
    MY_BODY = "my_body"
    SOMETHING_ELSE = "something_else"


REASON_PICTURES: dict[Reason, str] = {
    Reason.SCHOOL: "school_bag",
    Reason.HOME: "home",
    Reason.FRIENDS: "friends",
    Reason.FAMILY: "family",
    Reason.MY_BODY: "my_body",
    Reason.SOMETHING_ELSE: "something_else",
}


class Help(Enum):
    """What would help right now (optional); each has a picture."""

    HUG = "hug"
    TALK = "talk"
    ALONE = "alone"
    PLAY = "play"
    EAT = "eat"
    REST = "rest"


HELP_PICTURES: dict[Help, str] = {
    Help.HUG: "hug",
    Help.TALK: "talk",
    Help.ALONE: "alone",
    Help.PLAY: "toys",
    Help.EAT: "plate",
    Help.REST: "rest",
}


#: Feelings that, when big, make Homeward ask a child "Do you feel safe right now?".
WORRYING_FEELINGS = frozenset({"worried", "sad", "angry", "scared"})
#: "How big" from this size up counts as big (the scale runs 1 to 5).
BIG_FROM = 4
#: Reasons that make Homeward ask, whatever the feeling.
WORRYING_REASONS = frozenset({Reason.HOME, Reason.MY_BODY})


def ask_if_safe(feeling: Feeling, size: int | None, reasons: tuple[Reason, ...] = ()) -> bool:
    """True when a child's check-in should ask "Do you feel safe right now?".

    Any "scared" (before its size is known), any big worried, sad, angry or scared, and any
    check-in whose reason is home or the child's body.
    """
    if feeling is Feeling.SCARED:
        return True
    big = size is not None and size >= BIG_FROM and feeling.value in WORRYING_FEELINGS
    return big or any(reason in WORRYING_REASONS for reason in reasons)


class CheckinProblem(Enum):
    """Why a check-in or a note cannot be saved; the catalogue has words for each."""

    SIZE = "size"
    WORDS_LONG = "words_long"
    TEXT_MISSING = "text_missing"
    ANSWER = "answer"
    REMOVED = "removed"


class CheckinRefused(ValueError):
    """A check-in, a note or an answer that breaks a rule; ``problem`` says which."""

    def __init__(self, problem: CheckinProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def clean_words(text: str, *, required: bool = False) -> str:
    """Typed words with spaces tidied; empty is fine unless ``required``.

    Raises:
        CheckinRefused: the words are missing (when required) or too long.
    """
    words = " ".join(text.split())
    if required and not words:
        raise CheckinRefused(CheckinProblem.TEXT_MISSING)
    if len(words) > MAX_WORDS:
        raise CheckinRefused(CheckinProblem.WORDS_LONG)
    return words


@dataclass(frozen=True)
class CheckIn:
    """An event: how one person felt at one moment. Never edited afterwards."""

    id: str
    feeling: Feeling
    size: int
    reasons: tuple[Reason, ...]
    helps: tuple[Help, ...]
    words: str
    created_by: str
    created_at: str
    visible_to: tuple[str, ...] = CHECKIN_VISIBILITY
    # A child who said "No, I need help" was told nobody at home is told: their words on
    # that check-in are for the worker (``may_read_words``).
    words_for_worker: bool = False

    @property
    def day(self) -> str:
        """The ISO date of the check-in on this device's clock, as the family says the day
        (and as the agency's chart puts it, on the agency's clock)."""
        return local_day(self.created_at)

    def to_json(self) -> dict[str, Any]:
        """The check-in as stored (``words_for_worker`` only when set, as before it was)."""
        stored = {
            "id": self.id,
            "feeling": self.feeling.value,
            "size": self.size,
            "reasons": [r.value for r in self.reasons],
            "helps": [h.value for h in self.helps],
            "words": self.words,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "visible_to": list(self.visible_to),
        }
        return {**stored, WORDS_FOR_WORKER: True} if self.words_for_worker else stored

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckIn:
        """Rebuild a check-in from its stored form."""
        return cls(
            id=data["id"],
            feeling=Feeling(data["feeling"]),
            size=int(data["size"]),
            reasons=tuple(Reason(r) for r in data.get("reasons", [])),
            helps=tuple(Help(h) for h in data.get("helps", [])),
            words=data.get("words", ""),
            created_by=data["created_by"],
            created_at=data["created_at"],
            visible_to=tuple(data.get("visible_to", CHECKIN_VISIBILITY)),
            words_for_worker=bool(data.get(WORDS_FOR_WORKER, False)),
        )


def new_checkin(checkin_id: str, by: Member, feeling: Feeling, size: int,
                reasons: tuple[Reason, ...], helps: tuple[Help, ...], words: str,
                at: str, *, words_for_worker: bool = False) -> CheckIn:
    """A check-in by ``by`` (a child or a parent, for themselves); ``words_for_worker`` when
    the child said they do not feel safe.

    Raises:
        CheckinRefused: the size is not 1 to 5, the words are too long, or ``by`` has left.
        PermissionError: a worker checks in (their check-ins are not the family's).
    """
    if by.role is Role.WORKER:
        raise PermissionError("check-ins are for the family")
    if not by.active:
        raise CheckinRefused(CheckinProblem.REMOVED)
    if isinstance(size, bool) or not isinstance(size, int) or not SIZE_MIN <= size <= SIZE_MAX:
        raise CheckinRefused(CheckinProblem.SIZE)
    return CheckIn(checkin_id, feeling, size, tuple(dict.fromkeys(reasons)),
                   tuple(dict.fromkeys(helps)), clean_words(words), by.id, at,
                   words_for_worker=words_for_worker)


def may_see_checkin(viewer: Member, checkin: CheckIn) -> bool:
    """True for the author, the household's grown-ups and the worker (not brothers or sisters)."""
    if viewer.id == checkin.created_by:
        return True
    if viewer.role is Role.WORKER:
        return WORKER in checkin.visible_to
    return viewer.role is Role.PARENT and HOUSEHOLD in checkin.visible_to


def may_read_words(viewer: Member, checkin: CheckIn, *, alerts_read_here: bool) -> bool:
    """Whether ``viewer`` may read the words of a check-in they may see.

    A child who said "No, I need help" was told nobody at home is told, and their words on
    that check-in are read where their alert is: by the worker, at the agency or (on a device
    not connected to one, ``alerts_read_here``) here. Not by the grown-ups, nor the child: a
    grown-up who sets the child's pictures would read them too (as ``may_read_reason``).
    """
    if not checkin.words_for_worker:
        return True
    return viewer.role is Role.WORKER and alerts_read_here


def as_read_by(viewer: Member, checkin: CheckIn, *, alerts_read_here: bool) -> CheckIn:
    """``checkin`` as ``viewer`` reads it: with no words if they are not theirs to read, and
    then just like any other check-in with no words (rule 7: no sign any were kept back)."""
    if may_read_words(viewer, checkin, alerts_read_here=alerts_read_here):
        return checkin
    return replace(checkin, words="", words_for_worker=False)


@dataclass(frozen=True)
class ResponseNote:
    """An event: what a grown-up did in response to a check-in."""

    id: str
    checkin_id: str
    text: str
    created_by: str
    created_at: str
    visible_to: tuple[str, ...] = CHECKIN_VISIBILITY

    def to_json(self) -> dict[str, Any]:
        """The note as stored."""
        return {**self.__dict__, "visible_to": list(self.visible_to)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ResponseNote:
        """Rebuild a note from its stored form."""
        return cls(data["id"], data["checkin_id"], data["text"], data["created_by"],
                   data["created_at"], tuple(data.get("visible_to", CHECKIN_VISIBILITY)))


def new_note(note_id: str, by: Member, checkin: CheckIn, text: str, at: str) -> ResponseNote:
    """A parent's note of what they did after a child's check-in.

    Raises:
        PermissionError: ``by`` is not a parent who may see the check-in.
        CheckinRefused: the note is empty or too long.
    """
    if by.role is not Role.PARENT or not by.active or not may_see_checkin(by, checkin):
        raise PermissionError("a parent or carer writes what they did")
    return ResponseNote(note_id, checkin.id, clean_words(text, required=True), by.id, at)


STRIP_DAYS = 14


def two_week_strip(checkins: list[CheckIn], today: date,
                   days: int = STRIP_DAYS) -> list[tuple[date, CheckIn | None]]:
    """One square per day, oldest first, ending today: the day's last check-in, or None."""
    last: dict[str, CheckIn] = {}
    for checkin in sorted(checkins, key=lambda c: c.created_at):
        last[checkin.day] = checkin
    start = today - timedelta(days=days - 1)
    return [(day, last.get(day.isoformat()))
            for day in (start + timedelta(days=n) for n in range(days))]
