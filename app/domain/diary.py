"""The "Day in the life" diary: a parent's own notes on one part of a day.

Pure rules, no storage. An entry is private to its author unless they choose to share
it with their worker; private is the default. Nobody else at home (another parent, a
child) ever reads it, and the worker reads only shared entries.

Entries are events: a save is never overwritten. When the author changes an entry, a
new *revision* record is written with the same ``entry_id`` and the next ``revision``
number; the screens show the latest revision and the earlier wording stays in the
store. Only the author may change an entry, so a revision never carries someone else's
words. Sharing is part of each revision: the latest one decides who may read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role

MAX_DIARY_TEXT = 1000
DAYS_TO_CHOOSE = 7  # the form offers today and the six days before


class DayPart(StrEnum):
    """The parts of a family's day an entry can be about."""

    MORNING = "morning"
    SCHOOL = "school"
    AFTER_SCHOOL = "after_school"
    EVENING = "evening"
    BEDTIME = "bedtime"
    NIGHT = "night"


class Sharing(StrEnum):
    """Who, besides its author, may read an entry."""

    PRIVATE = "private"  # only the author
    WORKER = "worker"  # the author and the family's support worker


DEFAULT_SHARING = Sharing.PRIVATE


class DiaryProblem(StrEnum):
    """Why an entry cannot be saved; each has a plain message in the catalogue."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    FUTURE = "future"


@dataclass(frozen=True)
class DiaryWords:
    """What the author writes and chooses: the part of an entry the form edits."""

    day: date
    part: DayPart
    went_well: str = ""
    was_hard: str = ""
    responded: str = ""
    try_next: str = ""
    sharing: Sharing = DEFAULT_SHARING

    @property
    def texts(self) -> tuple[str, str, str, str]:
        """The four written answers, in the order the form asks them."""
        return (self.went_well, self.was_hard, self.responded, self.try_next)


def words_problem(words: DiaryWords, today: date) -> DiaryProblem | None:
    """Say what is wrong with an entry, or None if it can be saved."""
    if words.day > today:
        return DiaryProblem.FUTURE
    texts = [text.strip() for text in words.texts]
    if not any(texts):
        return DiaryProblem.EMPTY
    if any(len(text) > MAX_DIARY_TEXT for text in texts):
        return DiaryProblem.TOO_LONG
    return None


def tidy_words(words: DiaryWords) -> DiaryWords:
    """The words as saved: spaces trimmed from each answer (line breaks kept)."""
    return replace(words, went_well=words.went_well.strip(), was_hard=words.was_hard.strip(),
                   responded=words.responded.strip(), try_next=words.try_next.strip())


@dataclass(frozen=True)
class DiaryEntry:
    """One revision of a diary entry, as written by its author."""

    id: str  # this record
    entry_id: str  # the entry all its revisions share
    revision: int  # 1 for the first save, then 2, 3, ...
    author_id: str
    created_at: str  # when this revision was saved (ISO, UTC)
    words: DiaryWords
    # Set when the author made the entry private again: this wording is no longer shared.
    withdrawn_at: str | None = None

    @property
    def shared(self) -> bool:
        """True when the author chose to share these words with their worker (and still does)."""
        return self.words.sharing is Sharing.WORKER and self.withdrawn_at is None

    def withdrawn(self, at: str) -> DiaryEntry:
        """This wording taken back from the worker: its author made the entry private."""
        return replace(self, withdrawn_at=at)

    @property
    def shard(self) -> str:
        """The month this record is kept under ("2026-11")."""
        return self.created_at[:7]

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        w = self.words
        return {
            "id": self.id, "entry_id": self.entry_id, "revision": self.revision,
            "created_by": self.author_id, "created_at": self.created_at,
            "day": w.day.isoformat(), "part": w.part.value, "went_well": w.went_well,
            "was_hard": w.was_hard, "responded": w.responded, "try_next": w.try_next,
            "sharing": w.sharing.value,
            **({"withdrawn_at": self.withdrawn_at} if self.withdrawn_at else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DiaryEntry:
        """Rebuild a revision from its stored record."""
        return cls(
            id=data["id"], entry_id=data["entry_id"], revision=int(data["revision"]),
            author_id=data["created_by"], created_at=data["created_at"],
            words=DiaryWords(
                day=date.fromisoformat(data["day"]), part=DayPart(data["part"]),
                went_well=data.get("went_well", ""), was_hard=data.get("was_hard", ""),
                responded=data.get("responded", ""), try_next=data.get("try_next", ""),
                # a record without a choice is private: never share by accident
                sharing=Sharing(data.get("sharing", DEFAULT_SHARING.value)),
            ),
            withdrawn_at=data.get("withdrawn_at"),
        )


def wording_id(entry_id: str, revision: int) -> str:
    """The record id of an entry's wording at ``revision``, the same on every device.

    Two devices that each change an entry offline both write its next revision under this
    one id, so the two wordings meet at the agency as a change for a person to settle; with
    an id of its own each, one would quietly hide the other.
    """
    return f"{entry_id}-r{revision}"


def revision_order(record: DiaryEntry) -> tuple[int, bool, str, str]:
    """How an entry's wordings sort, the latest last, alike on every device.

    By revision first. Two wordings of one revision (changed on two devices before either
    synced, or a store from before ``wording_id``) are never ranked by a device's clock
    alone: a private one counts as the later, as its author may have made the entry private
    on a device whose clock was behind (rule 2 errs toward privacy).
    """
    return (record.revision, not record.shared, record.created_at, record.id)


def latest_revisions(records: Iterable[DiaryEntry]) -> dict[str, DiaryEntry]:
    """Each entry's latest revision, by entry id."""
    latest: dict[str, DiaryEntry] = {}
    for record in records:
        known = latest.get(record.entry_id)
        if known is None or revision_order(record) > revision_order(known):
            latest[record.entry_id] = record
    return latest


def may_write(member: Member) -> bool:
    """Only a parent or carer keeps a diary."""
    return member.role is Role.PARENT and member.active


def may_read(entry: DiaryEntry, reader: Member) -> bool:
    """The author always; the worker only a shared entry; nobody else ever."""
    if not reader.active:
        return False
    if reader.id == entry.author_id:
        return True
    return reader.role is Role.WORKER and entry.shared


def may_change(entry: DiaryEntry, by: Member) -> bool:
    """Only the author changes an entry (a new revision); the worker never does."""
    return by.active and by.id == entry.author_id and by.role is Role.PARENT


def readable(records: Iterable[DiaryEntry], reader: Member) -> list[DiaryEntry]:
    """The latest revisions ``reader`` may see: newest day first, then part of the day."""
    order = list(DayPart)
    visible = [e for e in latest_revisions(records).values() if may_read(e, reader)]
    return sorted(visible, key=lambda e: (e.words.day, order.index(e.words.part),
                                          e.created_at), reverse=True)
