"""The worker UI, driven headless over a real hub: sign-in, caseload, a household, changes.

Records reach the hub from a paired phone through the real protocol; the worker's changes are
then pulled by that phone, as the family's devices would get them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from conftest import AGENCY_PASSPHRASE, RunningHub
from worker_family import Family, iso

from app.domain.checkins import Feeling
from app.domain.people import Role
from app.domain.safety import Point, SafetyPlan
from app.hub.admin import add_worker, register_household
from app.hub.protocol import b64decode, b64encode
from app.hub.worker.app import build_worker_main
from app.sync.sealing import seal
from tests.views.headless import Driver, FakeClock, run

PASSWORD = "tea and biscuits at ten"


@pytest.fixture
def clock() -> FakeClock:
    """The worker UI's clock, moved by hand."""
    return FakeClock()


@pytest.fixture
def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock.now, UTC)


@pytest.fixture
def worker_id(hub: RunningHub) -> int:
    return add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)


@pytest.fixture
def okafors(hub: RunningHub, now: datetime) -> Family:
    """The Okafors: Tolu (a child) raised an alert ten minutes ago and sent a sealed message."""
    family = Family(hub, hub.household_id, now)
    family.member("tolu", "Tolu", Role.CHILD)
    family.member("ade", "Ade", Role.PARENT)
    family.checkin("tolu", now - timedelta(minutes=12), Feeling.SCARED)
    family.alert("tolu", now - timedelta(minutes=10))
    words = json.dumps({"text": "Please can you come soon", "from_name": "Tolu",
                        "from_role": "child", "written_at": iso(now - timedelta(minutes=9))})
    sealed = seal(b64decode(family.phone.agency_public_key), words.encode(), "msg-1")
    family.push("worker_messages", {}, record_id="msg-1", body=None,
                sealed_body=b64encode(sealed))
    return family


async def signed_in(hub: RunningHub, clock: FakeClock, password: str = PASSWORD) -> Driver:
    d = await Driver.start(build_worker_main(hub.engine, clock=clock))
    await d.type("Username", "Priya")
    await d.type("Password", password)
    await d.tap("Sign in")
    await d.settle(100)
    return d


def test_every_page_needs_sign_in_and_a_failure_never_names_the_username(
    hub: RunningHub, clock: FakeClock, worker_id: int
) -> None:
    async def go() -> None:
        d = await Driver.start(build_worker_main(hub.engine, clock=clock),
                               route=f"/household/{hub.household_id}")
        assert "hub-sign-in" in d.identifiers()
        await d.tap("Sign in")
        assert d.has_text("Please type your username and your password.")
        await d.type("Username", "priya")
        await d.type("Password", "not my password")
        await d.tap("Sign in")
        await d.settle(100)
        wrong = [text for text in d.texts() if "don't match" in text]
        await d.type("Username", "nobody-here")
        await d.type("Password", "not my password")
        await d.tap("Sign in")
        await d.settle(100)
        assert [text for text in d.texts() if "don't match" in text] == wrong != []
        assert "hub-sign-in" in d.identifiers()
        assert not d.conn.errors

    run(go())


def test_five_failures_lock_a_username_for_fifteen_minutes_in_every_tab(
    hub: RunningHub, clock: FakeClock, worker_id: int
) -> None:
    async def go() -> None:
        d = await Driver.start(build_worker_main(hub.engine, clock=clock))
        for _ in range(5):
            await d.type("Username", "priya")
            await d.type("Password", "guessing again")
            await d.tap("Sign in")
            await d.settle(100)
        other_tab = await signed_in(hub, clock)
        assert other_tab.has_text("Too many tries. Please try again in 15 minutes.")
        assert "hub-sign-in" in other_tab.identifiers()
        clock.advance(14 * 60)
        await other_tab.tap("Sign in")
        await other_tab.settle(100)
        assert other_tab.has_text("Too many tries. Please try again in 1 minute.")
        clock.advance(61)
        await other_tab.tap("Sign in")
        await other_tab.settle(100)
        assert "hub-caseload" in other_tab.identifiers(), other_tab.texts()

    run(go())


def test_the_alerted_household_comes_first_and_marking_seen_reaches_the_phone(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    quiet = Family(hub, register_household(hub.engine, "The Adams household"), now)
    quiet.checkin("x", now - timedelta(hours=3))

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert "hub-caseload" in d.identifiers(), d.texts()
        rows = [text for text in d.texts() if text.endswith("household")]
        assert rows[:2] == ["The Okafor household", "The Adams household"]
        assert d.has_text("Safety alert 10 minutes ago")
        await d.tap("The Okafor household")
        assert "hub-household" in d.identifiers(), d.texts()
        assert d.has_text("Tolu said they don't feel safe")
        await d.tap("Mark as seen: Tolu said they don't feel safe")
        await d.settle(60)
        assert d.has_text("Marked as seen.")
        assert d.has_text("1 earlier alert, already seen.")
        assert not d.conn.errors

    run(go())
    pulled, _ = okafors.phone.pull_all()
    (seen,) = [r for r in pulled if r["collection"] == "safety_alerts_seen"]
    assert seen["author"] == f"agency:{worker_id}"
    assert seen["body"]["created_by"] == f"agency:{worker_id}"
    alert_id = next(r["id"] for r in pulled if r["collection"] == "safety_alerts")
    assert seen["body"]["alert_id"] == alert_id


def test_sealed_messages_open_only_with_the_agency_passphrase_and_close_on_sign_out(
    hub: RunningHub, clock: FakeClock, worker_id: int, okafors: Family
) -> None:
    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Messages for you")
        assert d.has_text("1 sealed message is waiting.")
        assert not d.has_text("Please can you come soon")
        await d.type("Agency passphrase", "the wrong passphrase")
        await d.tap("Open sealed messages")
        await d.settle(100)
        assert d.has_text("That passphrase doesn't open the messages.")
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open sealed messages")
        await d.settle(100)
        assert d.has_text("Please can you come soon"), d.texts()
        assert d.has_text("From Tolu (child)")
        await d.tap("Sign out")
        assert "hub-sign-in" in d.identifiers()
        assert not d.has_text("Please can you come soon")

    run(go())


def test_bottom_lines_and_next_steps_are_written_for_the_phones_to_pull(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = Family(hub, hub.household_id, now)
    plan = SafetyPlan(worries=(Point("w-1", "Shouting at bedtime", "ade", iso(now)),),
                      revision=2)
    family.push("safety_plans", plan.to_json(), record_id="family")

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Safety plan and scale")
        assert d.has_text("Shouting at bedtime")
        await d.tap("Add bottom line")
        assert d.has_text("Please type a few words first.")
        await d.type("New bottom line", "Tolu is collected from school by Ade or Gran")
        await d.tap("Add bottom line")
        assert d.has_text("Bottom line added.")
        await d.type("What needs to happen", "Book a family meeting")
        await d.type("Who will do it", "Ade")
        await d.select("By when", "week")
        await d.tap("Add next step")
        assert d.has_text("Book a family meeting")
        await d.tap("Remove: Tolu is collected from school by Ade or Gran")
        assert d.has_text("Bottom line taken off the plan.")
        assert not d.conn.errors

    run(go())
    pulled, _ = family.phone.pull_all()
    latest = [r for r in pulled if r["collection"] == "safety_plans"][-1]
    assert latest["revision"] == 4 and latest["author"] == f"agency:{worker_id}"
    got = SafetyPlan.from_json(latest["body"])
    assert [p.text for p in got.worries] == ["Shouting at bedtime"]
    assert [(p.text, p.shown) for p in got.bottom_lines] == [
        ("Tolu is collected from school by Ade or Gran", False)]
    (step,) = got.actions
    assert (step.what, step.who) == ("Book a family meeting", "Ade")
    assert step.due == (now.date() + timedelta(days=7)).isoformat()
