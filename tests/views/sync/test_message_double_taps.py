"""A child's double tap on the message screen sends one message and says nothing odd.

"Please come and talk to me" tapped again while the thank-you showed sent the worker the same
message again, and "Send" tapped twice showed "Please write something first." under the
thank-you (the second tap found the box already emptied). A tap that would send the same words
again, or nothing, before anything new is typed does nothing.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run, until
from pairing_steps import Hub, paired_then

THANKS = "Thank you for telling Priya. Your message is sealed up safe."


async def sam_writing_to_priya(data_dir: Path, clock: FakeClock, hub: Hub) -> Driver:
    d = await paired_then(data_dir, clock, hub, "Sam")
    await d.tap("A message just for Priya")
    return d


def test_a_double_tap_on_come_and_talk_sends_one_message(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await sam_writing_to_priya(data_dir, clock, hub)
        await d.double_tap("Please come and talk to me, Priya")
        await until(d, lambda: d.has_text("· Sent"))
        assert d.has_text(THANKS)
        assert len(hub.sealed_bodies()) == 1
        # tapped twice more while the thank-you shows: the same words are not sent again
        await d.double_tap("Please come and talk to me, Priya")
        await d.settle(100)
        assert sum(text.endswith("· Sent") for text in d.texts()) == 1, d.texts()
        assert len(hub.sealed_bodies()) == 1
        assert not d.conn.errors

    run(go())


def test_a_double_tap_on_send_sends_once_and_refuses_nothing(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await sam_writing_to_priya(data_dir, clock, hub)
        await d.type("What do you want to tell Priya?", "I got a gold star")
        await d.tap("Send to Priya")
        await until(d, lambda: d.has_text("· Sent"))
        await d.type("What do you want to tell Priya?", "and I read a whole book")
        await d.double_tap("Send to Priya")
        await until(d, lambda: len(hub.sealed_bodies()) == 2)
        assert d.has_text(THANKS)
        assert not d.has_text("Please write something first."), d.texts()
        await d.settle(100)
        assert len(hub.sealed_bodies()) == 2
        # a deliberate tap on an empty box later is still answered
        await d.type("What do you want to tell Priya?", "x")
        await d.type("What do you want to tell Priya?", "")
        await d.tap("Send to Priya")
        assert d.has_text("Please write something first.")

    run(go())
