"""Pairing that is cut short leaves a household that still reaches its agency, whole.

Keeping the connection and queueing every record for its first journey are one save: the app
dying or a write failing in the middle leaves the device either not connected (and it can be
connected again with a new code) or connected with everything queued, never connected with
nothing queued (then every record is refused for an author the hub never heard of). A fault
is injected into the real store at each of the first writes of keeping the connection.
"""

from __future__ import annotations

import contextlib
import errno
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.checkins import Feeling
from app.domain.safety import Section
from app.hub.admin import issue_pairing_code
from app.services.checkins import checkins_for
from app.services.safety import safety_for
from app.storage import StoreWriteFailed
from tests.hubkit import RunningHub, key_check
from tests.services.taylors import PASSPHRASE, create_taylors, open_gate
from tests.sync.household_devices import Device, agree


class SimulatedCrash(BaseException):
    """Stands for the app dying: not an Exception, so no cleanup code catches it."""


def _fail_at(step: str, occurrence: int, error: BaseException) -> Callable[[str], None]:
    """A fault hook for the store: ``error`` at the given occurrence of a write step."""
    seen = {"count": 0}

    def hook(name: str) -> None:
        if name == step:
            seen["count"] += 1
            if seen["count"] == occurrence:
                raise error

    return hook


def _taylors(folder: Path) -> Device:
    gate, household = create_taylors(folder, time.time)
    phone = Device("phone", folder, gate, household)
    safety_for(phone.household).add_point(phone.person("Jo"), Section.WORRIES,
                                          "Bedtimes get loud")
    return phone


def _pair(phone: Device, hub: RunningHub) -> None:
    code = issue_pairing_code(hub.engine, hub.household_id).code
    status = phone.sync().pair(phone.person("Jo"), hub.url, code,
                               agency_key_check=key_check(hub.engine))
    assert status.paired and status.problem is None, status


def _carry_on(phone: Device, hub: RunningHub) -> None:
    """What the family does next: connect again if they have to, record, and sync."""
    if not phone.sync().status().paired:
        _pair(phone, hub)
    checkins_for(phone.household).record(phone.person("Sam"), Feeling.HAPPY, 3)
    phone.sync_now()
    assert phone.sync().set_aside() == []
    agree(hub, phone)


def _confirm_with_a_fault(phone: Device, hub: RunningHub, hook: Callable[[str], None]) -> None:
    """Connect (nothing saved yet), then keep the connection with a fault in the saving."""
    sync = phone.sync()
    code = issue_pairing_code(hub.engine, hub.household_id).code
    pairing = sync.connect(phone.person("Jo"), hub.url, code)
    assert pairing.matches(key_check(hub.engine))
    phone.store._tables.fault_hook = hook
    try:
        sync.confirm(phone.person("Jo"), pairing)
    finally:
        phone.store._tables.fault_hook = None


@pytest.mark.parametrize("write", [1, 2, 3, 4])
def test_the_app_dying_while_pairing_never_leaves_it_paired_with_nothing_queued(
    hub: RunningHub, tmp_path: Path, write: int
) -> None:
    phone = _taylors(tmp_path / "phone")
    with pytest.raises(SimulatedCrash):
        _confirm_with_a_fault(phone, hub, _fail_at("temp-written", write,
                                                   SimulatedCrash("power lost")))
    lock = phone.store._folder_lock  # the process died: the OS lets go of the folder lock
    if lock is not None:
        lock.release()
    phone.gate = open_gate(phone.folder, time.time)  # the app starts again
    phone.household = phone.gate.unlock(PASSPHRASE)
    _carry_on(phone, hub)


@pytest.mark.parametrize("write", [1, 2, 3, 4])
def test_a_failed_write_while_pairing_never_leaves_it_paired_with_nothing_queued(
    hub: RunningHub, tmp_path: Path, write: int
) -> None:
    phone = _taylors(tmp_path / "phone")
    with contextlib.suppress(StoreWriteFailed):  # a write after the commit is not a failure
        _confirm_with_a_fault(phone, hub, _fail_at("temp-written", write,
                                                   OSError(errno.EIO, "I/O error")))
    _carry_on(phone, hub)
