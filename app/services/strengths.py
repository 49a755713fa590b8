"""Children's strengths, interests and proud moments, saved in the encrypted store.

Each note is an event in ``strengths`` kept by month: added, never changed or deleted.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from app.domain.people import Member, Role
from app.domain.strengths import (
    StrengthKind,
    StrengthNote,
    may_add,
    newest_first,
    note_problem,
    tidy_words,
)
from app.services.base import HouseholdPart
from app.services.household import HouseholdService, InvalidInput, NotAllowed

STRENGTHS = "strengths"


def may_read_notes(viewer: Member, child_id: str) -> bool:
    """Grown-ups read every child's notes; a child reads the notes about themselves."""
    return viewer.role is not Role.CHILD or viewer.id == child_id


class StrengthService(HouseholdPart):
    """Add and read the notes that celebrate each child."""

    def children(self) -> list[Member]:
        """The children a note can be about."""
        return [m for m in self._household.members() if m.role is Role.CHILD]

    def notes(self, child_id: str | None = None,
              kind: StrengthKind | None = None) -> list[StrengthNote]:
        """Notes about one child (or all), of one kind (or all), newest first."""
        docs = self._store.find(STRENGTHS, None if child_id is None
                                else lambda doc: doc.get("child_id") == child_id)
        found = [StrengthNote.from_json(doc) for doc in docs]
        if kind is not None:
            found = [n for n in found if n.kind is kind]
        return newest_first(found)

    def children_seen_by(self, viewer: Member) -> list[Member]:
        """The children whose notes ``viewer`` may read: a child reads only their own."""
        return [m for m in self.children() if may_read_notes(viewer, m.id)]

    def notes_seen_by(self, viewer: Member, child_id: str | None = None) -> list[StrengthNote]:
        """The notes ``viewer`` may read, about one child (or all), newest first.

        A child reads the notes about themselves; a brother's or sister's are not theirs to
        read (a grown-up's "brave at the dentist" was written for the grown-ups and the child).
        """
        return [n for n in self.notes(child_id) if may_read_notes(viewer, n.child_id)]

    def add(self, by: Member, child_id: str, kind: StrengthKind, words: str,
            picture: str) -> StrengthNote:
        """Add a strength, interest or proud moment about a child."""
        try:
            child = self._household.member(child_id)
        except KeyError:
            raise InvalidInput("strengths.error.child") from None
        if child.role is not Role.CHILD or not child.active:
            raise InvalidInput("strengths.error.child")
        if not may_add(by, child):
            raise NotAllowed("this person cannot add a note")
        problem = note_problem(words, picture, words_needed=by.role is not Role.CHILD)
        if problem is not None:
            raise InvalidInput(f"strengths.error.{problem.value}")
        note = StrengthNote(id=str(uuid.uuid4()), child_id=child.id, kind=StrengthKind(kind),
                            words=tidy_words(words), picture=picture, created_by=by.id,
                            created_at=datetime.fromtimestamp(self._clock(), UTC).isoformat())
        self._store.put(STRENGTHS, note.to_json(), shard=note.shard)
        return note


def strengths_for(household: HouseholdService) -> StrengthService:
    """The strengths notes of the household ``household`` serves, sharing its store and clock."""
    return StrengthService(household)
