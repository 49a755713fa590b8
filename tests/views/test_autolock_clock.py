"""The auto-lock counts the time the app was left alone, whatever the phone's clock says.

Anyone holding the phone can set its clock: set back an hour, a screen measured by that
clock stayed unlocked an hour longer; set forward, it locked at once in the middle of a
check-in. The lock counts on a clock nobody can set (``time.monotonic``); the times the
app writes down still come from the phone's clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from headless import FakeClock

from app.views.state import Phase, Session
from tests.services.taylors import PASSPHRASE, create_taylors, in_order


def signed_in_jo(data_dir: Path, wall: FakeClock,
                 idle_clock: Callable[[], float] = time.monotonic) -> Session:
    """A tab with the Taylors unlocked and Jo signed in, on the clocks given."""
    gate, household = create_taylors(data_dir, wall)
    session = Session(gate=gate, clock=wall, idle_clock=idle_clock)
    session.unlocked(gate.unlock(PASSPHRASE))
    jo = in_order(household)[0]
    session.sign_in(jo)
    assert session.phase == Phase.SIGNED_IN
    return session


def test_setting_the_clock_forward_an_hour_does_not_lock_the_screen(data_dir: Path) -> None:
    wall = FakeClock()
    session = signed_in_jo(data_dir, wall)  # idle time counted as it really passes
    wall.advance(60 * 60)
    assert not session.check_autolock()
    assert session.phase == Phase.SIGNED_IN
    session.gate.close()


def test_setting_the_clock_back_an_hour_does_not_keep_the_screen_unlocked(
        data_dir: Path) -> None:
    wall, idle = FakeClock(), FakeClock(start=500.0)
    session = signed_in_jo(data_dir, wall, idle_clock=idle)
    wall.advance(-60 * 60)
    idle.advance(4 * 60)
    assert not session.check_autolock()  # a minute still to go
    idle.advance(60)
    assert session.check_autolock()
    assert session.phase == Phase.LOCKED
    session.gate.close()


def test_the_time_of_sign_in_is_still_the_phone_clock(data_dir: Path) -> None:
    wall, idle = FakeClock(), FakeClock(start=500.0)
    session = signed_in_jo(data_dir, wall, idle_clock=idle)
    assert session.signed_in_at == wall.now  # compared with PIN changes the household saved
    session.gate.close()
