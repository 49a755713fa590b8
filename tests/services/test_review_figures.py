"""What the monthly review and "since the last visit" count: every kind of record in the
family's own month (UK time, not UTC), a child who left during the month, ratings made that
month only, and diary entries (not their revisions) still shared."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain.checkins import Feeling
from app.domain.checkins_carer import Prompt
from app.domain.chores import CHORE_PICTURES, ChorePlan, Often, Who
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.rituals import RITUAL_PICTURES, RitualPlan
from app.services.checkins import checkins_for
from app.services.chores import chores_for
from app.services.diary import diary_for
from app.services.household import HouseholdService
from app.services.reviews import reviews_for
from app.services.rituals import rituals_for
from app.services.safety import safety_for
from app.services.visits import visits_for
from tests.services.taylors import FixedClock, create_taylors, in_order

DAY = 24 * 3600
LONDON = ZoneInfo("Europe/London")


def noon(year: int, month: int, day: int) -> float:
    return datetime(year, month, day, 12, tzinfo=UTC).timestamp()


def a_visit_ends(home: HouseholdService, clock: FixedClock) -> None:
    jo, _sam, _mia, priya = in_order(home)
    visits = visits_for(home)
    visits.start(priya, [jo.id])
    clock.now += 3600
    visits.end(priya, None)
    clock.now += 3600


def test_chores_and_rituals_done_are_counted_in_the_review_and_since_the_visit(
        tmp_path: Path) -> None:
    clock = FixedClock(noon(2026, 11, 10))
    gate, home = create_taylors(tmp_path / "home", clock)
    jo, sam, _mia, priya = in_order(home)
    a_visit_ends(home, clock)
    chores, rituals = chores_for(home), rituals_for(home)
    cat = chores.add(jo, ChorePlan("Feed the cat", CHORE_PICTURES[0], Who.SEVERAL, (sam.id,),
                                   Often.DAILY))
    story = rituals.add(jo, RitualPlan("Bedtime story", RITUAL_PICTURES[0]))
    for _ in range(5):
        clock.now += DAY
        ticked = chores.tick(sam, cat.id)
        rituals.done_today(jo, story.id)
    chores.undo(jo, ticked.id)  # a parent took back the last tick: it was a mistake

    since = visits_for(home).since_last_visit(priya)
    figures = reviews_for(home).figures("2026-11")
    gate.close()
    assert (since.chores_done, since.rituals_done) == (4, 5)
    assert (figures.chores_done, figures.rituals_done) == (4, 5)


@pytest.mark.usefixtures("uk_time")
def test_a_check_in_just_after_midnight_in_summer_counts_in_its_own_month(
        tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 7, 1, 0, 30, tzinfo=LONDON).timestamp())
    gate, home = create_taylors(tmp_path / "home", clock)
    jo, sam, _mia, priya = in_order(home)
    checkins = checkins_for(home)
    checkins.record(sam, Feeling.SCARED, 5)  # 23:30 on 30 June in UTC
    checkins.record_carer(jo, dict.fromkeys(Prompt, 1))
    safety_for(home).rate(sam, 4)
    reviews = reviews_for(home)
    july, june = reviews.figures("2026-07"), reviews.figures("2026-06")
    gate.close()
    assert july.feelings == {sam.id: {"scared": 1}}
    assert july.carer and july.safety == {sam.id: 4}
    assert (june.feelings, june.carer, june.safety) == ({}, {}, {})


def test_the_safety_scale_of_a_month_is_the_ratings_made_that_month(tmp_path: Path) -> None:
    clock = FixedClock(noon(2026, 7, 10))
    gate, home = create_taylors(tmp_path / "home", clock)
    jo, sam, _mia, priya = in_order(home)
    safety = safety_for(home)
    safety.rate(sam, 9)
    safety.rate(jo, 8)
    clock.now = noon(2026, 11, 3)
    safety.rate(jo, 6)
    clock.now = noon(2026, 11, 28)
    reviews = reviews_for(home)
    july, november = reviews.figures("2026-07"), reviews.make_review(priya, "2026-11", [], [])
    gate.close()
    assert july.safety == {sam.id: 9, jo.id: 8}
    assert november.figures.safety == {jo.id: 6}  # Sam did not rate in November


def test_a_child_who_left_during_the_month_keeps_their_check_ins_in_it(tmp_path: Path) -> None:
    clock = FixedClock(noon(2026, 11, 3))
    gate, home = create_taylors(tmp_path / "home", clock)
    jo, sam, mia, priya = in_order(home)
    a_visit_ends(home, clock)
    checkins = checkins_for(home)
    for feeling in (Feeling.SCARED, Feeling.SAD, Feeling.WORRIED):
        checkins.record(mia, feeling, 5)
        clock.now += DAY
    checkins.record(sam, Feeling.HAPPY, 2)
    clock.now = noon(2026, 11, 20)
    home.remove(jo, mia.id)
    clock.now = noon(2026, 11, 28)
    since = visits_for(home).since_last_visit(priya)
    review = reviews_for(home).make_review(priya, "2026-11", [], [])
    gate.close()
    assert review.figures.feelings[mia.id] == {"scared": 1, "sad": 1, "worried": 1}
    assert since.checkins[mia.id] == {"scared": 1, "sad": 1, "worried": 1}


def test_since_the_visit_counts_entries_still_shared_not_their_revisions(
        tmp_path: Path) -> None:
    clock = FixedClock(noon(2027, 1, 14))
    gate, home = create_taylors(tmp_path / "home", clock)
    jo, _sam, _mia, priya = in_order(home)
    a_visit_ends(home, clock)
    diary, day = diary_for(home), date(2027, 1, 14)
    kept = diary.write(jo, DiaryWords(day, DayPart.BEDTIME, went_well="Story",
                                      sharing=Sharing.WORKER))
    for words in ("Story, calm", "Story, calm!"):
        clock.now += 60
        diary.change(jo, kept.entry_id, DiaryWords(day, DayPart.BEDTIME, went_well=words,
                                                   sharing=Sharing.WORKER))
    taken_back = diary.write(jo, DiaryWords(day, DayPart.EVENING, was_hard="Tea",
                                            sharing=Sharing.WORKER))
    clock.now += 60
    diary.change(jo, taken_back.entry_id, DiaryWords(day, DayPart.EVENING, was_hard="Tea",
                                                     sharing=Sharing.PRIVATE))
    shared = visits_for(home).since_last_visit(priya).diary_shared
    gate.close()
    assert shared == 1


def test_a_record_with_a_time_no_clock_can_show_is_left_out_not_a_crash(tmp_path: Path) -> None:
    clock = FixedClock(noon(2026, 11, 10))
    gate, home = create_taylors(tmp_path / "home", clock)
    _jo, sam, _mia, _priya = in_order(home)
    checkins_for(home).record(sam, Feeling.HAPPY, 2)
    for odd, n in (("0001-01-01T00:00:00+05:00", 1), (5, 2), (None, 3)):  # from another device
        home.store.put("checkins", {"id": f"odd-{n}", "created_by": sam.id, "feeling": "sad",
                                    "size": 1, "created_at": odd}, shard="2026-11")
    figures = reviews_for(home).figures("2026-11")
    gate.close()
    assert figures.feelings == {sam.id: {"happy": 1}}
