"""A child's "I don't feel safe" is kept even when the words that came with it cannot be.

The check-in and its safety alert were saved together, so words the store refused (a broken
character pasted in, or more than 300 characters: the box counts an emoji with a skin tone as
one letter, Python as two) dropped the alert too, and the worker was never told (rule 1). The
same held for a child's low safety-scale rating with a "Why?" that could not be kept. Real
encrypted store on disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from taylors import FixedClock, create_taylors, in_order, reopen

from app.domain.checkins import Feeling
from app.services.checkins import checkins_for
from app.services.safety import safety_for

BROKEN = "Dad hurt me \ud83d"  # a lone surrogate: UTF-8 cannot hold it
TOO_LONG = "\U0001F44D\U0001F3FD" * 160  # 160 letters in the box, 320 characters here


@pytest.mark.parametrize("words", [BROKEN, TOO_LONG], ids=["broken", "long"])
def test_an_unsafe_check_in_keeps_its_alert_and_what_words_it_can(
        tmp_path: Path, words: str) -> None:
    clock = FixedClock(1_796_000_000.0)
    gate, household = create_taylors(tmp_path / "h", clock)
    _jo, sam, _mia, priya = in_order(household)
    checkins_for(household).record(sam, Feeling.SAD, 2, words=words, unsafe=True)
    again = checkins_for(reopen(gate, tmp_path / "h", clock))
    assert len(again.alerts(priya)) == 1
    [kept] = again.checkins_of(priya, sam.id)
    assert kept.feeling is Feeling.SAD and kept.words  # the words, as far as they could go
    if words == BROKEN:
        assert kept.words.startswith("Dad hurt me")


@pytest.mark.parametrize("reason", [BROKEN, "x" * 5000], ids=["broken", "long"])
def test_a_childs_low_rating_keeps_its_alert_whatever_the_why(
        tmp_path: Path, reason: str) -> None:
    clock = FixedClock(1_796_000_000.0)
    gate, household = create_taylors(tmp_path / "h", clock)
    _jo, sam, _mia, priya = in_order(household)
    safety_for(household).rate(sam, 1, reason)
    again = reopen(gate, tmp_path / "h", clock)
    assert len(checkins_for(again).alerts(priya)) == 1
    [rating] = again.store.find("safety_ratings")  # kept; shown only to the worker's agency
    assert rating["score"] == 1
