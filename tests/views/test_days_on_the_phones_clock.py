"""Times and days a phone shows are on its own clock, never UTC: a moment stored as 23:30 UTC on
14 June is 00:30 on 15 June to a family in the UK, on the screen, in a file name and in print.
"""

from __future__ import annotations

from app.domain.programme.conference import Conference
from app.services.visits import SinceLastVisit
from app.views.conference.screens import plan_file_name
from app.views.sync.set_aside import note_words
from app.views.visits.agenda import since_lines

#: 00:30 BST on Monday 15 June 2026, as a device stores it.
AFTER_MIDNIGHT = "2026-06-14T23:30:00+00:00"


def test_a_set_aside_record_shows_the_time_on_the_phones_clock(uk_time: None) -> None:
    words = note_words({"kind": "pulled", "collection": "checkins", "at": AFTER_MIDNIGHT,
                        "reason": "other"})
    assert "15/06/2026 00:30" in words and "23:30" not in words


def test_since_the_last_visit_names_the_day_on_the_phones_clock(uk_time: None) -> None:
    [first] = since_lines(SinceLastVisit(since=AFTER_MIDNIGHT), {})
    assert "Monday 15 June" in str(getattr(first, "value", ""))


def test_the_family_plan_file_is_named_by_the_day_on_the_phones_clock(uk_time: None) -> None:
    conference = Conference("c1", "jo", AFTER_MIDNIGHT)
    assert plan_file_name(conference) == "family-plan-2026-06-15.pdf"
