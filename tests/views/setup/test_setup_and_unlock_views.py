"""Headless tests of the first run, unlock, PIN sign-in, lockout and auto-lock."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from headless import Driver, FakeClock, run
from steps import (
    PASSPHRASE,
    first_run,
    new_process_gate,
    restart_and_unlock,
    sign_in_parent,
    start,
)

from app.i18n import t
from app.storage import HouseholdStore, StoreWriteFailed
from app.storage.keys import FORMAT_VERSION, KEY_FILE, KeyFile
from app.storage.lock import FolderLock
from app.ui import build_main


def test_first_run_reaches_who_is_using(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        assert "setup-welcome" in d.identifiers()
        await first_run(d)
        assert "who-screen" in d.identifiers(), d.texts()
        assert d.has_text("Sam, Child") and d.has_text("Jo, Parent or carer")
        assert not d.conn.errors

    run(go())


def test_a_refusal_goes_once_the_passphrase_is_typed_again(data_dir: Path,
                                                           clock: FakeClock) -> None:
    """The refusal sits at the top of the screen: left there beside a strong passphrase, it
    tells a parent the passphrase they now have is still wrong."""
    async def go() -> None:
        d = await start(data_dir, clock)
        await d.type("Your household's name", "The Taylor family")
        await d.tap("Next")
        await d.type("New passphrase", "password1")
        await d.tap("Create our household")
        assert d.has_text("It needs at least 10 characters."), d.texts()
        await d.type("New passphrase", PASSPHRASE)
        assert not d.has_text("It needs at least 10 characters."), d.texts()
        await d.type("Type the passphrase again", PASSPHRASE + "x")
        await d.tap("Create our household")
        assert d.has_text("The two passphrases are not the same."), d.texts()
        await d.type("Type the passphrase again", PASSPHRASE)
        assert not d.has_text("The two passphrases are not the same."), d.texts()
        assert d.has_text("Strong passphrase.")
        await d.tap("Create our household")
        await d.settle(200)
        assert "setup-recovery" in d.identifiers(), d.texts()

    run(go())


def test_a_household_that_could_not_be_saved_leaves_nothing_and_can_be_made_again(
        data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The phone was full when "Create our household" saved the household's name: a store
    without it was taken, after unlocking, for a second phone joining another household, and
    the family could never name their own. Now nothing is left, and the next try works."""
    real_put = HouseholdStore.put

    def full_once(store: HouseholdStore, collection: str, *args: Any, **kwargs: Any) -> Any:
        monkeypatch.setattr(HouseholdStore, "put", real_put)
        raise StoreWriteFailed(collection, "No space left on device")

    async def go() -> None:
        d = await start(data_dir, clock)
        await d.type("Your household's name", "The Taylor family")
        await d.tap("Next")
        await d.type("New passphrase", PASSPHRASE)
        await d.type("Type the passphrase again", PASSPHRASE)
        monkeypatch.setattr(HouseholdStore, "put", full_once)
        await d.tap("Create our household")
        await d.settle(200)
        assert "setup-passphrase" in d.identifiers(), d.texts()
        assert d.has_text("Sorry, something went wrong.")
        assert not data_dir.exists() or not any(data_dir.iterdir())
        await d.tap("Create our household")
        await d.settle(200)
        assert "setup-recovery" in d.identifiers(), d.texts()

    run(go())


def test_restart_asks_passphrase_then_pins(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await sign_in_parent(d)
        assert "home-parent" in d.identifiers(), d.texts()
        assert d.has_text("Hello, Jo")
        # a child's home: three pictures, no reading needed
        await d.tap("Someone else's turn")
        await d.tap("Sam, Child")
        for picture in ("Apple", "Sun", "Tree"):
            await d.tap(picture)
        await d.settle(50)
        assert "home-child" in d.identifiers(), d.texts()
        assert d.has_text("Hi, Sam!")
        assert not d.has_text("People in our home") and not d.has_text("Settings")
        assert not d.conn.errors

    run(go())


def test_wrong_pin_locks_out_in_plain_words_across_restart(data_dir: Path,
                                                           clock: FakeClock) -> None:
    async def go() -> None:
        await first_run(await start(data_dir, clock))
        d = await restart_and_unlock(data_dir, clock)
        await d.tap("Jo, Parent or carer")
        for _ in range(4):
            await d.type("Your PIN", "1357")
            await d.tap("Sign in")
            await d.settle(50)
        assert d.has_text("Tries left before a short wait: 1.")
        await d.type("Your PIN", "1357")
        await d.tap("Sign in")
        await d.settle(50)
        assert d.has_text("Too many wrong tries. Please wait 30 seconds, then try again.")
        d = await restart_and_unlock(data_dir, clock)
        await sign_in_parent(d)
        assert d.has_text("Please wait 30 seconds"), d.texts()
        clock.advance(31)
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await d.settle(50)
        assert "home-parent" in d.identifiers()
        # a child is told kindly, in child words
        await d.tap("Someone else's turn")
        await d.tap("Sam, Child")
        for picture in ("Moon", "Moon", "Moon"):
            await d.tap(picture)
        await d.settle(50)
        assert d.has_text("Oops, not quite! Try again.")

    run(go())


def test_lock_is_one_tap_and_shows_no_family_data(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        await sign_in_parent(d)
        await d.tap("Lock")
        assert "lock-screen" in d.identifiers()
        for private in ("Jo", "Sam", "Taylor"):
            assert not d.has_text(private), d.texts()
        await d.tap("Unlock")
        assert "who-screen" in d.identifiers()

    run(go())


def test_auto_lock_after_inactivity_and_parent_can_change_it(data_dir: Path,
                                                             clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        await sign_in_parent(d)
        session = d.session.page  # noqa: F841 - the page stays the same across locks
        clock.advance(4 * 60)
        await d.tap("Settings")
        await d.settle(50)
        assert "settings-screen" in d.identifiers(), d.texts()
        await d.select("Lock after", "1")
        assert d.has_text("Auto-lock time saved.")
        clock.advance(59)
        from app.ui import AUTOLOCK_CHECK_SECONDS  # the watch ticks on real time

        await asyncio.sleep(AUTOLOCK_CHECK_SECONDS + 0.5)
        await d.settle()
        assert "settings-screen" in d.identifiers(), "locked before the timeout"
        clock.advance(2)
        await asyncio.sleep(AUTOLOCK_CHECK_SECONDS + 0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers(), d.texts()
        assert not d.has_text("Jo")

    run(go())


def test_who_is_using_homeward_locks_itself_when_left_alone(data_dir: Path,
                                                            clock: FakeClock) -> None:
    """The phone left on "Who's using Homeward?" shows the family's names: it locks too."""
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        assert "who-screen" in d.identifiers()
        from app.ui import AUTOLOCK_CHECK_SECONDS

        clock.advance(4 * 60)
        await asyncio.sleep(AUTOLOCK_CHECK_SECONDS + 0.5)
        await d.settle()
        assert "who-screen" in d.identifiers(), "locked before the timeout"
        clock.advance(61)
        await asyncio.sleep(AUTOLOCK_CHECK_SECONDS + 0.5)
        await d.settle()
        assert "lock-screen" in d.identifiers(), d.texts()
        assert not d.has_text("Jo")

    run(go())


def test_a_household_open_in_another_program_is_named_in_plain_words(
    data_dir: Path, clock: FakeClock
) -> None:
    """Another Homeward, or a backup taken from the command line, holds the household: the
    passphrase and the recovery key are both told so, nothing changes, and it opens once the
    other program lets go."""
    async def go() -> None:
        first = await start(data_dir, clock)
        await first_run(first)
        d = await start(data_dir, clock)  # a new process: the first app has ended
        elsewhere = HouseholdStore.open(data_dir, PASSPHRASE)
        await refused_at_both_doors(d, first.recovery_key, t("unlock.error.in_use"))

        elsewhere.close()
        await d.tap("Back")
        await d.type("Household passphrase", PASSPHRASE)  # unchanged by the refused recovery
        await d.tap("Open Homeward")
        await d.settle(200)
        assert "who-screen" in d.identifiers(), d.texts()
        assert not d.conn.errors

    run(go())


def test_records_from_a_newer_homeward_say_so_at_both_doors_and_nothing_changes(
    data_dir: Path, clock: FakeClock
) -> None:
    """A folder saved by a newer Homeward (a phone restored onto an older one): the passphrase
    and the recovery key both say to update the app, and the folder is left as it was."""
    async def go() -> None:
        first = await start(data_dir, clock)
        await first_run(first)
        keys = data_dir / KEY_FILE
        key_file = KeyFile.from_bytes(keys.read_bytes())
        keys.write_bytes(replace(key_file, version=FORMAT_VERSION + 1).to_bytes())
        before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
        d = await start(data_dir, clock)
        await refused_at_both_doors(d, first.recovery_key, t("unlock.error.too_new"))
        assert not d.has_text("Sorry, something went wrong")
        after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
        assert after == before

    run(go())


async def refused_at_both_doors(d: Driver, recovery_key: str, words: str) -> None:
    """The passphrase, then the recovery key with a new passphrase: each refused in ``words``."""
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await d.settle(200)
    assert "passphrase-screen" in d.identifiers()
    assert d.has_text(words), d.texts()
    await d.tap(t("unlock.forgot"))
    await d.type("Recovery key", recovery_key)
    await d.type("New passphrase", "harbour violet compass meadow")
    await d.type("Type the passphrase again", "harbour violet compass meadow")
    await d.tap("Set new passphrase")
    await d.settle(200)
    assert "recovery-screen" in d.identifiers()
    assert d.has_text(words), d.texts()


def test_a_household_set_up_in_another_tab_meanwhile_is_opened_not_a_crash(
        data_dir: Path, clock: FakeClock) -> None:
    """Jo started setting up in two tabs (or on the phone and in another window) and finished
    in one. "Create our household" in the other now finds a household there: it says so and
    asks for its passphrase, and the household made first is unchanged."""
    async def go() -> None:
        gate = new_process_gate(data_dir, clock)
        other = await Driver.start(build_main(data_dir, gate=gate, clock=clock, idle_clock=clock))
        await other.type("Your household's name", "The Jones family")
        await other.tap("Next")
        await other.type("New passphrase", "another long passphrase here")
        await other.type("Type the passphrase again", "another long passphrase here")
        first = await Driver.start(build_main(data_dir, gate=gate, clock=clock, idle_clock=clock))
        await first_run(first)
        await other.tap("Create our household")
        await other.settle(200)
        assert "passphrase-screen" in other.identifiers(), other.texts()
        assert other.has_text(t("setup.error.made_meanwhile")), other.texts()
        assert not other.has_text("Sorry, something went wrong.")
        await other.type("Household passphrase", PASSPHRASE)
        await other.tap("Open Homeward")
        await other.settle(200)
        assert "who-screen" in other.identifiers(), other.texts()
        assert other.has_text("Jo, Parent or carer") and not other.conn.errors
        assert not other.has_text(t("setup.error.made_meanwhile")), other.texts()

    run(go())


def test_setting_up_while_another_program_holds_the_folder_says_so_and_can_go_on(
        data_dir: Path, clock: FakeClock) -> None:
    """A restore or `homeward init` from the command line holds the empty folder just then:
    "Create our household" says so in plain words and works once the other program is done."""
    async def go() -> None:
        d = await start(data_dir, clock)
        await d.type("Your household's name", "The Taylor family")
        await d.tap("Next")
        await d.type("New passphrase", PASSPHRASE)
        await d.type("Type the passphrase again", PASSPHRASE)
        data_dir.mkdir(parents=True, exist_ok=True)
        elsewhere = FolderLock.acquire(data_dir)
        await d.tap("Create our household")
        await d.settle(200)
        assert "setup-passphrase" in d.identifiers(), d.texts()
        assert d.has_text(t("unlock.error.in_use")), d.texts()
        elsewhere.release()
        await d.tap("Create our household")
        await d.settle(200)
        assert "setup-recovery" in d.identifiers(), d.texts()

    run(go())
