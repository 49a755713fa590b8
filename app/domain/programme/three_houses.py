"""The child's Three Houses: the house of good things, of worries and of dreams.

Signs of Safety's tool for hearing a child of 4 to 12 in their own words and drawings. A
child puts things in each house: a picture, a word or two, or a drawing (kept as strokes of
points, never an image file). Each thing is the child's, and they say who sees it, thing by
thing: the worker always; the grown-ups at home only what the child chooses to show them,
because a worry may be about them. Things kept for the worker are sealed for the agency on
save (``app.services.programme.houses``), so this module's records are only the shown ones.

A time in the houses is a day ("sitting"): each is kept, so the worker and the child can look
back. For meetings the child says "What I want my meeting to know" (``MeetingWords``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role
from app.domain.records import iso_day

MAX_WORDS = 200
# Only the points are capped: every kept stroke has a point, so strokes are capped with them,
# and a drawing of many small marks (which the pad lets a child make) is never refused.
MAX_POINTS = 600  # in all strokes together: a small drawing, not a painting
CANVAS = 300  # drawings are kept in a 300 by 300 square, whatever the screen


class House(StrEnum):
    """The three houses, in the order a child meets them."""

    GOOD = "good"
    WORRIES = "worries"
    DREAMS = "dreams"


#: The picture on each house's door (files in assets/pictures/).
HOUSE_PICTURES: dict[House, str] = {
    House.GOOD: "sun",
    House.WORRIES: "worried",
    House.DREAMS: "rainbow",
}

#: Pictures a child can put in a house: people, places, feelings and things they do.
ITEM_PICTURES: tuple[str, ...] = (
    "family", "friends", "person", "worker", "hug", "dog", "cat",
    "home", "school_bag", "tree", "bed", "car",
    "happy", "sad", "scared", "angry", "worried", "calm", "alone", "quiet",
    "football", "paint", "music", "book", "game", "tv", "cooking", "bike", "party",
)

#: What a child can show at a meeting beside their words.
MEETING_PICTURES: tuple[str, ...] = ITEM_PICTURES

Point = tuple[int, int]
Stroke = tuple[Point, ...]


class HousesProblem(StrEnum):
    """Why a thing cannot go in a house; each has kind words in the catalogue."""

    EMPTY = "empty"
    WORDS_LONG = "words_long"
    PICTURE = "picture"
    DRAWING_BIG = "drawing_big"
    NOT_YOURS = "not_yours"


class HousesRefused(ValueError):
    """A thing that breaks a rule of the houses; ``problem`` says which."""

    def __init__(self, problem: HousesProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def tidy_stroke(points: Iterable[tuple[float, float]]) -> Stroke:
    """A stroke as kept: whole numbers inside the square, repeats next to each other dropped."""
    kept: list[Point] = []
    for x, y in points:
        point = (min(CANVAS, max(0, round(x))), min(CANVAS, max(0, round(y))))
        if not kept or kept[-1] != point:
            kept.append(point)
    return tuple(kept)


@dataclass(frozen=True)
class ItemDraft:
    """What a child puts in a house: a picture, words, a drawing (one or more of them)."""

    house: House
    picture: str | None = None
    words: str = ""
    strokes: tuple[Stroke, ...] = ()
    show_grown_ups: bool = False


def check_item(draft: ItemDraft) -> ItemDraft:
    """The thing as kept (words tidied, drawing tidied).

    Raises:
        HousesRefused: nothing in it, words too long, an unknown picture, a drawing too big.
    """
    words = " ".join(draft.words.split())
    strokes = tuple(s for s in (tidy_stroke(stroke) for stroke in draft.strokes) if s)
    if not words and draft.picture is None and not strokes:
        raise HousesRefused(HousesProblem.EMPTY)
    if len(words) > MAX_WORDS:
        raise HousesRefused(HousesProblem.WORDS_LONG)
    if draft.picture is not None and draft.picture not in ITEM_PICTURES:
        raise HousesRefused(HousesProblem.PICTURE)
    if sum(len(s) for s in strokes) > MAX_POINTS:
        raise HousesRefused(HousesProblem.DRAWING_BIG)
    return replace(draft, words=words, strokes=strokes)


def _strokes_json(strokes: tuple[Stroke, ...]) -> list[list[list[int]]]:
    return [[[x, y] for x, y in stroke] for stroke in strokes]


def _strokes_from(data: Any) -> tuple[Stroke, ...]:
    return tuple(tuple((int(p[0]), int(p[1])) for p in stroke) for stroke in data or [])


@dataclass(frozen=True)
class HouseItem:
    """One thing in one of a child's houses (an event: kept as it was said)."""

    id: str
    child_id: str
    house: House
    sitting: str  # the day of this time in the houses ("2026-11-30")
    created_by: str
    created_at: str
    picture: str | None = None
    words: str = ""
    strokes: tuple[Stroke, ...] = ()
    shown: bool = False  # shown to the grown-ups at home; kept items are sealed instead
    plan_step_id: str | None = None  # the safety plan step it became, if it did

    @property
    def month(self) -> str:
        """Where it is kept ("2026-11")."""
        return self.sitting[:7]

    def to_json(self) -> dict[str, Any]:
        """The record as stored (or as sealed for the worker)."""
        return {
            "id": self.id, "child_id": self.child_id, "house": self.house.value,
            "sitting": self.sitting, "created_by": self.created_by,
            "created_at": self.created_at, "picture": self.picture, "words": self.words,
            "strokes": _strokes_json(self.strokes), "shown": self.shown,
            "plan_step_id": self.plan_step_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HouseItem:
        """Rebuild a thing from its record."""
        return cls(
            id=str(data["id"]), child_id=str(data["child_id"]), house=House(data["house"]),
            # a thing that cannot be placed is unreadable; one placed in another ISO form
            # reads as its day, so it is counted in its month and its time in the houses
            sitting=iso_day(str(data["sitting"])), created_by=str(data["created_by"]),
            created_at=str(data["created_at"]), picture=data.get("picture"),
            words=str(data.get("words") or ""), strokes=_strokes_from(data.get("strokes")),
            shown=bool(data.get("shown")), plan_step_id=data.get("plan_step_id"))


def new_item(item_id: str, child_id: str, draft: ItemDraft, by: Member, at: str,
             sitting: date) -> HouseItem:
    """A checked thing for a child's house.

    Raises:
        HousesRefused: the thing breaks a rule, or ``by`` may not add to this child's houses.
    """
    if not may_add(by, child_id):
        raise HousesRefused(HousesProblem.NOT_YOURS)
    checked = check_item(draft)
    return HouseItem(item_id, child_id, checked.house, sitting.isoformat(), by.id, at,
                     checked.picture, checked.words, checked.strokes, checked.show_grown_ups)


def may_add(member: Member, child_id: str) -> bool:
    """The child adds to their own houses; the worker may write for them at a visit."""
    if not member.active:
        return False
    return member.id == child_id or member.role is Role.WORKER


def may_see(member: Member, item: HouseItem) -> bool:
    """The worker and the child always; a parent only what the child chose to show."""
    if not member.active:
        return False
    if member.role is Role.WORKER or member.id == item.child_id:
        return True
    return member.role is Role.PARENT and item.shown


def may_take_back(member: Member, item: HouseItem) -> bool:
    """A child may take a thing they showed back from their grown-ups (the worker may do it
    for them, with them); it is then kept for the worker, never lost."""
    if not member.active or not item.shown:
        return False
    return member.id == item.child_id or member.role is Role.WORKER


def may_make_step(member: Member) -> bool:
    """Only the worker turns a worry or a dream into a step of the safety plan, with the child."""
    return member.active and member.role is Role.WORKER


@dataclass(frozen=True)
class Sitting:
    """One time in the houses: its day and what went in each house."""

    day: str
    items: tuple[HouseItem, ...] = field(default_factory=tuple)

    def in_house(self, house: House) -> tuple[HouseItem, ...]:
        """The things in one house, oldest first."""
        return tuple(i for i in self.items if i.house is house)


def history(items: Iterable[HouseItem]) -> list[Sitting]:
    """Each time in the houses, newest first; inside a time, things oldest first."""
    by_day: dict[str, list[HouseItem]] = {}
    for item in sorted(items, key=lambda i: (i.sitting, i.created_at)):
        by_day.setdefault(item.sitting, []).append(item)
    return [Sitting(day, tuple(found)) for day, found in sorted(by_day.items(), reverse=True)]


@dataclass(frozen=True)
class MeetingWords:
    """"What I want my meeting to know": a child's words and pictures for a review or
    conference (dated; the newest is the one taken to the meeting)."""

    id: str
    child_id: str
    words: str
    pictures: tuple[str, ...]
    created_by: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {"id": self.id, "child_id": self.child_id, "words": self.words,
                "pictures": list(self.pictures), "created_by": self.created_by,
                "created_at": self.created_at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MeetingWords:
        """Rebuild from the record (pictures a newer device offers are left out)."""
        return cls(id=str(data["id"]), child_id=str(data["child_id"]),
                   words=str(data.get("words") or ""),
                   pictures=tuple(str(p) for p in data.get("pictures") or []
                                  if p in MEETING_PICTURES),
                   created_by=str(data["created_by"]), created_at=str(data["created_at"]))


def check_meeting_words(words: str, pictures: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """Tidied words and pictures for the meeting.

    Raises:
        HousesRefused: nothing said, words too long, or an unknown picture.
    """
    tidy = " ".join(words.split())
    chosen = tuple(dict.fromkeys(pictures))
    if not tidy and not chosen:
        raise HousesRefused(HousesProblem.EMPTY)
    if len(tidy) > MAX_WORDS * 2:
        raise HousesRefused(HousesProblem.WORDS_LONG)
    if any(p not in MEETING_PICTURES for p in chosen):
        raise HousesRefused(HousesProblem.PICTURE)
    return tidy, chosen
