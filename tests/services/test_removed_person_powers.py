"""A person taken off the household can do nothing more, even with the record of them a
screen took when they signed in (another tab, on the same household, removed them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.people import Member, Role
from app.services.household import HouseholdService, NotAllowed
from tests.services.taylors import FixedClock, create_taylors


def _jo_and_alex(folder: Path) -> tuple[HouseholdService, Member, Member]:
    _gate, service = create_taylors(folder, FixedClock(1_800_000_000.0), second_parent=True)
    jo, alex = (m for m in service.members() if m.role is Role.PARENT)
    return service, jo, alex


def test_a_removed_parent_signed_in_before_cannot_run_the_household(tmp_path: Path) -> None:
    service, jo, alex_at_sign_in = _jo_and_alex(tmp_path / "household")
    service.remove(jo, alex_at_sign_in.id)
    assert alex_at_sign_in.active  # the copy a tab kept still says so
    attempts = [
        lambda: service.add_parent("Alex again", "9753", by=alex_at_sign_in),
        lambda: service.change_pin(alex_at_sign_in, jo.id, "8642"),
        lambda: service.set_auto_lock(alex_at_sign_in, 30),
        lambda: service.rename(alex_at_sign_in, jo.id, "Joanne"),
        lambda: service.remove(alex_at_sign_in, jo.id),
        lambda: service.set_household_language(alex_at_sign_in, "cy-GB"),
        lambda: service.set_language(alex_at_sign_in, alex_at_sign_in.id, "cy-GB"),
    ]
    for attempt in attempts:
        with pytest.raises(NotAllowed):
            attempt()
    assert [m.name for m in service.members()] == ["Jo", "Sam", "Mia", "Priya"]
    assert service.try_pin(jo.id, "2580").ok
    assert service.household().auto_lock_minutes == 5


def test_someone_the_household_never_had_is_refused(tmp_path: Path) -> None:
    service, jo, _alex = _jo_and_alex(tmp_path / "household")
    stranger = Member.from_json({**jo.to_json(), "id": "not-one-of-us"})
    with pytest.raises(NotAllowed):
        service.change_pin(stranger, jo.id, "8642")
    assert service.try_pin(jo.id, "2580").ok
