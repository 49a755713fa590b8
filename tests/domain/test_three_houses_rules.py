"""The Three Houses' rules, pure: what a thing may hold, who sees it, and each time kept."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.people import Avatar, Member, Role
from app.domain.programme.three_houses import (
    CANVAS,
    MAX_POINTS,
    House,
    HouseItem,
    HousesProblem,
    HousesRefused,
    ItemDraft,
    MeetingWords,
    check_item,
    check_meeting_words,
    history,
    may_add,
    may_make_step,
    may_see,
    may_take_back,
    new_item,
    tidy_stroke,
)

AT = "2026-11-01T09:00:00+00:00"
JO = Member("jo", "Jo", Role.PARENT, Avatar.FOX, AT)
SAM = Member("sam", "Sam", Role.CHILD, Avatar.FOX, AT)
MIA = Member("mia", "Mia", Role.CHILD, Avatar.OWL, AT)
PRIYA = Member("priya", "Priya", Role.WORKER, Avatar.FOX, AT)


def _item(house: House, *, shown: bool, day: str = "2026-11-30", at: str = "") -> HouseItem:
    return HouseItem(f"{house}-{day}-{shown}", SAM.id, house, day, SAM.id,
                     at or f"{day}T10:00:00+00:00", picture="dog", shown=shown)


def test_a_thing_needs_a_picture_words_or_a_drawing_and_is_tidied() -> None:
    with pytest.raises(HousesRefused) as refused:
        check_item(ItemDraft(House.GOOD, words="   "))
    assert refused.value.problem is HousesProblem.EMPTY
    kept = check_item(ItemDraft(House.GOOD, words="  my   dog  ",
                                strokes=(((1.4, 2.6), (1.2, 2.9), (400.0, -5.0)), ())))
    assert kept.words == "my dog"
    assert kept.strokes == (((1, 3), (CANVAS, 0)),)  # rounded, repeats and empty strokes gone


def test_unknown_pictures_long_words_and_huge_drawings_are_refused() -> None:
    for draft, problem in (
        (ItemDraft(House.GOOD, picture="knife"), HousesProblem.PICTURE),
        (ItemDraft(House.GOOD, words="x" * 201), HousesProblem.WORDS_LONG),
        (ItemDraft(House.GOOD, strokes=(tuple((i % 300, i // 300) for i in
                                              range(MAX_POINTS + 1)),)),
         HousesProblem.DRAWING_BIG),
    ):
        with pytest.raises(HousesRefused) as refused:
            check_item(draft)
        assert refused.value.problem is problem


def test_any_drawing_the_pad_can_make_is_kept_however_many_strokes() -> None:
    taps = tuple(((i % 30) * 10, (i // 30) * 10) for i in range(MAX_POINTS))
    kept = check_item(ItemDraft(House.WORRIES, strokes=tuple((tap,) for tap in taps)))
    assert len(kept.strokes) == MAX_POINTS  # the points are the limit, never the strokes


def test_the_worker_always_sees_a_parent_only_what_is_shown_a_sibling_nothing() -> None:
    kept, shown = _item(House.WORRIES, shown=False), _item(House.GOOD, shown=True)
    assert may_see(PRIYA, kept) and may_see(SAM, kept)
    assert not may_see(JO, kept) and may_see(JO, shown)
    assert not may_see(MIA, shown)
    assert may_add(SAM, SAM.id) and may_add(PRIYA, SAM.id)
    assert not may_add(JO, SAM.id) and not may_add(MIA, SAM.id)
    assert may_make_step(PRIYA) and not may_make_step(JO) and not may_make_step(SAM)


def test_only_the_child_or_the_worker_takes_back_only_what_was_shown() -> None:
    shown, kept = _item(House.WORRIES, shown=True), _item(House.WORRIES, shown=False)
    assert may_take_back(SAM, shown) and may_take_back(PRIYA, shown)
    assert not may_take_back(JO, shown) and not may_take_back(MIA, shown)
    assert not may_take_back(SAM, kept)  # already the worker's alone
    assert not may_take_back(Member("sam", "Sam", Role.CHILD, Avatar.FOX, AT, removed_at=AT),
                             shown)


def test_a_parent_cannot_put_things_in_a_childs_house() -> None:
    with pytest.raises(HousesRefused) as refused:
        new_item("x", SAM.id, ItemDraft(House.GOOD, picture="dog"), JO, "t", date(2026, 11, 30))
    assert refused.value.problem is HousesProblem.NOT_YOURS


def test_each_time_is_kept_by_its_day_newest_first() -> None:
    first = _item(House.WORRIES, shown=True, day="2026-11-02")
    later = [_item(House.GOOD, shown=True, day="2026-11-30", at="2026-11-30T10:05:00+00:00"),
             _item(House.DREAMS, shown=False, day="2026-11-30")]
    times = history([*later, first])
    assert [t.day for t in times] == ["2026-11-30", "2026-11-02"]
    assert times[1].in_house(House.WORRIES) == (first,)
    assert [i.house for i in times[0].items] == [House.DREAMS, House.GOOD]  # oldest first


def test_a_thing_and_meeting_words_survive_their_records() -> None:
    item = check_item(ItemDraft(House.DREAMS, picture="family", words="all of us at the park",
                                strokes=(((0, 0), (10, 10)),), show_grown_ups=True))
    made = new_item("i1", SAM.id, item, SAM, "2026-11-30T10:00:00+00:00", date(2026, 11, 30))
    assert HouseItem.from_json(made.to_json()) == made
    words, pictures = check_meeting_words(" I want to  go home ", ["home", "home", "family"])
    said = MeetingWords("m1", SAM.id, words, pictures, SAM.id, "2026-11-30T10:00:00+00:00")
    assert said.words == "I want to go home" and said.pictures == ("home", "family")
    assert MeetingWords.from_json(said.to_json()) == said
    with pytest.raises(HousesRefused):
        check_meeting_words("", [])


def test_a_stroke_keeps_whole_numbers_inside_the_square() -> None:
    assert tidy_stroke([(-3.0, 12.49), (299.6, 301.0)]) == ((0, 12), (CANVAS, CANVAS))
