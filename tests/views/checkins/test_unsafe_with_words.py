"""A child who typed words, then said "No, I need help": the help screen, and the alert kept,
even when the words could not be kept as typed (see tests/services/test_danger_never_dropped)."""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import FakeClock, run
from steps import open_as, running_gate

from app.services.checkins import checkins_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order


@pytest.mark.parametrize("words", ["Dad hurt me \ud83d", "\U0001F44D\U0001F3FD" * 160],
                         ids=["broken", "long"])
def test_the_child_gets_help_and_the_worker_the_alert(
        data_dir: Path, clock: FakeClock, words: str) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await d.tap("How do I feel?")
        await d.tap("Sad")
        await d.tap("A little")
        await d.type("Or say it in your own words", words)
        await d.tap("Home")
        await d.tap("That's all")
        await d.tap("No, I need help")
        await d.settle(100)
        assert "safety-help-screen" in d.identifiers(), d.identifiers()
        assert not d.has_text("Something went wrong"), d.texts()

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    _jo, sam, _mia, priya = in_order(household)
    assert len(checkins_for(household).alerts(priya)) == 1
    assert len(checkins_for(household).checkins_of(priya, sam.id)) == 1
