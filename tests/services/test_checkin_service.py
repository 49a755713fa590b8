"""Check-ins and safety alerts on a real encrypted store: who sees what, and nothing is lost."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from taylors import FixedClock as Clock
from taylors import create_taylors, in_order
from taylors import reopen as reopen_household

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling, Help, Reason
from app.domain.checkins_carer import Prompt
from app.domain.people import Member
from app.services.checkins import ALERTS, ALERTS_SEEN, CHECKINS, CheckinService, checkins_for
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed

NOV_2 = 1_793_613_600.0  # 2026-11-02 10:00 UTC
DEC_3 = NOV_2 + 31 * 86_400


@pytest.fixture
def clock() -> Clock:
    return Clock(NOV_2)


@pytest.fixture
def home(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService]:
    return create_taylors(tmp_path / "h", clock)


people = in_order


def reopen(gate: HouseholdGate, tmp_path: Path, clock: Clock) -> CheckinService:
    return checkins_for(reopen_household(gate, tmp_path / "h", clock))


def test_a_checkin_round_trips_through_the_encrypted_store_and_survives_reopen(
        home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, household = home
    jo, sam, _mia, priya = people(household)
    checkins = checkins_for(household)
    first = checkins.record(sam, Feeling.WORRIED, 4, reasons=(Reason.SCHOOL,),
                            helps=(Help.HUG, Help.TALK), words="spelling test")
    clock.now = DEC_3
    second = checkins.record(sam, Feeling.HAPPY, 2)
    note = checkins.add_note(jo, first.id, "We talked at bedtime")
    again = reopen(gate, tmp_path, clock)
    assert again.checkins_of(jo, sam.id) == [first, second]
    assert again.checkins_of(priya, sam.id) == [first, second]
    assert again.notes(jo, sam.id) == {first.id: [note]}
    # sharded by month: November's and December's check-ins live in their own tables
    shards = {again._store.shard_of(CHECKINS, c.id) for c in (first, second)}  # noqa: SLF001
    assert shards == {"2026-11", "2026-12"}


def test_several_checkins_a_day_are_all_kept(home) -> None:  # noqa: ANN001
    _gate, household = home
    jo, sam, _mia, _priya = people(household)
    checkins = checkins_for(household)
    for feeling in (Feeling.ANGRY, Feeling.CALM, Feeling.TIRED):
        checkins.record(sam, feeling, 3)
    assert [c.feeling for c in checkins.checkins_of(jo, sam.id)] == [
        Feeling.ANGRY, Feeling.CALM, Feeling.TIRED]
    assert checkins.strip(jo, sam.id)[-1][1].feeling is Feeling.TIRED  # type: ignore[union-attr]


def test_a_sister_cannot_read_her_brothers_checkins(home) -> None:  # noqa: ANN001
    _gate, household = home
    _jo, sam, mia, _priya = people(household)
    checkins = checkins_for(household)
    checkins.record(sam, Feeling.SAD, 5)
    assert checkins.checkins_of(mia, sam.id) == []
    assert len(checkins.checkins_of(sam, sam.id)) == 1


def test_bad_input_is_refused_and_saves_nothing(home) -> None:  # noqa: ANN001
    gate, household = home
    jo, sam, _mia, priya = people(household)
    checkins = checkins_for(household)
    with pytest.raises(InvalidInput, match="checkins.error.size"):
        checkins.record(sam, Feeling.SAD, 9)
    with pytest.raises(NotAllowed):
        checkins.record(priya, Feeling.SAD, 3)
    with pytest.raises(InvalidInput, match="checkins.error.not_found"):
        checkins.add_note(jo, "nope", "hello")
    assert household.store.find(CHECKINS) == []


def test_a_carer_sees_their_own_checkins_and_the_worker_sees_all(home) -> None:  # noqa: ANN001
    _gate, household = home
    jo, sam, _mia, priya = people(household)
    checkins = checkins_for(household)
    low = {Prompt.ENJOYED: 1, Prompt.DRAINED: 4, Prompt.WORN_OUT: 3, Prompt.RESTED: 0,
           Prompt.SUPPORTED: 1}
    saved = checkins.record_carer(jo, low, "Long week")
    assert saved.needs_support
    assert checkins.carer_checkins(jo) == [saved]
    assert checkins.carer_checkins(priya) == [saved]
    with pytest.raises(NotAllowed):
        checkins.carer_checkins(sam)
    assert checkins.worker_names() == ["Priya"]


def test_an_alert_is_stored_urgent_and_only_the_worker_reads_it(
        home, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, household = home
    jo, sam, mia, priya = people(household)
    checkins = checkins_for(household)
    alert = checkins.raise_alert(sam, AlertSource.CHECKIN)
    doc = household.store.get(ALERTS, alert.id)
    assert doc is not None and doc["urgent"] is True and doc["synced"] is False
    for someone_at_home in (jo, sam, mia):
        with pytest.raises(NotAllowed):
            checkins.alerts(someone_at_home)
        with pytest.raises(NotAllowed):
            checkins.unseen_alerts(someone_at_home)
    again = reopen(gate, tmp_path, clock)
    assert again.unseen_alerts(priya) == [alert]
    again.mark_alert_seen(priya, alert.id)
    assert again.unseen_alerts(priya) == []
    assert again.alerts(priya) == [alert]  # seen, and still there unchanged


def _arguments(method: Any, actor: Member, alert_id: str) -> dict[str, Any]:
    """Plausible arguments for any service method, aimed at the alert."""
    guesses: dict[str, Any] = {
        "by": actor, "viewer": actor, "alert_id": alert_id, "checkin_id": alert_id,
        "member_id": actor.id, "feeling": Feeling.SCARED, "size": 3, "text": "hidden",
        "words": "hidden", "source": AlertSource.CHECKIN, "reasons": (), "helps": (),
        "answers": {p: 0 for p in Prompt},
    }
    return {name: guesses.get(name, alert_id)
            for name in inspect.signature(method).parameters}


def test_no_service_call_by_a_parent_or_child_removes_changes_or_hides_an_alert(
        home) -> None:  # noqa: ANN001
    _gate, household = home
    jo, sam, mia, priya = people(household)
    checkins = checkins_for(household)
    alert = checkins.raise_alert(mia, AlertSource.HELP_BUTTON)
    before = household.store.get(ALERTS, alert.id)
    public = [name for name, _ in inspect.getmembers(checkins, inspect.ismethod)
              if not name.startswith("_")]
    # the service has no removing or editing operation at all, and no way to the store
    assert not [n for n in public if any(
        word in n for word in ("remove", "delete", "edit", "update", "change", "hide"))]
    assert not hasattr(checkins, "store")
    called = 0
    for actor in (jo, sam, mia):
        for name in public:
            method = getattr(checkins, name)
            try:
                method(**_arguments(method, actor, alert.id))
                called += 1
            except (InvalidInput, NotAllowed):
                pass
    assert called > 0
    assert household.store.get(ALERTS, alert.id) == before
    # children may raise more alerts of their own; the first one is still there, unseen
    assert alert in checkins.unseen_alerts(priya)
    assert household.store.find(ALERTS_SEEN) == []
