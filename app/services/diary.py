"""The parents' "Day in the life" diary, saved in the household's encrypted store.

Every save is a new record in ``diary_entries`` (sharded by month): writing an entry
makes revision 1, changing it makes the next revision, and nothing is overwritten or
deleted. Making a shared entry private again marks its shared wordings withdrawn, so sync
takes them back from the agency. Reading goes through the privacy rules in
:mod:`app.domain.diary`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from app.domain.diary import (
    DiaryEntry,
    DiaryWords,
    latest_revisions,
    may_change,
    may_read,
    may_write,
    readable,
    revision_order,
    tidy_words,
    wording_id,
    words_problem,
)
from app.domain.people import Member, Role
from app.services.base import HouseholdPart
from app.services.errors import refuse_if_changed
from app.services.household import HouseholdService, InvalidInput, NotAllowed

DIARY = "diary_entries"


class DiaryService(HouseholdPart):
    """Write, change and read diary entries, each person seeing only what they may."""

    def workers(self) -> list[Member]:
        """The household's support workers: who a shared entry is shared with."""
        return [m for m in self._household.members() if m.role is Role.WORKER]

    # reading -----------------------------------------------------------------------------
    def entries(self, reader: Member) -> list[DiaryEntry]:
        """The entries ``reader`` may see (latest revisions), newest first."""
        return readable(self._records(), reader)

    def entry(self, reader: Member, entry_id: str) -> DiaryEntry:
        """One entry's latest revision.

        Raises:
            KeyError: there is no such entry.
            NotAllowed: ``reader`` may not read it (it is private to someone else).
        """
        revisions = self._records(entry_id)
        if not revisions:
            raise KeyError(entry_id)
        latest = max(revisions, key=revision_order)
        if not may_read(latest, reader):
            raise NotAllowed("this diary entry is private")
        return latest

    def revisions(self, reader: Member, entry_id: str) -> list[DiaryEntry]:
        """Every saved wording of an entry, oldest first; only its author sees them."""
        latest = self.entry(reader, entry_id)
        if reader.id != latest.author_id:
            return [latest]
        return sorted(self._records(entry_id), key=revision_order)

    # writing -----------------------------------------------------------------------------
    def write(self, by: Member, words: DiaryWords) -> DiaryEntry:
        """Save a new entry (private unless ``words.sharing`` says otherwise)."""
        if not may_write(by):
            raise NotAllowed("only a parent or carer keeps a diary")
        entry_id = str(uuid.uuid4())
        entry = DiaryEntry(id=wording_id(entry_id, 1), entry_id=entry_id, revision=1,
                           author_id=by.id, created_at=self._iso(), words=self._check(words))
        self._store.put(DIARY, entry.to_json(), shard=entry.shard)
        return entry

    def change(self, by: Member, entry_id: str, words: DiaryWords,
               seen: str | None = None) -> DiaryEntry:
        """The author changes an entry: a new revision is saved, the old one is kept.

        Raises:
            ChangedMeanwhile: ``seen`` (the ``stamp_of`` the wording the form was opened on)
                is not the latest now: an older screen must not undo a newer change (above
                all, never share again an entry made private since).
        """
        # checked and saved under the store's lock: two changes on two tabs at once would
        # both be the next revision, and one would be saved over the other
        with self._store.exclusive():
            latest = self.entry(by, entry_id)
            if not may_change(latest, by):
                raise NotAllowed("only the author changes a diary entry")
            refuse_if_changed(seen, latest)
            revision = latest.revision + 1
            entry = DiaryEntry(id=wording_id(entry_id, revision), entry_id=entry_id,
                               revision=revision, author_id=by.id, created_at=self._iso(),
                               words=self._check(words, latest.words.day))
            saves = [(DIARY, entry.to_json(), entry.shard)]
            if not entry.shared:
                # Made private again: every wording the worker was given is taken back too.
                saves += [(DIARY, earlier.withdrawn(entry.created_at).to_json(),
                           earlier.shard)
                          for earlier in self._records(entry_id) if earlier.shared]
            self._store.put_many(saves)
        return entry

    def take_back_crossed(self) -> int:
        """Take back any shared wording of an entry whose author's last word is "private".

        Made private on one device while a shared change to it was still on its way from
        another (the same author, offline there), the entry would stay with the agency in that
        other wording. Only the author's own device holds its private wording, so only it
        does this (after a sync brings the other in). Returns how many were taken back.
        """
        here = {m.id for m in self._household.members() if self._household.has_pin(m.id)}
        records = [DiaryEntry.from_json(doc) for doc in self._store.find(
            DIARY, lambda doc: doc.get("created_by") in here)]
        latest = latest_revisions(records)
        saves = [(DIARY, record.withdrawn(latest[record.entry_id].created_at).to_json(),
                  record.shard)
                 for record in records
                 if record.shared and not latest[record.entry_id].shared
                 and record.id != latest[record.entry_id].id]
        if saves:
            self._store.put_many(saves)
        return len(saves)

    # helpers -------------------------------------------------------------------------------
    def _records(self, entry_id: str | None = None) -> list[DiaryEntry]:
        docs = self._store.find(DIARY, None if entry_id is None
                                else lambda doc: doc.get("entry_id") == entry_id)
        return [DiaryEntry.from_json(doc) for doc in docs]

    def _check(self, words: DiaryWords, kept_day: date | None = None) -> DiaryWords:
        """The words tidied, or InvalidInput. An entry's own day, kept as it was, is never
        "not come yet": another device whose clock is ahead may have written it."""
        today = self.today() if words.day != kept_day else max(self.today(), words.day)
        problem = words_problem(words, today)
        if problem is not None:
            raise InvalidInput(f"diary.error.{problem.value}")
        return tidy_words(words)

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def diary_for(household: HouseholdService) -> DiaryService:
    """The diary of the household ``household`` serves, sharing its store and clock."""
    return DiaryService(household)
