"""A parent's or carer's own wellbeing check-in: questions for adults about the last week.

It watches for compassion fatigue and "blocked care" (TRUE model carer support). A low
score is not a mark against anyone: it means the carer should be offered support.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from app.domain.checkins import CARER_VISIBILITY, CheckinProblem, CheckinRefused, clean_words
from app.domain.people import Member, Role

ANSWER_MIN = 0  # "Not at all"
ANSWER_MAX = 4  # "Nearly all the time"
#: At or below this wellbeing score (out of 20) the carer is offered support.
LOW_AT_OR_BELOW = 9
#: Answering this often or more to a warning question also offers support.
WARNING_AT_OR_ABOVE = 3


class Prompt(Enum):
    """The adult questions, in the order they are asked."""

    ENJOYED = "enjoyed"  # I've had moments of enjoying being with my child
    DRAINED = "drained"  # blocked care: too drained to enjoy being with my child
    WORN_OUT = "worn_out"  # compassion fatigue: worn out or numb from caring
    RESTED = "rested"  # I've had time to rest and look after myself
    SUPPORTED = "supported"  # I've had someone to talk to

    @property
    def warning(self) -> bool:
        """True for questions where a higher answer means things are harder."""
        return self in (Prompt.DRAINED, Prompt.WORN_OUT)


@dataclass(frozen=True)
class CarerCheckIn:
    """An event: one carer's answers (0 to 4 each) and any words. Never edited."""

    id: str
    answers: dict[str, int]
    words: str
    created_by: str
    created_at: str
    visible_to: tuple[str, ...] = CARER_VISIBILITY

    @property
    def score(self) -> int:
        """Wellbeing out of 20: higher is better (warning answers count backwards)."""
        total = 0
        for prompt in Prompt:
            answer = self.answers.get(prompt.value, 0)
            total += ANSWER_MAX - answer if prompt.warning else answer
        return total

    @property
    def needs_support(self) -> bool:
        """True when the carer sounds worn down: a low score or a strong warning answer."""
        warned = any(self.answers.get(p.value, 0) >= WARNING_AT_OR_ABOVE
                     for p in Prompt if p.warning)
        return warned or self.score <= LOW_AT_OR_BELOW

    def to_json(self) -> dict[str, Any]:
        """The carer's check-in as stored."""
        return {**self.__dict__, "answers": dict(self.answers),
                "visible_to": list(self.visible_to)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CarerCheckIn:
        """Rebuild a carer's check-in from its stored form."""
        return cls(data["id"], {k: int(v) for k, v in data["answers"].items()},
                   data.get("words", ""), data["created_by"], data["created_at"],
                   tuple(data.get("visible_to", CARER_VISIBILITY)))


def new_carer_checkin(checkin_id: str, by: Member, answers: dict[Prompt, int], words: str,
                      at: str) -> CarerCheckIn:
    """A parent's own check-in; every question needs an answer from 0 to 4.

    Raises:
        PermissionError: ``by`` is not a parent or carer.
        CheckinRefused: a question is unanswered or out of range, or the words are too long.
    """
    if by.role is not Role.PARENT or not by.active:
        raise PermissionError("this check-in is for parents and carers")
    stored: dict[str, int] = {}
    for prompt in Prompt:
        answer = answers.get(prompt)
        if (answer is None or isinstance(answer, bool) or not isinstance(answer, int)
                or not ANSWER_MIN <= answer <= ANSWER_MAX):
            raise CheckinRefused(CheckinProblem.ANSWER)
        stored[prompt.value] = answer
    return CarerCheckIn(checkin_id, stored, clean_words(words), by.id, at)
