"""Reading families in the worker UI: the alerted household first on the caseload, sealed
messages opened only with the agency passphrase, each part of a household in plain words, and
the way back from an address that leads nowhere.

Driven headless over a real hub (SQLite); what the worker marks stays at the agency.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.chores import Chore, Often, TickEvent, TickKind, Who
from app.domain.people import Role
from app.hub.admin import register_household
from app.hub.casework.allocation import allocate
from app.hub.db import records
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    PASSWORD,
    everything,
    hub_engine,
    signed_in,
)
from tests.hub.worker_family import Family, iso
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.views.headless import FakeClock, run


def test_the_alerted_household_comes_first_and_marking_seen_stays_at_the_agency(
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
    # The mark is kept at the agency, by the worker, for that alert; no device is sent either
    # (a file written on the family's phone would tell that a child raised one: rule 7).
    with hub.engine.connect() as connection:
        kept = connection.execute(select(records.c.author, records.c.body, records.c.record_id,
                                         records.c.collection)
                                  .where(records.c.household_id == okafors.household_id)).all()
    (seen,) = [row for row in kept if row.collection == "safety_alerts_seen"]
    alert_id = next(row.record_id for row in kept if row.collection == "safety_alerts")
    assert seen.author == f"agency:{worker_id}"
    body = json.loads(bytes(seen.body))
    assert body["created_by"] == f"agency:{worker_id}" and body["alert_id"] == alert_id
    pulled, _ = okafors.phone.pull_all()
    assert not [r for r in pulled if r["collection"] in ("safety_alerts", "safety_alerts_seen")]


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

#: Each tile of a household's page, its screen, and words it must show for ``everything``.
SECTIONS = [
    ("Timeline", "hub-timeline", ("Tolu checked in: happy", "Ade shared a diary entry",
                                  "Tolu did a chore: Feed the cat")),
    # with ``everything``'s damaged check-in, read in part: nobody and no feeling it knows
    ("Check-ins", "hub-checkins", ("Check-ins in the last two weeks: 2. Latest: Someone, a "
                                   "feeling this hub does not know", "“We went to the park”")),
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



def test_signing_in_again_starts_at_the_caseload_and_every_family_still_opens(
    hub: RunningHub, clock: FakeClock, worker_id: int, okafors: Family
) -> None:
    """A worker who signs out on a family's page: whoever signs in next starts at their own
    caseload, not on that family, and the family's page opens again with a tap."""

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert "hub-household" in d.identifiers()
        await d.tap("Sign out")
        await d.type("Username", "Priya")
        await d.type("Password", PASSWORD)
        await d.tap("Sign in")
        await d.settle(100)
        assert "hub-caseload" in d.identifiers(), d.identifiers()
        await d.tap("The Okafor household")
        assert "hub-household" in d.identifiers(), d.identifiers()

    run(go())


def test_a_trusted_adult_taken_off_a_childs_plan_shows_who_did_it_and_when(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    """A parent may take anyone off a child's plan with one tap; the worker sees that it
    happened, by whom and when, not only who is on the plan now."""
    from app.domain.safety_child import ChildSafetyPlan, TrustedAdult

    family = Family(hub, hub.household_id, now)
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    day = now - timedelta(days=2)
    plan = ChildSafetyPlan("tolu", trusted_adults=(
        TrustedAdult("ad-1", "Nan", "grandmother", "07700 900123", "priya", iso(day),
                     removed_by="ade", removed_at=iso(now - timedelta(days=1))),
        TrustedAdult("ad-2", "Mrs Bell", "teacher", "01632 960001", "ade", iso(day))))
    family.push("child_safety_plans", plan.to_json())

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Safety plan and scale")
        assert d.has_text("Mrs Bell (teacher)")
        removed = [text for text in d.texts() if text.startswith("Taken off the plan:")]
        assert removed and removed[0].startswith("Taken off the plan: Nan (grandmother), by Ade"), (
            d.texts())

    run(go())


def test_a_chore_ticked_on_two_devices_is_done_once_on_the_chores_screen(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    """Tolu ticks on the tablet and Ade ticks for Tolu on his phone: one job done, as the
    family's own screens say; a job ticked twice and taken back is not done at all."""
    ticked_twice_and_taken_back(Family(hub, hub.household_id, now), now)

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Chores")
        assert d.has_text("Done once in the last two weeks"), " | ".join(d.texts())

    run(go())


def test_the_timeline_says_a_job_once_and_a_tick_taken_back_plainly(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int
) -> None:
    """The same ticks on the timeline: yesterday's job once, the day before's as taken back."""
    ticked_twice_and_taken_back(Family(hub, hub.household_id, now), now)

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Timeline")
        assert "hub-timeline" in d.identifiers(), d.texts()
        texts = d.texts()
        assert texts.count("Tolu did a chore: Feed the cat") == 1, " | ".join(texts)
        assert texts.count("Ade took back the tick for Tolu's chore: Feed the cat") == 1, (
            " | ".join(texts))

    run(go())


def ticked_twice_and_taken_back(family: Family, now: datetime) -> None:
    """Tolu's job ticked yesterday by Tolu and by Ade; the day before too, both taken back."""
    family.member("ade", "Ade", Role.PARENT)
    family.member("tolu", "Tolu", Role.CHILD)
    day, before = now - timedelta(days=1), now - timedelta(days=2)
    family.push("chores", Chore("c-1", "Feed the cat", "cat", Who.ONE, ("tolu",), Often.DAILY,
                                before.date(), "ade", iso(before)).to_json())
    ticks = [TickEvent("t-1", TickKind.TICK, "c-1", "tolu", day.date(), "tolu", iso(day)),
             TickEvent("t-2", TickKind.TICK, "c-1", "tolu", day.date(), "ade", iso(day)),
             TickEvent("t-3", TickKind.TICK, "c-1", "tolu", before.date(), "tolu", iso(before)),
             TickEvent("t-4", TickKind.TICK, "c-1", "tolu", before.date(), "ade", iso(before)),
             TickEvent("u-3", TickKind.UNDO, "c-1", "tolu", before.date(), "ade", iso(day),
                       tick_id="t-3"),
             TickEvent("u-4", TickKind.UNDO, "c-1", "tolu", before.date(), "ade", iso(day),
                       tick_id="t-4")]
    for event in ticks:
        family.push("chore_ticks", event.to_json())
