"""The agency's printed monthly review carries the month's programme sessions, as the one
printed on the family's device does: the day, the topic, who came and what they took."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.people import Role
from app.domain.programme.sessions import ProgrammeSession, SessionPlan
from app.hub.casework.progress import previous_month
from app.hub.worker.household.data import household_records
from app.hub.worker.household.programme.printing import reports_module, review_maker
from tests.hub.programme_kit import goal, review
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.reports.pdfkit import pdf_text


def session(family: Family, session_id: str, topic: str, day: str, *, cancelled: bool = False,
            attended: tuple[str, ...] | None = None, took_away: str = "") -> None:
    made = ProgrammeSession(session_id, SessionPlan(topic, day, ("ade", "tolu")), "ade",
                            iso(family.now), attended=attended, took_away=took_away,
                            cancelled=cancelled)
    family.push("programme_sessions", made.to_json())


def the_okafors(hub: RunningHub) -> tuple[Family, datetime, str]:
    """Ade's family on the hub, now, and last month (the month a review is made for)."""
    now = datetime.fromtimestamp(time.time(), UTC)
    family = Family(hub, hub.household_id, now)
    family.member("ade", "Ade", Role.PARENT)
    return family, now, previous_month(now.date())


def printed_words(hub: RunningHub, review_id: str, now: datetime, tmp_path: Path) -> str:
    """The words of the review as the agency prints it from what the hub holds now."""
    reports = reports_module()
    assert reports is not None
    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    pdf = review_maker(review_id, hub.engine)(reports, records, now)
    return " ".join(pdf_text(pdf, tmp_path).split())


def test_the_agencys_printed_review_lists_that_months_sessions(
    hub: RunningHub, tmp_path: Path
) -> None:
    family, now, month = the_okafors(hub)
    family.member("tolu", "Tolu", Role.CHILD)
    goal(family, "g-1", "Calm mornings", now - timedelta(days=60))
    review_id = review(family, month, now - timedelta(days=1), {"g-1": ("Calm mornings", 6)})
    session(family, "s-1", "Setting boundaries", f"{month}-12", attended=("ade",),
            took_away="Say the rule, then the choice")
    session(family, "s-2", "Called off in the month", f"{month}-20", cancelled=True)
    session(family, "s-3", "Next month's talk", (now + timedelta(days=40)).date().isoformat())

    words = printed_words(hub, review_id, now, tmp_path)
    assert "Setting boundaries" in words and "Say the rule, then the choice" in words
    assert "Ade" in words
    assert "Called off in the month" not in words and "Next month's talk" not in words


@pytest.mark.parametrize("sent", ["not a session", {"plan": "odd"}])
def test_a_session_the_hub_cannot_read_leaves_the_review_printable(
    hub: RunningHub, tmp_path: Path, sent: object
) -> None:
    family, now, month = the_okafors(hub)
    review_id = review(family, month, now - timedelta(days=1), {})
    family.push("programme_sessions", {"id": "s-bad", "body": sent})
    session(family, "s-1", "Setting boundaries", f"{month}-12")
    assert "Setting boundaries" in printed_words(hub, review_id, now, tmp_path)
