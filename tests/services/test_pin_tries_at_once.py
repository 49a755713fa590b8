"""Wrong PINs tried at the same moment (several tabs of one server) count one by one.

Every tab's household service is made by the one gate; a try reads the wrong-PIN record,
checks the PIN (slow on purpose) and writes the count back. Done side by side without a
turn each, twenty tries all read "no wrong tries yet": none was refused, and a lockout one
of them wrote was overwritten by an older count.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.domain.pins import TRIES_BEFORE_LOCKOUT
from app.services.household import PinResult
from tests.services.taylors import PASSPHRASE, FixedClock, create_taylors, in_order

TRIES = 20


def _all_at_once(tries: list[tuple[object, str]], try_pin_of: object) -> list[PinResult]:
    """Run every try in its own thread, all let go together."""
    start = threading.Barrier(len(tries))

    def one(guess: str, service: object) -> PinResult:
        start.wait()
        return service.try_pin(try_pin_of, guess)  # type: ignore[attr-defined,no-any-return]

    with ThreadPoolExecutor(max_workers=len(tries)) as pool:
        futures = [pool.submit(one, guess, service) for service, guess in tries]
        return [f.result() for f in futures]


def test_wrong_pins_tried_at_once_from_many_tabs_lock_out_after_five(tmp_path: Path) -> None:
    clock = FixedClock(1_800_000_000.0)
    gate, first = create_taylors(tmp_path / "h", clock)
    jo = in_order(first)[0]
    # each tab proved the passphrase itself and holds its own service from the one gate
    tabs = [gate.unlock(PASSPHRASE) for _ in range(TRIES)]
    results = _all_at_once([(tab, f"{1000 + n:04d}") for n, tab in enumerate(tabs)], jo.id)

    checked = [r for r in results if not r.ok and r.wait_seconds == 0]
    refused = [r for r in results if r.wait_seconds > 0]
    assert len(checked) == TRIES_BEFORE_LOCKOUT - 1  # four wrong tries said "tries left"
    assert len(refused) == TRIES - len(checked)  # the fifth began the wait; the rest waited
    kept = first.lockout(jo.id)
    assert (kept.lockouts, kept.failures) == (1, 0)
    assert kept.seconds_left(clock.now) == 30
    assert first.try_pin(jo.id, "2580").wait_seconds == 30  # even the right PIN waits
    gate.close()


def test_right_pin_among_wrong_ones_at_once_still_signs_in(tmp_path: Path) -> None:
    clock = FixedClock(1_800_000_000.0)
    gate, first = create_taylors(tmp_path / "h", clock)
    priya = in_order(first)[3]
    tabs = [gate.unlock(PASSPHRASE) for _ in range(3)]
    results = _all_at_once([(tabs[0], "1111"), (tabs[1], "4826"), (tabs[2], "2222")], priya.id)

    assert [r.ok for r in results] == [False, True, False]
    assert first.lockout(priya.id).lockouts == 0
    gate.close()
