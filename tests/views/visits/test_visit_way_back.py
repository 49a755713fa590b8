"""Back from a family screen opened from the visit's agenda goes back to the visit.

A worker in a hurry opened the safety plan from the visit, tapped Back, and landed on their
own home: the visit was a tap and a scroll away. Opened from home, Back still goes home.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import FakeClock, run
from steps import open_as

from tests.services.taylors import create_taylors

WORKER = "Priya, Support worker"
OPENED = [
    ("Open the safety plan", "safety-plan-screen", "Safety plan"),
    ("Open the agreement", "agreement-screen", "Our household agreement"),
    ("Open how everyone is feeling", "checkins-family-screen", "How everyone is feeling"),
    ("Open strengths and proud moments", "strengths-screen", "Strengths and proud moments"),
]


@pytest.mark.parametrize(("opener", "screen", "tile"), OPENED)
def test_back_from_a_screen_the_visit_opened_returns_to_the_visit(
        data_dir: Path, clock: FakeClock, opener: str, screen: str, tile: str) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await d.tap("Start a visit")
        await d.tap("Start the visit")
        await d.tap(opener)
        assert screen in d.identifiers(), d.texts()
        await d.tap("Back")
        assert "visit-screen" in d.identifiers(), d.identifiers()

        await d.tap("Back")  # the visit's own Back: the worker's home
        assert "home-worker" in d.identifiers(), d.identifiers()
        await d.tap(tile)  # opened from home, its Back goes home (the way back was used)
        assert screen in d.identifiers(), d.texts()
        await d.tap("Back")
        assert "home-worker" in d.identifiers(), d.identifiers()
        assert not d.conn.errors

    run(go())


def test_a_screen_opened_from_the_visit_then_left_does_not_lead_back_to_it_later(
        data_dir: Path, clock: FakeClock) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, WORKER, "4826")
        await d.tap("Start a visit")
        await d.tap("Start the visit")
        await d.tap("Open the safety plan")
        await d.tap("Lock")  # handed back mid-visit
        await d.tap("Unlock")
        await d.tap(WORKER)
        await d.type("Your PIN", "4826")
        await d.tap("Sign in")
        await d.settle(60)
        await d.tap("Safety plan")
        await d.tap("Back")
        assert "home-worker" in d.identifiers(), d.identifiers()

    run(go())
