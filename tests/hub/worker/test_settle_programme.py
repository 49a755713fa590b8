"""The settle card for the programme's records: a session whose attendance two devices filled
in differently, and a conference whose invitations crossed, read as two different versions,
each with what only it says marked, under a title that says what the record is.

Driven headless over a real hub (SQLite), the crossed edits pushed through the real protocol;
the fallback for a record with no words of its own is read without a page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from app.domain.people import Avatar, Member, Role
from app.domain.programme.conference import Conference, Topic
from app.domain.programme.network import NetworkDetails, NetworkPerson
from app.domain.programme.sessions import ProgrammeSession, SessionPlan
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.documents import describe
from app.hub.worker.words import day_words_iso
from tests.hub.worker.test_worker_settle_cards import conflicts_tab, crossed
from tests.hub.worker.worker_ui_kit import hub_engine  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run


def okafors(hub: RunningHub, now: datetime) -> Family:
    """Ade (a parent) and Tolu (a child), as the Okafors' phone sends them."""
    home = Family(hub, hub.household_id, now)
    home.member("ade", "Ade", Role.PARENT)
    home.member("tolu", "Tolu", Role.CHILD)
    return home


def test_a_session_filled_in_two_ways_shows_who_came_in_each(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = okafors(hub, now)
    day = (now - timedelta(days=1)).date().isoformat()
    plan = SessionPlan("Setting boundaries", day, ("ade", "tolu"))
    first = ProgrammeSession("s1", plan, "ade", iso(now - timedelta(days=3)))
    crossed(home, "programme_sessions", "s1", first.to_json(),
            replace(first, attended=("ade", "tolu"), took_away="Say the rule once",
                    revision=2).to_json(),
            replace(first, attended=(), revision=2).to_json(), author="ade")

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("A programme session: two versions"), d.texts()
        assert d.has_text("• Who came: Ade, Tolu (only in this version)")
        assert d.has_text("• Nobody could come (only in this version)")
        assert d.has_text("• What we took from it: Say the rule once (only in this version)")
        assert d.has_text("Topic: Setting boundaries")
        assert d.has_text(f"Day: {day_words_iso(day)}")
        assert d.has_text("Who is coming: Ade, Tolu")
        assert not [text for text in d.texts() if day in text or "False" in text]
        assert not d.conn.errors

    run(go())


def test_a_conference_whose_invitations_crossed_shows_who_is_invited(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    home = okafors(hub, now)
    home.member("priya", "Priya", Role.WORKER)
    for person_id, name in (("n1", "Gran"), ("n2", "Uncle Femi")):
        home.push("network_people", NetworkPerson(person_id, NetworkDetails(name), "ade",
                                                  iso(now - timedelta(days=5))).to_json())
    prepared = Conference("c1", "priya", iso(now - timedelta(days=4)),
                          worries=(Topic("w1", "Tolu misses school"),))
    crossed(home, "conferences", "c1", prepared.to_json(),
            replace(prepared, revision=2, invited=("n1", "n2")).to_json(),
            replace(prepared, revision=2, invited=()).to_json(), author="priya")

    async def go() -> None:
        d = await conflicts_tab(hub, clock)
        assert d.has_text("A family group conference: two versions"), d.texts()
        assert d.has_text("• Invited: Gran, Uncle Femi (only in this version)")
        assert d.has_text("• Nobody invited yet (only in this version)")
        assert not d.conn.errors

    run(go())


def test_a_record_with_no_words_of_its_own_shows_its_lists_and_yes_or_no_in_words() -> None:
    tolu = Member("tolu", "Tolu", Role.CHILD, Avatar.FOX, "2026-11-03T10:00:00+00:00")
    records = HouseholdRecords("h-1", "The Okafors", members={"tolu": tolu})
    came = describe("hard_moments", {"id": "m-1", "children": ["tolu", "ade"],
                                     "needs": [], "calm": True}, records)
    none_came = describe("hard_moments", {"id": "m-1", "children": [], "needs": [],
                                          "calm": False}, records)
    assert came != none_came
    assert "Children: Tolu, ade" in came  # a member by name, an id the hub lacks as sent
    assert "Children: none" in none_came
    assert "Calm: yes" in came and "Calm: no" in none_came
