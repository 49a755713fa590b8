"""At a visit on a phone linked to the agency, a child tells the worker something, once.

"Hear from Sam" is offered only where Sam's words can be sealed for the agency (an unlinked
phone: tests/views/visits/test_visit_leaving_and_taps.py). A double tap on "Give it to Priya"
sealed Sam's words twice; it now seals them once.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run, until
from pairing_steps import Hub, paired_then

SEALED = "Thank you, Sam. It is sealed up safe for your worker."


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
        await d.settle(50)  # the browser's history keeps no sign the child spoke (rule 7)
        assert not [a for a in d.addresses() if a.startswith("/visit/child")], d.addresses()
        assert d.has_text("Only Priya and the agency will see this. No one at home can see it.")
        d.button("Read this to me")
        assert not d.conn.errors

    run(go())


def test_a_double_tap_on_give_it_to_priya_seals_the_childs_words_once(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await visit_on_a_linked_phone(data_dir, clock, hub)
        await d.tap("Hear from Sam")
        await d.tap("Scared")
        await d.type("In your own words (you don't have to)", "Dad shouts at night")
        await d.double_tap("Give it to Priya")
        await until(d, lambda: d.has_text(SEALED))
        await until(d, lambda: len(hub.sealed_bodies()) >= 1)
        await d.settle(100)
        assert len(hub.sealed_bodies()) == 1
        assert "visit-screen" in d.identifiers(), d.texts()
        assert not d.conn.errors

    run(go())
