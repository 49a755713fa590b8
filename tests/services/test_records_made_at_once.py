"""Two tabs on one real encrypted store making the same record at once (a diary entry's next
wording, a month's review, a session's attendance): one is saved and the other is told,
never both told "saved" while one is saved over the other.

The interleaving is made, not hoped for: each service reads the clock between looking at
what is stored and saving, and the clock (at_once.py) lets the other tab act right then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from at_once import ClockThatLetsATabIn
from taylors import create_taylors, people

from app.domain.diary import DayPart, DiaryWords
from app.domain.programme.sessions import SessionPlan
from app.services.diary import diary_for
from app.services.errors import stamp_of
from app.services.household import InvalidInput
from app.services.programme.sessions import programme_for
from app.services.reviews import reviews_for

NOW = 1_800_000_000.0  # 15 January 2027


def told(happen: Callable[[], object]) -> str:
    """What a person is told when ``happen`` runs: saved, or the message key."""
    try:
        happen()
    except InvalidInput as refused:
        return refused.reason
    return "saved"


def test_a_diary_entry_changed_on_two_tabs_at_once_loses_no_saved_words(
        tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock)
    jo = people(household)["Jo"]
    diary = diary_for(household)
    first = diary.write(jo, DiaryWords(date(2027, 1, 14), DayPart.BEDTIME, "Story time"))
    tablet: list[str] = []

    def change(words: str) -> Callable[[], object]:
        return lambda: diary_for(household).change(
            jo, first.entry_id, DiaryWords(date(2027, 1, 14), DayPart.BEDTIME, words),
            seen=stamp_of(first))

    clock.let_in(lambda: tablet.append(told(change("A calm bath"))))
    phone = told(change("Story time and a song"))
    clock.finish()

    kept = [e.words.went_well for e in diary.revisions(jo, first.entry_id)]
    saved = [w for w, said in (("A calm bath", tablet[0]), ("Story time and a song", phone))
             if said == "saved"]
    assert saved and all(words in kept for words in saved)  # nobody told "saved" loses words
    assert len(kept) == 1 + len(saved)


def test_a_months_review_made_on_two_tabs_at_once_is_made_once(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock)
    p = people(household)
    priya_told: list[str] = []

    clock.let_in(lambda: priya_told.append(told(lambda: reviews_for(household).make_review(
        p["Priya"], "2026-12", [], [], went_well="Bedtimes are calmer"))))
    jo_told = told(lambda: reviews_for(household).make_review(
        p["Jo"], "2026-12", [], [], went_well="Sam went to school every day"))
    clock.finish()

    review = reviews_for(household).review_of("2026-12")
    assert review is not None
    assert sorted([jo_told, *priya_told]) == ["reviews.error.already_done", "saved"]
    made_by = p["Jo"] if jo_told == "saved" else p["Priya"]
    assert review.created_by == made_by.id  # the one told "saved" is the review kept


def test_a_session_filled_in_on_two_tabs_at_once_keeps_what_was_saved(tmp_path: Path) -> None:
    clock = ClockThatLetsATabIn(NOW)
    _gate, household = create_taylors(tmp_path / "h", clock)
    p = people(household)
    session = programme_for(household).plan(
        p["Priya"], SessionPlan("Calm bedtimes", "2027-01-14", (p["Jo"].id, p["Sam"].id)))
    priya_told: list[str] = []

    clock.let_in(lambda: priya_told.append(told(lambda: programme_for(household).record(
        p["Priya"], session.id, [p["Jo"].id, p["Sam"].id], "Sam liked the story"))))
    jo_told = told(lambda: programme_for(household).record(
        p["Jo"], session.id, [p["Jo"].id], "A quiet hour helps"))
    clock.finish()

    stored = programme_for(household).session(session.id)
    assert sorted([jo_told, *priya_told]) == ["programme.error.held", "saved"]
    assert stored.took_away == ("A quiet hour helps" if jo_told == "saved"
                                else "Sam liked the story")
