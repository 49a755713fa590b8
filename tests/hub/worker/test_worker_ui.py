"""The worker UI, driven headless over a real hub: sign-in, caseload, a household, changes.

Records reach the hub from a paired phone through the real protocol; the worker's changes are
then pulled by that phone, as the family's devices would get them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from app.domain.agreement import AgreementVersion, Rule, Signature, Status
from app.domain.checkins import Feeling
from app.domain.chores import Chore, Often, TickEvent, TickKind, Who
from app.domain.circles import Agreement as CircleAgreement
from app.domain.circles import CircleKind, Turn, TurnKind, new_circle
from app.domain.diary import DayPart, DiaryEntry, DiaryWords, Sharing
from app.domain.people import Role
from app.domain.safety import Point, SafetyPlan
from app.domain.safety_child import ChildSafetyPlan, TrustedAdult
from app.hub.admin import add_worker, register_household
from app.hub.casework.allocation import allocate
from app.hub.conflict_queue import list_conflicts, resolve_conflict
from app.hub.db import make_engine, migrate
from app.hub.protocol import b64decode, b64encode
from app.hub.sync import write_as_worker
from app.hub.worker.app import build_worker_main
from app.sync.sealing import seal
from tests.hub.worker_family import Family, iso
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.views.headless import Driver, FakeClock, run

PASSWORD = "tea and biscuits at ten"


@pytest.fixture
def hub_engine(tmp_path: Path) -> Iterator[Engine]:
    """These screens run on SQLite only: the queries under them are tested on both databases
    in test_caseload.py, test_hub_conflicts.py and test_worker_round_trip.py."""
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    """The worker UI's clock, moved by hand; it starts now, since the family's records it
    stamps must not be ahead of the hub's own clock."""
    return FakeClock(float(int(time.time())))


@pytest.fixture
def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock.now, UTC)


@pytest.fixture
def worker_id(hub: RunningHub, now: datetime) -> int:
    """Priya, a worker with the hub's household (the Okafors) on her caseload."""
    worker = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, worker, now)
    return worker


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
    allocate(hub.engine, quiet.household_id, worker_id, now)

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
        await d.type("Why this bottom line? (the family will read this)",
                     "Agreed at the review")
        await d.tap("Add bottom line")
        assert d.has_text("Bottom line added.")
        assert d.field("New bottom line").value == ""
        await d.type("What needs to happen", "Book a family meeting")
        await d.type("Who will do it", "Ade")
        await d.select("By when", "week")
        await d.tap("Add next step")
        assert d.has_text("Please say why, in a few plain words")  # the family is told why
        await d.type("Why this step? (the family will read this)", "To agree the new plan")
        await d.tap("Add next step")
        assert d.has_text("Book a family meeting")
        assert d.has_text("Not read at home yet")
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


def test_a_crossed_edit_shows_both_versions_and_the_family_version_can_win(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = Family(hub, hub.household_id, now)
    family.member("ade", "Ade", Role.PARENT)
    first = SafetyPlan(working_well=(Point("p-1", "Homework after tea", "ade", iso(now)),))
    family.push("safety_plans", first.to_json(), record_id="family")
    agency = SafetyPlan(working_well=first.working_well, bottom_lines=(
        Point("b-1", "No smoking in the house", f"agency:{worker_id}", iso(now)),))
    write_as_worker(hub.engine, hub.household_id, collection="safety_plans", record_id="family",
                    body=agency.to_json(), shard=None, worker_id=worker_id, now=now)
    mine = SafetyPlan(working_well=(*first.working_well,
                                    Point("p-2", "Walks on Sunday", "ade", iso(now))))
    family.push("safety_plans", mine.to_json(), record_id="family", revision=2,
                base_revision=1, author="ade", expect="conflict")

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert d.has_text("1 edit was made on a phone and on the hub at the same time.")
        await d.tap("Edits to settle")
        assert d.has_text("The safety plan: two versions")
        assert d.has_text("• Bottom line: No smoking in the house (only in this version)")
        assert d.has_text("• Working well: Walks on Sunday (only in this version)")
        assert d.has_text("Working well: Homework after tea")
        assert d.has_text("From the family's phone, by Ade, ")
        await d.tap("Use the family's version")
        await d.settle(60)
        assert d.has_text("Settled.") and d.has_text("Nothing to settle.")
        assert not d.conn.errors

    run(go())
    pulled, _ = family.phone.pull_all()
    latest = [r for r in pulled if r["id"] == "family"][-1]
    assert latest["revision"] == 3 and latest["author"] == f"agency:{worker_id}"
    assert [p.text for p in SafetyPlan.from_json(latest["body"]).working_well] == [
        "Homework after tea", "Walks on Sunday"]
    assert list_conflicts(hub.engine, hub.household_id) == []


def everything(family: Family, now: datetime) -> None:
    """One of each kind of record a family sends, and one that cannot be read."""
    day = now - timedelta(days=1)
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    family.checkin("tolu", day, Feeling.HAPPY, words="We went to the park")
    family.rating("ade", 6, now - timedelta(days=3))
    family.rating("ade", 8, day)
    rule = Rule("r-1", "We speak kindly", "ade", iso(day), kept="Film night")
    version = AgreementVersion("v-1", 1, "ade", iso(day), status=Status.SIGNED, rules=(rule,),
                               signatures=(Signature("ade", "Ade", "parent", iso(day)),),
                               signed_at=iso(day))
    family.push("agreement_versions", version.to_json())
    chore = Chore("c-1", "Feed the cat", "cat", Who.ONE, ("tolu",), Often.DAILY, day.date(),
                  "ade", iso(day), stars=2)
    family.push("chores", chore.to_json())
    tick = TickEvent("t-1", TickKind.TICK, "c-1", "tolu", day.date(), "tolu", iso(day))
    family.push("chore_ticks", tick.to_json())
    circle = new_circle("ci-1", CircleKind.FAMILY_MEETING, ["ade", "tolu"], "ade", iso(day))
    circle = circle.with_agreement(CircleAgreement("a-1", "Phones off at tea", "ade", iso(day)),
                                   "ade", iso(day))
    family.push("circles", circle.to_json())
    turn = Turn("tu-1", "ci-1", 0, "tolu", TurnKind.SPOKE, "ade", iso(day), "The park")
    family.push("circle_turns", turn.to_json())
    words = DiaryWords(day.date(), DayPart.BEDTIME, went_well="Two stories and sleep",
                       sharing=Sharing.WORKER)
    family.push("diary_entries", DiaryEntry("d-1", "e-1", 1, "ade", iso(day), words).to_json())
    child_plan = ChildSafetyPlan("tolu", trusted_adults=(
        TrustedAdult("ad-1", "Gran", "grandmother", "07700 900123", "ade", iso(day)),))
    family.push("child_safety_plans", child_plan.to_json())
    family.push("checkins", {"id": "odd", "feeling": "not a feeling"})


#: Each tile of a household's page, its screen, and words it must show for ``everything``.
SECTIONS = [
    ("Timeline", "hub-timeline", ("Tolu checked in: happy", "Ade shared a diary entry",
                                  "Tolu did a chore: Feed the cat")),
    ("Check-ins", "hub-checkins", ("Check-ins in the last two weeks: 1. Latest: Tolu, happy",
                                   "“We went to the park”")),
    ("Safety plan and scale", "hub-safety", ("Safety scale: 2 ratings, latest 8 from Ade",
                                             "Tolu's own safety plan", "Gran (grandmother)")),
    ("Household agreement", "hub-agreement", ("When it is kept: Film night", "Signed by Ade")),
    ("Chores", "hub-chores", ("Feed the cat", "Done once in the last two weeks")),
    ("Circles", "hub-circles", ("Weekly family meeting", "Agreed: Phones off at tea")),
    ("Shared diary", "hub-diary", ("Bedtime, ", "Two stories and sleep")),
]


def test_each_part_of_a_household_reads_in_plain_words(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    everything(Family(hub, hub.household_id, now), now)

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        for tile, identifier, expected in SECTIONS:
            await d.tap(tile)
            assert identifier in d.identifiers(), (tile, d.texts())
            for words in expected:
                assert d.has_text(words), (tile, words, d.texts())
            await d.tap("Back")
            assert "hub-household" in d.identifiers()
        assert not d.conn.errors

    run(go())


def test_an_unknown_household_or_address_offers_the_way_back(
    hub: RunningHub, clock: FakeClock, worker_id: int
) -> None:
    async def go() -> None:
        d = await signed_in(hub, clock)
        d.page.navigate("/household/no-such-family/safety")
        await d.settle(40)
        # A worker is not told whether a household that is not theirs exists at all.
        assert "hub-not-yours" in d.identifiers(), d.texts()
        await d.tap("Back to your families")
        assert "hub-caseload" in d.identifiers()
        d.page.navigate("/nowhere")
        await d.settle(40)
        assert "hub-not-found" in d.identifiers()
        assert not d.conn.errors

    run(go())


def test_a_tab_left_alone_signs_out_and_forgets_the_agency_key(
    hub: RunningHub, clock: FakeClock, worker_id: int, okafors: Family,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.hub.worker.app.SESSION_CHECK_SECONDS", 0.01)

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Messages for you")
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open sealed messages")
        await d.settle(100)
        assert d.has_text("Please can you come soon")
        clock.advance(29 * 60)
        await d.settle()
        assert d.has_text("Please can you come soon")
        clock.advance(2 * 60)
        await d.settle()
        assert "hub-sign-in" in d.identifiers()
        assert d.has_text("You were signed out because this page was not used for a while.")
        await d.type("Username", "priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        await d.tap("The Okafor household")
        await d.tap("Messages for you")
        assert d.has_text("1 sealed message is waiting.")
        assert not d.has_text("Please can you come soon")

    run(go())


def test_v1_stays_the_api_and_everything_else_is_the_worker_ui_behind_the_same_headers(
    hub: RunningHub
) -> None:
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        assert client.get("/v1/health").json() == {"status": "ok"}
        unknown = client.get("/v1/no-such-thing")
        assert unknown.status_code == 404 and "<html" not in unknown.text.lower()
        for path in ("/", f"/household/{hub.household_id}/messages"):
            page = client.get(path)
            assert page.status_code == 200 and "flutter" in page.text.lower(), path
            assert page.headers["content-security-policy"].startswith("default-src 'self'")
            assert "access-control-allow-origin" not in page.headers
        assert client.get("/docs").status_code == 404
        handshake = {"Connection": "Upgrade", "Upgrade": "websocket",
                     "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
        foreign = client.get("/ws", headers={**handshake, "Origin": "http://elsewhere.example"})
        assert foreign.status_code == 403


def test_an_edit_settled_in_another_tab_says_so_instead_of_failing(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    family = Family(hub, hub.household_id, now)
    family.push("chores", {"id": "c-1", "name": "Bins"}, record_id="c-1")
    write_as_worker(hub.engine, hub.household_id, collection="chores", record_id="c-1",
                    body={"id": "c-1", "name": "Bins out on Monday"}, shard=None,
                    worker_id=worker_id, now=now)
    family.push("chores", {"id": "c-1", "name": "Bins on Tuesday"}, record_id="c-1",
                revision=2, base_revision=1, expect="conflict")

    async def go() -> None:
        d = await signed_in(hub, clock)
        d.page.navigate(f"/household/{hub.household_id}/conflicts")
        await d.settle(40)
        assert d.has_text("A chore: two versions"), d.texts()
        (conflict,) = list_conflicts(hub.engine, hub.household_id)
        resolve_conflict(hub.engine, conflict.id, keep="hub", worker_id=worker_id, now=now)
        await d.tap("Use the family's version")
        await d.settle(40)
        assert d.has_text("Someone has settled this already.")
        assert d.has_text("Nothing to settle.")
        assert not d.conn.errors

    run(go())
