"""The worker UI when the agency acts on an account, driven headless over a real hub (SQLite):
a tab is signed out within seconds of its worker being switched off or given a new password,
and wrong agency passphrases count for the worker, not the tab."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.hub.accounts.workers import disable_worker, enable_worker, reset_password
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    PASSWORD,
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.views.headless import Driver, FakeClock, run, until

NEW_PASSWORD = "a brand new kettle for the office"


@pytest.fixture(autouse=True)
def quick_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tabs check their account every 50 ms here, rather than every 2 seconds."""
    monkeypatch.setattr("app.hub.worker.app.SESSION_CHECK_SECONDS", 0.05)


def test_a_tab_is_signed_out_when_the_agency_switches_its_worker_off(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert "hub-household" in d.identifiers(), d.texts()
        disable_worker(hub.engine, "priya", now)
        await until(d, lambda: "hub-sign-in" in d.identifiers(), seconds=5)
        assert d.has_text("You were signed out because the agency changed this account.")
        assert not d.has_text("Tolu said they don't feel safe")
        await d.type("Username", "priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        assert d.has_text("The agency has switched this account off.")
        assert "hub-sign-in" in d.identifiers()
        enable_worker(hub.engine, "priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        assert "hub-caseload" in d.identifiers(), d.texts()
        assert not d.conn.errors

    run(go())


def test_a_new_password_signs_out_every_tab_signed_in_with_the_old_one(
    hub: RunningHub, clock: FakeClock, worker_id: int
) -> None:
    async def go() -> None:
        first, second = await signed_in(hub, clock), await signed_in(hub, clock)
        reset_password(hub.engine, "priya", NEW_PASSWORD)
        for tab in (first, second):
            await until(tab, lambda tab=tab: "hub-sign-in" in tab.identifiers(), seconds=5)
        fresh = await signed_in(hub, clock, NEW_PASSWORD)
        await fresh.settle(40)
        assert "hub-caseload" in fresh.identifiers(), fresh.texts()

    run(go())


def test_wrong_agency_passphrases_count_for_the_worker_in_every_tab(
    hub: RunningHub, clock: FakeClock, worker_id: int, okafors: Family
) -> None:
    async def messages_in_a_new_tab() -> Driver:
        tab = await signed_in(hub, clock)
        await tab.tap("The Okafor household")
        await tab.tap("Messages for you")
        return tab

    async def go() -> None:
        d = await messages_in_a_new_tab()
        for _ in range(5):
            await d.type("Agency passphrase", "a wrong guess")
            await d.tap("Open sealed messages")
            await d.settle(60)
        other = await messages_in_a_new_tab()
        await other.type("Agency passphrase", AGENCY_PASSPHRASE)
        await other.tap("Open sealed messages")
        await other.settle(60)
        assert other.has_text("Too many tries. Please try again in 15 minutes.")
        assert not other.has_text("Please can you come soon")
        clock.advance(15 * 60)
        await other.tap("Open sealed messages")
        await other.settle(60)
        assert other.has_text("Please can you come soon")

    run(go())
