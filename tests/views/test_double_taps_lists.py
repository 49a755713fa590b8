"""A double tap on a button that stays put while the screen moves on does its work once.

A circle's "I've had my turn" and a list's "Take out" keep their place while what they act on
changes (the next person's turn; the next routine moves up), so a second tap in the same burst
used to land on the next person or item. Each such button now belongs to its person or item.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run
from steps import open_as, sign_in_child, sign_in_parent

from tests.services.taylors import create_taylors

ROUTINES = ("Bedtime 7.30pm", "Tea at 5pm", "Screens off at 7pm")


async def jo_on_the_agreement(data_dir: Path, clock: FakeClock) -> Driver:
    gate, _ = create_taylors(data_dir, clock)  # Jo, Sam (6), Mia (9) and Priya, their worker
    gate.close()
    d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
    await d.tap("Our household agreement")
    return d


def test_a_double_tap_on_ive_had_my_turn_leaves_the_next_persons_turn(
        data_dir: Path, clock: FakeClock) -> None:
    gate, _ = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Family circles")
        await d.tap("Start a circle")
        await d.tap("Check-in round")
        await d.tap("Start the circle")
        assert d.has_text("Jo's turn") and d.has_text("Next: Sam")
        await d.double_tap("I've had my turn")
        assert d.has_text("Sam's turn"), d.texts()
        clock.advance(1)  # turns are kept in the order of their time
        await d.double_tap("Pass")
        assert d.has_text("Mia's turn"), "|".join(d.texts())
        assert not d.conn.errors

    run(go())


def test_a_double_tap_on_take_out_takes_out_one_routine(data_dir: Path,
                                                         clock: FakeClock) -> None:
    async def go() -> None:
        d = await jo_on_the_agreement(data_dir, clock)
        for routine in ROUTINES:
            await d.type("A routine", routine)
            await d.tap("Add routine")
        await d.double_tap(f"Take out: {ROUTINES[0]}")
        assert [r for r in ROUTINES if d.has_text(r)] == list(ROUTINES[1:])

    run(go())


def test_a_double_tap_on_weve_talked_answers_one_childs_request(data_dir: Path,
                                                                 clock: FakeClock) -> None:
    async def go() -> None:
        d = await jo_on_the_agreement(data_dir, clock)
        for rule in ("We speak kindly", "We knock before going in"):
            await d.tap("Add a rule")
            await d.type("The rule", rule)
            await d.tap("Save rule")
        await d.tap("Back")
        await d.tap("Someone else's turn")
        await sign_in_child(d)
        await d.tap("Our rules")
        for _ in range(2):
            await d.tap("I'd like to talk about this rule")
        await d.tap("Back")
        await d.tap("Someone else's turn")
        await sign_in_parent(d)
        await d.tap("Our household agreement")
        assert len([x for x in d.texts() if "would like to talk" in x]) == 2
        await d.double_tap("We've talked with Sam about it")
        assert len([x for x in d.texts() if "would like to talk" in x]) == 1, d.texts()

    run(go())
