"""Headless tests of "Forgotten your PIN?": Jo, the only parent, is shut out no longer.

In a one-parent household nobody else can set Jo's PIN. With the household passphrase she
chooses a new one on the PIN screen, even while she waits after wrong tries; a child and the
worker are not offered it.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run
from steps import PASSPHRASE, first_run, restart_and_unlock, start


async def _wrong_pins(d: Driver, times: int) -> None:
    for _ in range(times):
        await d.type("Your PIN", "1357")
        await d.tap("Sign in")
        await d.settle(50)


def test_jo_forgot_her_pin_and_chooses_a_new_one_with_the_passphrase(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await d.tap("Jo, Parent or carer")
        await _wrong_pins(d, 5)
        assert d.has_text("Too many wrong tries. Please wait 30 seconds, then try again.")
        await d.tap("Forgotten your PIN?")
        assert "forgotten-pin" in d.identifiers(), d.texts()
        assert d.has_text("A new PIN for Jo")

        await d.type("Household passphrase", "not the passphrase")
        await d.type("New PIN (4 to 6 numbers)", "9731")
        await d.type("Type the PIN again", "9731")
        await d.tap("Save new PIN")
        await d.settle(100)
        assert d.has_text("That is not the household passphrase. Please try again.")
        await d.type("Household passphrase", PASSPHRASE)
        await d.type("Type the PIN again", "9732")
        await d.tap("Save new PIN")
        await d.settle(100)
        assert d.has_text("The two PINs are not the same. Please type them again.")
        await d.type("Type the PIN again", "9731")
        await d.tap("Save new PIN")
        await d.settle(100)
        assert "home-parent" in d.identifiers(), d.texts()
        assert d.has_text("The new PIN for Jo is saved.")

        # the next time, the new PIN works at once: the wait ended with the old PIN
        d = await restart_and_unlock(data_dir, clock)
        await d.tap("Jo, Parent or carer")
        await d.type("Your PIN", "9731")
        await d.tap("Sign in")
        await d.settle(50)
        assert "home-parent" in d.identifiers(), d.texts()
        assert not d.conn.errors

    run(go())


def test_a_child_is_not_offered_the_passphrase_and_back_returns(
        data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await d.tap("Sam, Child")
        assert "pin-screen" in d.identifiers()
        assert not d.has_text("Forgotten your PIN?")
        await d.tap("Back")
        await d.tap("Jo, Parent or carer")
        await d.tap("Forgotten your PIN?")
        await d.tap("Back")
        assert "pin-screen" in d.identifiers(), d.texts()
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await d.settle(50)
        assert "home-parent" in d.identifiers(), d.texts()

    run(go())
