"""Chores on a real encrypted store in a temp folder: saving, reopening, who may do what."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from taylors import PASSPHRASE, create_taylors, open_gate, people

from app.domain.chore_week import DayMark
from app.domain.chores import ChorePlan, ChoreStatus, Often, TickKind, Who
from app.domain.people import Member
from app.services.chores import CHORE_TICKS, ChoreService, chores_for
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 10, 0).timestamp()  # a Wednesday, local time

    def __call__(self) -> float:
        return self.now

    def next_day(self) -> None:
        self.now += 24 * 3600


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def home(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService]:
    return create_taylors(tmp_path / "h", clock)


def bed_for(*children: Member, **fields: object) -> ChorePlan:
    plan = ChorePlan("Make your bed", "rest", Who.SEVERAL, tuple(c.id for c in children),
                     Often.DAILY, stars=2)
    return ChorePlan(**{**plan.__dict__, **fields})  # type: ignore[arg-type]


def test_chores_and_every_kind_of_tick_survive_close_and_reopen(home, tmp_path: Path,
                                                                 clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    p = people(service)
    chores = chores_for(service)
    bed = chores.add(p["Jo"], bed_for(p["Sam"]))
    turns = chores.add(p["Jo"], bed_for(p["Sam"], p["Mia"], name="Bins", picture="bin",
                                        who=Who.ROTATE, often=Often.WEEKLY, weekdays=(2,)))
    once = chores.add(p["Jo"], bed_for(p["Mia"], name="Tidy toys", picture="toys",
                                       often=Often.ONCE, on_date=chores.today()))
    chores.pause(p["Jo"], once.id)
    first = chores.tick(p["Sam"], bed.id)
    chores.confirm(p["Jo"], first.id)
    chores.undo(p["Jo"], first.id)
    again = chores.tick(p["Sam"], bed.id)
    gate.close()

    reopened = chores_for(open_gate(tmp_path / "h", clock).unlock(PASSPHRASE))
    assert {c.id: c for c in reopened.chores()} == {
        bed.id: bed, turns.id: turns, once.id: reopened.chore(once.id)}
    assert reopened.chore(once.id).status is ChoreStatus.PAUSED
    assert reopened.chore(once.id).revision == 2
    assert [e.kind for e in reopened.events()] == [
        TickKind.TICK, TickKind.CONFIRM, TickKind.UNDO, TickKind.TICK]
    history = reopened.history(p["Sam"].id, chores.today(), chores.today())
    assert [(s.tick.id, s.confirmed_by, s.undone_by) for s in history] == [
        (first.id, p["Jo"].id, p["Jo"].id), (again.id, None, None)]


def test_an_undo_from_a_screen_left_open_does_not_take_back_a_new_tick(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    bed = chores.add(p["Jo"], bed_for(p["Sam"]))
    first = chores.tick(p["Sam"], bed.id)
    chores.undo(p["Jo"], first.id)
    again = chores.tick(p["Sam"], bed.id)
    # the first tick is already taken back: undoing it again changes nothing
    assert not chores.undo(p["Jo"], first.id).live
    [(_, standing)] = chores.jobs_today(p["Sam"].id)
    assert standing is not None and standing.tick.id == again.id


def test_ticks_are_kept_by_the_month_they_count_for(home, tmp_path: Path,
                                                     clock: Clock) -> None:  # noqa: ANN001
    gate, service = home
    p = people(service)
    chores = chores_for(service)
    bed = chores.add(p["Jo"], bed_for(p["Sam"]))
    first = chores.tick(p["Sam"], bed.id)
    for _ in range(6):  # into December
        clock.next_day()
    second = chores.tick(p["Sam"], bed.id)
    gate.close()
    # The month shards are kept apart (their files' names say nothing: format version 2).
    reopened = open_gate(tmp_path / "h", clock).unlock(PASSPHRASE).store
    assert [reopened.shard_of(CHORE_TICKS, t.id) for t in (first, second)] == [
        "2026-11", "2026-12"]


def test_ticking_twice_on_the_same_day_gives_one_tick_and_one_lot_of_stars(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    bed = chores.add(p["Jo"], bed_for(p["Sam"]))
    first = chores.tick(p["Sam"], bed.id)
    second = chores.tick(p["Sam"], bed.id)
    assert second == first
    assert len(chores.events()) == 1
    assert chores.week(p["Sam"].id).stars == 2


def test_a_child_ticks_only_their_own_job_due_today(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    mias = chores.add(p["Jo"], bed_for(p["Mia"]))
    sams_saturday = chores.add(p["Jo"], bed_for(p["Sam"], name="Shoes", picture="shoes",
                                               often=Often.WEEKLY, weekdays=(5,)))
    with pytest.raises(InvalidInput):
        chores.tick(p["Sam"], mias.id)
    with pytest.raises(InvalidInput):
        chores.tick(p["Sam"], sams_saturday.id)
    with pytest.raises(NotAllowed):
        chores.tick(p["Sam"], mias.id, child_id=p["Mia"].id)
    with pytest.raises(NotAllowed):
        chores.tick(p["Mia"], mias.id, day=chores.today() - timedelta(days=1))
    assert chores.events() == []


def test_only_a_parent_plans_chores_and_checks_ticks(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    for someone in (p["Sam"], p["Priya"]):
        with pytest.raises(NotAllowed):
            chores.add(someone, bed_for(p["Sam"]))
    bed = chores.add(p["Jo"], bed_for(p["Sam"]))
    tick = chores.tick(p["Sam"], bed.id)
    for someone in (p["Sam"], p["Priya"]):
        for action in (chores.pause, chores.retire, chores.resume):
            with pytest.raises(NotAllowed):
                action(someone, bed.id)
        with pytest.raises(NotAllowed):
            chores.edit(someone, bed.id, bed_for(p["Mia"]))
        with pytest.raises(NotAllowed):
            chores.confirm(someone, tick.id)
        with pytest.raises(NotAllowed):
            chores.undo(someone, tick.id)
    with pytest.raises(NotAllowed):
        chores.tick(p["Priya"], bed.id, child_id=p["Sam"].id)
    assert chores.chore(bed.id) == bed
    assert len(chores.events()) == 1


def test_editing_and_pausing_move_the_revision_on_and_record_who(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    bed = chores.add(p["Jo"], bed_for(p["Sam"]))
    assert (bed.revision, bed.created_by) == (1, p["Jo"].id)
    clock.next_day()
    changed = chores.edit(p["Jo"], bed.id, bed_for(p["Sam"], p["Mia"], stars=3))
    assert (changed.revision, changed.updated_by, changed.who) == (2, p["Jo"].id, Who.SEVERAL)
    assert changed.starts_on == bed.starts_on
    paused = chores.pause(p["Jo"], bed.id)
    assert paused.revision == 3
    assert chores.jobs_today(p["Sam"].id) == []
    resumed = chores.resume(p["Jo"], bed.id)
    assert [c.id for c, _ in chores.jobs_today(p["Sam"].id)] == [resumed.id]


def test_bad_plans_are_refused_and_nothing_is_saved(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    with pytest.raises(InvalidInput) as refused:
        chores.add(p["Jo"], bed_for(p["Sam"], name=" "))
    assert refused.value.reason == "chores.error.name_missing"
    with pytest.raises(InvalidInput) as not_a_child:
        chores.add(p["Jo"], bed_for(p["Jo"]))
    assert not_a_child.value.reason == "chores.error.nobody"
    assert chores.chores() == []


def test_a_parent_undoes_a_mistaken_tick_and_the_child_can_tick_again(home) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    bed = chores.add(p["Jo"], bed_for(p["Sam"]))
    tick = chores.tick(p["Sam"], bed.id)
    state = chores.undo(p["Jo"], tick.id)
    assert state.undone_by == p["Jo"].id
    assert chores.undo(p["Jo"], tick.id) == state  # a second undo adds nothing
    assert len(chores.events()) == 2
    assert chores.week(p["Sam"].id).rows[0].marks[2] is DayMark.NOT_DONE
    assert chores.jobs_today(p["Sam"].id)[0][1] is None
    chores.tick(p["Sam"], bed.id)
    assert chores.week(p["Sam"].id).rows[0].marks[2] is DayMark.DONE


def test_rotation_gives_the_job_to_one_child_a_week(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    chores.add(p["Jo"], bed_for(p["Sam"], p["Mia"], who=Who.ROTATE))
    this_week = (len(chores.jobs_today(p["Sam"].id)), len(chores.jobs_today(p["Mia"].id)))
    for _ in range(7):
        clock.next_day()
    next_week = (len(chores.jobs_today(p["Sam"].id)), len(chores.jobs_today(p["Mia"].id)))
    assert this_week == (1, 0)
    assert next_week == (0, 1)


def test_today_follows_the_household_clock(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, service = home
    chores: ChoreService = chores_for(service)
    assert chores.today() == date(2026, 11, 25)
    clock.next_day()
    assert chores.today() == date(2026, 11, 26)


def test_a_child_who_left_is_taken_out_of_their_chores(home, clock: Clock) -> None:  # noqa: ANN001
    _gate, service = home
    p = people(service)
    chores = chores_for(service)
    bins = chores.add(p["Jo"], bed_for(p["Sam"], p["Mia"], name="Bins", picture="bin",
                                       who=Who.ROTATE))
    service.remove(p["Jo"], p["Mia"].id)
    weeks = []
    for _ in range(4):  # Sam has the job every week now, not every other week
        weeks.append([c.name for c, _tick in chores.jobs_today(p["Sam"].id)])
        clock.now += 7 * 24 * 3600
    assert weeks == [["Bins"]] * 4
    left = chores.chore(bins.id)
    assert (left.children, left.who) == ((p["Sam"].id,), Who.SEVERAL)  # a rota of one: his
    assert chores.edit(p["Jo"], bins.id, bed_for(p["Sam"], name="Bins")).children == (
        p["Sam"].id,)
