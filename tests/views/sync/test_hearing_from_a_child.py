"""At a visit on a phone linked to the agency, a child tells the worker something, once.

"Hear from Sam" is offered only where Sam's words can be sealed for the agency (an unlinked
phone: tests/views/visits/test_visit_leaving_and_taps.py). A double tap on "Give it to Priya"
sealed Sam's words twice; it now seals them once.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run
from pairing_steps import Hub, paired_then


async def visit_on_a_linked_phone(data_dir: Path, clock: FakeClock, hub: Hub) -> Driver:
    """The Taylors' phone, linked to the agency; Priya has started a visit with everyone."""
    d = await paired_then(data_dir, clock, hub, "Priya")
    await d.tap("Start a visit")
    await d.tap("Start the visit")
    assert "visit-screen" in d.identifiers(), d.texts()
    return d


def test_on_a_linked_phone_the_worker_can_hear_from_a_child_who_can_hear_the_screen(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    """A child of six is handed the phone to say how they feel, just to their worker: who
    sees it must reach them in words they can hear, not only read."""
    async def go() -> None:
        d = await visit_on_a_linked_phone(data_dir, clock, hub)
        assert not d.has_text("once this phone is connected to your agency")
        await d.tap("Hear from Sam")
        assert "visit-child-screen" in d.identifiers(), d.texts()
        assert d.has_text("Only Priya and the agency will see this. Nobody at home can read it.")
        d.button("Read this to me")
        assert not d.conn.errors

    run(go())
