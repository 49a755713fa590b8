"""What is going well for a household, and what the worker owes it: read from its records.

Strengths first: the caseload does not only list worries. Beside them it says what is going
well (a safety scale rising, check-ins, proud moments, rituals kept up) and what is due: the
monthly review (none for last month, or none ever) and a home visit (the date the last visit
planned has passed, or nobody has visited for 28 days). No database here: the caseload reads
the records and hands them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum

from app.domain.programme.reviews import Review
from app.domain.programme.visits import Visit
from app.domain.safety_scale import SafetyRating, in_time_order
from app.hub.record_checks import local_day, on_hub_clock

#: "This week" on the caseload: the last seven days, so a Monday is not an empty week.
WEEK = timedelta(days=7)
#: No visit for this long makes one due, whatever was planned.
VISIT_EVERY = timedelta(days=28)


class Good(IntEnum):
    """Kinds of good news, in the order they are shown."""

    RISING = 0  # someone's latest safety-scale rating is higher than their one before
    CHECKINS = 1  # check-ins in the last seven days
    STRENGTHS = 2  # strengths and proud moments noted in the last seven days
    RITUALS = 3  # rituals done in the last seven days


@dataclass(frozen=True)
class GoingWell:
    """One thing going well, with the facts to put in words."""

    kind: Good
    count: int = 0
    before: int | None = None
    after: int | None = None
    who: str | None = None


class DueKind(IntEnum):
    """What the worker owes the family."""

    REVIEW = 0
    VISIT = 1


@dataclass(frozen=True)
class Due:
    """A review or a visit that is due, and why.

    A review: ``month`` is the month that has no review ("2026-10"); ``never`` when the family
    has had none. A visit: ``planned`` is the passed date the last visit set; else ``days``
    since the last visit; ``never`` when no visit has been recorded.
    """

    kind: DueKind
    never: bool = False
    month: str | None = None
    planned: date | None = None
    days: int | None = None


def rising_scale(ratings: list[SafetyRating]) -> tuple[str, int, int] | None:
    """The person whose latest rating rose the most from their one before: (who, before, after)."""
    history: dict[str, list[SafetyRating]] = {}
    for rating in in_time_order(ratings):
        history.setdefault(rating.created_by, []).append(rating)
    rises = [
        (mine[-1].score - mine[-2].score, person, mine[-2].score, mine[-1].score)
        for person, mine in history.items()
        if len(mine) >= 2 and mine[-1].score > mine[-2].score
    ]
    if not rises:
        return None
    _, person, before, after = max(rises, key=lambda rise: (rise[0], rise[1]))
    return person, before, after


def going_well(ratings: list[SafetyRating], week_counts: dict[Good, int],
               names: dict[str, str]) -> tuple[GoingWell, ...]:
    """What is going well: a rising scale, then the week's check-ins, strengths and rituals."""
    found: list[GoingWell] = []
    rise = rising_scale(ratings)
    if rise is not None:
        person, before, after = rise
        found.append(GoingWell(Good.RISING, before=before, after=after, who=names.get(person)))
    for kind in (Good.CHECKINS, Good.STRENGTHS, Good.RITUALS):
        if week_counts.get(kind, 0) > 0:
            found.append(GoingWell(kind, count=week_counts[kind]))
    return tuple(found)


def previous_month(today: date) -> str:
    """The month before ``today``'s, as reviews name months ("2026-10")."""
    first = today.replace(day=1) - timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def review_due(reviews: list[Review], today: date) -> Due | None:
    """A review is due when there is none for last month (one made this month counts too)."""
    if not reviews:
        return Due(DueKind.REVIEW, never=True)
    last_month = previous_month(today)
    months = [review.month for review in reviews if isinstance(review.month, str)]
    if months and max(months) >= last_month:
        return None
    return Due(DueKind.REVIEW, month=last_month)


def visit_due(visits: list[Visit], now: datetime) -> Due | None:
    """A visit is due when the last one's planned next date has passed, or 28 days went by."""
    dated = [(started, visit) for visit in visits
             if (started := local_day(visit.started_at)) is not None]
    if not dated:
        return Due(DueKind.VISIT, never=True)
    started, latest = max(dated, key=lambda pair: (pair[0], pair[1].started_at))
    planned = local_day(latest.next_visit)
    today = on_hub_clock(now).date()
    if planned is not None and planned < today:
        return Due(DueKind.VISIT, planned=planned)
    if today - started >= VISIT_EVERY:
        return Due(DueKind.VISIT, days=(today - started).days)
    return None


def due(reviews: list[Review], visits: list[Visit], now: datetime) -> tuple[Due, ...]:
    """The review and the visit, if either is due, counted in days on the hub's clock (the
    family's days, as its printed reports count them)."""
    today = on_hub_clock(now).date()
    return tuple(item for item in (review_due(reviews, today), visit_due(visits, now))
                 if item is not None)
