"""Only a parent or carer changes the household's passphrase or makes a new recovery key.

On a family tablet a child may well know the passphrase (the family types it there), so
knowing it is not enough: a new key voids the worker's paper copy, and a new passphrase
would lock the family out of everything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.people import Avatar, Member
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, NotAllowed
from app.storage import HouseholdStore
from tests.services.taylors import PASSPHRASE, FixedClock, in_order, open_gate

NEW_PASSPHRASE = "seven herons under a bridge"


@pytest.fixture
def taylors(tmp_path: Path) -> tuple[HouseholdGate, HouseholdService, str]:
    """The Taylors, with the recovery key made at setup."""
    gate = open_gate(tmp_path / "h", FixedClock(1_800_000_000.0))
    service, recovery_key = gate.create("The Taylor family", PASSPHRASE)
    gate.recovery_key_kept(recovery_key)
    service.add_parent("Jo", "2580")
    service.add_child("Sam", 6, Avatar.FOX,
                      ["apple", "sun", "tree"])
    service.add_child("Mia", 9, Avatar.OWL,
                      ["star", "moon", "fish"])
    service.add_worker("Priya", "4826")
    service.finish_setup()
    return gate, service, recovery_key


def _still_as_before(gate: HouseholdGate, recovery_key: str) -> None:
    """The old passphrase still unlocks and the old recovery key still opens."""
    gate.unlock(PASSPHRASE)
    HouseholdStore.open_with_recovery_key(gate.data_dir, recovery_key, read_only=True).close()


def _child_and_worker(service: HouseholdService) -> list[Member]:
    _jo, sam, mia, priya = in_order(service)
    return [sam, mia, priya]


def test_a_child_who_knows_the_passphrase_cannot_change_it(taylors) -> None:  # noqa: ANN001
    gate, service, recovery_key = taylors
    for someone in _child_and_worker(service):
        for someone_knows in (False, True):
            with pytest.raises(NotAllowed):
                gate.change_passphrase(service, PASSPHRASE, NEW_PASSPHRASE, by=someone,
                                       someone_knows=someone_knows)
    _still_as_before(gate, recovery_key)


def test_a_child_who_knows_the_passphrase_cannot_make_a_new_recovery_key(
    taylors  # noqa: ANN001
) -> None:
    gate, service, recovery_key = taylors
    for someone in _child_and_worker(service):
        with pytest.raises(NotAllowed):
            gate.new_recovery_key(PASSPHRASE, by=someone)
    _still_as_before(gate, recovery_key)
    assert not gate.recovery_key_history().pending


def test_a_parent_still_changes_the_passphrase_and_makes_a_new_key(taylors) -> None:  # noqa: ANN001
    gate, service, recovery_key = taylors
    jo = in_order(service)[0]
    new_key = gate.new_recovery_key(PASSPHRASE, by=jo)
    assert new_key != recovery_key
    gate.change_passphrase(service, PASSPHRASE, NEW_PASSPHRASE, by=jo)
    assert gate.unlock(NEW_PASSPHRASE).household().name == "The Taylor family"
