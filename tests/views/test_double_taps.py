"""A button tapped twice in one burst does its work once.

Children double-tap, and so does anyone on a phone whose screen has not changed yet: on a slow
link the second tap reaches the app before the browser has moved to the next screen. A screen
that saves and then moves on used to save twice (two check-ins for one feeling). Moving on is
now rendered before the next event is handled (``state.go``, ``event_order``), so the second
tap finds its button gone.
"""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import (
    PASSPHRASE,
    first_run,
    restart_and_unlock,
    sign_in_child,
    sign_in_parent,
    start,
)

from app.services.checkins import checkins_for
from app.services.chores import chores_for
from app.services.household import HouseholdService
from app.storage import HouseholdStore


def checkins_of(data_dir: Path, name: str) -> int:
    with HouseholdStore.open(data_dir, PASSPHRASE, read_only=True) as store:
        household = HouseholdService(store)
        parent = household.members()[0]
        child = next(m for m in household.members() if m.name == name)
        return len(checkins_for(household).checkins_of(parent, child.id))


def test_a_child_who_double_taps_thats_all_checks_in_once(data_dir: Path,
                                                          clock: FakeClock) -> None:
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await sign_in_child(d)
        await d.tap("How do I feel?")
        await d.tap("Happy")
        await d.tap("A little")
        await d.double_tap("That's all")
        assert "home-child" in d.identifiers(), d.texts()
        assert not d.conn.errors

    run(go())
    assert checkins_of(data_dir, "Sam") == 1


def test_a_chore_added_with_a_double_tap_is_added_once_and_ticked_once(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        await sign_in_parent(d)
        await d.tap("Chores")
        await d.tap("Add a chore")
        await d.type("Name of the job", "Feed the cat")
        await d.tap("Pet")
        await d.tap("Sam")
        await d.double_tap("Add chore")
        assert d.has_text("Feed the cat is added.")
        assert not d.has_text("Please"), d.texts()  # no refusal after it was added
        await d.tap("Back")
        await d.tap("Someone else's turn")
        await sign_in_child(d)
        await d.double_tap("I did it: Feed the cat")
        assert d.has_text("Done!")
        assert not d.conn.errors

    run(go())
    with HouseholdStore.open(data_dir, PASSPHRASE, read_only=True) as store:
        chores = chores_for(HouseholdService(store))
        assert [c.name for c in chores.chores()] == ["Feed the cat"]
        assert len(chores.events()) == 1
