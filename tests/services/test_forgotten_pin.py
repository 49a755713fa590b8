"""A parent who has forgotten their PIN chooses a new one with the household passphrase.

In a one-parent household nobody else can set it, so without this the parent is shut out of
their own household's screens for good. A new PIN also ends any wait after wrong tries.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.household import InvalidInput, NotAllowed
from tests.services.taylors import PASSPHRASE, FixedClock, create_taylors, reopen


def _people(service):  # noqa: ANN001, ANN202
    return {m.name: m for m in service.members()}


def test_jo_chooses_a_new_pin_with_the_passphrase_and_the_wait_ends(tmp_path: Path) -> None:
    clock = FixedClock(1_800_000_000.0)
    gate, service = create_taylors(tmp_path / "h", clock)
    jo = _people(service)["Jo"]
    for _ in range(10):
        service.try_pin(jo.id, "0000")
    assert service.try_pin(jo.id, "2580").wait_seconds > 0

    service.new_pin_with_passphrase(jo.id, PASSPHRASE, "9731")

    assert service.try_pin(jo.id, "9731").ok
    assert not service.try_pin(jo.id, "2580").ok
    service = reopen(gate, tmp_path / "h", clock)  # kept on disk, the wait with it gone
    assert service.try_pin(jo.id, "9731").ok
    assert service.lockout(jo.id).failures == 0


def test_a_parent_setting_another_persons_pin_ends_their_wait_too(tmp_path: Path) -> None:
    clock = FixedClock(1_800_000_000.0)
    _gate, service = create_taylors(tmp_path / "h", clock)
    people = _people(service)
    for _ in range(5):
        service.try_pictures(people["Sam"].id, ["moon", "moon", "moon"])
    service.change_picture_pin(people["Jo"], people["Sam"].id, ["moon", "star", "sun"])
    assert service.try_pictures(people["Sam"].id, ["moon", "star", "sun"]).ok


def test_a_wrong_passphrase_or_a_poor_pin_changes_nothing(tmp_path: Path) -> None:
    clock = FixedClock(1_800_000_000.0)
    _gate, service = create_taylors(tmp_path / "h", clock)
    jo = _people(service)["Jo"]
    with pytest.raises(InvalidInput) as wrong:
        service.new_pin_with_passphrase(jo.id, "not the passphrase", "9731")
    assert wrong.value.reason == "pin.forgot.wrong_passphrase"
    with pytest.raises(InvalidInput) as simple:
        service.new_pin_with_passphrase(jo.id, PASSPHRASE, "1111")
    assert simple.value.reason == "pin.error.too_simple"
    assert service.try_pin(jo.id, "2580").ok


def test_only_a_parent_can_use_the_passphrase_for_their_pin(tmp_path: Path) -> None:
    """The worker's PIN guards what a child tells them; a child's pictures are set by a
    parent. Neither is reset with the household passphrase."""
    clock = FixedClock(1_800_000_000.0)
    _gate, service = create_taylors(tmp_path / "h", clock)
    people = _people(service)
    with pytest.raises(NotAllowed):
        service.new_pin_with_passphrase(people["Priya"].id, PASSPHRASE, "9731")
    with pytest.raises(NotAllowed):
        service.new_pin_with_passphrase(people["Sam"].id, PASSPHRASE, "9731")
    assert service.try_pin(people["Priya"].id, "4826").ok
