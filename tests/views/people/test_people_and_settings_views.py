"""Headless tests of what a parent manages: people, PINs, the passphrase, recovery."""

from __future__ import annotations

import re
from pathlib import Path

from headless import Driver, FakeClock, run
from steps import (
    PASSPHRASE,
    first_run,
    restart_and_unlock,
    sign_in_parent,
    start,
)

NEW_PASSPHRASE = "seven herons under a bridge"


def shown_key(d: Driver) -> str:
    return next(t for t in d.texts() if re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){7}", t))


async def signed_in_parent(data_dir: Path, clock: FakeClock) -> Driver:
    d = await start(data_dir, clock)
    await first_run(d)
    await sign_in_parent(d)
    assert "home-parent" in d.identifiers()
    return d


def test_parent_adds_renames_repins_and_removes_with_confirmation(data_dir: Path,
                                                                  clock: FakeClock) -> None:
    async def go() -> None:
        d = await signed_in_parent(data_dir, clock)
        await d.tap("People in our home")
        assert "people-screen" in d.identifiers()
        await d.tap("Add a support worker")
        await d.type("Name", "Priya")
        await d.type("New PIN (4 to 6 numbers)", "4826")
        await d.type("Type the PIN again", "4820")
        await d.tap("Add worker")
        assert d.has_text("The two PINs are not the same.")
        await d.type("Type the PIN again", "4826")
        await d.tap("Add worker")
        assert "people-screen" in d.identifiers(), d.texts()
        assert d.has_text("Priya has been added.")

        await d.tap("Sam")
        assert "person-screen" in d.identifiers()
        await d.type("Name", "Sammy")
        await d.tap("Save name")
        assert d.has_text("The name is saved: Sammy.")
        await d.type("Name", "Samuel")  # typed, never saved: the PIN's notice keeps his name
        for picture in ("Moon", "Star", "Fish"):
            await d.tap(picture)
        await d.tap("Save new pictures")
        assert d.has_text("The new PIN for Sammy is saved.")

        await d.tap("Remove Sammy")
        assert d.has_text("Everything already recorded is kept.")
        await d.tap("Cancel")
        await d.tap("Remove Sammy")
        await d.tap("Yes, remove")
        assert "people-screen" in d.identifiers()
        assert d.has_text("Sammy has been removed. Their history is kept.")
        assert not d.has_text("Sammy, Child")

        # the last parent cannot be removed
        await d.tap("Jo")
        await d.tap("Remove Jo")
        await d.tap("Yes, remove")
        assert d.has_text("A household needs at least one parent or carer")

        # the new pictures work and the removed child is no longer offered
        await d.tap("Lock")
        await d.tap("Unlock")
        assert d.has_text("Priya, Support worker")
        assert not d.has_text("Sammy, Child")
        assert not d.conn.errors

    run(go())


def test_parent_changes_the_passphrase(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        d = await signed_in_parent(data_dir, clock)
        await d.tap("Settings")
        await d.type("Current passphrase", "wrong wrong wrong")
        await d.type("New passphrase", NEW_PASSPHRASE)
        await d.type("Type the passphrase again", NEW_PASSPHRASE)
        await d.tap("Change passphrase")
        await d.settle(100)
        assert d.has_text("The current passphrase isn't right. Nothing has been changed.")
        await d.type("Current passphrase", PASSPHRASE)
        assert not d.has_text("The current passphrase isn't right."), "a refusal of what is gone"
        await d.tap("Change passphrase")
        await d.settle(100)
        assert d.has_text("The new passphrase is set."), d.texts()
        assert d.has_text("A backup made before now still needs the old passphrase or your "
                          "recovery key."), d.texts()
        d.session.page  # the old tab stays usable  # noqa: B018
        d2 = await start(data_dir, clock)
        await d2.type("Household passphrase", PASSPHRASE)
        await d2.tap("Open Homeward")
        await d2.settle(100)
        assert d2.has_text("That passphrase didn't work")
        await d2.type("Household passphrase", NEW_PASSPHRASE)
        await d2.tap("Open Homeward")
        await d2.settle(100)
        assert "who-screen" in d2.identifiers()

    run(go())


def test_someone_might_know_the_passphrase_so_everything_gets_new_keys(
    data_dir: Path, clock: FakeClock
) -> None:
    async def go() -> None:
        d = await signed_in_parent(data_dir, clock)
        await d.tap("Settings")
        await d.type("Current passphrase", PASSPHRASE)
        await d.type("New passphrase", NEW_PASSPHRASE)
        await d.type("Type the passphrase again", NEW_PASSPHRASE)
        await d.check("Someone who should not know it might know it")
        assert d.has_text("The old passphrase and the old recovery key will not open anything "
                          "saved from now on.")
        await d.tap("Change passphrase")
        await d.settle(200)
        assert "new-recovery-key-screen" in d.identifiers(), d.texts()
        assert shown_key(d)
        await d.check("I have written it down or given it to our worker")
        await d.tap("Done")
        await d.settle(100)
        assert "settings-screen" in d.identifiers(), d.texts()
        assert d.has_text("Everything is locked again with new keys.")
        assert d.has_text("A backup made before now still needs the old passphrase or the old "
                          "recovery key. Keep the old paper with that backup")
        d2 = await start(data_dir, clock)
        await d2.type("Household passphrase", NEW_PASSPHRASE)
        await d2.tap("Open Homeward")
        await d2.settle(100)
        assert "who-screen" in d2.identifiers()

    run(go())


def test_recovery_key_sets_a_new_passphrase_from_the_unlock_screen(data_dir: Path,
                                                                   clock: FakeClock) -> None:
    async def go() -> None:
        d = await start(data_dir, clock)
        await first_run(d)
        key = d.recovery_key  # noted by first_run from the recovery screen
        d = await start(data_dir, clock)
        await d.tap("Forgotten the passphrase? Use your recovery key")
        assert "recovery-screen" in d.identifiers()
        await d.type("Recovery key", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        await d.type("New passphrase", NEW_PASSPHRASE)
        await d.type("Type the passphrase again", NEW_PASSPHRASE)
        await d.tap("Set new passphrase")
        await d.settle(100)
        assert d.has_text("That recovery key doesn't match this household.")
        await d.type("Recovery key", key.lower())
        assert not d.has_text("That recovery key doesn't match"), "a refusal of what is gone"
        await d.tap("Set new passphrase")
        await d.settle(100)
        # The used key is replaced: the new one is shown once, before anyone's names.
        assert "new-recovery-key-screen" in d.identifiers(), d.texts()
        new_key = shown_key(d)
        assert new_key != key
        assert not d.has_text("Destroy the old paper"), "the only key to older backups"
        await d.check("I have written it down or given it to our worker")
        await d.tap("Done")
        await d.settle(100)
        assert "who-screen" in d.identifiers(), d.texts()
        assert d.has_text("Your new passphrase is set.")
        assert d.has_text("A backup made before now still needs the old recovery key. Keep "
                          "that old paper with the backup")
        assert d.has_text("Sam, Child")
        d = await start(data_dir, clock)  # the old key opens nothing now; the new one does
        await d.tap("Forgotten the passphrase? Use your recovery key")
        await d.type("Recovery key", key)
        await d.type("New passphrase", NEW_PASSPHRASE + " too")
        await d.type("Type the passphrase again", NEW_PASSPHRASE + " too")
        await d.tap("Set new passphrase")
        await d.settle(100)
        assert d.has_text("That recovery key doesn't match this household.")

    run(go())


def test_a_second_tab_must_prove_the_passphrase_too(data_dir: Path, clock: FakeClock) -> None:
    async def go() -> None:
        await signed_in_parent(data_dir, clock)
        other = await restart_and_unlock(data_dir, clock)
        assert "who-screen" in other.identifiers()

    run(go())
