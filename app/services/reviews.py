"""The monthly review and the family's own goals, saved in the household's store.

A review is made once a month, together, and never changed: its figures are worked out here
from the month's records at the moment it is made, so the snapshot stays as it was even if
records arrive later. Its id is the month's, so a second device's review of the same month is
a difference for a person to settle, never a second review. Goals are the family's own;
retiring one keeps its history.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar

from app.domain.checkins_carer import CarerCheckIn
from app.domain.chores import TickEvent, jobs_done
from app.domain.people import Member, Role
from app.domain.programme.reviews import (
    MAX_GOALS,
    FamilyGoal,
    GoalRating,
    MonthFigures,
    Review,
    ReviewProblem,
    ReviewRefused,
    School,
    check_rating,
    check_school,
    check_text,
    clean_new_goal,
    may_review,
)
from app.domain.rituals import RitualDone, rituals_done
from app.domain.safety_scale import SafetyRating, latest_by_person, shown_at_home
from app.services.base import HouseholdPart
from app.services.household import HouseholdService, InvalidInput, NotAllowed

GOALS = "family_goals"
REVIEWS = "reviews"
T = TypeVar("T")


class ReviewService(HouseholdPart):
    """The family's goals and its monthly reviews."""

    # goals -------------------------------------------------------------------------------
    def goals(self, *, include_retired: bool = False) -> list[FamilyGoal]:
        """The family's goals, oldest first."""
        found = [FamilyGoal.from_json(doc) for doc in self._store.find(GOALS)]
        if not include_retired:
            found = [g for g in found if g.active]
        return sorted(found, key=lambda g: g.created_at)

    def add_goal(self, by: Member, text: str) -> FamilyGoal:
        """A goal the family chose, in its own words."""
        self._require(by)
        if len(self.goals()) >= MAX_GOALS:
            raise InvalidInput(f"reviews.error.{ReviewProblem.TOO_MANY_GOALS.value}",
                               limit=MAX_GOALS)
        words = _checked(lambda: clean_new_goal(text, self.goals()))
        goal = FamilyGoal(str(uuid.uuid4()), words, by.id, self._iso())
        self._store.put(GOALS, goal.to_json())
        return goal

    def retire_goal(self, by: Member, goal_id: str) -> None:
        """The family is done with a goal; its ratings stay in the reviews."""
        self._require(by)
        doc = self._store.get(GOALS, goal_id)
        if doc is None:
            raise InvalidInput("reviews.error.not_found")
        self._store.put(GOALS, {**doc, "retired_at": self._iso()})

    # reviews -----------------------------------------------------------------------------
    def reviews(self) -> list[Review]:
        """Every review, oldest month first."""
        found = [Review.from_json(doc) for doc in self._store.find(REVIEWS)]
        return sorted(found, key=lambda r: r.month)

    def review_of(self, month: str) -> Review | None:
        """The review of a month, if it has been made."""
        return next((r for r in self.reviews() if r.month == month), None)

    def figures(self, month: str) -> MonthFigures:
        """What the month's records say, worked out now (the review keeps a copy). The month
        is the family's own (a check-in at 00:30 on 1 July in summer is July's, though UTC
        still says June), and a child who left during it keeps what they said in it."""

        def in_month(collection: str) -> list[dict[str, object]]:
            return self._store.find(collection, lambda d: local_month(d.get("created_at")) == month)

        def on_days_of_month(collection: str) -> list[dict[str, object]]:
            return self._store.find(collection, lambda d: str(d.get("day", ""))[:7] == month)

        ratings = shown_at_home((SafetyRating.from_json(d) for d in in_month("safety_ratings")),
                                self._household.roles())  # the review is read at home too
        children = {m.id for m in self._household.members(include_removed=True)
                    if m.role is Role.CHILD}
        feelings: dict[str, Counter[str]] = {}
        for doc in in_month("checkins"):
            if doc.get("created_by") in children:
                feelings.setdefault(str(doc["created_by"]), Counter())[str(doc["feeling"])] += 1
        carer: dict[str, list[int]] = {}
        for doc in in_month("carer_checkins"):
            found = CarerCheckIn.from_json(doc)
            carer.setdefault(found.created_by, []).append(found.score)
        return MonthFigures(
            safety={who: r.score for who, r in latest_by_person(ratings).items()},
            feelings={child: dict(counts) for child, counts in feelings.items()},
            carer={who: round(sum(s) / len(s), 1) for who, s in carer.items()},
            strengths_added=len(in_month("strengths")),
            # once a job for a child a day, once a ritual a day, however many devices marked it
            chores_done=jobs_done(TickEvent.from_json(d)
                                  for d in on_days_of_month("chore_ticks")).total(),
            rituals_done=rituals_done(RitualDone.from_json(d)
                                      for d in on_days_of_month("ritual_done")),
        )

    def make_review(
        self, by: Member, month: str, ratings: list[tuple[str, int, str]],
        school: list[School], went_well: str = "", worries: str = "", next_steps: str = "",
    ) -> Review:
        """Save the month's review: (goal id, score, what would make it one higher) for each
        goal rated, each child's school, and what went well, worries and next steps.

        Raises:
            NotAllowed: only a parent or the worker makes the review.
            InvalidInput: the month already has its review, a score or an entry is wrong.
        """
        self._require(by)
        _checked(lambda: date.fromisoformat(f"{month}-01"), ReviewProblem.MONTH)
        # looked for and saved under the store's lock: a month's review made on two tabs at
        # once is made once (the other is told), never saved over the first
        with self._store.exclusive():
            if self.review_of(month) is not None:
                raise InvalidInput(f"reviews.error.{ReviewProblem.ALREADY_DONE.value}")
            return self._make_review(by, month, ratings, school, went_well, worries,
                                     next_steps)

    def _make_review(
        self, by: Member, month: str, ratings: list[tuple[str, int, str]],
        school: list[School], went_well: str, worries: str, next_steps: str,
    ) -> Review:
        goals = {g.id: g for g in self.goals(include_retired=True)}
        children = {m.id for m in self._household.members() if m.role is Role.CHILD}
        try:
            rated = tuple(GoalRating(goal_id, goals[goal_id].text, check_rating(score),
                                     check_text(one_higher))
                          for goal_id, score, one_higher in ratings if goal_id in goals)
            schools = tuple(check_school(s) for s in school if s.child_id in children)
        except ReviewRefused as refused:
            raise InvalidInput(f"reviews.error.{refused.problem.value}") from refused
        review = Review(
            review_id(month), month, by.id, self._iso(), rated, self.figures(month), schools,
            _checked(lambda: check_text(went_well)), _checked(lambda: check_text(worries)),
            _checked(lambda: check_text(next_steps)))
        self._store.put(REVIEWS, review.to_json(), shard=review.shard)
        return review

    @staticmethod
    def _require(by: Member) -> None:
        if not may_review(by):
            raise NotAllowed("a parent or the worker makes the review")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def local_month(stamp: object) -> str:
    """The family's month ("2026-07") of a stored UTC time, on the device's clock."""
    try:
        return datetime.fromisoformat(str(stamp)).astimezone().strftime("%Y-%m")
    except (ValueError, OverflowError):  # not a time, or one no clock here can show
        return ""


def review_id(month: str) -> str:
    """A month's review has one id on every device: two devices that each make the same
    month's review offline cross at the agency, and a person settles it (never two reviews
    of one month, quietly)."""
    return f"review-{month}"


def _checked(make: Callable[[], T], problem: ReviewProblem | None = None) -> T:
    try:
        return make()
    except ReviewRefused as refused:
        raise InvalidInput(f"reviews.error.{refused.problem.value}") from refused
    except ValueError as exc:
        if problem is None:
            raise
        raise InvalidInput(f"reviews.error.{problem.value}") from exc


def reviews_for(household: HouseholdService) -> ReviewService:
    """The reviews and goals of the household a screen is showing."""
    return ReviewService(household)
