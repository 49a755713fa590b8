"""Events handled in order (``app/views/event_order.py``), on a real Flet session.

Each test sends events in one burst, as a phone on a slow link does: every event's task is
started before any of them runs.
"""

from __future__ import annotations

import asyncio
from typing import Any

import flet as ft
from headless import Driver, run

from app.views.event_order import handle_in_order


@ft.component
def Picker(chosen: list[str], released: asyncio.Event) -> ft.Control:
    """Three letters that add themselves, a slow button, one that lets it go, one that fails."""
    letters, set_letters = ft.use_state(list[str]())
    chosen[:] = letters

    async def slow() -> None:
        await released.wait()
        set_letters([*letters, "slow"])

    def fail() -> None:
        raise RuntimeError("a handler that fails")

    return ft.Column([
        *(ft.Button(x, on_click=lambda _e, x=x: set_letters([*letters, x])) for x in "ABC"),
        ft.Button("Slow", on_click=slow),
        ft.Button("Release", on_click=lambda _e: released.set()),
        ft.Button("Fail", on_click=fail),
    ])


async def picker(in_order: bool = True) -> tuple[Driver, list[str], asyncio.Event]:
    chosen: list[str] = []
    released = asyncio.Event()

    def main(page: ft.Page) -> None:
        if in_order:
            handle_in_order(page.session)
        page.render(Picker, chosen, released)

    return await Driver.start(main), chosen, released


async def burst(d: Driver, *labels: str) -> None:
    """Tap ``labels`` in one burst and wait (at most 5 s) until every tap is handled."""
    taps: list[Any] = [asyncio.ensure_future(d.session.dispatch_event(d.button(x)._i, "click",
                                                                      None))
                       for x in labels]
    await asyncio.wait_for(asyncio.gather(*taps), 5)
    await d.settle()


def test_taps_in_one_burst_each_see_the_one_before() -> None:
    async def go() -> None:
        d, chosen, _ = await picker()
        await burst(d, "A", "B", "C")
        assert chosen == ["A", "B", "C"]

    run(go())


def test_without_it_a_burst_keeps_only_the_last_tap() -> None:
    """The failure the ordering is for, shown on the same screen (so the test above can fail)."""
    async def go() -> None:
        d, chosen, _ = await picker(in_order=False)
        await burst(d, "A", "B", "C")
        assert chosen == ["C"]

    run(go())


def test_a_handler_still_waiting_does_not_hold_the_next_tap_back() -> None:
    """A sync or reading aloud takes seconds; a tap meanwhile (Stop, Back) is handled."""
    async def go() -> None:
        d, chosen, released = await picker()
        await burst(d, "Slow", "Release")
        assert released.is_set()
        assert chosen == ["slow"]

    run(go())


def test_a_handler_that_fails_does_not_stop_the_taps_after_it() -> None:
    async def go() -> None:
        d, chosen, _ = await picker()
        await burst(d, "A", "Fail", "B")
        assert chosen == ["A", "B"]
        assert any("a handler that fails" in error for error in d.conn.errors)

    run(go())
