"""Every household page, and the caseload, still draws with a bad record of each kind a paired
device can push (and the hub stores): the records are left out, the rest is shown as before,
and the tab goes on working, so it still signs out when left alone.

Driven headless over a real hub (SQLite).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from app.hub.admin import add_worker
from app.hub.worker.app import HOUSEHOLD_PARTS, build_worker_main
from tests.hub.test_caseload_poison import poison
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    PASSWORD,
    everything,
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub
from tests.views.headless import Driver, FakeClock, run

SECTIONS = ["", *(str(part.path) for part in HOUSEHOLD_PARTS if part.path)]


async def each_page(d: Driver, household_id: str) -> dict[str, frozenset[str]]:
    """Open every part of the household in turn: what each page shows (its hub-* names)."""
    shown = {}
    for section in SECTIONS:
        d.page.navigate(f"/household/{household_id}" + (f"/{section}" if section else ""))
        await d.settle(60)
        shown[section] = frozenset(i for i in d.identifiers() if i.startswith("hub-"))
    return shown


def test_every_page_draws_the_same_with_a_bad_record_of_each_kind(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.hub.worker.app.SESSION_CHECK_SECONDS", 0.01)
    add_worker(hub.engine, "Mo Lee", "mo", PASSWORD, manager=True)
    family = Family(hub, hub.household_id, now)
    everything(family, now)
    good: dict[str, frozenset[str]] = {}

    async def first() -> None:
        d = await signed_in(hub, clock)
        good.update(await each_page(d, hub.household_id))

    run(first())
    family.worker()  # the poison visit names the household's own worker
    for collection, body in poison(now).values():  # one of each kind, all at once
        record_id = (f"m-{uuid.uuid4().hex[:10]}" if collection == "members"
                     else str(uuid.uuid4()))
        family.push(collection, {"id": record_id, **body}, record_id=record_id,
                    urgent=collection == "safety_alerts")

    async def go() -> None:
        manager = await Driver.start(build_worker_main(hub.engine, clock=clock))
        await manager.type("Username", "mo")
        await manager.type("Password", PASSWORD)
        await manager.tap("Sign in")
        await manager.settle(100)
        assert manager.has_text("The Okafor household") and not manager.conn.errors
        d = await signed_in(hub, clock)
        assert d.has_text("The Okafor household")
        shown = await each_page(d, hub.household_id)
        assert [section for section in SECTIONS if shown[section] != good[section]] == []
        assert not d.conn.errors
        clock.advance(31 * 60)  # left alone: the tab still signs out
        await d.settle()
        assert "hub-sign-in" in d.identifiers()

    run(go())
