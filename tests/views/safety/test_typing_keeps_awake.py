"""Typing is using the app: a child slowly writing why they feel unsafe is not locked out.

Only taps pushed the auto-lock back, so a six-year-old typing a word every 45 seconds was
locked out mid-sentence, their words and their rating gone.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import FakeClock, run
from steps import open_as

import app.ui
from tests.services.taylors import create_taylors


def test_a_child_typing_slowly_is_not_locked_out(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    gate, _household = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await d.tap("How safe do I feel?")
        await d.tap("Not safe at all")
        text = ""
        for word in ("When", "mum", "is", "cross", "she", "locks", "me", "in"):
            clock.advance(45)  # six minutes in all: past the five-minute auto-lock
            text = f"{text} {word}".strip()
            await d.type("Why? (you don't have to say)", text)
            await asyncio.sleep(0.3)
            await d.settle()
            assert "safety-rate-screen" in d.identifiers(), (text, d.identifiers())
        clock.advance(5 * 60 + 1)  # and left alone after that, it still locks
        await asyncio.sleep(0.4)
        await d.settle()
        assert "lock-screen" in d.identifiers()

    run(go())
