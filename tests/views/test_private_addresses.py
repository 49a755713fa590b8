"""The browser's address and history never name a screen only a child's alert leads to.

Anyone at home can read the browser's history on the family's tablet: an entry for the help
screen, with its time, would say "a child raised an alert at 05:03" (DOMAIN rule 7). The
screens still open, Back still leads home, and the next person still starts at home.
"""

from __future__ import annotations

from pathlib import Path

from headless import Driver, FakeClock, run, until
from steps import open_as, sign_in_child, sign_in_parent

from tests.services.taylors import create_taylors

SAM = ("Sam, Child", ("Apple", "Sun", "Tree"))


def named_help(d: Driver) -> list[str]:
    """Addresses the browser was given that name the help screen."""
    return [address for address in d.addresses() if "/safety/help" in address]


def test_help_after_a_childs_alert_opens_without_naming_it_in_the_address(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM[0], pictures=SAM[1])
        await d.tap("I need help")
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        await d.settle(50)
        assert named_help(d) == [], d.addresses()
        await d.tap("Back")
        await until(d, lambda: "home-child" in d.identifiers())

        await d.tap("How do I feel?")  # a check-in that ends in "No, I need help"
        await d.tap("Worried")
        await d.tap("Really big")  # so big that the child is asked if they are safe
        await d.tap("No, I need help")
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        await d.settle(50)
        assert named_help(d) == [], d.addresses()

        await d.tap("Lock")  # locked on the help screen: the next person starts at home
        await d.tap("Unlock")
        await sign_in_parent(d)
        assert "home-parent" in d.identifiers(), d.identifiers()
        await d.tap("Lock")
        await d.tap("Unlock")
        await sign_in_child(d)
        await d.tap("I need help")  # and help opens again, as often as it is asked for
        await until(d, lambda: "safety-help-screen" in d.identifiers())
        await d.settle(50)
        assert named_help(d) == [], d.addresses()
        assert not d.conn.errors

    run(go())
