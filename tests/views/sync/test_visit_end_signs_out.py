"""Ending a visit on the family's phone signs the worker out.

The worker used to stay signed in on the family's phone after "End the visit": until the
auto-lock, whoever held the phone was the worker, and could take away the agency's bottom
lines (rule 8: the family's phone and the agency would quietly disagree).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from headless import FakeClock, run
from pairing_steps import Hub, paired_then

LINE = "No contact with Dad unsupervised."


def test_ending_a_visit_signs_the_worker_out_and_the_bottom_line_stays(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await paired_then(data_dir, clock, hub, "Priya")
        await d.tap("Safety plan")
        await d.type("New bottom line", LINE)
        await d.type("Why this bottom line? (the family will read this)", "Court order.")
        await d.tap("Add bottom line")
        await d.tap("Back")
        await d.tap("Start a visit")
        await d.tap("Start the visit")
        await d.tap("End the visit")
        await d.settle(60)
        assert "who-screen" in d.identifiers(), d.identifiers()
        assert "home-worker" not in d.identifiers()
        assert d.has_text("The visit is saved") and d.has_text("Priya is signed out"), d.texts()
        assert not d.has_text("Start a visit") and not d.has_text("Safety plan")

        await d.tap("Jo, Parent or carer")  # the family has the phone back
        await d.type("Your PIN", "2580")
        await d.tap("Sign in")
        await d.settle(60)
        assert "home-parent" in d.identifiers()
        assert not d.has_text("The visit is saved")  # the notice was for the worker's leaving
        await d.tap("Safety plan")
        assert d.has_text(LINE)
        with pytest.raises(AssertionError):  # the family reads the agency's bottom lines
            d.button(f"Remove: {LINE}")
        assert not d.conn.errors

    run(go())
