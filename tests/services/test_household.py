"""People, PINs and the gate, on a real encrypted store in a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.domain.people import Avatar, Role
from app.services.gate import HouseholdGate
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.setup import HouseholdNameMissing, PassphraseRefused
from app.storage import HouseholdStore, KdfParams, StoreError, WrongPassphrase, WrongRecoveryKey

PASSPHRASE = "blue kettle on the windowsill"
NEW_PASSPHRASE = "seven herons under a bridge"
PICTURES = ["sun", "tree", "apple"]


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def new_gate(folder: Path, clock: Clock) -> HouseholdGate:
    return HouseholdGate(folder, kdf=KdfParams.fast_for_tests(), clock=clock)


@pytest.fixture
def household(tmp_path: Path, clock: Clock) -> tuple[HouseholdGate, HouseholdService, str]:
    gate = new_gate(tmp_path / "h", clock)
    service, recovery_key = gate.create("The Taylor family", PASSPHRASE)
    service.add_parent("Jo", "2580")
    service.add_child("Sam", 6, Avatar.FOX, PICTURES)
    service.finish_setup()
    return gate, service, recovery_key


def test_people_survive_a_restart(household, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    gate, _service, _ = household
    gate.close()
    reopened = new_gate(tmp_path / "h", clock).unlock(PASSPHRASE)
    assert [(m.name, m.role) for m in reopened.members()] == [
        ("Jo", Role.PARENT),
        ("Sam", Role.CHILD),
    ]
    assert reopened.household().name == "The Taylor family"


def test_after_setup_only_a_parent_adds_people(household) -> None:  # noqa: ANN001
    _gate, service, _ = household
    jo, sam = service.members()
    with pytest.raises(NotAllowed):
        service.add_worker("Priya", "4826")
    with pytest.raises(NotAllowed):
        service.add_worker("Priya", "4826", by=sam)
    priya = service.add_worker("Priya", "4826", by=jo)
    assert priya.created_by == jo.id


def test_names_must_be_present_unique_and_short(household) -> None:  # noqa: ANN001
    _gate, service, _ = household
    jo = service.members()[0]
    for name, reason in [("  ", "people.error.name_missing"), ("sam", "people.error.name_taken"),
                         ("x" * 41, "people.error.name_long"),
                         # nothing to see, or a second "Sam" a child could not tell apart
                         ("\u200b", "people.error.name_missing"),
                         ("\u00ad \ufeff", "people.error.name_missing"),
                         ("...", "people.error.name_missing"),
                         ("Sam\u200b", "people.error.name_taken"),
                         ("\u2060SAM", "people.error.name_taken")]:
        with pytest.raises(InvalidInput) as caught:
            service.add_parent(name, "4826", by=jo)
        assert caught.value.reason == reason, name
    assert len(service.members()) == 2
    assert service.add_parent(" \u200bAde\u200b ", "4826", by=jo).name == "Ade"
    family = "\U0001F469\u200d\U0001F467"  # one picture made of two: its joiner stays
    assert service.add_parent(f"Mum {family}", "4827", by=jo).name == f"Mum {family}"


def test_a_name_that_only_looks_different_is_the_same_name(household) -> None:  # noqa: ANN001
    _gate, service, _ = household
    jo = service.members()[0]
    service.add_parent("Zo\u00eb", "4826", by=jo)  # ë as one character
    for name in ["Zoe\u0308",  # the same ë typed as e and a joining mark
                 "S\u0430m",  # a Cyrillic а
                 "\u0405am",  # a Cyrillic Ѕ
                 "\u0405\u0430m",  # both
                 "\u0405\u0391\u041c",  # Cyrillic Ѕ, Greek Α, Cyrillic М: "SAM"
                 "\uff33am",  # a full-width Ｓ
                 "Sa\u200bm"]:  # a zero-width space inside
        with pytest.raises(InvalidInput) as caught:
            service.add_parent(name, "4827", by=jo)
        assert caught.value.reason == "people.error.name_taken", ascii(name)
    assert sorted(m.name for m in service.members()) == ["Jo", "Sam", "Zo\u00eb"]


def test_removing_keeps_history_and_the_last_parent_stays(household) -> None:  # noqa: ANN001
    _gate, service, _ = household
    jo, sam = service.members()
    with pytest.raises(InvalidInput):
        service.remove(jo, jo.id)
    removed = service.remove(jo, sam.id)
    assert removed.removed_by == jo.id
    assert [m.name for m in service.members()] == ["Jo"]
    assert [m.name for m in service.members(include_removed=True)] == ["Jo", "Sam"]
    assert not service.try_pictures(sam.id, PICTURES).ok


def test_rename_and_new_pins_record_who_changed_them(household) -> None:  # noqa: ANN001
    _gate, service, _ = household
    jo, sam = service.members()
    assert service.rename(jo, sam.id, "Sammy").updated_by == jo.id
    service.change_picture_pin(jo, sam.id, ["moon", "star", "sun"])
    assert service.try_pictures(sam.id, ["moon", "star", "sun"]).ok
    assert not service.try_pictures(sam.id, PICTURES).ok
    service.change_pin(jo, jo.id, "9731")
    assert service.try_pin(jo.id, "9731").ok
    with pytest.raises(NotAllowed):
        service.rename(service.member(sam.id), jo.id, "Mum")


def test_lockout_survives_a_restart_and_says_how_long(household, tmp_path: Path,  # noqa: ANN001
                                                       clock: Clock) -> None:
    gate, service, _ = household
    jo = service.members()[0]
    results = [service.try_pin(jo.id, "0000") for _ in range(5)]
    assert [r.tries_left for r in results[:4]] == [4, 3, 2, 1]
    assert results[4].wait_seconds == 30
    gate.close()
    service = new_gate(tmp_path / "h", clock).unlock(PASSPHRASE)
    # even the right PIN is not checked during the wait
    assert service.try_pin(jo.id, "2580") == service.try_pin(jo.id, "2580")
    assert not service.try_pin(jo.id, "2580").ok
    assert service.try_pin(jo.id, "2580").wait_seconds == 30
    clock.now += 31
    assert service.try_pin(jo.id, "2580").ok
    assert service.lockout(jo.id).failures == 0


def test_a_clock_set_back_does_not_lock_a_parent_out_for_the_gap(
        household, tmp_path: Path, clock: Clock) -> None:  # noqa: ANN001
    """Five wrong taps, then the cheap phone's clock goes back a year (a flat battery): Jo
    waits the 30 seconds, not the year, and the restart in between changes nothing."""
    gate, service, _ = household
    jo = service.members()[0]
    for _ in range(5):
        service.try_pin(jo.id, "0000")
    gate.close()
    clock.now -= 365 * 86_400
    service = new_gate(tmp_path / "h", clock).unlock(PASSPHRASE)
    assert service.try_pin(jo.id, "2580").wait_seconds == 30
    clock.now += 31
    assert service.try_pin(jo.id, "2580").ok


def test_gate_refuses_wrong_passphrase_and_recovers_with_the_key(household) -> None:  # noqa: ANN001
    gate, service, recovery_key = household
    with pytest.raises(WrongPassphrase):
        gate.unlock("not the passphrase at all")
    with pytest.raises(WrongRecoveryKey):
        gate.recover("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", NEW_PASSPHRASE)
    with pytest.raises(PassphraseRefused):
        gate.recover(recovery_key, "password")
    _service, new_key = gate.recover(recovery_key.lower().replace("-", " "), NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        gate.unlock(PASSPHRASE)
    assert gate.unlock(NEW_PASSPHRASE).household().name == "The Taylor family"
    # The used key is replaced by a new one, shown once; the old one opens nothing now.
    assert new_key != recovery_key
    with pytest.raises(WrongRecoveryKey):
        gate.recover(recovery_key, NEW_PASSPHRASE + " again")
    assert gate.recover(new_key, NEW_PASSPHRASE + " again")[1] not in (new_key, recovery_key)


def test_change_passphrase_needs_the_current_one(household, tmp_path: Path,  # noqa: ANN001
                                                 clock: Clock) -> None:
    gate, service, _ = household
    jo = service.members()[0]
    with pytest.raises(WrongPassphrase):
        gate.change_passphrase(service, "wrong wrong wrong", NEW_PASSPHRASE, by=jo)
    with pytest.raises(PassphraseRefused):
        gate.change_passphrase(service, PASSPHRASE, "the taylor family!", by=jo)
    gate.change_passphrase(service, PASSPHRASE, NEW_PASSPHRASE, by=jo)
    gate.close()
    with pytest.raises(WrongPassphrase):
        new_gate(tmp_path / "h", clock).unlock(PASSPHRASE)
    assert new_gate(tmp_path / "h", clock).unlock(NEW_PASSPHRASE).members()


def test_someone_who_should_not_know_the_passphrase_is_locked_out_of_what_comes_next(
    household, tmp_path: Path  # noqa: ANN001
) -> None:
    """With an old copy of the key file and the old passphrase or recovery key, nothing saved
    after the change can be read."""
    gate, service, recovery_key = household
    old_keys = (gate.data_dir / "keys.json").read_bytes()
    new_key = gate.change_passphrase(service, PASSPHRASE, NEW_PASSPHRASE,
                                     by=service.members()[0], someone_knows=True)
    assert new_key is not None and new_key != recovery_key
    service.store.put("diary", {"id": "after", "text": "Written after the change"},
                      shard="2026-11")
    gate.close()
    stolen = tmp_path / "stolen"
    shutil.copytree(gate.data_dir, stolen)
    (stolen / "keys.json").write_bytes(old_keys)
    (stolen / "keys.json.prev").unlink(missing_ok=True)
    with pytest.raises(StoreError):
        HouseholdStore.open(stolen, PASSPHRASE, read_only=True)
    with pytest.raises(StoreError):
        HouseholdStore.open_with_recovery_key(stolen, recovery_key, read_only=True)
    with HouseholdStore.open(gate.data_dir, NEW_PASSPHRASE, read_only=True) as store:
        assert store.get("diary", "after") is not None
    with HouseholdStore.open_with_recovery_key(gate.data_dir, new_key, read_only=True) as store:
        assert store.get("diary", "after") is not None


def test_a_household_name_that_shows_nothing_is_refused_before_anything_is_made(
        tmp_path: Path) -> None:
    gate = HouseholdGate(tmp_path / "home", kdf=KdfParams.fast_for_tests())
    with pytest.raises(HouseholdNameMissing):
        gate.create("\u200b \ufeff", "a long and good passphrase for us")
    assert not gate.exists()
    assert gate.create("\u200bThe Taylors", "a long and good passphrase for us")[0].household(
        ).name == "The Taylors"
