"""A proud moment from a newer Homeward, with a picture this copy has no words for."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as

from app.domain.strengths import StrengthKind
from app.services.gate import HouseholdGate
from app.services.strengths import STRENGTHS, strengths_for
from tests.services.taylors import create_taylors, in_order

SAM = "Sam, Child"
SAMS_PICTURES = ("Apple", "Sun", "Tree")


def _unicorn_for_sam(data_dir: Path, clock: FakeClock) -> HouseholdGate:
    """Sam's picture-only proud moment, as a newer copy on the family tablet would send it."""
    gate, household = create_taylors(data_dir, clock)
    _jo, sam, _mia, _priya = in_order(household)
    note = strengths_for(household).add(sam, sam.id, StrengthKind.PROUD, "", "star")
    doc = note.to_json()
    doc["picture"] = "unicorn"  # a picture only a newer Homeward knows
    household._store.put(STRENGTHS, doc, shard=note.shard)
    return gate


def test_a_child_with_a_newer_picture_signs_in_and_help_still_opens(
    data_dir: Path, clock: FakeClock
) -> None:
    _unicorn_for_sam(data_dir, clock).close()

    async def go() -> None:
        d = await open_as(data_dir, clock, SAM, pictures=SAMS_PICTURES)
        assert "home-child" in d.identifiers(), d.texts()
        assert d.has_text("A picture"), d.texts()
        await d.tap("Help: Childline and 999")
        await d.settle(60)
        assert "safety-help-screen" in d.identifiers(), d.identifiers()

    run(go())


def test_a_parent_sees_the_newer_picture_on_the_strengths_list(
    data_dir: Path, clock: FakeClock
) -> None:
    _unicorn_for_sam(data_dir, clock).close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Jo, Parent or carer", pin="2580")
        await d.tap("Strengths and proud moments")
        assert "strengths-screen" in d.identifiers(), d.texts()
        assert d.has_text("A picture"), d.texts()

    run(go())
