"""Caseloads in the worker UI, headless over a real hub on SQLite and PostgreSQL.

A worker sees only the households allocated to them and cannot open another by its address;
a manager sees them all and reads the access log; every opening of a household, and of its
sealed messages, is written down.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.checkins import Feeling
from app.domain.people import Role
from app.hub.admin import add_worker, register_household
from app.hub.casework.allocation import access_lines, allocate, deallocate
from app.hub.db import access_log
from app.hub.protocol import b64decode, b64encode
from app.hub.worker.app import build_worker_main
from app.hub.worker.household import parts
from app.sync.sealing import seal
from tests.hub.worker_family import Family, iso
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.views.headless import Driver, FakeClock, run

PASSWORD = "tea and biscuits at ten"


@pytest.fixture
def clock() -> FakeClock:
    """The worker UI's clock, starting now (the family's records must not be ahead of it)."""
    return FakeClock(float(int(time.time())))


@pytest.fixture
def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock.now, UTC)


async def signed_in(hub: RunningHub, clock: FakeClock, username: str) -> Driver:
    d = await Driver.start(build_worker_main(hub.engine, clock=clock))
    await d.type("Username", username)
    await d.type("Password", PASSWORD)
    await d.tap("Sign in")
    await d.settle(100)
    return d


def openings(hub: RunningHub) -> list[tuple[int, str, str]]:
    """Every access-log row, oldest first: (worker, household, what)."""
    with hub.engine.connect() as connection:
        rows = connection.execute(select(access_log).order_by(access_log.c.id)).all()
    return [(row.worker_id, row.household_id, row.what) for row in rows]


def test_a_worker_sees_only_their_families_and_cannot_open_another_by_its_address(
    hub: RunningHub, clock: FakeClock, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    okafors = Family(hub, hub.household_id, now)
    okafors.member("tolu", "Tolu", Role.CHILD)
    okafors.alert("tolu", now - timedelta(minutes=5))
    adams = Family(hub, register_household(hub.engine, "The Adams household"), now)
    adams.checkin("mia", now - timedelta(hours=1), Feeling.HAPPY, words="Swimming was fun")
    allocate(hub.engine, adams.household_id, priya, now)
    read: list[str] = []
    real = parts.household_records

    def spy(engine: Any, household_id: str, **options: Any) -> Any:
        read.append(household_id)
        return real(engine, household_id, **options)

    monkeypatch.setattr(parts, "household_records", spy)

    async def go() -> None:
        d = await signed_in(hub, clock, "priya")
        assert "hub-caseload" in d.identifiers(), d.texts()
        assert d.has_text("The Adams household") and not d.has_text("The Okafor household")
        assert not d.has_text("Safety alert")  # someone else's family's alert
        d.page.navigate(f"/household/{hub.household_id}")
        await d.settle(40)
        assert "hub-not-yours" in d.identifiers(), d.texts()
        d.page.navigate(f"/household/{hub.household_id}/messages")
        await d.settle(40)
        assert "hub-not-yours" in d.identifiers()
        assert not d.has_text("Tolu") and not d.has_text("The Okafor household")
        await d.tap("Back to your families")
        await d.tap("The Adams household")
        assert "hub-household" in d.identifiers()
        assert not d.conn.errors

    run(go())
    assert hub.household_id not in read  # nothing of the Okafors was read for Priya
    # ... but her try is in the access log, for a manager to see
    assert openings(hub) == [(priya, hub.household_id, "refused"),
                             (priya, adams.household_id, "household")]


def test_a_manager_sees_every_family_and_reads_who_opened_what_newest_first(
    hub: RunningHub, clock: FakeClock, now: datetime
) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    add_worker(hub.engine, "Mo Lee", "mo", PASSWORD, manager=True)
    okafors = Family(hub, hub.household_id, now)
    okafors.member("tolu", "Tolu", Role.CHILD)
    words = json.dumps({"text": "Please ring me", "from_name": "Tolu", "from_role": "child",
                        "written_at": iso(now)})
    sealed = seal(b64decode(okafors.phone.agency_public_key), words.encode(), "msg-1")
    okafors.push("worker_messages", {}, record_id="msg-1", body=None,
                 sealed_body=b64encode(sealed))
    register_household(hub.engine, "The Adams household")
    allocate(hub.engine, hub.household_id, priya, now)

    async def worker_reads() -> None:
        d = await signed_in(hub, clock, "priya")
        await d.tap("The Okafor household")
        await d.tap("Timeline")  # moving within the household is the same opening
        await d.tap("Back")
        await d.tap("Messages for you")
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open sealed messages")
        await d.settle(100)
        assert d.has_text("Please ring me")
        await d.tap("Back")
        await d.tap("Back")  # to the caseload: the household is closed ...
        assert "hub-caseload" in d.identifiers()
        await d.tap("The Okafor household")  # ... so this is a new opening
        assert not d.has_text("Who opened what")  # not for a worker
        d.page.navigate("/access-log")
        await d.settle(40)
        assert "hub-access-refused" in d.identifiers()
        assert not d.conn.errors

    run(worker_reads())
    assert openings(hub) == [(priya, hub.household_id, "household"),
                             (priya, hub.household_id, "sealed_messages"),
                             (priya, hub.household_id, "household")]

    async def manager_reads() -> None:
        clock.advance(60)
        d = await signed_in(hub, clock, "mo")
        assert d.has_text("The Okafor household") and d.has_text("The Adams household")
        assert d.has_text("You see every family")
        await d.tap("Who opened what")
        assert "hub-access-log" in d.identifiers(), d.texts()
        lines = [text for text in d.texts_in("hub-access-log") if text.startswith("Priya")]
        assert lines[:3] == ["Priya Shah opened The Okafor household",
                             "Priya Shah opened sealed words (messages or visit notes) of "
                             "The Okafor household",
                             "Priya Shah opened The Okafor household"]
        d.page.navigate("/household/no-such-household")
        await d.settle(40)
        assert "hub-household-missing" in d.identifiers()
        assert not d.conn.errors

    run(manager_reads())
    assert [line.worker_name for line in access_lines(hub.engine)] == ["Priya Shah"] * 3


def test_a_household_taken_off_a_caseload_closes_in_a_tab_already_open(
    hub: RunningHub, clock: FakeClock, now: datetime
) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    Family(hub, hub.household_id, now).checkin("x", now - timedelta(hours=2))
    allocate(hub.engine, hub.household_id, priya, now)

    async def go() -> None:
        d = await signed_in(hub, clock, "priya")
        await d.tap("The Okafor household")
        assert "hub-household" in d.identifiers()
        deallocate(hub.engine, hub.household_id, priya)
        await d.tap("Check-ins")
        assert "hub-not-yours" in d.identifiers(), d.texts()
        await d.tap("Back to your families")
        assert d.has_text("No families are allocated to you yet.")
        assert not d.conn.errors

    run(go())
