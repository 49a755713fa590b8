"""A child who leaves a check-in after choosing how they feel keeps it (rules 1 and 3).

The step after the size says "You can stop now", so a child may well stop there: Lock, the
auto-lock or going home keeps what they chose as their check-in, once. Words they typed and
did not send are not kept (a grown-up may have walked in), and no alert is raised unless they
said "No, I need help".
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run
from steps import open_as, running_gate

import app.ui
from app.domain.checkins import CheckIn, Feeling
from app.services.checkins import checkins_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

SAM = ("Sam, Child", ("Apple", "Sun", "Tree"))


def _sams(data_dir: Path, clock: FakeClock) -> tuple[list[CheckIn], int]:
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    _jo, sam, _mia, priya = in_order(household)
    checkins = checkins_for(household)
    return checkins.checkins_of(priya, sam.id), len(checkins.alerts(priya))


async def _to_the_extras(data_dir: Path, clock: FakeClock) -> Driver:
    d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
    await d.tap("How do I feel?")
    await d.tap("Sad")
    await d.tap("A little")
    assert "checkin-extras-screen" in d.identifiers()
    await d.type("Or say it in your own words", "Mum shouted and I hid")
    return d


@pytest.mark.parametrize("leave", ["lock", "autolock", "home"])
def test_what_sam_chose_is_kept_when_he_stops_where_it_says_he_can(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, leave: str) -> None:
    monkeypatch.setattr(app.ui, "AUTOLOCK_CHECK_SECONDS", 0.2)
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await _to_the_extras(data_dir, clock)
        await d.tap("School")
        if leave == "lock":
            await d.tap("Lock")
        elif leave == "autolock":
            clock.advance(5 * 60 + 1)
            await asyncio.sleep(0.5)
            await d.settle()
        else:
            await d.session.dispatch_event(d.page._i, "route_change", {"route": "/"})
            await d.settle()
        assert ("lock-screen" if leave != "home" else "home-child") in d.identifiers()

    run(go())
    kept, alerts = _sams(data_dir, clock)
    assert [(c.feeling, c.size, c.words, [r.value for r in c.reasons]) for c in kept] == [
        (Feeling.SAD, 2, "", ["school"])]
    assert alerts == 0


def test_a_checkin_finished_then_locked_is_kept_once(data_dir: Path, clock: FakeClock) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await _to_the_extras(data_dir, clock)
        await d.tap("That's all")
        await d.tap("Lock")

    run(go())
    kept, alerts = _sams(data_dir, clock)
    assert [(c.feeling, c.words) for c in kept] == [(Feeling.SAD, "Mum shouted and I hid")]
    assert alerts == 0


def test_stepping_back_to_the_feelings_then_locking_keeps_nothing(
        data_dir: Path, clock: FakeClock) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await _to_the_extras(data_dir, clock)
        await d.tap("Back")
        await d.tap("Back")
        assert "checkin-feeling-screen" in d.identifiers()
        await d.tap("Lock")

    run(go())
    assert _sams(data_dir, clock) == ([], 0)
