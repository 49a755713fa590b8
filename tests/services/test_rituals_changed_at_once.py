"""Two tabs on one real encrypted store doing something to the same ritual at once: a ritual
said done twice is counted once, and a stop made while it is edited is kept.

The interleaving is made, not hoped for: the rituals service reads the clock between reading
the ritual (or the days it was done) and saving, and the clock (at_once.py) lets the other
tab act right then.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from at_once import ClockThatLetsATabIn
from taylors import create_taylors, people

from app.domain.rituals import RitualDone, RitualPlan
from app.services.errors import stamp_of
from app.services.rituals import RITUAL_DONE, rituals_for

NOW = datetime(2026, 11, 27, 19, 0).timestamp()  # a Friday evening, local time


def test_a_ritual_said_done_on_two_tabs_at_once_is_counted_once(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock, second_parent=True)
    p = people(household)
    film = rituals_for(household).add(p["Jo"], RitualPlan("Film night", "film", "Friday"))
    tablet_told: list[RitualDone] = []

    clock.let_in(lambda: tablet_told.append(rituals_for(household).done_today(p["Sam"],
                                                                              film.id)),
                 skip=1)  # the first asking is for today's date, before the days are read
    phone_told = rituals_for(household).done_today(p["Jo"], film.id)
    clock.finish()

    assert len(household.store.find(RITUAL_DONE)) == 1
    assert tablet_told == [phone_told]
    assert rituals_for(household).counts(film.id).in_all == 1


def test_a_ritual_stopped_while_it_is_edited_stays_stopped(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock, second_parent=True)
    p = people(household)
    rituals = rituals_for(household)
    film = rituals.add(p["Jo"], RitualPlan("Film night", "film", "Friday"))

    clock.let_in(lambda: rituals_for(household).stop(p["Alex"], film.id))
    rituals.edit(p["Jo"], film.id, RitualPlan("Film night", "pizza", "Saturday"),
                 seen=stamp_of(film))
    clock.finish()

    now = rituals.ritual(film.id)
    assert now.stopped
    assert now.plan.picture == "pizza"
