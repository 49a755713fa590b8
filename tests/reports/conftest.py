"""A small household's records, built directly from the domain types, for the report tests."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.agreement import (
    AgreedChore,
    AgreementVersion,
    ForNow,
    Rule,
    Signature,
    Status,
)
from app.domain.alerts import AlertSource, SafetyAlert
from app.domain.checkins import CheckIn, Feeling, Help, Reason
from app.domain.programme.reviews import Review
from app.domain.programme.visits import AgendaItem, Visit, VisitAction
from app.domain.safety import Action, Point, SafetyPlan
from app.domain.safety_child import ChildSafetyPlan, TrustedAdult
from app.domain.safety_scale import SafetyRating
from app.domain.strengths import StrengthKind, StrengthNote
from app.reports import CaseSummary
from tests.reports.pdfkit import AT, HOUSEHOLD, NAMES, review_for


@pytest.fixture
def agreement() -> AgreementVersion:
    """Version 2 of the agreement, signed, with a child still to sign."""
    rules = (
        Rule("r1", "We speak kindly to each other", "jo", AT, why="So everyone feels safe at home",
             kept="We notice it and say well done", broken="Time to calm down, then we talk",
             repair="Say sorry in your own words", child_words="Kind words", picture="talk"),
        Rule("r2", "Screens go off at 7pm", "jo", AT, why="Sleep helps us feel good and learn",
             kept="An extra story at bedtime", broken="Screens off early tomorrow",
             picture="tablet"),
        Rule("r3", "We tell a grown-up where we are going", "sian", AT,
             why="So we know everyone is safe", picture="door"),
    )
    return AgreementVersion(
        id="v2", number=2, created_by="jo", created_at=AT, status=Status.SIGNED, rules=rules,
        routines=("Bedtime 7.30pm", "Breakfast together at 8am"), review_date="2027-02-03",
        signatures=(Signature("jo", "Jo Okafor", "parent", "2026-11-03T18:00:00+00:00"),
                    Signature("sian", "Siân Ŵyn", "parent", "2026-11-03T18:05:00+00:00"),
                    Signature("dafydd", "Dafydd Ŵyn", "child", "2026-11-03T18:10:00+00:00")),
        chores=(AgreedChore("c1", "Feed the cat", "cat"), AgreedChore("c2", "Lay the table",
                                                                     "plate"),
                AgreedChore("c3", "Tidy toys away", "toys")),
        signed_at="2026-11-03T18:10:00+00:00", not_signed=("Mia Okafor",),
        for_now=ForNow("jo", "Jo Okafor", "2026-11-03T18:10:00+00:00",
                       "Mia is five and wants to talk about it first"),
    )


@pytest.fixture
def child_plan() -> ChildSafetyPlan:
    """Dafydd's own plan: two trusted adults (one taken off), signs, calm ideas, places."""
    return ChildSafetyPlan(
        child_id="dafydd",
        trusted_adults=(
            TrustedAdult("a1", "Nain Gwenllian", "My nain", "07700 900123", "jo", AT),
            TrustedAdult("a2", "Mr Evans", "Teacher", "01632 960555", "priya", AT),
            TrustedAdult("a3", "Old neighbour", "Neighbour", "07700 900999", "jo", AT,
                         removed_by="jo", removed_at=AT),
        ),
        warning_signs=(Point("w1", "My tummy hurts", "dafydd", AT),
                       Point("w2", "I want to hide under the bed", "dafydd", AT)),
        calm_ideas=(Point("k1", "A cuddle with Nain", "dafydd", AT),
                    Point("k2", "Drawing dragons", "dafydd", AT)),
        safe_places=(Point("s1", "My bedroom", "dafydd", AT),
                     Point("s2", "Tŷ Nain", "dafydd", AT)),
    )


@pytest.fixture
def visit() -> Visit:
    """Priya's visit on 3 November: notes on three items, two actions, the next visit."""
    return Visit(
        id="visit-nov", worker_id="priya", started_at="2026-11-03T10:00:00+00:00",
        present=("jo", "sian", "dafydd", "mia"), seen_alone=("dafydd",),
        notes={AgendaItem.SINCE_LAST_VISIT.value: "Mornings have been calmer.\nSchool run on time.",
               AgendaItem.SAFETY.value: "We went through the plan together.",
               AgendaItem.CHILDREN.value: "Dafydd showed me his dragon drawings."},
        actions=(VisitAction("a1", "Ring the school about the reading group", "Jo Okafor",
                             "2026-11-17"),
                 VisitAction("a2", "Try the bedtime story rota", "", None)),
        next_visit="2026-12-01", since="2026-10-06T11:30:00+00:00",
        ended_at="2026-11-03T11:15:00+00:00")


@pytest.fixture
def reviews() -> list[Review]:
    """September to November: goals rising, a third goal from October, the safety scale."""
    return [
        review_for("2026-09", {"g1": 3, "g2": 4, "g3": None}, {"jo": 6, "dafydd": 5}),
        review_for("2026-10", {"g1": 5, "g2": 4, "g3": 6}, {"jo": 7, "dafydd": 6, "priya": 6}),
        review_for("2026-11", {"g1": 7, "g2": 6, "g3": 8}, {"jo": 8, "dafydd": 7, "priya": 7}),
    ]


def _checkin(cid: str, who: str, feeling: Feeling, size: int, at: str) -> CheckIn:
    return CheckIn(cid, feeling, size, (Reason.SCHOOL,), (Help.HUG,), "", who, at)


@pytest.fixture
def summary(visit: Visit, reviews: list[Review]) -> CaseSummary:
    """October and November, with a record of each kind before and after the period too."""
    plan = SafetyPlan(
        working_well=(Point("p1", "Bedtime is calmer", "jo", AT),),
        worries=(Point("p2", "Shouting in the mornings", "sian", AT),),
        bottom_lines=(Point("p3", "Dafydd is collected from school by Jo or Siân", "priya", AT,
                            reason="Agreed at the family group conference"),),
        actions=(Action("x1", "Book the family group conference", "Priya Shah", "2026-12-10",
                        "priya", AT),))
    early = Visit(id="visit-sep", worker_id="priya", started_at="2026-09-01T10:00:00+00:00",
                  present=("jo",), actions=(VisitAction("old", "Outside-the-period step"),),
                  ended_at="2026-09-01T11:00:00+00:00")
    return CaseSummary(
        household_name=HOUSEHOLD, start=date(2026, 10, 1), end=date(2026, 11, 30), names=NAMES,
        checkins=[_checkin("c1", "dafydd", Feeling.HAPPY, 3, "2026-10-04T16:00:00+00:00"),
                  _checkin("c2", "dafydd", Feeling.SCARED, 5, "2026-11-20T19:00:00+00:00"),
                  _checkin("c3", "mia", Feeling.CALM, 2, "2026-11-21T08:00:00+00:00"),
                  _checkin("c0", "mia", Feeling.ANGRY, 5, "2026-09-15T08:00:00+00:00"),
                  _checkin("c9", "mia", Feeling.SAD, 4, "2026-12-02T08:00:00+00:00")],
        alerts=[SafetyAlert("al1", "dafydd", AlertSource.CHECKIN, "dafydd",
                            "2026-11-20T19:01:00+00:00"),
                SafetyAlert("al0", "mia", AlertSource.HELP_BUTTON, "mia",
                            "2026-09-10T19:01:00+00:00")],
        ratings=[SafetyRating("s0", 2, "", "jo", "2026-08-01T10:00:00+00:00"),
                 SafetyRating("s1", 6, "", "jo", "2026-10-03T10:00:00+00:00"),
                 SafetyRating("s2", 8, "", "jo", "2026-11-03T10:00:00+00:00"),
                 SafetyRating("s3", 4, "Private words", "dafydd", "2026-11-20T19:00:00+00:00")],
        plan=plan,
        visits=[early, visit],
        reviews=reviews,
        strengths=[StrengthNote("n1", "dafydd", StrengthKind.PROUD, "Read a whole book", "book",
                                "jo", "2026-11-08T18:00:00+00:00"),
                   StrengthNote("n0", "mia", StrengthKind.INTEREST, "Outside-the-period words",
                                "paint", "jo", "2026-09-08T18:00:00+00:00")],
    )
