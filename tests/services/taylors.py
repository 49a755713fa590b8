"""The Taylor household on a real encrypted store: the people every service test starts from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.domain.people import Avatar, Member
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService
from app.storage import KdfParams

PASSPHRASE = "blue kettle on the windowsill"
SAM_PICTURES = ["apple", "sun", "tree"]
MIA_PICTURES = ["star", "moon", "fish"]


def open_gate(folder: Path, clock: Callable[[], float]) -> HouseholdGate:
    """The household folder's gate, with a fast key derivation for tests."""
    return HouseholdGate(folder, kdf=KdfParams.fast_for_tests(), clock=clock)


def create_taylors(
    folder: Path, clock: Callable[[], float], *, second_parent: bool = False
) -> tuple[HouseholdGate, HouseholdService]:
    """Jo (PIN 2580), Sam 6 and Mia 9 with their pictures, worker Priya (4826); Alex if asked."""
    gate = open_gate(folder, clock)
    service, recovery_key = gate.create("The Taylor family", PASSPHRASE)
    gate.recovery_key_kept(recovery_key)  # as the family says at setup
    service.add_parent("Jo", "2580")
    if second_parent:
        service.add_parent("Alex", "1357")
    service.add_child("Sam", 6, Avatar.FOX, SAM_PICTURES)
    service.add_child("Mia", 9, Avatar.OWL, MIA_PICTURES)
    service.add_worker("Priya", "4826")
    service.finish_setup()
    return gate, service


class FixedClock:
    """A clock that stands still until a test moves ``now``."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def reopen(gate: HouseholdGate, folder: Path, clock: Callable[[], float]) -> HouseholdService:
    """Close the household and open it again from disk, as after a restart."""
    gate.close()
    return open_gate(folder, clock).unlock(PASSPHRASE)


def in_order(service: HouseholdService) -> tuple[Member, Member, Member, Member]:
    """Jo, Sam, Mia and Priya, in the order the household lists them."""
    jo, sam, mia, priya = service.members()
    return jo, sam, mia, priya


def people(service: HouseholdService) -> dict[str, Member]:
    """Everyone by first name."""
    return {m.name: m for m in service.members()}
