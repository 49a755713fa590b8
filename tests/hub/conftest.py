"""Fixtures for the hub tests: raw devices paired with the real hub of ``tests/conftest.py``.

The hub itself (on SQLite and on a real PostgreSQL) comes from the root ``conftest``, shared
with the sync tests; this file adds devices that speak the protocol directly, and the
Taylors' real household (``device_kit.py``) for the device-sync tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.hubkit import RunningHub  # noqa: E402

if TYPE_CHECKING:
    from device_kit import Family
    from hub_device import HubDevice

@pytest.fixture
def pair() -> Iterator[Callable[[RunningHub], HubDevice]]:
    """Pair new devices with a hub's household (closing their connections afterwards)."""
    from hub_device import HubDevice

    from app.hub.admin import issue_pairing_code

    paired: list[HubDevice] = []

    def pair_one(running: RunningHub) -> HubDevice:
        code = issue_pairing_code(running.engine, running.household_id).code
        device = HubDevice.pair(running.url, code)
        paired.append(device)
        return device

    yield pair_one
    for device in paired:
        device.client.close()


@pytest.fixture
def family(tmp_path: Path) -> Iterator[Family]:
    """The Taylors' household (real store, services and sync), not yet paired."""
    from device_kit import taylors

    made = taylors(tmp_path / "taylors")
    yield made
    made.gate.close()


