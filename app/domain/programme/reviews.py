"""The monthly review, done together: family goals rated 0–10, and the month in figures.

Each review is a snapshot kept for ever: one per month, never changed afterwards, so the
months can be charted one after another. The family chooses its own goals (``FamilyGoal``);
at each review each goal is rated 0–10 with "what would make it one higher?" (solution-
focused scaling). The figures (safety scale, feelings, carer wellbeing, strengths, chores,
rituals) are worked out from the household's records by the service when the review is made;
school attendance and exclusions are entered by the worker or a parent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role, same_name_key

GOAL_MIN = 0
GOAL_MAX = 10
MAX_GOAL_WORDS = 200
MAX_TEXT = 2000
MAX_GOALS = 6


class ReviewProblem(StrEnum):
    """Why a review or a goal is refused; each has words in the catalogue."""

    NOT_ALLOWED = "not_allowed"
    GOAL_MISSING = "goal_missing"
    GOAL_LONG = "goal_long"
    TOO_MANY_GOALS = "too_many_goals"
    GOAL_SAME = "goal_same"
    SCORE = "score"
    TEXT_LONG = "text_long"
    ATTENDANCE = "attendance"
    EXCLUSIONS = "exclusions"
    ALREADY_DONE = "already_done"
    MONTH = "month"


class ReviewRefused(ValueError):
    """A review or goal that breaks a rule; ``problem`` says which."""

    def __init__(self, problem: ReviewProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class FamilyGoal:
    """A goal the family chose for itself ("Mornings without shouting")."""

    id: str
    text: str
    created_by: str
    created_at: str
    retired_at: str | None = None

    @property
    def active(self) -> bool:
        """True until the family decides the goal is done with."""
        return self.retired_at is None

    def to_json(self) -> dict[str, Any]:
        """The goal as stored."""
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FamilyGoal:
        """Rebuild a goal from its stored form."""
        return cls(data["id"], data["text"], data["created_by"], data["created_at"],
                   data.get("retired_at"))


@dataclass(frozen=True)
class GoalRating:
    """A goal's score this month, and what would make it one higher."""

    goal_id: str
    text: str
    score: int
    one_higher: str = ""


@dataclass(frozen=True)
class School:
    """One child's school this month: attendance (percent) and exclusions (days).

    None is a figure nobody gave (the box was left empty): not known, never nought.
    """

    child_id: str
    attendance: int | None = None
    exclusions: int | None = None


@dataclass(frozen=True)
class MonthFigures:
    """What the household's records say about the month (worked out, never typed)."""

    safety: dict[str, int] = field(default_factory=dict)  # member id -> latest score
    feelings: dict[str, dict[str, int]] = field(default_factory=dict)  # child -> feeling -> n
    carer: dict[str, float] = field(default_factory=dict)  # parent -> average wellbeing of 20
    strengths_added: int = 0
    chores_done: int = 0
    rituals_done: int = 0

    def seen_by(self, viewer: Member) -> MonthFigures:
        """The figures as ``viewer`` may read them: a carer's own wellbeing is theirs and their
        worker's (as their check-ins are), so a parent sees only their own average."""
        if viewer.role is Role.WORKER:
            return self
        return replace(self, carer={who: score for who, score in self.carer.items()
                                    if who == viewer.id})


@dataclass(frozen=True)
class Review:
    """The month's review: goals, figures, school, and what the family and worker said."""

    id: str
    month: str  # "2026-11"
    created_by: str
    created_at: str
    goals: tuple[GoalRating, ...] = ()
    figures: MonthFigures = field(default_factory=MonthFigures)
    school: tuple[School, ...] = ()
    went_well: str = ""
    worries: str = ""
    next_steps: str = ""

    @property
    def shard(self) -> str:
        """Reviews are kept by year: a handful a year is a small table."""
        return self.month[:4]

    def seen_by(self, viewer: Member) -> Review:
        """The review as ``viewer`` may read it (see ``MonthFigures.seen_by``)."""
        return replace(self, figures=self.figures.seen_by(viewer))

    def to_json(self) -> dict[str, Any]:
        """The review as stored."""
        return {
            "id": self.id, "month": self.month, "created_by": self.created_by,
            "created_at": self.created_at,
            "goals": [dict(g.__dict__) for g in self.goals],
            "figures": dict(self.figures.__dict__),
            "school": [dict(s.__dict__) for s in self.school],
            "went_well": self.went_well, "worries": self.worries,
            "next_steps": self.next_steps,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Review:
        """Rebuild a review from its stored form."""
        figures = data.get("figures") or {}
        return cls(
            id=data["id"], month=data["month"], created_by=data["created_by"],
            created_at=data["created_at"],
            goals=tuple(GoalRating(g["goal_id"], g["text"], int(g["score"]),
                                   g.get("one_higher", "")) for g in data.get("goals", [])),
            figures=MonthFigures(
                safety={k: int(v) for k, v in (figures.get("safety") or {}).items()},
                feelings={k: {f: int(n) for f, n in v.items()}
                          for k, v in (figures.get("feelings") or {}).items()},
                carer={k: float(v) for k, v in (figures.get("carer") or {}).items()},
                strengths_added=int(figures.get("strengths_added", 0)),
                chores_done=int(figures.get("chores_done", 0)),
                rituals_done=int(figures.get("rituals_done", 0)),
            ),
            school=tuple(School(s["child_id"], s.get("attendance"), _known(s.get("exclusions")))
                         for s in data.get("school", [])),
            went_well=data.get("went_well", ""), worries=data.get("worries", ""),
            next_steps=data.get("next_steps", ""),
        )


def _known(figure: Any) -> int | None:
    """A stored count: a whole number, or None where nobody gave one (not known)."""
    return None if figure is None else int(figure)


def may_review(member: Member) -> bool:
    """A parent or the worker makes the review (together with the family)."""
    return member.active and member.role in (Role.PARENT, Role.WORKER)


def clean_goal(text: str) -> str:
    """A goal's words as saved; raise ReviewRefused if missing or too long."""
    words = " ".join(text.split())
    if not words:
        raise ReviewRefused(ReviewProblem.GOAL_MISSING)
    if len(words) > MAX_GOAL_WORDS:
        raise ReviewRefused(ReviewProblem.GOAL_LONG)
    return words


def same_goal_key(text: str) -> str:
    """What two goals' words are compared by: words a reader could not tell apart share a key
    (case, spaces, look-alike letters)."""
    return same_name_key(" ".join(text.split()))


def clean_new_goal(text: str, goals: Iterable[FamilyGoal]) -> str:
    """A new goal's words as saved; raise ReviewRefused if missing, too long, or worded as
    one of the family's active ``goals`` is (two alike could not be told apart at a review)."""
    words = clean_goal(text)
    if any(g.active and same_goal_key(g.text) == same_goal_key(words) for g in goals):
        raise ReviewRefused(ReviewProblem.GOAL_SAME)
    return words


def check_rating(score: int) -> int:
    """A goal's 0–10 score; raise ReviewRefused otherwise."""
    if isinstance(score, bool) or not isinstance(score, int) or not GOAL_MIN <= score <= GOAL_MAX:
        raise ReviewRefused(ReviewProblem.SCORE)
    return score


def check_school(school: School) -> School:
    """Attendance is a percentage, exclusions a count of days (either may be unknown)."""
    if school.attendance is not None and not 0 <= school.attendance <= 100:
        raise ReviewRefused(ReviewProblem.ATTENDANCE)
    if school.exclusions is not None and not 0 <= school.exclusions <= 31:
        raise ReviewRefused(ReviewProblem.EXCLUSIONS)
    return school


def check_text(text: str) -> str:
    """A free-text answer, trimmed; raise ReviewRefused if too long."""
    words = text.strip()
    if len(words) > MAX_TEXT:
        raise ReviewRefused(ReviewProblem.TEXT_LONG)
    return words


def month_of(day: date) -> str:
    """The month a review is for ("2026-11")."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class GoalSeries:
    """One goal's line on a chart: the goal, what it is called there, its score each month."""

    goal_id: str
    label: str
    scores: tuple[int | None, ...]


def goal_names(reviews: Sequence[Review]) -> dict[str, str]:
    """Each goal's name by its id, as the chart's key says it (alike ones numbered)."""
    return {line.goal_id: line.label for line in goal_series(reviews)}


def goal_series(reviews: Sequence[Review]) -> list[GoalSeries]:
    """Each goal's score month by month (None where it was not rated), reviews oldest first.

    A line is a goal, never its words: two goals may be worded alike (one for each child, or
    one retired and added again). Each is named by its latest words, and goals worded alike
    are numbered in the order first rated ("Bedtime (1)", "Bedtime (2)").
    """
    wording: dict[str, str] = {}  # in the order first rated; the latest words win
    for review in reviews:
        for goal in review.goals:
            wording[goal.goal_id] = goal.text
    alike = Counter(same_goal_key(words) for words in wording.values())
    numbered: Counter[str] = Counter()
    found = []
    for goal_id, words in wording.items():
        key = same_goal_key(words)
        numbered[key] += 1
        label = f"{words} ({numbered[key]})" if alike[key] > 1 else words
        found.append(GoalSeries(goal_id, label, tuple(
            next((g.score for g in review.goals if g.goal_id == goal_id), None)
            for review in reviews)))
    return found
