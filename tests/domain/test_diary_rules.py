"""Diary, rituals and strengths rules: privacy by default, who reads what, gentle counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.diary import (
    DEFAULT_SHARING,
    DayPart,
    DiaryEntry,
    DiaryProblem,
    DiaryWords,
    Sharing,
    latest_revisions,
    may_change,
    may_read,
    may_write,
    readable,
    words_problem,
)
from app.domain.people import Avatar, Member, Role
from app.domain.rituals import (
    Ritual,
    RitualDone,
    RitualPlan,
    RitualProblem,
    gentle_counts,
    may_tick,
    plan_problem,
    rituals_done,
)
from app.domain.strengths import StrengthProblem, may_add, note_problem

TODAY = date(2026, 11, 25)  # a Wednesday


def person(name: str, role: Role, *, removed: bool = False) -> Member:
    return Member(id=name.lower(), name=name, role=role, avatar=Avatar.PERSON,
                  created_at="2026-11-01T00:00:00+00:00",
                  removed_at="2026-11-02T00:00:00+00:00" if removed else None)


JO = person("Jo", Role.PARENT)
ALEX = person("Alex", Role.PARENT)
SAM = person("Sam", Role.CHILD)
MIA = person("Mia", Role.CHILD)
PRIYA = person("Priya", Role.WORKER)


def entry(sharing: Sharing | None = None, *, author: Member = JO, revision: int = 1,
          entry_id: str = "e1", went_well: str = "Bath was calm") -> DiaryEntry:
    words = DiaryWords(day=TODAY, part=DayPart.BEDTIME, went_well=went_well)
    if sharing is not None:
        words = DiaryWords(day=TODAY, part=DayPart.BEDTIME, went_well=went_well,
                           sharing=sharing)
    return DiaryEntry(id=f"{entry_id}-{revision}", entry_id=entry_id, revision=revision,
                      author_id=author.id, created_at=f"2026-11-25T2{revision}:00:00+00:00",
                      words=words)


# diary -----------------------------------------------------------------------------------
def test_a_new_diary_entry_is_private_unless_the_author_chooses_to_share() -> None:
    assert DEFAULT_SHARING is Sharing.PRIVATE
    assert entry().words.sharing is Sharing.PRIVATE
    assert not entry().shared


def test_a_stored_entry_without_a_sharing_choice_reads_back_as_private() -> None:
    doc = entry(Sharing.WORKER).to_json()
    del doc["sharing"]
    assert DiaryEntry.from_json(doc).words.sharing is Sharing.PRIVATE


def test_a_private_entry_is_read_only_by_its_author() -> None:
    private = entry()
    assert may_read(private, JO)
    for other in (ALEX, SAM, MIA, PRIYA):
        assert not may_read(private, other), other.name


def test_a_shared_entry_is_read_by_its_author_and_the_worker_but_nobody_else_at_home() -> None:
    shared = entry(Sharing.WORKER)
    assert may_read(shared, JO)
    assert may_read(shared, PRIYA)
    for other in (ALEX, SAM, MIA):
        assert not may_read(shared, other), other.name


def test_a_removed_author_or_worker_reads_nothing() -> None:
    assert not may_read(entry(Sharing.WORKER), person("Priya", Role.WORKER, removed=True))
    assert not may_read(entry(), person("Jo", Role.PARENT, removed=True))


def test_only_parents_write_and_only_the_author_changes_an_entry() -> None:
    assert may_write(JO) and may_write(ALEX)
    assert not may_write(SAM) and not may_write(PRIYA)
    shared = entry(Sharing.WORKER)
    assert may_change(shared, JO)
    assert not may_change(shared, ALEX)
    assert not may_change(shared, PRIYA)


def test_the_latest_revision_decides_the_words_and_who_may_read() -> None:
    first = entry(Sharing.WORKER, went_well="First words")
    second = entry(Sharing.PRIVATE, revision=2, went_well="Second words")
    latest = latest_revisions([second, first])["e1"]
    assert latest.words.went_well == "Second words"
    assert readable([first, second], PRIYA) == []  # made private again: the worker loses it
    assert [e.words.went_well for e in readable([first, second], JO)] == ["Second words"]


def test_two_wordings_of_one_revision_count_as_private_if_either_is() -> None:
    # Changed on two devices before either synced (or a store from before wording ids):
    # the private wording wins whichever device's clock said it was later (rule 2).
    first = entry(Sharing.WORKER)
    shared = replace(entry(Sharing.WORKER, revision=2, went_well="Shared words"),
                     id="phone-2", created_at="2026-11-25T23:00:00+00:00")
    private = replace(entry(Sharing.PRIVATE, revision=2, went_well="Private words"),
                      id="tablet-2", created_at="2026-11-25T17:00:00+00:00")
    for order in ([first, shared, private], [private, shared, first]):
        assert latest_revisions(order)["e1"].words.went_well == "Private words"
        assert readable(order, PRIYA) == []
    taken_back = replace(shared, created_at="2026-11-25T12:00:00+00:00").withdrawn("now")
    assert not latest_revisions([taken_back, replace(private, words=shared.words)])["e1"].shared


def test_each_reader_sees_only_what_they_may() -> None:
    mine_private = entry(entry_id="a")
    mine_shared = entry(Sharing.WORKER, entry_id="b")
    alex_private = entry(author=ALEX, entry_id="c")
    alex_shared = entry(Sharing.WORKER, author=ALEX, entry_id="d")
    every = [mine_private, mine_shared, alex_private, alex_shared]
    ids = {reader.name: {e.entry_id for e in readable(every, reader)}
           for reader in (JO, ALEX, PRIYA, SAM)}
    assert ids == {"Jo": {"a", "b"}, "Alex": {"c", "d"}, "Priya": {"b", "d"}, "Sam": set()}


@pytest.mark.parametrize(("words", "problem"), [
    (DiaryWords(day=TODAY, part=DayPart.MORNING), DiaryProblem.EMPTY),
    (DiaryWords(day=TODAY, part=DayPart.MORNING, was_hard="   "), DiaryProblem.EMPTY),
    (DiaryWords(day=TODAY + timedelta(days=1), part=DayPart.MORNING, was_hard="x"),
     DiaryProblem.FUTURE),
    (DiaryWords(day=TODAY, part=DayPart.MORNING, was_hard="x" * 1001), DiaryProblem.TOO_LONG),
    (DiaryWords(day=TODAY, part=DayPart.NIGHT, try_next="Sit with him"), None),
])
def test_an_entry_needs_some_words_and_a_day_that_has_happened(
        words: DiaryWords, problem: DiaryProblem | None) -> None:
    assert words_problem(words, TODAY) is problem


# rituals ---------------------------------------------------------------------------------
def ritual(who: tuple[str, ...] = (), *, stopped: bool = False) -> Ritual:
    return Ritual(id="r1", plan=RitualPlan("Film night", "film", "Friday evening", who),
                  created_by=JO.id, created_at="2026-11-01T00:00:00+00:00", stopped=stopped)


def done(*days: date) -> list[RitualDone]:
    return [RitualDone(id=f"d{i}", ritual_id="r1", day=d, by=JO.id, at="x")
            for i, d in enumerate(days)]


def test_ritual_counts_say_only_what_was_done() -> None:
    monday = date(2026, 11, 23)
    counts = gentle_counts(done(monday, monday + timedelta(days=1), monday - timedelta(days=3),
                                monday - timedelta(days=10)), "r1", TODAY)
    assert counts.this_week == 2
    assert counts.in_all == 4
    assert not counts.today
    assert all(value >= 0 for value in (counts.this_week, counts.in_all))
    assert not hasattr(counts, "weeks_running")  # no run that a hard week could break


def test_a_ritual_marked_done_on_two_devices_the_same_day_is_done_once() -> None:
    monday = date(2026, 11, 23)
    events = [RitualDone("d1", "r1", monday, JO.id, "2026-11-23T19:00:00+00:00"),
              RitualDone("d2", "r1", monday, JO.id, "2026-11-23T19:05:00+00:00"),
              RitualDone("d3", "r1", monday + timedelta(days=1), JO.id,
                         "2026-11-24T19:00:00+00:00"),
              RitualDone("d4", "r2", monday, JO.id, "2026-11-23T18:00:00+00:00")]
    assert rituals_done(events) == 3
    # the second device's mark on Monday is not new after Monday's first one
    assert rituals_done(events, made_after="2026-11-23T19:01:00+00:00") == 1
    assert gentle_counts(events, "r1", monday + timedelta(days=1)).in_all == 2



def test_a_ritual_day_with_any_mark_made_before_is_not_new_whatever_the_clocks_said() -> None:
    monday = date(2026, 11, 23)
    # d2 was marked before the visit on a device whose clock was ahead, d1 after it on one
    # whose clock was behind: by the times d1 is first, but the ritual was done before
    events = [RitualDone("d1", "r1", monday, JO.id, "2026-11-23T19:00:00+00:00"),
              RitualDone("d2", "r1", monday, JO.id, "2026-11-23T19:05:00+00:00"),
              RitualDone("d3", "r2", monday, JO.id, "2026-11-23T20:00:00+00:00")]
    made_after_visit = {"d1": True, "d2": False, "d3": True}
    assert rituals_done(events, made_after=lambda e: made_after_visit[e.id]) == 1


def test_a_ritual_needs_a_name_and_one_of_its_pictures() -> None:
    assert plan_problem(RitualPlan("  ", "film")) is RitualProblem.NAME_MISSING
    assert plan_problem(RitualPlan("Story", "rocket")) is RitualProblem.PICTURE
    assert plan_problem(RitualPlan("Story", "book", "x" * 41)) is RitualProblem.WHEN_LONG
    assert plan_problem(RitualPlan("Bedtime story", "book", "Every night")) is None


def test_parents_and_the_children_in_a_ritual_may_tick_it_but_not_the_worker() -> None:
    for_sam = ritual((SAM.id,))
    assert may_tick(for_sam, JO)
    assert may_tick(for_sam, SAM)
    assert not may_tick(for_sam, MIA)
    assert not may_tick(for_sam, PRIYA)
    assert may_tick(ritual(), MIA)  # nobody chosen: for everyone
    assert not may_tick(ritual(stopped=True), JO)


# strengths -------------------------------------------------------------------------------
def test_anyone_may_celebrate_a_child_but_a_note_is_about_a_child() -> None:
    for by in (JO, PRIYA, SAM, MIA):
        assert may_add(by, SAM), by.name
    assert not may_add(SAM, JO)
    assert not may_add(person("Lee", Role.PARENT, removed=True), SAM)


def test_a_note_needs_words_and_one_of_its_pictures() -> None:
    assert note_problem("  ", "star") is StrengthProblem.EMPTY
    assert note_problem("x" * 201, "star") is StrengthProblem.TOO_LONG
    assert note_problem("Rode a bike", "rocket") is StrengthProblem.PICTURE
    assert note_problem("Rode a bike", "bike") is None
