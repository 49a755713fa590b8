"""Two hub operations crossing: one is stopped half-way through its transaction while the
other runs, then let go, in the same order every time, on both databases.

``Paused`` stands in for a function the first operation calls inside its transaction: the
first call runs and then waits, holding whatever locks it took, until the test lets it go.
``Running`` runs the other operation in a thread and keeps what it returned or raised.
``wait_until_queued`` returns once the other operation waits for a lock (PostgreSQL shows it
in ``pg_stat_activity``) or has finished without waiting. On SQLite every writing transaction
begins IMMEDIATE, so the other operation always waits its turn: nothing to look for there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import pytest
from sqlalchemy import Engine, text

T = TypeVar("T")
#: Long enough for any step of these tests; a test that waits this long has failed.
TIMEOUT = 20.0
_WAITING_FOR_A_LOCK = text(
    "SELECT count(*) FROM pg_stat_activity "
    "WHERE datname = current_database() AND wait_event_type = 'Lock'")


class Paused:
    """The first call of ``owner.name`` runs, then waits inside its caller's transaction."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
        self.reached = threading.Event()
        self._go = threading.Event()
        self._first = threading.Lock()
        original = getattr(owner, name)

        def paused(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if self._first.acquire(blocking=False):
                self.reached.set()
                self._go.wait(TIMEOUT)
            return result

        monkeypatch.setattr(owner, name, paused)

    def wait(self) -> None:
        """Return once the paused operation has got this far."""
        assert self.reached.wait(TIMEOUT), "the paused operation never got there"

    def release(self) -> None:
        """Let the paused operation finish."""
        self._go.set()


class Running(Generic[T]):
    """A call running in its own thread, keeping what it returned or raised."""

    def __init__(self, call: Callable[[], T]) -> None:
        self.done = threading.Event()
        self._result: T | None = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._result = call()
            except BaseException as error:  # handed to the test by outcome()
                self._error = error
            finally:
                self.done.set()

        threading.Thread(target=run, daemon=True).start()

    def outcome(self) -> T:
        """What the call returned; raise what it raised."""
        assert self.done.wait(TIMEOUT), "the operation did not finish"
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]


def wait_until_queued(engine: Engine, other: Running[Any]) -> None:
    """Return once ``other`` waits for a lock, or has finished without waiting for one."""
    if engine.dialect.name != "postgresql":
        return
    deadline = time.monotonic() + TIMEOUT
    while not other.done.is_set():
        # A new transaction each time: PostgreSQL keeps one view of its statistics per one.
        with engine.connect() as connection:
            if connection.execute(_WAITING_FOR_A_LOCK).scalar_one():
                return
        assert time.monotonic() < deadline, "the other operation neither waited nor finished"
        time.sleep(0.005)


def crossing(engine: Engine, paused: Paused, other: Callable[[], T]) -> Running[T]:
    """Start ``other`` while ``paused`` holds its transaction; let that go once ``other`` is
    queued behind it (or done); return ``other``, running."""
    paused.wait()
    running = Running(other)
    wait_until_queued(engine, running)
    paused.release()
    return running
