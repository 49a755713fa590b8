"""The worker's Three Houses screen at the agency: after the family's phone syncs, everything
a child put in their houses, what they kept for the worker opened only with the agency key."""

from __future__ import annotations

from pathlib import Path

from app.domain.programme.three_houses import House, ItemDraft
from app.hub.worker.household.data import household_records
from app.hub.worker.household.timeline import timeline
from app.services.programme.houses import houses_for
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub
from tests.sync.household_devices import first_device
from tests.views.headless import FakeClock, run

KEPT = "the boys at the bus stop"
SHOWN = "baking with Nan"


def test_the_worker_sees_every_thing_after_sync_and_kept_ones_only_with_the_key(
    hub: RunningHub, tmp_path: Path, clock: FakeClock, worker_id: int
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    sam = phone.person("Sam")
    houses = houses_for(phone.household)
    key = phone.sync().agency_public_key()
    houses.add(sam, sam.id, ItemDraft(House.GOOD, "cooking", SHOWN, show_grown_ups=True), key)
    houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", KEPT,
                                      strokes=(((5, 5), (80, 90)),)), key)
    houses.tell_meeting(sam, sam.id, "I like it here", ["home"])
    phone.sync_now()

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        assert d.has_text("1 thing kept for you, not opened yet"), d.texts()
        await d.tap("Three houses")
        assert "hub-houses" in d.identifiers(), d.texts()
        assert d.has_text(SHOWN) and d.has_text("I like it here")
        assert d.has_text("1 thing is kept for you, sealed.")
        assert not d.has_text(KEPT)
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open their houses")
        await d.settle(100)
        assert f"hub-houses-{sam.id}" in d.identifiers()
        card = " ".join(d.texts())
        assert KEPT in card and SHOWN in card, d.texts()
        assert "Kept for the worker" in card and "Shown to the family" in card
        assert "Worries" in card and "A drawing" in card
        await d.tap("Sign out")
        assert not d.has_text(KEPT)
        assert not d.conn.errors

    run(go())


def test_a_thing_taken_back_from_the_family_says_so_to_the_worker(
    hub: RunningHub, tmp_path: Path, clock: FakeClock, worker_id: int
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    sam = phone.person("Sam")
    houses = houses_for(phone.household)
    key = phone.sync().agency_public_key()
    shown = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", KEPT,
                                              show_grown_ups=True), key)
    phone.sync_now()
    houses.take_back(sam, shown.id, key)
    phone.sync_now()

    async def go() -> None:
        d = await signed_in(hub, clock)
        await d.tap("The Okafor household")
        await d.tap("Three houses")
        assert d.has_text("1 thing is kept for you, sealed.")
        await d.type("Agency passphrase", AGENCY_PASSPHRASE)
        await d.tap("Open their houses")
        await d.settle(100)
        card = " ".join(d.texts())
        assert KEPT in card and "Shown to the family, then taken back on" in card, d.texts()
        assert not d.conn.errors

    run(go())


def test_the_timeline_says_when_a_child_used_their_houses_and_nothing_kept(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    sam = phone.person("Sam")
    houses = houses_for(phone.household)
    key = phone.sync().agency_public_key()
    for words in (SHOWN, "my bike"):
        houses.add(sam, sam.id, ItemDraft(House.GOOD, "bike", words, show_grown_ups=True), key)
    houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", KEPT), key)
    phone.sync_now()

    found = household_records(hub.engine, hub.household_id)
    assert found is not None
    assert sorted(i.words for i in found.house_items) == sorted((SHOWN, "my bike"))
    assert len(found.kept_houses) == 1 and found.sealed == []  # not a message
    lines = [moment.words for moment in timeline(found)]
    assert "Sam showed 2 things in their three houses" in lines, lines
    assert "Something kept for the worker in the three houses arrived, sealed" in lines
    assert not any(KEPT in line or SHOWN in line for line in lines)
