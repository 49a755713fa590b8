"""Settings as a child reaches it by typing the address: only their own language and text size.

A child on the family tablet may know the household passphrase; the passphrase, the recovery
key, the agency link and the lock time are the parents' to change, so a child never sees them.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run
from steps import PASSPHRASE, open_as, running_gate

from tests.services.taylors import create_taylors

SAM = ("Sam, Child", ("Apple", "Sun", "Tree"))
PARENTS_CONTROLS = ("Change passphrase", "Make a new recovery key", "Connect to your agency",
                    "Lock after", "Household passphrase", "Current passphrase")


async def goto(d: Driver, route: str) -> None:
    await d.session.dispatch_event(d.page._i, "route_change", {"route": route})
    await d.settle(60)


def test_a_child_who_types_settings_cannot_change_the_households_keys(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()
    seen: dict[str, object] = {}

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await goto(d, "/settings")
        seen["screen"] = "settings-screen" in d.identifiers()
        seen["not_here"] = "child-not-here" in d.identifiers()
        seen["parent_controls"] = [t for t in d.texts() if t in PARENTS_CONTROLS]
        seen["errors"] = list(d.conn.errors)

    run(go())
    # a child's tab routes only to a child's screens: not even the settings screen opens
    assert seen == {"screen": False, "not_here": True, "parent_controls": [], "errors": []}
    # the old passphrase still opens the household (WrongPassphrase here if it was changed)
    assert running_gate(data_dir, clock).unlock(PASSPHRASE).household().name


def test_the_worker_who_types_settings_sees_only_their_own_choices(
    data_dir: Path, clock: FakeClock
) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Priya, Support worker", pin="4826")
        await goto(d, "/settings")
        assert [t for t in d.texts() if t in PARENTS_CONTROLS] == []
        assert {"language-mine", "text-size-mine"} <= d.identifiers()

    run(go())


def test_a_parent_still_sees_the_households_controls(data_dir: Path, clock: FakeClock) -> None:
    create_taylors(data_dir, clock)[0].close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await goto(d, "/settings")
        shown = {t for t in d.texts() if t in PARENTS_CONTROLS}
        assert {"Change passphrase", "Make a new recovery key", "Connect to your agency",
                "Lock after"} <= shown, d.texts()

    run(go())
