"""A worker's tab signs out after half an hour left alone, whatever the computer's clock says.

Set back an hour, a tab measured by the wall clock stayed signed in (with the agency key
open) an hour longer; set forward, it signed the worker out in the middle of a visit. The
tab counts time left alone on a clock nobody can set (``time.monotonic``); the days and
times it shows and writes down still come from the wall clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine

from app.hub.worker.accounts import sign_in
from app.hub.worker.session import IDLE_SIGN_OUT_SECONDS, WorkerSession
from app.i18n import t
from tests.hub.worker.worker_ui_kit import (  # noqa: F401 - hub_engine: SQLite only
    PASSWORD,
    hub_engine,
)
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock


def priya_signed_in(engine: Engine, wall: FakeClock,
                    idle_clock: Callable[[], float] = time.monotonic) -> WorkerSession:
    """A worker tab with Priya signed in, on the clocks given."""
    session = WorkerSession(engine=engine, clock=wall, idle_clock=idle_clock)
    worker = sign_in(engine, "priya", PASSWORD, client="test", now=session.now())
    session.signed_in(worker)
    return session


def test_setting_the_clock_forward_an_hour_does_not_sign_the_worker_out(
        hub: RunningHub, clock: FakeClock, worker_id: int) -> None:
    session = priya_signed_in(hub.engine, clock)  # time left alone counted as it passes
    clock.advance(60 * 60)
    assert not session.check_idle()
    assert session.worker is not None


def test_setting_the_clock_back_an_hour_does_not_keep_the_worker_signed_in(
        hub: RunningHub, clock: FakeClock, worker_id: int) -> None:
    idle = FakeClock(start=500.0)
    session = priya_signed_in(hub.engine, clock, idle_clock=idle)
    clock.advance(-60 * 60)
    idle.advance(IDLE_SIGN_OUT_SECONDS - 60)
    assert not session.check_idle()  # a minute still to go
    idle.advance(60)
    assert session.check_idle()
    assert session.worker is None and session.agency_key is None
    assert session.notice == t("hub.signin.idle")


def test_the_days_the_tab_shows_still_come_from_the_wall_clock(
        hub: RunningHub, clock: FakeClock, worker_id: int) -> None:
    session = priya_signed_in(hub.engine, clock, idle_clock=FakeClock(start=500.0))
    assert session.now() == datetime.fromtimestamp(clock.now, UTC)
