"""The worker sees a child's check-in the hub can read only in part: her feeling, her words and
what would help, with what was left out said plainly; the caseload, the household's page and
its Check-ins page count the same check-ins; and records the hub cannot read at all are
counted on the household's page, never shown.

Driven headless over a real hub (SQLite); the reading itself is tested on both databases in
tests/hub/test_checkin_in_part.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.checkins import Reason
from app.i18n import speaking, t
from tests.hub.test_checkin_in_part import newer_checkin
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    everything,
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run


def test_a_checkin_from_a_newer_homeward_shows_the_childs_words(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    made = now - timedelta(minutes=5)
    okafors.push("checkins", newer_checkin(made), at=made)
    okafors.push("checkins", {"id": "c-odd", "feeling": "nervous", "size": 2,
                              "created_by": "tolu", "created_at": iso(made)}, at=made)
    okafors.push("chores", {"id": "ch-odd", "name": 7})  # not readable here at all

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert d.has_text("3 check-ins in the last 7 days"), d.texts()
        await d.tap("The Okafor household")
        assert d.has_text("3 check-ins in the last 7 days"), d.texts()
        assert "3 check-ins" in d.texts()
        assert d.has_text("1 record sent by the family could not be read here.")
        assert not d.has_text("ch-odd")
        await d.tap("Check-ins")
        assert not d.has_text("No check-ins yet."), d.texts()
        assert d.has_text("Tolu felt scared (size 5 of 5)")
        assert d.has_text("“I don't want to go home”")
        assert d.has_text("Would help: a talk")
        assert d.has_text("Why: home"), d.texts()  # what the child said it was about
        assert d.has_text("Part of this check-in could not be read here.")
        assert d.has_text("Tolu chose a feeling this hub does not know (size 2 of 5)")
        assert d.has_text("Check-ins in the last two weeks: 3. Latest: Tolu, "
                          "a feeling this hub does not know")
        await d.tap("Back")
        await d.tap("Timeline")
        assert d.has_text("Tolu checked in: a feeling this hub does not know"), d.texts()
        assert sum(text == "Tolu checked in: scared" for text in d.texts()) == 2
        assert not d.conn.errors

    run(go())


def test_the_caseload_and_the_household_count_the_same_checkins(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    everything(Family(hub, hub.household_id, now), now)  # with a check-in read in part

    async def go() -> None:
        d = await signed_in(hub, clock)
        assert d.has_text("2 check-ins in the last 7 days"), d.texts()
        await d.tap("The Okafor household")
        assert d.has_text("2 check-ins in the last 7 days"), d.texts()
        assert "2 check-ins" in d.texts()
        assert not d.has_text("could not be read here")
        await d.tap("Check-ins")
        assert d.has_text("Someone chose a feeling this hub does not know"), d.texts()
        assert d.has_text("“We went to the park”")
        assert not d.conn.errors

    run(go())


def test_every_reason_a_child_can_give_has_words_at_the_agency() -> None:
    for language in ("en-GB", "cy-GB"):
        with speaking(language):
            assert all(t(f"hub.reason.{reason.value}") for reason in Reason)
