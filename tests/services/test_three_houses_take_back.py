"""A child takes back from their grown-ups something they showed in their three houses: it goes
from every screen at home, and is kept, sealed, for the worker in the same save, so nothing the
child said is lost. Real encrypted store and real sealing."""

from __future__ import annotations

import json
from base64 import b64decode
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.domain.programme.three_houses import House, ItemDraft
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.houses import HOUSE_ITEMS, SEALED_KIND, houses_for
from app.sync.catalogue import HOUSES_FOR_WORKER, SEALED_FIELD
from app.sync.sealing import open_sealed
from tests.services.taylors import FixedClock, create_taylors, in_order, reopen

START = 1_796_000_000.0
WORRY = "the shouting at bedtime"


@pytest.fixture
def taylors(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FixedClock(START)
    gate, household = create_taylors(tmp_path / "home", clock)
    yield gate, household, clock, tmp_path / "home"
    gate.close()


def _agency() -> tuple[X25519PrivateKey, bytes]:
    key = X25519PrivateKey.generate()
    return key, key.public_key().public_bytes_raw()


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
