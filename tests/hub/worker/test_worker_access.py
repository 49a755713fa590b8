"""Getting into the worker UI, and being kept out: every page needs sign-in, failures give
nothing away, five lock a username in every tab, a tab left alone signs out and forgets the
agency key, and the API and the worker UI share one server behind the same headers.

Driven headless over a real hub (SQLite).
"""

from __future__ import annotations

import httpx
import pytest

from app.hub.worker.app import build_worker_main
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    PASSWORD,
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.views.headless import Driver, FakeClock, run


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
