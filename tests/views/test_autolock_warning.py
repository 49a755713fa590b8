"""Homeward says it will lock soon, and closing the message keeps the person signed in.

Only taps and typing count as use, so someone reading a long card (or listening to it read
aloud, or using a screen reader) was locked out with no warning (WCAG 2.2.1). Half a minute
before the auto-lock a notice says so; closing it is a tap that keeps them going.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import FakeClock, run
from steps import open_as

import app.ui
from app.i18n import t
from tests.services.taylors import create_taylors


def test_a_warning_comes_before_the_lock_and_closing_it_keeps_jo_signed_in(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)  # the watch ticks on real time
    gate, _household = create_taylors(data_dir, clock)
    gate.close()
    soon = t("autolock.soon")

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        assert "home-parent" in d.identifiers()
        clock.advance(5 * 60 - 60)
        await asyncio.sleep(0.4)
        await d.settle()
        assert not d.has_text(soon)  # not yet: a minute to go
        clock.advance(40)
        await asyncio.sleep(0.4)
        await d.settle()
        assert d.has_text(soon), d.texts()
        await d.tap(t("common.dismiss"))
        assert not d.has_text(soon)
        clock.advance(60)  # past the old lock time: closing the message was use
        await asyncio.sleep(0.4)
        await d.settle()
        assert "home-parent" in d.identifiers(), d.identifiers()
        clock.advance(5 * 60 + 1)  # left alone again, it locks, warning gone with the screen
        await asyncio.sleep(0.4)
        await d.settle()
        assert "lock-screen" in d.identifiers()
        assert not d.has_text(soon)

    run(go())
