"""The worker UI at a desk (1280 px wide), headless over a real hub: the caseload beside the
household, its strengths, rituals, carers, visits and reviews, the timeline between two days,
and a report printed to the worker who asked for it, once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from flet.messaging.protocol import MessageAction
from sqlalchemy import Engine

from app.domain.checkins import Feeling
from app.domain.people import Role
from app.domain.programme.visits import VisitAction
from app.hub.accounts.workers import reset_password
from app.hub.admin import add_worker, register_household
from app.hub.casework.allocation import access_lines, allocate, deallocate
from app.hub.casework.progress import previous_month
from app.hub.db import make_engine, migrate
from app.hub.downloads import ReportDesk, create_download_app
from app.hub.worker.app import build_worker_main
from app.hub.worker.words import day_words, month_words
from tests.hub.programme_kit import carer, goal, review, ritual, ritual_done, strength, visit
from tests.hub.worker_family import Family
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.views.headless import Driver, FakeClock, run, until

PASSWORD = "tea and biscuits at ten"
DESK = 1280


@pytest.fixture
def hub_engine(tmp_path: Path) -> Iterator[Engine]:
    """These screens run on SQLite only: the queries under them are tested on both databases
    in tests/hub/test_casework.py and test_worker_caseloads.py."""
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(float(int(time.time())))


@pytest.fixture
def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock.now, UTC)


def months_before(today: date, count: int) -> list[str]:
    """The ``count`` months before ``today``'s, oldest first ("2026-08", ...)."""
    found, day = [], today
    for _ in range(count):
        month = previous_month(day)
        found.append(month)
        day = date.fromisoformat(f"{month}-01")
    return list(reversed(found))


@pytest.fixture
def worker(hub: RunningHub, now: datetime) -> int:
    """Priya, with the Okafors and the Adams on her caseload."""
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya, now)
    return priya


@pytest.fixture
def okafors(hub: RunningHub, now: datetime, worker: int) -> Family:
    """The Okafors, a few months into the programme: going well, with a review due."""
    family = Family(hub, hub.household_id, now)
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    family.rating("ade", 4, now - timedelta(days=20))
    family.rating("ade", 7, now - timedelta(days=2))
    for hours in (2, 26, 50):
        family.checkin("tolu", now - timedelta(hours=hours), Feeling.HAPPY)
    family.checkin("tolu", now - timedelta(days=40), Feeling.WORRIED, words="A long time ago")
    strength(family, "tolu", "Read a whole chapter aloud", now - timedelta(days=1))
    films = ritual(family, "Friday film night", now - timedelta(days=60), when="Fridays")
    ritual_done(family, films, now - timedelta(days=1))
    carer(family, "ade", now - timedelta(days=8))
    carer(family, "ade", now - timedelta(days=1), low=True, words="Very tired this week")
    visit(family, now - timedelta(days=35), notes={"safety": "Talked about bedtimes"})
    visit(family, now - timedelta(days=5), seen_alone=("tolu",),
          notes={"children": "Tolu showed me the garden"}, sealed=True,
          actions=(VisitAction("a-1", "Book the eye test", "Ade",
                               (now + timedelta(days=7)).date().isoformat()),),
          next_visit=(now + timedelta(days=9)).date().isoformat())
    goal(family, "g-1", "Calm mornings", now - timedelta(days=100))
    first, second, third = months_before(now.date(), 4)[:3]  # the last month has no review
    for month, score, safety in ((first, 4, {"ade": 5, "tolu": 6}), (second, 6, {"ade": 6}),
                                 (third, 7, {"ade": 8, "tolu": 7})):
        review(family, month, now - timedelta(days=60), {"g-1": ("Calm mornings", score)},
               safety=safety, went_well=f"Went well in {month}")
    return family


async def at_width(d: Driver, width: int) -> None:
    """The browser window is ``width`` pixels wide (as the Flet client reports a resize)."""
    d.session.apply_patch(d.page._i, {"width": width, "height": 800})
    await d.session.dispatch_event(d.page._i, "resize", {"width": width, "height": 800})
    await d.settle()


async def at_desk(hub: RunningHub, clock: FakeClock, desk: ReportDesk | None = None) -> Driver:
    d = await Driver.start(build_worker_main(hub.engine, clock=clock, reports=desk))
    await at_width(d, DESK)
    await d.type("Username", "priya")
    await d.type("Password", PASSWORD)
    await d.tap("Sign in")
    await d.settle(100)
    return d


def buttons_named(d: Driver, label: str) -> int:
    """How many buttons on the page say ``label`` (``Driver.controls``: only those on it)."""
    return sum(1 for c in d.controls()
               if getattr(c, "content", None) == label and hasattr(c, "on_click"))


def test_at_a_desk_the_caseload_sits_beside_the_household_and_says_what_is_going_well(
    hub: RunningHub, clock: FakeClock, now: datetime, worker: int, okafors: Family
) -> None:
    adams = Family(hub, register_household(hub.engine, "The Adams household"), now)
    adams.checkin("mia", now - timedelta(days=4))
    allocate(hub.engine, adams.household_id, worker, now)
    last_month = month_words(previous_month(now.date()))

    async def go() -> None:
        d = await at_desk(hub, clock)
        assert {"hub-caseload", "hub-desk-welcome"} <= d.identifiers(), d.texts()
        row = d.texts_in("caseload-0") + d.texts_in("caseload-1")
        for words in ("Safety scale up from 4 to 7 (Ade)", "3 check-ins in the last 7 days",
                      "1 strength or proud moment noted in the last 7 days",
                      "A family ritual done once in the last 7 days",
                      f"Review due: none for {last_month}", "No check-in for 4 days",
                      "Visit due: no visit recorded yet"):
            assert words in row, (words, row)
        await d.tap("The Okafor household")
        assert {"hub-caseload", "hub-household"} <= d.identifiers(), d.texts()
        # on the caseload only, not twice (once the page has settled on a busy machine)
        await until(d, lambda: buttons_named(d, "Sign out") == 1)
        assert "Going well" in d.texts() and f"Review due: none for {last_month}" in d.texts()
        await d.tap("The Adams household")  # straight from one family to the next
        assert d.has_text("No check-in for 4 days") and "hub-household" in d.identifiers()
        await at_width(d, 800)  # a narrow window: one screen at a time again
        assert "hub-household" in d.identifiers() and "hub-caseload" not in d.identifiers()
        await until(d, lambda: buttons_named(d, "Sign out") == 1)
        assert not d.conn.errors

    run(go())


#: Each new part of a household's page, its screen, and words it must show.
PARTS = [
    ("Strengths and proud moments", "hub-strengths",
     ("Proud moment: Read a whole chapter aloud", "Tolu")),
    ("Rituals", "hub-rituals", ("Friday film night", "When: Fridays", "Done on 1 day so far")),
    ("Carers' wellbeing", "hub-carers", ("Ade: 3 out of 20", "Ade: 17 out of 20")),
    ("Visits", "hub-visits", ("There: Ade, Tolu", "Seen on their own: Tolu",
                              "Talked about bedtimes", "Agreed: Book the eye test",
                              "Visit by Priya Shah", "No child was seen on their own",
                              "The worker's notes are sealed")),
    ("Monthly reviews", "hub-reviews", ("Calm mornings: 7 out of 10", "Went well in",
                                        "Ade: 8 out of 10")),
]


def test_the_household_shows_strengths_rituals_carers_visits_and_reviews(
    hub: RunningHub, clock: FakeClock, now: datetime, worker: int, okafors: Family
) -> None:
    first, _, third = months_before(now.date(), 4)[:3]

    async def go() -> None:
        d = await at_desk(hub, clock)
        await d.tap("The Okafor household")
        for tile, identifier, expected in PARTS:
            await d.tap(tile)
            assert identifier in d.identifiers(), (tile, d.texts())
            for words in expected:
                assert d.has_text(words), (tile, words, d.texts())
            await d.tap("Back")
        await d.tap("Monthly reviews")
        (chart,) = [c for c in d.controls() if getattr(c, "identifier", "") == "hub-review-chart"]
        assert chart.label == (
            f"Monthly reviews, 3 months from {month_words(first)} to {month_words(third)}: "
            "Calm mornings from 4 to 7; Safety scale (lowest rating) from 5 to 7.")
        assert d.has_text("Sounds worn down") is False  # that is on the carers' screen
        await d.tap("Back")
        await d.tap("Visits")
        assert not d.has_text("Tolu showed me the garden")  # sealed for the agency
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open the notes")
        await d.settle(100)
        assert d.has_text("Tolu showed me the garden") and d.has_text("Each child's voice")
        assert not d.has_text("The worker's notes are sealed")
        await d.tap("Back")
        await d.tap("Carers' wellbeing")
        assert d.has_text("Sounds worn down: offer support")
        assert d.has_text("“Very tired this week”")
        assert not d.conn.errors

    run(go())
    whats = [line.what for line in access_lines(hub.engine)]
    assert whats == ["sealed_visit_notes", "household"]  # one opening, and the sealed notes


def test_the_timeline_shows_the_days_chosen(
    hub: RunningHub, clock: FakeClock, now: datetime, worker: int, okafors: Family
) -> None:
    start = (now - timedelta(days=45)).date()
    end = (now - timedelta(days=30)).date()

    async def go() -> None:
        d = await at_desk(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Timeline")
        assert d.has_text("What happened lately") and d.has_text("Tolu checked in: happy")
        await d.type("From", "31/02/2026")
        await d.tap("Show these dates")
        assert d.has_text("Please write each date as day/month/year")
        await d.type("From", f"{end:%d/%m/%Y}")
        await d.type("To", start.isoformat())
        await d.tap("Show these dates")
        assert d.has_text('The "From" date is after the "To" date.')
        await d.type("From", f"{start.day}/{start.month}/{start.year}")
        await d.type("To", f"{end:%d/%m/%Y}")
        await d.tap("Show these dates")
        shown = d.texts()
        assert f"From {day_words(start)} to {day_words(end)}: 2 moments" in shown, shown
        assert "Tolu checked in: worried" in shown  # 40 days ago
        assert "Priya Shah visited the family" in shown  # 35 days ago
        assert "Tolu checked in: happy" not in shown  # this week
        await d.tap("Show the latest instead")
        assert d.has_text("What happened lately") and d.field("From").value == ""
        assert not d.conn.errors

    run(go())


def launched(d: Driver) -> list[str]:
    """The links the tab was asked to open (``launch_url``), in order."""
    return [m.body.args["url"] for m in d.conn.messages
            if m.action == MessageAction.INVOKE_METHOD and m.body.name == "launch_url"]


def test_a_printed_report_downloads_once_to_the_signed_in_worker_who_asked(
    hub: RunningHub, clock: FakeClock, now: datetime, worker: int, okafors: Family
) -> None:
    pytest.importorskip("app.reports")
    desk = ReportDesk()
    downloads = httpx.ASGITransport(app=create_download_app(hub.engine, desk))

    async def go() -> None:
        async with httpx.AsyncClient(transport=downloads, base_url="http://hub") as client:
            d = await at_desk(hub, clock, desk)
            await d.tap("The Okafor household")
            await d.type("From", "not a day")
            await d.tap("Print a case summary")
            assert d.has_text("Please write each date as day/month/year") and not launched(d)
            await d.type("From", f"{now - timedelta(days=60):%d/%m/%Y}")
            await d.tap("Print a case summary")
            await d.settle(200)
            (link,) = launched(d)
            assert link.startswith("/downloads/") and len(link) > 50
            assert d.has_text("Your report is downloading.")
            got = await client.get(link)
            assert got.status_code == 200 and got.content.startswith(b"%PDF")
            assert got.headers["content-type"] == "application/pdf"
            assert got.headers["cache-control"] == "no-store"
            assert got.headers["content-disposition"] == (
                'attachment; filename="the-okafor-household-case-summary.pdf"')
            again = await client.get(link)
            assert again.status_code == 404 and b"%PDF" not in again.content

            await d.tap("Monthly reviews")
            third = months_before(now.date(), 4)[2]
            await d.tap(f"Print this review: {month_words(third)}")
            await d.settle(200)
            review_link = launched(d)[-1]
            got = await client.get(review_link)
            assert got.status_code == 200 and got.content.startswith(b"%PDF")
            assert f'review-{third}.pdf"' in got.headers["content-disposition"]

            # Made, then the family left her caseload before it was fetched: refused.
            await d.tap(f"Print this review: {month_words(third)}")
            await d.settle(200)
            deallocate(hub.engine, hub.household_id, worker)
            refused = await client.get(launched(d)[-1])
            assert refused.status_code == 403 and b"%PDF" not in refused.content
            allocate(hub.engine, hub.household_id, worker, now)
            # Made, then the tab signed out before it was fetched: refused.
            await d.tap(f"Print this review: {month_words(third)}")
            await d.settle(200)
            await d.tap("Sign out")
            refused = await client.get(launched(d)[-1])
            assert refused.status_code == 403
            assert (await client.get("/downloads/made-up-token")).status_code == 404
            assert not d.conn.errors

    run(go())
    # every report made is in the access log: a whole case leaving the hub on paper
    whats = [line.what for line in access_lines(hub.engine)]
    assert whats.count("printed") == 4, whats


def test_a_report_link_is_refused_once_the_workers_sessions_are_ended(
    hub: RunningHub, worker: int
) -> None:
    desk = ReportDesk()
    downloads = httpx.ASGITransport(app=create_download_app(hub.engine, desk))
    mine = desk.issue(worker, hub.household_id, "report.pdf", b"%PDF-1.7", lambda: True, 0)
    ended = desk.issue(worker, hub.household_id, "report.pdf", b"%PDF-1.7", lambda: True, 0)

    async def go() -> None:
        async with httpx.AsyncClient(transport=downloads, base_url="http://hub") as client:
            assert (await client.get(mine)).status_code == 200
            # A new password ends every session, before this tab's next check notices.
            reset_password(hub.engine, "priya", "a brand new long password")
            refused = await client.get(ended)
            assert refused.status_code == 403 and b"%PDF" not in refused.content

    run(go())


def test_a_head_request_does_not_spend_a_report_link(
    hub: RunningHub, worker: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link checker asking HEAD first must leave the worker's one-time link working."""
    from starlette.testclient import TestClient

    import app.hub.server as hub_server

    desks: list[ReportDesk] = []

    class Recorded(ReportDesk):
        def __init__(self) -> None:
            super().__init__()
            desks.append(self)

    monkeypatch.setattr(hub_server, "ReportDesk", Recorded)
    client = TestClient(hub_server.build_hub_asgi(hub.engine), base_url="http://127.0.0.1")
    link = desks[0].issue(worker, hub.household_id, "report.pdf", b"%PDF-1.7", lambda: True, 0)
    assert client.head(link).content == b""
    got = client.get(link)
    assert got.status_code == 200 and got.content == b"%PDF-1.7"
