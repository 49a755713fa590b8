"""A child's list of messages to their worker lasts only while they are signed in.

Parents choose a child's pictures (at setup, and again in People), so anyone at home can sign
in as the child: a list kept from earlier sign-ins showed them when the child wrote to their
worker, and whether it had gone (DOMAIN rule 7: not a date, not a list entry). The child sees
what they send now; after a lock nothing of it is on their screen. A parent's own list stays:
it is theirs, behind their own PIN.
"""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run, until
from pairing_steps import Hub, paired_then, switch

SAID = "the big dog next door scares me"


def test_after_a_lock_the_childs_screen_shows_no_trace_of_a_message(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await paired_then(data_dir, clock, hub, "Sam")
        await d.tap("A message just for Priya")
        await d.type("What do you want to tell Priya?", SAID)
        await d.tap("Send to Priya")
        await until(d, lambda: d.has_text("· Sent"))  # Sam sees it went
        await d.tap("Back")
        clock.advance(120)
        await switch(d, "Sam")  # later, anyone who knows Sam's pictures
        await d.tap("A message just for Priya")
        shown = " ".join(d.texts())
        assert "· Sent" not in shown and "Today at" not in shown, shown
        assert "My messages" not in shown
        await d.tap("Back")
        await switch(d, "Jo")  # a parent's own list is still theirs
        await d.tap("Just for Priya")
        assert d.has_text("No messages yet.")
        assert not d.conn.errors

    run(go())
