"""Headless tests of a recovery key that can always be made again: a reload during setup comes
back to the recovery step with a new key (the one shown before stops working), and Settings
makes a new one for whoever knows the passphrase, saying when the current one was made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from headless import Driver, FakeClock, run, until
from steps import PASSPHRASE, first_run, running_gate, sign_in_parent, start

from app.storage import HouseholdStore, WrongRecoveryKey
from app.ui import build_main

KEY = re.compile(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){7}")
KEPT = "I have written it down or given it to our worker"


def shown_key(d: Driver) -> str:
    """The recovery key on the screen (exactly one)."""
    keys = [text for text in d.texts() if KEY.fullmatch(text)]
    assert len(keys) == 1, d.texts()
    return keys[0]


def opens(data_dir: Path, recovery_key: str) -> bool:
    """True if ``recovery_key`` opens the household (read-only, beside the running app)."""
    try:
        HouseholdStore.open_with_recovery_key(data_dir, recovery_key, read_only=True).close()
    except WrongRecoveryKey:
        return False
    return True


async def reload_and_unlock(data_dir: Path, clock: FakeClock) -> Driver:
    """The same app, a new tab (a reload): the passphrase again."""
    gate = running_gate(data_dir, clock)
    d = await Driver.start(build_main(data_dir, gate=gate, clock=clock, idle_clock=clock))
    assert "passphrase-screen" in d.identifiers(), d.texts()
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "passphrase-screen" not in d.identifiers())
    return d


async def create_household(data_dir: Path, clock: FakeClock) -> tuple[Driver, str]:
    d = await start(data_dir, clock)
    await d.type("Your household's name", "The Taylor family")
    await d.tap("Next")
    await d.type("New passphrase", PASSPHRASE)
    await d.type("Type the passphrase again", PASSPHRASE)
    await d.tap("Create our household")
    await until(d, lambda: "setup-recovery" in d.identifiers())
    return d, shown_key(d)


def test_a_reload_during_setup_comes_back_to_a_new_recovery_key(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        _, first_key = await create_household(data_dir, clock)
        assert opens(data_dir, first_key)
        assert running_gate(data_dir, clock).recovery_key_history().pending

        # The tab is reloaded before "I have written it down": that key is lost with it.
        d = await reload_and_unlock(data_dir, clock)
        assert "setup-recovery" in d.identifiers(), d.texts()
        second_key = shown_key(d)
        assert second_key != first_key
        assert d.has_text("so here is a new one. The one shown before no longer works")
        assert d.has_text("The current recovery key was made on")
        assert not opens(data_dir, first_key)
        assert opens(data_dir, second_key)

        # Again, and then kept: setup carries on, and a later reload does not make another.
        d = await reload_and_unlock(data_dir, clock)
        third_key = shown_key(d)
        assert not opens(data_dir, second_key) and opens(data_dir, third_key)
        await d.check(KEPT)
        await d.tap("Next")
        assert "setup-parent" in d.identifiers(), d.texts()
        assert not running_gate(data_dir, clock).recovery_key_history().pending

        d = await reload_and_unlock(data_dir, clock)
        assert "setup-parent" in d.identifiers(), d.texts()
        assert not [text for text in d.texts() if KEY.fullmatch(text)]
        assert opens(data_dir, third_key)
        assert not d.conn.errors

    run(go())


def test_a_new_process_during_setup_also_comes_back_to_a_new_recovery_key(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        _, first_key = await create_household(data_dir, clock)
        d = await start(data_dir, clock)  # the app was restarted (the phone closed the tab)
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Open Homeward")
        await until(d, lambda: "setup-recovery" in d.identifiers())
        second_key = shown_key(d)
        assert not opens(data_dir, first_key) and opens(data_dir, second_key)

    run(go())


def test_two_tabs_in_setup_never_leave_a_written_down_key_that_does_not_work(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        a, first_key = await create_household(data_dir, clock)
        b = await reload_and_unlock(data_dir, clock)  # a second tab made a new key
        b_key = shown_key(b)

        # The first tab still shows the key it made: ticking it shows the current one instead.
        await a.check(KEPT)
        await a.tap("Next")
        assert "setup-recovery" in a.identifiers(), a.texts()
        assert a.has_text("A newer recovery key was made in another window")
        current = shown_key(a)
        assert current not in (first_key, b_key)
        assert opens(data_dir, current) and not opens(data_dir, b_key)
        await a.check(KEPT)
        await a.tap("Next")
        assert "setup-parent" in a.identifiers(), a.texts()

        # The second tab's key was replaced too, and the current one is kept: it moves on,
        # saying its own key is no use.
        await b.check(KEPT)
        await b.tap("Next")
        assert "setup-parent" in b.identifiers(), b.texts()
        assert b.has_text("The key shown here will not work now. Throw away any copy of it.")
        assert opens(data_dir, current)
        assert not running_gate(data_dir, clock).recovery_key_history().pending

    run(go())


@pytest.mark.parametrize("passphrase_first", ["wrong", "empty"])
def test_settings_makes_a_new_recovery_key_once_the_passphrase_is_proved(
    data_dir: Path, clock: FakeClock, passphrase_first: str
) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        setup_key = d.recovery_key
        await sign_in_parent(d)
        await d.tap("Settings")
        await until(d, lambda: "settings-screen" in d.identifiers())
        assert d.has_text("The current recovery key was made on")

        # A wrong passphrase (or none) changes nothing, and says so.
        if passphrase_first == "wrong":
            await d.type("Household passphrase", "not the right passphrase")
        await d.tap("Make a new recovery key")
        await until(d, lambda: d.has_text("Nothing has been changed")
                    or d.has_text("Please type the household passphrase first."))
        assert "new-recovery-key-screen" not in d.identifiers()
        assert opens(data_dir, setup_key)

        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Make a new recovery key")
        await until(d, lambda: "new-recovery-key-screen" in d.identifiers())
        new_key = shown_key(d)
        # The old paper still opens any backup made before now: never "destroy it" alone.
        assert d.has_text("But a backup made before now still needs it: keep the old paper")
        assert d.has_text("The current recovery key was made on")
        assert not opens(data_dir, setup_key)  # at once, before "Done"
        assert opens(data_dir, new_key)
        assert running_gate(data_dir, clock).recovery_key_history().pending
        await d.check(KEPT)
        await d.tap("Done")
        assert "settings-screen" in d.identifiers(), d.texts()
        assert not running_gate(data_dir, clock).recovery_key_history().pending
        assert not [text for text in d.texts() if KEY.fullmatch(text)]
        assert not d.conn.errors

    run(go())


def test_a_new_key_nobody_said_they_kept_is_shown_again_at_the_next_unlock(
    data_dir: Path, clock: FakeClock
) -> None:
    """Jo made a new key in Settings and the tab reloaded before "Done": nobody held a key
    that works, and nothing said so, until the next forgotten passphrase lost everything.
    The next unlock shows a new key over the screen (the lost one stays useless); once kept,
    unlocking shows none."""
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        await sign_in_parent(d)
        await d.tap("Settings")
        await until(d, lambda: "settings-screen" in d.identifiers())
        await d.type("Household passphrase", PASSPHRASE)
        await d.tap("Make a new recovery key")
        await until(d, lambda: "new-recovery-key-screen" in d.identifiers())
        lost = shown_key(d)

        d = await reload_and_unlock(data_dir, clock)  # before "I have written it down"
        assert "new-recovery-key-screen" in d.identifiers(), d.texts()
        again = shown_key(d)
        assert again != lost and opens(data_dir, again) and not opens(data_dir, lost)
        await d.check(KEPT)
        await d.tap("Done")
        assert "who-screen" in d.identifiers(), d.texts()

        d = await reload_and_unlock(data_dir, clock)
        assert "who-screen" in d.identifiers() and "new-recovery-key-screen" not in d.identifiers()
        assert opens(data_dir, again)

    run(go())
