"""Two tabs on one real encrypted store at a home visit at once (the worker's phone and the
family tablet): notes made together are all kept or refused, never lost with the draft, and
a thing a child takes back is never a step of the safety plan too.

The interleaving is made, not hoped for: a visit's change is the caller's, and the services
read the clock between reading and saving; both let the other tab act right then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from at_once import ClockThatLetsATabIn, let_a_tab_in
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from taylors import create_taylors, people

from app.domain.programme.three_houses import House, ItemDraft
from app.domain.programme.visits import AgendaItem, Visit
from app.services.household import InvalidInput
from app.services.programme.houses import houses_for
from app.services.safety import safety_for
from app.services.visits import visits_for

NOW = 1_800_000_000.0  # 15 January 2027


def told(happen: Callable[[], object]) -> str:
    """What a person is told when ``happen`` runs: saved, or the message key."""
    try:
        happen()
    except InvalidInput as refused:
        return refused.reason
    except KeyError:
        return "not there"
    return "saved"


def test_two_notes_made_at_a_visit_at_once_are_both_kept(tmp_path: Path) -> None:
    _gate, household = create_taylors(tmp_path / "h", lambda: NOW)
    p = people(household)
    visits = visits_for(household)
    visits.start(p["Priya"], [p["Jo"].id, p["Sam"].id])
    tabs: list[threading.Thread] = []

    def note_after_the_tablets(visit: Visit) -> Visit:
        tabs.append(let_a_tab_in(lambda: visits_for(household).change(
            p["Priya"], lambda v: v.with_note(AgendaItem.CHILDREN, "Sam read to us"))))
        return visit.with_note(AgendaItem.SAFETY, "Plan read together")

    visits.change(p["Priya"], note_after_the_tablets)
    tabs[0].join(10)

    draft = visits.current(p["Priya"])
    assert draft is not None
    assert draft.notes == {"safety": "Plan read together", "children": "Sam read to us"}


def test_an_action_added_as_the_visit_ends_is_kept_or_refused(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock)
    p = people(household)
    visits = visits_for(household)
    visits.start(p["Priya"], [p["Jo"].id, p["Sam"].id])
    tablet: list[str] = []

    clock.let_in(lambda: tablet.append(told(lambda: visits_for(household).change(
        p["Priya"], lambda v: v.with_action("a1", "Book the eye test", "Jo", "2027-01-20")))))
    visits.end(p["Priya"], None)
    clock.finish()

    [kept] = visits.visits()
    assert tablet == ["visits.error.not_started"] or (
        [a.what for a in kept.actions] == ["Book the eye test"])


def test_a_thing_taken_back_while_it_is_made_a_plan_step_is_one_or_the_other(
        tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock)
    p = people(household)
    public = X25519PrivateKey.generate().public_key().public_bytes_raw()
    houses = houses_for(household)
    shown = houses.add(p["Sam"], p["Sam"].id, ItemDraft(
        House.WORRIES, "scared", "Shouting at night", show_grown_ups=True), public)
    priya: list[str] = []

    clock.let_in(lambda: priya.append(told(lambda: houses_for(household).make_plan_step(
        p["Priya"], shown.id, "Quiet bedtimes"))))
    sam = told(lambda: houses.take_back(p["Sam"], shown.id, public))
    clock.finish()

    steps = safety_for(household).plan().current_actions()
    assert sorted([sam, *priya]) in (["not there", "saved"], ["houses.error.in_plan", "saved"])
    assert (sam == "saved") == (len(steps) == 0)  # taken back, or a step of the plan: never both
