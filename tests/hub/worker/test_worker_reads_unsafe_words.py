"""The worker reads a child's words on a check-in where the child said they do not feel safe:
kept from everyone at home, they reach the agency whole (rules 1 and 2)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.checkins import CheckIn, Feeling
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run

TOLD = "Dad hurt me last night"


def test_the_worker_reads_the_words_nobody_at_home_reads(
        hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int,
        okafors: Family) -> None:
    made = now - timedelta(minutes=5)
    told = CheckIn("c-told", Feeling.SAD, 2, (), (), TOLD, "tolu", iso(made),
                   words_for_worker=True)
    okafors.push("checkins", told.to_json(), at=made)

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Check-ins")
        assert d.has_text(f"“{TOLD}”"), d.texts()
        assert not d.has_text("could not be read here")
        assert not d.conn.errors

    run(go())
