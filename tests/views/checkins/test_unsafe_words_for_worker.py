"""Sam types words, then says "No, I need help" after the screen told him "Nobody at home is
told": Jo sees how Sam felt, as on any check-in, and never his words (rules 2 and 7)."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run, until
from steps import open_as, running_gate

from app.services.checkins import checkins_for
from tests.services.taylors import PASSPHRASE, create_taylors, in_order

TOLD = "Dad hurt me last night"


def test_jo_sees_sams_feeling_but_not_the_words_he_told_his_worker(
        data_dir: Path, clock: FakeClock) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await d.tap("How do I feel?")
        await d.tap("Sad")
        await d.tap("A little")
        await d.type("Or say it in your own words", TOLD)
        await d.tap("Home")
        await d.tap("That's all")
        assert d.has_text("Nobody at home is told"), d.texts()
        await d.tap("No, I need help")
        await d.settle(50)
        await d.tap("Back")
        await d.tap("Someone else's turn")
        await d.tap("Jo, Parent or carer")
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await until(d, lambda: "home-parent" in d.identifiers())
        await d.tap("How everyone is feeling")
        await d.tap("See Sam's feelings")
        await d.settle(30)
        assert d.has_text("Sad"), d.texts()
        assert not any("hurt" in text for text in d.texts()), d.texts()

    run(go())
    household = running_gate(data_dir, clock).unlock(PASSPHRASE)
    _jo, sam, _mia, priya = in_order(household)
    [kept] = checkins_for(household).checkins_of(priya, sam.id)
    assert kept.words == TOLD  # the worker reads them
