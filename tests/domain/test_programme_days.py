"""A day typed for the programme is kept as YYYY-MM-DD, whatever ISO form it came in.

Python 3.11's ``date.fromisoformat`` also reads "20261103" and "2026-W45-2"; a day kept in
such a form is not in "YYYY-MM-DD" order with the others and is not shown as a day where the
text is read. Each field (the agency's review date, a plan's "by when", a visit's "by when"
and next visit, a session's day) keeps one form, and a record kept in another ISO form by an
older version reads as its day. No typed form these fields read before is refused now.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.domain.people import Avatar, Member, Role
from app.domain.programme.conference import (
    Conference,
    ConferenceProblem,
    ConferenceRefused,
    Topic,
    new_conference,
)
from app.domain.programme.family_plan import FamilyPlan, PlanAction, PlanProblem, PlanRefused
from app.domain.programme.sessions import ProgrammeSession, SessionPlan, check_plan
from app.domain.programme.three_houses import House, HouseItem
from app.domain.programme.visits import Visit, VisitAction, VisitProblem, VisitRefused

AT = "2026-11-30T10:00:00+00:00"
JO = Member("jo", "Jo", Role.PARENT, Avatar.PERSON, AT)
PRIYA = Member("priya", "Priya", Role.WORKER, Avatar.WORKER, AT)

#: Every form the fields read before (and the same with the spaces a phone keyboard adds).
TYPED = ["2026-11-03", "20261103", "2026-W45-2", "2026W452", " 2026-11-03 ", "20261103 "]
#: Words no field read before: refused as they were, with the field's own words. A UK date
#: is one of them: these days are chosen on screen ("In 2 weeks"), never typed day/month/year.
NOT_A_DAY = ["3/11/2026", "next Tuesday", "", "2026-11-31", "2026-11"]


def shared_conference() -> Conference:
    c = new_conference("c1", PRIYA, AT).prepared(
        PRIYA, AT, invited=(), worries=(Topic("w1", "Shouting at bedtime"),), bottom_lines=(),
        information="")
    c = c.started(PRIYA, AT).with_private_time(PRIYA, AT)
    c = c.with_plan(JO, AT, lambda p: p.with_action("a1", "Calm bedtimes", "Jo", None))
    return c.shared(JO, AT)


def review_on(day: str) -> str | None:
    return shared_conference().decided(PRIYA, AT, agreed=True, why="It keeps Sam safe",
                                       review_on=day).review_on


def by_when(day: str) -> str | None:
    return FamilyPlan().with_action("a1", "Pick Sam up", "Pat", day).actions[0].by_when


def visit_due(day: str) -> str | None:
    return Visit("v1", "priya", AT, ("jo",)).with_action("a1", "Eye test", "Jo", day).actions[0].due


def next_visit(day: str) -> str | None:
    return Visit("v1", "priya", AT, ("jo",)).with_next_visit(day).next_visit


def session_day(day: str) -> str | None:
    return check_plan(SessionPlan("Circles", day, ("jo",))).day


FIELDS: dict[str, Callable[[str], str | None]] = {
    "review_on": review_on, "by_when": by_when, "visit_due": visit_due,
    "next_visit": next_visit, "session_day": session_day,
}


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("field", FIELDS)
def test_a_day_typed_in_any_iso_form_is_kept_as_year_month_day(field: str, typed: str) -> None:
    assert FIELDS[field](typed) == "2026-11-03"


@pytest.mark.parametrize("typed", NOT_A_DAY)
def test_words_that_are_not_a_day_are_refused_with_each_fields_own_words(typed: str) -> None:
    with pytest.raises(ConferenceRefused) as review:
        review_on(typed)
    assert review.value.problem is ConferenceProblem.REVIEW_DATE
    with pytest.raises(PlanRefused) as plan:
        by_when(typed)
    assert plan.value.problem is PlanProblem.DATE
    for change in (visit_due, next_visit):
        with pytest.raises(VisitRefused) as visit:
            change(typed)
        assert visit.value.problem is VisitProblem.DATE


@pytest.mark.parametrize("typed", NOT_A_DAY)
def test_the_shared_reader_of_a_typed_day_refuses_words_that_are_not_one(typed: str) -> None:
    from app.domain.records import iso_day

    with pytest.raises(ValueError):
        iso_day(typed)
    assert iso_day(" 2026W452") == "2026-11-03"


@pytest.mark.parametrize("sent", [20261103, None, ["2026-11-03"]])
def test_a_day_sent_as_something_other_than_words_is_refused_like_bad_words(sent: object
                                                                           ) -> None:
    from app.domain.records import iso_day

    with pytest.raises(ValueError):
        iso_day(sent)  # type: ignore[arg-type]


def test_no_day_stays_no_day() -> None:
    assert by_when(None) is None and visit_due(None) is None  # type: ignore[arg-type]
    assert next_visit(None) is None  # type: ignore[arg-type]
    assert shared_conference().decided(PRIYA, AT, agreed=False, why="Not yet",
                                       review_on=None).review_on is None
    with pytest.raises(ConferenceRefused):  # an agreed plan is always reviewed on a day
        review_on(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("kept", ["20261103", "2026-W45-2", "2026W452"])
def test_a_day_kept_in_another_iso_form_before_reads_as_its_day(kept: str) -> None:
    decided = shared_conference().decided(PRIYA, AT, agreed=True, why="It keeps Sam safe",
                                          review_on="2026-11-03")
    stored = decided.to_json()
    stored["review_on"] = kept
    stored["plan"]["actions"][0]["by_when"] = kept
    read = Conference.from_json(stored)
    assert read.review_on == "2026-11-03" and read.plan.actions[0].by_when == "2026-11-03"
    assert PlanAction.from_json({"id": "a", "what": "x", "by_when": kept}).by_when == "2026-11-03"

    visit = Visit("v1", "priya", AT, ("jo",), actions=(VisitAction("a1", "Eye test"),))
    kept_visit = visit.to_json() | {"next_visit": kept}
    kept_visit["actions"][0]["due"] = kept
    read_visit = Visit.from_json(kept_visit)
    assert read_visit.next_visit == "2026-11-03" and read_visit.actions[0].due == "2026-11-03"

    session = ProgrammeSession("s1", SessionPlan("Circles", "2026-11-03", ("jo",)), "jo", AT)
    assert ProgrammeSession.from_json(session.to_json() | {"day": kept}).plan.day == "2026-11-03"

    item = HouseItem("i1", "sam", House.WORRIES, "2026-11-03", "sam", AT, words="The dark")
    read_item = HouseItem.from_json(item.to_json() | {"sitting": kept})
    assert read_item.sitting == "2026-11-03" and read_item.month == "2026-11"


def test_a_kept_day_that_is_no_day_is_read_as_it_was_kept() -> None:
    """A visit or plan is never made unreadable by its day: the screens leave such a day out
    (as the visit's agenda does), and nothing of the record is lost."""
    visit = Visit("v1", "priya", AT, ("jo",), actions=(VisitAction("a1", "Eye test"),))
    stored = visit.to_json() | {"next_visit": "soon"}
    stored["actions"][0]["due"] = "next week"
    read = Visit.from_json(stored)
    assert read.next_visit == "soon" and read.actions[0].due == "next week"
    assert Conference.from_json(shared_conference().to_json() | {"review_on": "March"}
                                ).review_on == "March"
    assert Visit.from_json(visit.to_json()).next_visit is None
