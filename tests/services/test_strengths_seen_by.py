"""Who reads which strengths notes: a child reads their own, grown-ups read every child's."""

from __future__ import annotations

import time
from pathlib import Path

from app.domain.strengths import StrengthKind
from app.services.strengths import strengths_for
from tests.services.taylors import create_taylors, in_order


def test_a_child_reads_only_the_notes_about_themselves(tmp_path: Path) -> None:
    gate, household = create_taylors(tmp_path / "household", time.time)
    jo, sam, mia, priya = in_order(household)
    notes = strengths_for(household)
    notes.add(jo, mia.id, StrengthKind.PROUD, "brave at the dentist", "star")
    notes.add(sam, sam.id, StrengthKind.PROUD, "", "star")

    assert [n.child_id for n in notes.notes_seen_by(sam)] == [sam.id]
    assert notes.notes_seen_by(sam, mia.id) == []
    assert [m.id for m in notes.children_seen_by(sam)] == [sam.id]
    assert {n.child_id for n in notes.notes_seen_by(jo)} == {sam.id, mia.id}
    assert [n.words for n in notes.notes_seen_by(priya, mia.id)] == ["brave at the dentist"]
    assert {m.id for m in notes.children_seen_by(jo)} == {sam.id, mia.id}
    gate.close()
