"""Two tabs on one real encrypted store doing something to the same chore at once (a parent's
phone and the family tablet): a job ticked twice is counted once, and an edit and a pause
made together are both kept (or the editor is told the chore changed).

The interleaving is made, not hoped for: the chores service reads the clock between reading
the chore (or the ticks) and saving, and the clock (at_once.py) lets the other tab act right then.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from at_once import ClockThatLetsATabIn
from taylors import create_taylors, people

from app.domain.chores import ChorePlan, ChoreStatus, Often, TickEvent, TickKind, Who
from app.services.chores import chores_for
from app.services.errors import ChangedMeanwhile, stamp_of
from app.services.household import HouseholdService

NOW = datetime(2026, 11, 25, 10, 0).timestamp()  # a Wednesday, local time


def taylors(folder: Path, clock: ClockThatLetsATabIn) -> HouseholdService:
    """Jo, Alex, Sam 6, Mia 9 and Priya, with Sam's bed to make every day."""
    _gate, household = create_taylors(folder, clock, second_parent=True)
    p = people(household)
    chores_for(household).add(p["Jo"], ChorePlan("Make your bed", "rest", Who.SEVERAL,
                                                 (p["Sam"].id,), Often.DAILY, stars=2))
    return household


def kinds(household: HouseholdService) -> list[TickKind]:
    """The kind of every tick, confirmation and undo recorded."""
    return sorted((e.kind for e in chores_for(household).events()), key=lambda k: k.value)


def test_a_job_ticked_on_two_tabs_at_once_is_counted_once(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    household = taylors(tmp_path / "h", clock)
    sam = people(household)["Sam"]
    bed = chores_for(household).chores()[0]
    tablet_told: list[TickEvent] = []

    clock.let_in(lambda: tablet_told.append(chores_for(household).tick(sam, bed.id)),
                 skip=1)  # the first asking is for today's date, before the ticks are read
    phone_told = chores_for(household).tick(sam, bed.id)
    clock.finish()

    assert kinds(household) == [TickKind.TICK]  # one tick, one lot of stars ...
    assert [t.id for t in tablet_told] == [phone_told.id]  # ... and both are told of it


def test_a_tick_confirmed_by_two_parents_at_once_is_confirmed_once(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    household = taylors(tmp_path / "h", clock)
    p = people(household)
    chores = chores_for(household)
    tick = chores.tick(p["Sam"], chores.chores()[0].id)

    clock.let_in(lambda: chores_for(household).confirm(p["Alex"], tick.id))
    chores.confirm(p["Jo"], tick.id)
    clock.finish()

    assert kinds(household) == [TickKind.CONFIRM, TickKind.TICK]


def test_a_pause_made_while_a_chore_is_edited_is_kept_with_the_edit(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    household = taylors(tmp_path / "h", clock)
    p = people(household)
    chores = chores_for(household)
    bed = chores.chores()[0]
    plan = ChorePlan("Make your bed and open the curtains", "rest", Who.SEVERAL,
                     (p["Sam"].id,), Often.DAILY, stars=2)

    clock.let_in(lambda: chores_for(household).pause(p["Alex"], bed.id))
    chores.edit(p["Jo"], bed.id, plan, seen=stamp_of(bed))
    clock.finish()

    now = chores.chore(bed.id)
    assert now.status is ChoreStatus.PAUSED
    assert now.name == "Make your bed and open the curtains"


def test_an_edit_made_while_a_chore_is_paused_is_kept_or_refused(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    household = taylors(tmp_path / "h", clock)
    p = people(household)
    chores = chores_for(household)
    bed = chores.chores()[0]
    plan = ChorePlan("Make your bed and open the curtains", "rest", Who.SEVERAL,
                     (p["Sam"].id,), Often.DAILY, stars=2)
    alex_told: list[str] = []

    def alex_edits() -> None:
        try:
            chores_for(household).edit(p["Alex"], bed.id, plan, seen=stamp_of(bed))
            alex_told.append("saved")
        except ChangedMeanwhile:
            alex_told.append("changed meanwhile")

    clock.let_in(alex_edits)
    chores.pause(p["Jo"], bed.id)
    clock.finish()

    now = chores.chore(bed.id)
    assert now.status is ChoreStatus.PAUSED
    # Alex's words are kept, or Alex is told to look again: never "saved" and then lost
    assert (now.name == plan.name) == (alex_told == ["saved"])
    assert alex_told != []
