"""Headless tests of taking a thing back from the grown-ups: the child sees what will happen
(it goes from the house, the worker still sees it) before saying yes; a parent then finds
nothing of it; with no agency linked there is nothing to keep it for, so it is not offered."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as, running_gate
from test_house_views import SAM, SHOWN, add_thing, seed

from app.services.household import HouseholdService
from app.services.programme.houses import houses_for
from app.sync.catalogue import HOUSES_FOR_WORKER
from app.sync.service import sync_for
from tests.services.taylors import PASSPHRASE, in_order

DREAM = "picnics in the park"


def household_key(household: HouseholdService) -> bytes | None:
    """The agency key the household was linked with."""
    return sync_for(household).agency_public_key()


def test_a_child_takes_a_shown_thing_back_after_being_told_what_happens(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("My three houses")
        await add_thing(d, "worries", "Scared", words=SHOWN, show=True)
        assert SHOWN in d.texts_in("house-worries")
        await d.tap("Take it back")
        assert "houses-take-back-screen" in d.identifiers(), d.texts()
        assert d.has_text(SHOWN)
        assert any("Priya will still see it, so nothing is lost" in x for x in d.texts())
        await d.tap("No, leave it")
        assert SHOWN in d.texts_in("house-worries")  # nothing changed
        # Taken back on another device meanwhile: said kindly, nothing else changes.
        await d.tap("Take it back")
        household = running_gate(data_dir, clock).unlock(PASSPHRASE)
        _jo, sam, _mia, _priya = in_order(household)
        houses = houses_for(household)
        [item] = houses.items(sam, sam.id)
        houses.take_back(sam, item.id, household_key(household))
        await d.tap("Yes, take it back")
        assert d.has_text("That is not in your house any more."), d.texts()
        assert len(household.store.find(HOUSES_FOR_WORKER)) == 1
        await d.tap("Back to my houses")
        await add_thing(d, "dreams", "My family", words=DREAM, show=True)
        await d.tap("Take it back")
        await d.tap("Yes, take it back")
        assert "houses-screen" in d.identifiers(), d.texts()
        assert d.has_text("Done. Only Priya can see it now.")
        assert not any(SHOWN in x or DREAM in x for x in d.texts())
        assert not d.conn.errors

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    jo, sam, _mia, _priya = in_order(household)
    assert houses_for(household).items(jo, sam.id) == []
    stubs = household.store.find(HOUSES_FOR_WORKER)
    assert len(stubs) == 2 and SHOWN not in str(stubs) and DREAM not in str(stubs)


def test_with_no_agency_linked_nothing_is_offered_to_take_back(
    data_dir: Path, clock: FakeClock
) -> None:
    seed(data_dir, clock, linked=False)

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("My three houses")
        await add_thing(d, "good", "A dog", words=SHOWN, show=True)
        assert SHOWN in d.texts_in("house-good")
        assert not d.has_text("Take it back")
        assert not d.conn.errors

    run(go())
