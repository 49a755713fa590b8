"""A child's Three Houses on the real encrypted store: who sees what, what is sealed for the
worker, each time kept, a worry becoming a step of the safety plan in the child's words, and a
shown thing taken back (gone from home, kept sealed for the worker in the same save)."""

from __future__ import annotations

import json
from base64 import b64decode
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.domain.programme.three_houses import House, ItemDraft
from app.services.export import export_for
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.houses import HOUSE_ITEMS, SEALED_KIND, houses_for
from app.services.safety import safety_for
from app.sync.catalogue import HIDDEN_AT_HOME, HOUSES_FOR_WORKER, SEALED_FIELD
from app.sync.sealing import open_sealed
from app.sync.service import sync_for
from tests.services.taylors import FixedClock, create_taylors, in_order, reopen

START = 1_796_000_000.0
DAY = 24 * 3600
SECRET = "dad shouts at night"
SHOWN = "my dog Biscuit"


@pytest.fixture
def taylors(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FixedClock(START)
    gate, household = create_taylors(tmp_path / "home", clock)
    yield gate, household, clock, tmp_path / "home"
    gate.close()


def _agency() -> tuple[X25519PrivateKey, bytes]:
    key = X25519PrivateKey.generate()
    return key, key.public_key().public_bytes_raw()


def test_parents_see_only_what_is_shown_and_the_worker_opens_the_rest(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, mia, priya = in_order(household)
    agency, public = _agency()
    houses = houses_for(household)
    shown = houses.add(sam, sam.id, ItemDraft(House.GOOD, "dog", SHOWN, show_grown_ups=True),
                       public)
    kept = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", SECRET,
                                             strokes=(((1, 2), (30, 40)),)), public)
    assert [i.id for i in houses.items(jo, sam.id)] == [shown.id]
    assert [i.id for i in houses.items(priya, sam.id)] == [shown.id]  # sealed even on this device
    assert [i.id for i in houses.items(sam, sam.id)] == [shown.id]
    with pytest.raises(NotAllowed):
        houses.items(mia, sam.id)
    [stub] = household.store.find(HOUSES_FOR_WORKER)
    assert set(stub) - {"_sync"} == {"id", "created_by", "created_at", SEALED_FIELD}
    opened = json.loads(open_sealed(agency, b64decode(stub[SEALED_FIELD]), kept.id))
    assert opened["kind"] == SEALED_KIND and opened["words"] == SECRET
    assert opened["house"] == "worries" and opened["strokes"] == [[[1, 2], [30, 40]]]
    assert HOUSES_FOR_WORKER in HIDDEN_AT_HOME


def test_nothing_readable_at_home_or_in_the_folder_reveals_a_kept_thing(taylors) -> None:  # type: ignore[no-untyped-def]
    gate, household, clock, folder = taylors
    _jo, sam, _mia, _priya = in_order(household)
    sync = sync_for(household)
    before = (sync.status().waiting, [(s.collection, s.count) for s in sync.agency_can_see()])
    kept = houses_for(household).add(sam, sam.id, ItemDraft(House.WORRIES, "scared", SECRET),
                                     _agency()[1])
    jo = in_order(household)[0]
    assert kept.id not in json.dumps(export_for(household, jo))  # the family's export: no trace
    after = (sync.status().waiting, [(s.collection, s.count) for s in sync.agency_can_see()])
    assert before == after  # what parents read of sync: the same as if nothing was kept
    every_record = json.dumps({c: household.store.find(c) for c in household.store.collections()})
    assert SECRET not in every_record and "scared" not in every_record
    assert "worries" not in every_record
    household = reopen(gate, folder, clock)
    for path in folder.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes()
            assert "house" not in path.name


def test_a_kept_thing_needs_the_agency_key_and_a_shown_thing_does_not(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    houses = houses_for(household)
    with pytest.raises(InvalidInput, match="not_paired"):
        houses.add(sam, sam.id, ItemDraft(House.WORRIES, words=SECRET), None)
    assert household.store.find(HOUSES_FOR_WORKER) == [] and houses.items(jo, sam.id) == []
    houses.add(sam, sam.id, ItemDraft(House.GOOD, words=SHOWN, show_grown_ups=True), None)
    with pytest.raises(NotAllowed):
        houses.add(jo, sam.id, ItemDraft(House.GOOD, words="from Jo", show_grown_ups=True), None)
    with pytest.raises(InvalidInput, match="houses.error.empty"):
        houses.add(sam, sam.id, ItemDraft(House.GOOD, show_grown_ups=True), None)
    houses.add(priya, sam.id, ItemDraft(House.DREAMS, words="a picnic", show_grown_ups=True), None)
    assert [i.words for i in houses.items(jo, sam.id)] == [SHOWN, "a picnic"]


def test_each_time_in_the_houses_is_kept_and_dated(taylors) -> None:  # type: ignore[no-untyped-def]
    gate, household, clock, folder = taylors
    jo, sam, _mia, _priya = in_order(household)
    houses = houses_for(household)
    houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", "the dark",
                                      show_grown_ups=True), None)
    clock.now += 14 * DAY
    houses.add(sam, sam.id, ItemDraft(House.GOOD, "bike", "riding my bike",
                                      show_grown_ups=True), None)
    household = reopen(gate, folder, clock)
    times = houses_for(household).history(jo, sam.id)
    assert len(times) == 2 and times[0].day > times[1].day
    assert [i.words for i in times[1].in_house(House.WORRIES)] == ["the dark"]
    assert [i.words for i in times[0].in_house(House.GOOD)] == ["riding my bike"]
    assert times[0].in_house(House.WORRIES) == ()


def test_the_worker_turns_a_worry_into_a_plan_step_quoting_the_child(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, _mia, priya = in_order(household)
    houses = houses_for(household)
    worry = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", "when it is loud at bedtime",
                                              show_grown_ups=True), None)
    good = houses.add(sam, sam.id, ItemDraft(House.GOOD, "dog", SHOWN, show_grown_ups=True),
                      None)
    with pytest.raises(NotAllowed):
        houses.make_plan_step(jo, worry.id, "Quiet bedtimes")
    with pytest.raises(InvalidInput, match="good_thing_step"):
        houses.make_plan_step(priya, good.id, "More walks")
    plan = houses.make_plan_step(priya, worry.id, "Bedtime is calm and quiet, with a story")
    [step] = plan.current_actions()
    assert step.what == "Bedtime is calm and quiet, with a story"
    assert step.reason == "Sam said: “when it is loud at bedtime”"
    assert safety_for(household).plan().current_actions() == (step,)
    [doc] = household.store.find(HOUSE_ITEMS, lambda d: d["id"] == worry.id)
    assert doc["plan_step_id"] == step.id
    assert houses.item(jo, worry.id).plan_step_id == step.id


def test_what_a_child_wants_the_meeting_to_know_newest_first(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, clock, _folder = taylors
    jo, sam, mia, _priya = in_order(household)
    houses = houses_for(household)
    assert houses.meeting_words(jo, sam.id) is None
    houses.tell_meeting(sam, sam.id, "I like my new school", ["school_bag"])
    clock.now += 60
    houses.tell_meeting(sam, sam.id, "I want more time with Nan", ["family"])
    said = houses.meeting_words(jo, sam.id)
    assert said is not None and said.words == "I want more time with Nan"
    assert said.pictures == ("family",)
    with pytest.raises(NotAllowed):
        houses.tell_meeting(mia, sam.id, "not mine", [])


WORRY = "the shouting at bedtime"


def test_a_taken_back_thing_leaves_home_and_is_kept_sealed_for_the_worker(taylors) -> None:  # type: ignore[no-untyped-def]
    gate, household, clock, folder = taylors
    jo, sam, _mia, priya = in_order(household)
    agency, public = _agency()
    houses = houses_for(household)
    shown = houses.add(sam, sam.id, ItemDraft(House.WORRIES, "scared", WORRY,
                                              show_grown_ups=True), public)
    assert [i.words for i in houses.items(jo, sam.id)] == [WORRY]

    houses.take_back(sam, shown.id, public)

    for reader in (jo, sam, priya):  # gone from the house and from looking back
        assert houses.items(reader, sam.id) == [] and houses.history(reader, sam.id) == []
    assert household.store.get(HOUSE_ITEMS, shown.id) is None
    [stub] = household.store.find(HOUSES_FOR_WORKER)
    assert set(stub) - {"_sync"} == {"id", "created_by", "created_at", SEALED_FIELD}
    opened = json.loads(open_sealed(agency, b64decode(stub[SEALED_FIELD]), stub["id"]))
    assert opened["kind"] == SEALED_KIND and opened["words"] == WORRY
    assert opened["shown"] is False and opened["house"] == "worries"
    assert opened["taken_back_at"].startswith("2026-")
    household = reopen(gate, folder, clock)
    for path in folder.rglob("*"):
        if path.is_file():
            assert WORRY.encode() not in path.read_bytes()


def test_nothing_changes_when_it_cannot_be_taken_back(taylors) -> None:  # type: ignore[no-untyped-def]
    _gate, household, _clock, _folder = taylors
    jo, sam, mia, priya = in_order(household)
    _key, public = _agency()
    houses = houses_for(household)
    shown = houses.add(sam, sam.id, ItemDraft(House.DREAMS, "family", "picnics",
                                              show_grown_ups=True), public)

    def unchanged() -> None:
        assert [i.id for i in houses.items(jo, sam.id)] == [shown.id]
        assert household.store.find(HOUSES_FOR_WORKER) == []

    with pytest.raises(InvalidInput) as not_linked:  # no worker to keep it for: it stays
        houses.take_back(sam, shown.id, None)
    assert not_linked.value.reason == "houses.error.not_paired"
    unchanged()
    with pytest.raises(NotAllowed):  # a parent cannot take a child's thing away
        houses.take_back(jo, shown.id, public)
    unchanged()
    with pytest.raises((KeyError, NotAllowed)):  # nor can another child
        houses.take_back(mia, shown.id, public)
    unchanged()
    with pytest.raises(KeyError):
        houses.take_back(sam, "no-such-thing", public)
    houses.make_plan_step(priya, shown.id, "A family picnic once a month")
    with pytest.raises(InvalidInput) as in_plan:  # the plan quotes it: talk to the worker
        houses.take_back(sam, shown.id, public)
    assert in_plan.value.reason == "houses.error.in_plan"
    unchanged()
