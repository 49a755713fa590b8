"""Several browser tabs of one ``homeward run`` share one gate: what one tab does to the door
(wrong PINs, a new passphrase) holds in every other tab too."""

from __future__ import annotations

import asyncio
from pathlib import Path

from headless import Driver, FakeClock, run, until
from two_tabs import PASSPHRASE, one_server, seed

NEW = "harbour violet compass meadow"
JO = "Jo, Parent or carer"
ALEX = "Alex, Parent or carer"
CHANGED = "The household passphrase has been changed in another window"


async def tab(main: object, who: str = "", pin: str = "") -> Driver:
    """A new tab: the passphrase, then (if asked) someone signed in with their PIN."""
    d = await Driver.start(main)  # type: ignore[arg-type]
    await d.type("Household passphrase", PASSPHRASE)
    await d.tap("Open Homeward")
    await until(d, lambda: "who-screen" in d.identifiers())
    if who:
        await d.tap(who)
        await d.type("Your PIN", pin)
        await d.tap("Sign in")
        await until(d, lambda: "who-screen" not in d.identifiers()
                    and "pin-screen" not in d.identifiers())
    return d


def test_wrong_pins_from_ten_tabs_at_once_start_the_wait(data_dir: Path,
                                                         clock: FakeClock) -> None:
    async def journey() -> None:
        seed(data_dir)
        gate, main = one_server(data_dir, clock)
        tabs = [await tab(main) for _ in range(10)]
        for n, d in enumerate(tabs):
            await d.tap(JO)
            await d.type("Your PIN", f"{1100 + n:04d}")
        taps = [(d, d.button("Sign in")) for d in tabs]
        await asyncio.gather(*(d.session.dispatch_event(b._i, "click", None) for d, b in taps))
        for d in tabs:
            await until(d, lambda d=d: any("PIN isn't right" in s or "Please wait" in s
                                           for s in d.texts()))
        household = gate.unlock(PASSPHRASE)
        jo = next(m for m in household.members() if m.name == "Jo")
        assert household.lockout(jo.id).lockouts == 1
        assert household.try_pin(jo.id, "2580").wait_seconds == 30
        waited = [d for d in tabs if any("Please wait" in s for s in d.texts())]
        assert len(waited) == 10 - 4  # four wrong PINs were checked before the wait began

    run(journey())


async def _change_passphrase(jo: Driver) -> None:
    await jo.tap("Settings")
    await jo.type("Current passphrase", PASSPHRASE)
    await jo.type("New passphrase", NEW)
    await jo.type("Type the passphrase again", NEW)
    await jo.check("Someone who should not know it might know it")
    await jo.tap("Change passphrase")
    await until(jo, lambda: jo.has_text("recovery key"))


def test_a_new_passphrase_closes_every_other_tab(data_dir: Path, clock: FakeClock) -> None:
    async def journey() -> None:
        seed(data_dir)
        _gate, main = one_server(data_dir, clock)
        other = await tab(main)  # opened with the old passphrase, then locked
        await other.tap("Lock")
        alex = await tab(main, ALEX, "1357")
        jo = await tab(main, JO, "2580")
        await _change_passphrase(jo)

        await other.tap("Unlock")
        assert "passphrase-screen" in other.identifiers()
        assert other.has_text(CHANGED)
        await other.type("Household passphrase", PASSPHRASE)
        await other.tap("Open Homeward")
        await other.settle(100)
        assert "passphrase-screen" in other.identifiers()
        assert other.has_text("That passphrase didn't work")
        await other.type("Household passphrase", NEW)
        await other.tap("Open Homeward")
        await until(other, lambda: "who-screen" in other.identifiers())

        # a signed-in tab left alone asks again within seconds, showing nothing of the family
        await until(alex, lambda: "passphrase-screen" in alex.identifiers())
        assert alex.has_text(CHANGED)
        assert not alex.has_text("Alex")

        await jo.tap("Back")  # the tab that changed it carries on
        assert "passphrase-screen" not in jo.identifiers()
        assert not jo.has_text(CHANGED)

    run(journey())


def test_a_recovery_in_one_tab_asks_the_other_tab_again(data_dir: Path,
                                                          clock: FakeClock) -> None:
    async def journey() -> None:
        recovery_key = seed(data_dir)
        _gate, main = one_server(data_dir, clock)
        other = await tab(main)
        fresh = await Driver.start(main)  # type: ignore[arg-type]
        await fresh.tap("Forgotten the passphrase? Use your recovery key")
        await fresh.type("Recovery key", recovery_key)
        await fresh.type("New passphrase", NEW)
        await fresh.type("Type the passphrase again", NEW)
        await fresh.tap("Set new passphrase")
        # the new key is shown once the recovery is done (the slow key check runs in a thread)
        await until(fresh, lambda: "new-recovery-key-screen" in fresh.identifiers(), 60)

        await other.tap(JO)
        assert "passphrase-screen" in other.identifiers()
        assert other.has_text(CHANGED)

    run(journey())
