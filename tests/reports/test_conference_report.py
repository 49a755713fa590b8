"""The family's plan from a family group conference, printed: what it answers, who does what,
how each bottom line is met, the agency's answer; in private family time no worker's notes."""

from __future__ import annotations

from pathlib import Path

from app.domain.people import Avatar, Member, Role
from app.domain.programme.conference import Conference, Topic, new_conference
from app.reports.conference import conference_report
from tests.reports.pdfkit import AT, HOUSEHOLD, MADE_AT, first_page_png, pdf_text, words

PRIYA = Member("priya", "Priya", Role.WORKER, Avatar.WORKER, AT)
JO = Member("jo", "Jo", Role.PARENT, Avatar.PERSON, AT)
LINE = Topic("b1", "No physical punishment")
NOTES = "Priya thinks the shouting has got less"


def in_private_time() -> Conference:
    c = new_conference("c1", PRIYA, AT).prepared(
        PRIYA, AT, invited=("pat",), worries=(Topic("w1", "Shouting at bedtime"),),
        bottom_lines=(LINE,), information=NOTES)
    c = c.started(PRIYA, AT).with_private_time(PRIYA, AT)
    return c.with_plan(JO, AT, lambda p: p.with_action(
        "a1", "Sam goes to Grandma Pat's on Tuesdays", "Grandma Pat", "2026-12-15"
    ).with_bottom_line_met("b1", "Quiet time, then a calm talk").with_child_voice(
        "Sam drew his happy place"))


def test_the_agreed_plan_prints_with_the_agencys_answer(tmp_path: Path) -> None:
    c = in_private_time().shared(JO, AT).decided(PRIYA, AT, agreed=True,
                                                  why="It keeps Sam safe.",
                                                  review_on="2027-01-11")
    pdf = conference_report(c, {"pat": "Grandma Pat"}, {"a1"}, HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    for expected in ("Our family plan", "Grandma Pat", "Shouting at bedtime",
                     "Sam goes to Grandma Pat's on Tuesdays", "Quiet time, then a calm talk",
                     "Sam drew his happy place", "The agency agrees this plan.",
                     "It keeps Sam safe.", "11 January 2027"):
        assert expected in text, expected
    first_page_png(pdf, "conference-plan")


def test_printed_in_private_family_time_it_holds_no_worker_notes(tmp_path: Path) -> None:
    pdf = conference_report(in_private_time(), {}, set(), HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert "Sam goes to Grandma Pat's" in text and NOTES not in text
