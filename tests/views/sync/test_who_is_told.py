"""Once linked to the agency, a child who might say "No, I need help" is told that their
worker hears at once (tests/views/safety covers a household not linked, or with no worker)."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from pairing_steps import Hub, paired_then


def test_linked_the_child_is_told_their_worker_hears_straight_away(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await paired_then(data_dir, clock, hub, "Sam")
        await d.tap("How do I feel?")
        await d.tap("Worried")
        await d.tap("Really big")
        assert d.has_text("If you say No, your worker is told straight away."), d.texts()

    run(go())
