"""Each sign-in starts at home, whatever screen the person before locked on."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as, sign_in_child

from tests.services.taylors import create_taylors

JO = "Jo, Parent or carer"


def test_the_next_person_starts_at_home_and_every_tile_still_opens(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, _household = create_taylors(data_dir, clock)
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, JO, "2580")
        await d.tap("Monthly review")
        assert "reviews-screen" in d.identifiers()
        await d.tap("Lock")  # Jo hands the phone to Sam from the review
        await d.tap("Unlock")
        await sign_in_child(d)
        assert "home-child" in d.identifiers(), d.identifiers()
        await d.tap("Lock")
        await d.tap("Unlock")
        await d.tap(JO)
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        assert "home-parent" in d.identifiers()
        await d.tap("Monthly review")  # the screen Jo locked on opens again
        assert "reviews-screen" in d.identifiers(), d.identifiers()

    run(go())
