"""The hard moments log, saved in the household's store and read only by grown-ups.

A moment is kept as written, even one that tells of a smack: an honest account is what the
worker needs to help, so it is never refused (it travels to the agency like any moment). Each
moment is a shared document in ``hard_moments``, kept by the month it happened in (a
repair is often written later, so a moment can be changed; its revision rises). A child is
refused at every door of this service, reading included: nothing of the log, not even how
many moments there are, reaches a child's screen.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from app.domain.agreement import AgreementVersion
from app.domain.people import Member, Role
from app.domain.programme.moments import (
    HardMoment,
    MomentDraft,
    MomentPatterns,
    MomentRefused,
    check_day,
    check_draft,
    may_read_moments,
    may_write_moments,
    patterns,
)
from app.services.base import HouseholdPart
from app.services.errors import refuse_if_changed
from app.services.household import HouseholdService, InvalidInput, NotAllowed

HARD_MOMENTS = "hard_moments"
AGREEMENTS = "agreement_versions"  # owned by the agreement service; read here, never written


@dataclass(frozen=True)
class AgreedConsequence:
    """A consequence the family agreed for a rule, offered when a moment is written down."""

    rule_id: str
    rule: str
    consequence: str


class HardMomentService(HouseholdPart):
    """A household's hard moments: written and read by parents and the worker only."""

    def moments(self, by: Member, child_id: str | None = None) -> list[HardMoment]:
        """The log, newest first (for one child, or everyone).

        Raises:
            NotAllowed: a child asked.
        """
        self._require_reader(by)
        found = [HardMoment.from_json(doc) for doc in self._store.find(HARD_MOMENTS)]
        if child_id is not None:
            found = [m for m in found if child_id in m.draft.children]
        return sorted(found, key=lambda m: (m.draft.happened_at, m.created_at), reverse=True)

    def moment(self, by: Member, moment_id: str) -> HardMoment:
        """One moment.

        Raises:
            NotAllowed: a child asked.
            KeyError: there is no such moment.
        """
        self._require_reader(by)
        doc = self._store.get(HARD_MOMENTS, moment_id)
        if doc is None:
            raise KeyError(moment_id)
        return HardMoment.from_json(doc)

    def patterns(self, by: Member, child_id: str | None = None) -> MomentPatterns:
        """When moments come and what sets them off.

        Raises:
            NotAllowed: a child asked.
        """
        return patterns(self.moments(by), child_id)

    def agreed_consequences(self, by: Member) -> list[AgreedConsequence]:
        """The consequences in the agreement in force (or the draft, before one is signed)."""
        self._require_reader(by)
        versions = [AgreementVersion.from_json(doc) for doc in self._store.find(AGREEMENTS)]
        signed = [v for v in versions if v.frozen]
        chosen = max(signed or versions, key=lambda v: v.number, default=None)
        if chosen is None:
            return []
        return [AgreedConsequence(r.id, r.text, r.broken) for r in chosen.rules if r.broken]

    def record(self, by: Member, draft: MomentDraft) -> HardMoment:
        """Write a hard moment down, as written.

        An account that tells of physical punishment is kept like any other (never refused:
        it is what happened); the saved moment's ``punishment_words`` say so, for the answer
        the parent reads and for the worker.

        Raises:
            NotAllowed: a child, or someone who has left.
            InvalidInput: something is missing or too long, the day is after today or before
                2000, or a child is not in the household.
        """
        self._require_writer(by)
        moment = HardMoment(id=str(uuid.uuid4()), draft=self._check(draft), created_by=by.id,
                            created_at=self._iso())
        self._store.put(HARD_MOMENTS, moment.to_json(), shard=moment.month)
        return moment

    def change(self, by: Member, moment_id: str, draft: MomentDraft,
               seen: str | None = None) -> HardMoment:
        """Change a moment (add the repair, say how it ended); the same checks apply.

        A child already on the moment may stay on it after leaving the household (the repair
        must still be addable); a day already on it is kept even if it would now be refused.

        Raises:
            ChangedMeanwhile: ``seen`` (the ``stamp_of`` what the form was opened on) is not
                the moment now: saving would undo someone else's change.
        """
        self._require_writer(by)
        now = self.moment(by, moment_id)
        refuse_if_changed(seen, now)
        moment = now.changed(by.id, self._iso(), self._check(draft, now.draft))
        self._store.put(HARD_MOMENTS, moment.to_json(), shard=moment.month)
        return moment

    def _check(self, draft: MomentDraft, stored: MomentDraft | None = None) -> MomentDraft:
        try:
            checked = check_draft(draft)
            if stored is None or checked.happened_at != stored.happened_at:
                check_day(checked.happened_at, self.today())
        except MomentRefused as refused:
            raise InvalidInput(f"moments.error.{refused.problem.value}") from refused
        children = {m.id for m in self._household.members() if m.role is Role.CHILD}
        children |= set(stored.children if stored else ())
        if any(child not in children for child in checked.children):
            raise InvalidInput("moments.error.no_child")
        return checked

    @staticmethod
    def _require_reader(by: Member) -> None:
        if not may_read_moments(by):
            raise NotAllowed("hard moments are for parents and the worker")

    @staticmethod
    def _require_writer(by: Member) -> None:
        if not may_write_moments(by):
            raise NotAllowed("hard moments are written by parents and the worker")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def moments_for(household: HouseholdService) -> HardMomentService:
    """The hard moments of the household ``household`` serves."""
    return HardMomentService(household)
