"""A real family's phone and the worker UI, end to end through a real hub.

The Taylors' encrypted store and sync service send a child's alert and sealed message; the
worker reads them in the worker UI and answers with a bottom line and "seen"; the phone's next
sync brings the bottom line home (the "seen" stays at the agency, where alerts are read: rule
7), and phone and hub hold the same records.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from device_kit import (
    Family,
    agency_got_what_it_sent,
    device_records,
    hub_records,
    pair,
    taylors,
)

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling
from app.hub.admin import add_worker
from app.hub.casework.allocation import allocate
from app.hub.worker.app import build_worker_main
from app.services.checkins import checkins_for
from app.services.safety import safety_for
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.views.headless import Driver, run

PASSWORD = "tea and biscuits at ten"


@pytest.fixture
def family(tmp_path: Path, hub: RunningHub) -> Iterator[Family]:
    """The Taylors, paired with the hub's household."""
    made = taylors(tmp_path / "taylors")
    pair(made, hub.url, hub.engine, hub.household_id)
    yield made
    made.gate.close()


def test_the_workers_answers_reach_the_family_on_their_next_sync(
    hub: RunningHub, family: Family
) -> None:
    priya_id = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    allocate(hub.engine, hub.household_id, priya_id, datetime.now(UTC))
    sam = family.member("Sam")
    checkins_for(family.household).record(sam, Feeling.SCARED, 4)
    checkins_for(family.household).raise_alert(sam, AlertSource.CHECKIN)
    family.sync().send_to_worker(sam, "Can you ring me after school")
    family.sync().sync_now()

    async def go() -> None:
        d = await Driver.start(build_worker_main(hub.engine, clock=time.time))
        await d.type("Username", "priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        assert d.has_text("Safety alert just now"), d.texts()
        await d.tap("The Okafor household")
        await d.tap("Mark as seen: Sam said they don't feel safe")
        await d.settle(60)
        await d.tap("Messages for you")
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open sealed messages")
        await d.settle(100)
        assert d.has_text("Can you ring me after school") and d.has_text("From Sam (child)")
        await d.tap("Back")
        await d.tap("Safety plan and scale")
        await d.type("New bottom line", "Sam is never left alone with Uncle Ray")
        await d.type("Why this bottom line? (the family will read this)",
                     "Agreed at the review")
        await d.tap("Add bottom line")
        assert d.has_text("Bottom line added.")
        assert not d.conn.errors

    run(go())
    family.sync().sync_now()
    priya = family.member("Priya")
    assert checkins_for(family.household).unseen_alerts(priya) == []
    plan = safety_for(family.household).plan()
    assert [p.text for p in plan.bottom_lines] == ["Sam is never left alone with Uncle Ray"]
    assert device_records(family.store) == hub_records(hub.engine, hub.household_id)
    agency_got_what_it_sent(family.store, hub.engine, hub.household_id)
    assert family.store.find("safety_alerts_seen") == []  # read at the agency, not at home
    assert family.sync().status().waiting == 0
