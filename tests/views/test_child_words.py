"""What a six-year-old reads on their own screens is written for a child (DOMAIN rule 5).

Each string here was once a grown-up's line shown on a child's screen ("your agency", "also
tell a teacher"); now a child sees words written for them, graded as a child's by
tests/test_readability.py.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run, until
from steps import open_as

from tests.services.taylors import create_taylors

SAM = ("Sam, Child", ("Apple", "Sun", "Tree"))


async def goto(d: Driver, route: str) -> None:
    await d.session.dispatch_event(d.page._i, "route_change", {"route": route})
    await d.settle(60)


def test_a_childs_home_says_why_the_message_card_is_not_ready_in_a_childs_words(
    data_dir: Path, clock: FakeClock
) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        assert "worker-message-not-ready" in d.identifiers(), d.texts()
        assert d.has_text("You can't send a message to Priya yet. "
                          "A grown-up can set it up with Priya.")
        assert not d.has_text("agency"), d.texts()

    run(go())


def test_a_childs_help_screen_and_proud_moment_speak_to_a_child(
    data_dir: Path, clock: FakeClock
) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await goto(d, "/safety/help")
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        assert d.has_text("You can tell a teacher too. Or tell your worker."), d.texts()
        assert not d.has_text("You can also tell a teacher")
        await goto(d, "/strengths/add")
        assert d.has_text("Everyone at home can see this. So can your worker."), d.texts()
        assert not d.has_text("Everyone at home and your worker can see this.")

    run(go())


def test_a_parent_adding_a_proud_moment_still_reads_who_sees_it(
    data_dir: Path, clock: FakeClock
) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await goto(d, "/strengths/add")
        assert d.has_text("Everyone at home and your worker can see this."), d.texts()

    run(go())
