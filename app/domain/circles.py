"""Family circles: the prompt library, the talking piece, and what the family agreed.

A circle has a kind (check-in, family meeting, restorative questions, ...), the people
sitting in it (in the order the talking piece goes round) and one round per question.
Turns are events (:class:`Turn`): each says whose turn it was, in which round, and whether
they spoke or passed. Who holds the talking piece now is worked out from the turns
(:func:`progress`), never stored, so a turn can never be lost or counted twice.

The talking-piece rule: the piece goes round in seating order. Someone who passes is
offered it once more at the end of the same round (a pass is "not yet", not "never");
passing a second time ends their part of that round. A round ends when everyone has
spoken or passed twice; then the next question starts with the first person again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

MAX_WORDS = 500  # what one person said in one turn, if someone typed it
MAX_AGREEMENT = 200
MAX_AGREEMENTS = 10
MIN_PEOPLE = 2


class CircleKind(StrEnum):
    """The kinds of circle in the library, in the order the library lists them."""

    CHECK_IN = "check_in"
    CHECK_OUT = "check_out"
    FAMILY_MEETING = "family_meeting"
    CELEBRATION = "celebration"
    PROBLEM_SOLVING = "problem_solving"
    RESTORATIVE = "restorative"


#: The questions of each kind, one round each. Each id has grown-up words
#: (``circles.prompt.<id>``) and a child's version (``circles.prompt.<id>.child``).
PROMPTS: dict[CircleKind, tuple[str, ...]] = {
    CircleKind.CHECK_IN: ("check_in",),
    CircleKind.CHECK_OUT: ("check_out",),
    CircleKind.FAMILY_MEETING: ("went_well", "was_hard", "will_try"),
    CircleKind.CELEBRATION: ("proud", "thanks"),
    CircleKind.PROBLEM_SOLVING: ("problem", "ideas", "choose"),
    CircleKind.RESTORATIVE: ("happened", "thinking", "affected", "need", "put_right"),
}

#: A picture for each kind (files in assets/pictures/).
KIND_PICTURES: dict[CircleKind, str] = {
    CircleKind.CHECK_IN: "happy",
    CircleKind.CHECK_OUT: "wave",
    CircleKind.FAMILY_MEETING: "home",
    CircleKind.CELEBRATION: "party",
    CircleKind.PROBLEM_SOLVING: "idea",
    CircleKind.RESTORATIVE: "talk",
}

TALKING_PIECE = "feather"


class CircleProblem(StrEnum):
    """Why a circle cannot do what was asked; each has a plain message in the catalogue."""

    TOO_FEW = "too_few"
    NOT_THEIR_TURN = "not_their_turn"
    FINISHED = "finished"
    WORDS_LONG = "words_long"
    AGREEMENT_MISSING = "agreement_missing"
    AGREEMENT_LONG = "agreement_long"
    TOO_MANY_AGREEMENTS = "too_many_agreements"
    ALREADY_BECAME = "already_became"
    NOT_FOUND = "not_found"


class CircleRuleBroken(ValueError):
    """A change the circle's rules refuse; ``problem`` says why."""

    def __init__(self, problem: CircleProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class TurnKind(StrEnum):
    """What happened when someone held the talking piece."""

    SPOKE = "spoke"  # they had their turn (words typed or not)
    PASSED = "passed"


class Became(StrEnum):
    """What an agreement was turned into."""

    CHORE = "chore"
    RULE = "rule"
    ACTION = "action"


def clean(text: str) -> str:
    """Collapse spaces so what is typed is stored tidily."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Agreement:
    """Something the family agreed at the end of a circle, and what it became."""

    id: str
    text: str
    created_by: str
    created_at: str
    became: Became | None = None
    became_id: str | None = None  # the chore, rule or safety-plan action it became
    became_by: str | None = None
    became_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The agreement as stored inside its circle."""
        return {
            "id": self.id, "text": self.text, "created_by": self.created_by,
            "created_at": self.created_at,
            "became": self.became.value if self.became else None,
            "became_id": self.became_id, "became_by": self.became_by,
            "became_at": self.became_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Agreement:
        """Rebuild an agreement from its stored form."""
        became = data.get("became")
        return cls(
            id=data["id"], text=data["text"], created_by=data["created_by"],
            created_at=data["created_at"], became=Became(became) if became else None,
            became_id=data.get("became_id"), became_by=data.get("became_by"),
            became_at=data.get("became_at"),
        )


@dataclass(frozen=True)
class Circle:
    """One circle: its kind, who sat in it, its questions and what was agreed."""

    id: str
    kind: CircleKind
    present: tuple[str, ...]  # member ids in the order the talking piece goes round
    prompts: tuple[str, ...]
    started_by: str
    started_at: str
    agreements: tuple[Agreement, ...] = ()
    finished_by: str | None = None
    finished_at: str | None = None
    revision: int = 1
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def finished(self) -> bool:
        """True once a grown-up has closed the circle."""
        return self.finished_at is not None

    def agreement(self, agreement_id: str) -> Agreement:
        """One agreement by id.

        Raises:
            CircleRuleBroken: there is no such agreement.
        """
        for agreement in self.agreements:
            if agreement.id == agreement_id:
                return agreement
        raise CircleRuleBroken(CircleProblem.NOT_FOUND)

    def changed(self, by: str, at: str, **fields: Any) -> Circle:
        """A copy with ``fields`` changed, who changed it recorded and the revision moved on."""
        return replace(self, updated_by=by, updated_at=at, revision=self.revision + 1, **fields)

    def with_agreement(self, agreement: Agreement, by: str, at: str) -> Circle:
        """Add what the family agreed (checked: words, length, how many, still open)."""
        if self.finished:
            raise CircleRuleBroken(CircleProblem.FINISHED)
        text = clean(agreement.text)
        if not text:
            raise CircleRuleBroken(CircleProblem.AGREEMENT_MISSING)
        if len(text) > MAX_AGREEMENT:
            raise CircleRuleBroken(CircleProblem.AGREEMENT_LONG)
        if len(self.agreements) >= MAX_AGREEMENTS:
            raise CircleRuleBroken(CircleProblem.TOO_MANY_AGREEMENTS)
        return self.changed(by, at, agreements=(*self.agreements, replace(agreement, text=text)))

    def with_became(self, agreement_id: str, became: Became, target_id: str, by: str,
                    at: str) -> Circle:
        """Record that an agreement became a chore, rule or action (once only)."""
        old = self.agreement(agreement_id)
        if old.became is not None:
            raise CircleRuleBroken(CircleProblem.ALREADY_BECAME)
        new = replace(old, became=became, became_id=target_id, became_by=by, became_at=at)
        return self.changed(by, at, agreements=tuple(
            new if a.id == agreement_id else a for a in self.agreements))

    def closed(self, by: str, at: str) -> Circle:
        """The circle finished by ``by`` (finishing twice changes nothing)."""
        if self.finished:
            return self
        return self.changed(by, at, finished_by=by, finished_at=at)

    def to_json(self) -> dict[str, Any]:
        """The circle as stored: one document."""
        return {
            "id": self.id, "kind": self.kind.value, "present": list(self.present),
            "prompts": list(self.prompts), "started_by": self.started_by,
            "started_at": self.started_at, "created_by": self.started_by,
            "created_at": self.started_at,
            "agreements": [a.to_json() for a in self.agreements],
            "finished_by": self.finished_by, "finished_at": self.finished_at,
            "revision": self.revision, "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Circle:
        """Rebuild a circle from its stored document."""
        return cls(
            id=data["id"], kind=CircleKind(data["kind"]), present=tuple(data["present"]),
            prompts=tuple(data["prompts"]), started_by=data["started_by"],
            started_at=data["started_at"],
            agreements=tuple(Agreement.from_json(a) for a in data.get("agreements", [])),
            finished_by=data.get("finished_by"), finished_at=data.get("finished_at"),
            revision=int(data.get("revision", 1)), updated_by=data.get("updated_by"),
            updated_at=data.get("updated_at"),
        )


def new_circle(circle_id: str, kind: CircleKind, present: Sequence[str], by: str,
               at: str) -> Circle:
    """A circle about to start, with the questions of its kind.

    Raises:
        CircleRuleBroken: fewer than two people are sitting in it.
    """
    seats = tuple(dict.fromkeys(present))
    if len(seats) < MIN_PEOPLE:
        raise CircleRuleBroken(CircleProblem.TOO_FEW)
    return Circle(id=circle_id, kind=kind, present=seats, prompts=PROMPTS[kind],
                  started_by=by, started_at=at)


@dataclass(frozen=True)
class Turn:
    """One go with the talking piece: whose, in which round, spoke or passed. Never changed."""

    id: str
    circle_id: str
    round: int  # index into the circle's prompts
    member_id: str  # whose turn it was
    kind: TurnKind
    created_by: str  # who recorded it (the grown-up holding the phone)
    created_at: str
    words: str = ""

    @property
    def shard(self) -> str:
        """The month the turn is kept under."""
        return self.created_at[:7]

    def to_json(self) -> dict[str, Any]:
        """The turn as stored."""
        return {
            "id": self.id, "circle_id": self.circle_id, "round": self.round,
            "member_id": self.member_id, "kind": self.kind.value, "words": self.words,
            "created_by": self.created_by, "created_at": self.created_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Turn:
        """Rebuild a turn from its stored form."""
        return cls(
            id=data["id"], circle_id=data["circle_id"], round=int(data["round"]),
            member_id=data["member_id"], kind=TurnKind(data["kind"]),
            created_by=data["created_by"], created_at=data["created_at"],
            words=data.get("words", ""),
        )


@dataclass(frozen=True)
class Progress:
    """Where a circle is: which question, who holds the talking piece, who passed."""

    round: int  # the question being asked; equals len(prompts) when every round is done
    holder: str | None  # whose turn it is now; None once every round is done
    waiting: tuple[str, ...]  # who still gets the piece this round, after the holder
    passed: tuple[str, ...]  # who passed this round and will be offered it again
    second_chance: bool  # the holder passed before in this round

    @property
    def rounds_done(self) -> bool:
        """Every question has gone all the way round."""
        return self.holder is None


def _round_queue(seats: Sequence[str], turns: Iterable[Turn]) -> tuple[list[str], set[str]]:
    """Who is still to hold the piece in a round after ``turns``, and who passed once."""
    queue = list(seats)
    passed_once: set[str] = set()
    for turn in turns:
        if not queue or queue[0] != turn.member_id:
            continue  # a turn out of order is never stored; ignore it if one appears
        queue.pop(0)
        if turn.kind is TurnKind.PASSED and turn.member_id not in passed_once:
            passed_once.add(turn.member_id)
            queue.append(turn.member_id)
    return queue, passed_once


def in_order(turns: Iterable[Turn]) -> list[Turn]:
    """Turns oldest first (ties broken by id, so every reader agrees)."""
    return sorted(turns, key=lambda turn: (turn.created_at, turn.id))


def progress(circle: Circle, turns: Iterable[Turn]) -> Progress:
    """Work out whose turn it is from the turns taken so far."""
    mine = [t for t in in_order(turns) if t.circle_id == circle.id]
    for number in range(len(circle.prompts)):
        queue, passed_once = _round_queue(circle.present, [t for t in mine if t.round == number])
        if queue:
            holder = queue[0]
            waiting = tuple(queue[1:])
            return Progress(number, holder, waiting,
                            tuple(m for m in circle.present if m in passed_once),
                            holder in passed_once)
    return Progress(len(circle.prompts), None, (), (), False)


def next_turn(circle: Circle, turns: Iterable[Turn], turn_id: str, member_id: str,
              kind: TurnKind, words: str, by: str, at: str) -> Turn:
    """The turn ``member_id`` takes now, checked against the talking-piece rule.

    Raises:
        CircleRuleBroken: the circle is finished, every round is done, it is somebody
            else's turn, or the words are too long.
    """
    if circle.finished:
        raise CircleRuleBroken(CircleProblem.FINISHED)
    now = progress(circle, turns)
    if now.holder is None or now.holder != member_id:
        raise CircleRuleBroken(CircleProblem.NOT_THEIR_TURN)
    said = clean(words) if kind is TurnKind.SPOKE else ""
    if len(said) > MAX_WORDS:
        raise CircleRuleBroken(CircleProblem.WORDS_LONG)
    return Turn(id=turn_id, circle_id=circle.id, round=now.round, member_id=member_id,
                kind=kind, created_by=by, created_at=at, words=said)
