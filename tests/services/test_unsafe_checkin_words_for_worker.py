"""A child's words on a check-in where they said "No, I need help" are for their worker (rules
2 and 7).

The screen told the child "Nobody at home is told", so nobody at home reads those words: not
Jo on "See Sam's feelings", not the export, not the agency's copy for the family. The check-in
itself is still shown (hiding it would give the alert away), and it reads exactly as any other
check-in with no words: no sign anything was held back. The worker still reads the words.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.domain.checkins import Feeling
from app.services.checkins import CHECKINS, checkins_for
from app.services.export import export_for
from app.sync.home import read_at_home, roles_at_home
from tests.services.taylors import FixedClock, create_taylors, in_order

NOW = 1_800_000_000.0  # 15 Jan 2027
TOLD = "Dad hurt me last night"


def test_only_the_worker_reads_the_words_of_a_checkin_that_said_not_safe(
        tmp_path: Path) -> None:
    _gate, household = create_taylors(tmp_path / "h", FixedClock(NOW))
    jo, sam, _mia, priya = in_order(household)
    checkins = checkins_for(household)
    checkins.record(sam, Feeling.SAD, 2, words=TOLD, unsafe=True)

    [seen_by_jo] = checkins.checkins_of(jo, sam.id)
    assert (seen_by_jo.feeling, seen_by_jo.size, seen_by_jo.words) == (Feeling.SAD, 2, "")
    [seen_by_sam] = checkins.checkins_of(sam, sam.id)  # Jo could set Sam's pictures
    assert seen_by_sam.words == ""
    [seen_by_priya] = checkins.checkins_of(priya, sam.id)
    assert seen_by_priya.words == TOLD
    assert TOLD not in str(export_for(household, jo))


def test_a_checkin_whose_words_are_kept_reads_at_home_as_one_with_no_words(
        tmp_path: Path) -> None:
    _gate, household = create_taylors(tmp_path / "h", FixedClock(NOW))
    jo, sam, _mia, _priya = in_order(household)
    checkins = checkins_for(household)
    told = checkins.record(sam, Feeling.SAD, 2, words=TOLD, unsafe=True)
    quiet = checkins.record(sam, Feeling.SAD, 2, unsafe=True)
    plain = checkins.record(sam, Feeling.SAD, 2)

    store = household.store
    roles = roles_at_home(store)
    for reader in (None, jo.id):
        read = [read_at_home(CHECKINS, store.get(CHECKINS, c.id) or {}, roles, reader)
                for c in (told, quiet, plain)]
        shapes = [{k: v for k, v in (doc or {}).items() if k not in ("id", "_sync")}
                  for doc in read]
        assert shapes[0] == shapes[1] == shapes[2], shapes
    seen = checkins.checkins_of(jo, sam.id)
    assert [replace(c, id="") for c in seen] == [replace(seen[2], id="")] * 3
