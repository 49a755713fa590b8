"""The worker's visit, on the family's device: start, work through the agenda, end.

The visit in progress is a draft kept only on this device (``visit_drafts`` never syncs), so
nothing typed is lost if the battery goes; "End visit" saves the ``visits`` record (it
syncs) and removes the draft in one save. "Since last visit" is worked out from the records
made after the previous visit ended, not from anything marked "seen".

"After" is the order things happened in across the household's devices, not the times they
wrote: each device writes its own clock's time on what it makes, and a tablet a few minutes
slow that already has the visit would put a check-in made just after it before it. Sync's
clock stamps (``app.sync.hlc``) follow that order: a device that has received the visit
stamps what it makes afterwards later than the visit (unless its clock is so far behind that
it does not follow the visit's stamp, ``MAX_STAMP_AHEAD_SECONDS``). So where the visit and a
record both carry the stamp of their making, the stamps decide; the times decide where either
has none (a record changed since it was made; a device never connected, with one clock).
"""

from __future__ import annotations

import uuid
from base64 import b64encode
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from app.domain.checkins import CheckIn
from app.domain.chores import TickEvent, jobs_done
from app.domain.diary import DiaryEntry, latest_revisions
from app.domain.people import Member, Role
from app.domain.programme.visits import (
    Visit,
    VisitAction,
    VisitProblem,
    VisitRefused,
    latest_ended,
    start_visit,
)
from app.domain.rituals import RitualDone, rituals_done
from app.domain.safety_scale import SafetyRating, is_low, shown_at_home
from app.services.base import HouseholdPart
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.sync.catalogue import META
from app.sync.hlc import Stamp
from app.sync.sealing import seal_json

VISITS = "visits"
DRAFTS = "visit_drafts"
DRAFT_ID = "current"


@dataclass(frozen=True)
class SinceLastVisit:
    """What happened at home since the last visit ended, from the records themselves.

    Safety alerts are not here: the family looks at the visit with the worker, and nothing at
    home may show that a child raised one (the worker has their own list of alerts).
    """

    since: str | None  # None: there has been no visit yet, so this is everything
    checkins: dict[str, Counter[str]] = field(default_factory=dict)  # child -> feeling -> n
    low_ratings: tuple[SafetyRating, ...] = ()
    ratings: int = 0
    strengths: int = 0
    chores_done: int = 0
    rituals_done: int = 0
    circles: int = 0
    diary_shared: int = 0
    agreed_last_time: tuple[VisitAction, ...] = ()  # to ask "did we do what we said?"


class VisitService(HouseholdPart):
    """Visits by the family's worker, run on the family's device."""

    def current(self, by: Member) -> Visit | None:
        """The visit in progress on this device, if any (the worker only)."""
        self._require_worker(by)
        doc = self._store.get(DRAFTS, DRAFT_ID)
        return Visit.from_json(doc["visit"]) if doc else None

    def start(self, by: Member, present: list[str], network: list[str] | None = None) -> Visit:
        """Start a visit with the people present; "since last visit" begins at the last end.

        ``network``: ids of people from the family's network who are there too.

        Raises:
            NotAllowed: only the worker starts a visit.
            InvalidInput: a visit is already going, or nobody of the family is present.
        """
        self._require_worker(by)
        with self._store.exclusive():  # two starts at once: one visit, the other is told
            if self._store.get(DRAFTS, DRAFT_ID) is not None:
                raise InvalidInput("visits.error.already_started")
            return self._start(by, present, network)

    def _start(self, by: Member, present: list[str], network: list[str] | None) -> Visit:
        people = [m for m in self._household.members() if m.id in set(present)]
        last = latest_ended(self.visits())
        visit = _checked(lambda: start_visit(str(uuid.uuid4()), by, people, self._iso(),
                                             last.ended_at if last else None))
        if network:
            known = {doc["id"] for doc in self._store.find("network_people")
                     if not doc.get("removed_at")}
            visit = replace(visit, network_present=tuple(i for i in dict.fromkeys(network)
                                                         if i in known))
        self._save_draft(visit)
        return visit

    def change(self, by: Member, change: Callable[[Visit], Visit]) -> Visit:
        """Apply one change (a note, an action, a child seen alone...) to the visit going on.

        Raises:
            InvalidInput: no visit is going on, or the change breaks a rule.
        """
        # read and saved under the store's lock: two notes made on two tabs at once are both
        # kept, and a note made as the visit ends is refused, never lost with the draft
        with self._store.exclusive():
            visit = self.current(by)
            if visit is None:
                raise InvalidInput("visits.error.not_started")
            changed = _checked(lambda: change(visit))
            self._save_draft(changed)
        return changed

    def end(self, by: Member, agency_public_key: bytes | None) -> Visit:
        """End the visit: one record for the agency, and the draft gone, in one save.

        The worker's notes are sealed with the agency's key (``agency_public_key``, None on a
        device not yet linked to the agency): nobody at home can read them afterwards.

        Raises:
            InvalidInput: no visit is going on, or there are notes and no agency key to seal
                them with (the draft is kept: nothing is lost).
        """
        with self._store.exclusive():  # see change
            visit = self.current(by)
            if visit is None:
                raise InvalidInput("visits.error.not_started")
            sealed = None
            if visit.notes:
                if agency_public_key is None:
                    raise InvalidInput("visits.error.notes_unsealed")
                sealed = b64encode(seal_json(agency_public_key, visit.notes,
                                             visit.id)).decode("ascii")
            ended = _checked(lambda: visit.finished(self._iso(), sealed))
            self._store.write([(VISITS, ended.to_json(), ended.shard)], [(DRAFTS, DRAFT_ID)])
        return ended

    def visits(self) -> list[Visit]:
        """Every visit that has ended, newest first (anyone at home may read these)."""
        found = [Visit.from_json(doc) for doc in self._store.find(VISITS)]
        return sorted(found, key=lambda v: str(v.ended_at), reverse=True)

    def since_last_visit(self, by: Member) -> SinceLastVisit:
        """Everything new since the last visit ended (from the records, not from "seen")."""
        self._require_worker(by)
        last = latest_ended(self.visits())
        since = last.ended_at if last else None
        after = _made_after(since, _made_stamp(self._store.get(VISITS, last.id)) if last else None)

        def new(collection: str, time_field: str = "created_at") -> list[dict[str, object]]:
            return self._store.find(collection, lambda doc: after(doc, time_field))

        children = {m.id for m in self._household.members(include_removed=True)
                    if m.role is Role.CHILD}
        feelings: dict[str, Counter[str]] = {}
        for doc in new("checkins"):
            checkin = CheckIn.from_json(doc)
            if checkin.created_by in children:
                feelings.setdefault(checkin.created_by, Counter())[checkin.feeling.value] += 1
        ratings = shown_at_home((SafetyRating.from_json(doc) for doc in new("safety_ratings")),
                                self._household.roles())  # a child's alerting one: not here
        diary = latest_revisions(DiaryEntry.from_json(doc) for doc in new("diary_entries"))
        # every mark, not only the new: a job or ritual counts once, and only if none of its
        # marks was made before the visit, so a second device's later mark of one done
        # before the visit does not make it new
        ticks = self._store.find("chore_ticks")
        rituals = self._store.find("ritual_done")
        tick_new = {doc["id"]: after(doc, "created_at") for doc in ticks}
        ritual_new = {doc["id"]: after(doc, "created_at") for doc in rituals}
        return SinceLastVisit(
            since=since, checkins=feelings,
            low_ratings=tuple(r for r in ratings if is_low(r.score)), ratings=len(ratings),
            strengths=len(new("strengths")),
            chores_done=jobs_done((TickEvent.from_json(doc) for doc in ticks),
                                  made_after=lambda tick: tick_new[tick.id]).total(),
            rituals_done=rituals_done((RitualDone.from_json(doc) for doc in rituals),
                                      made_after=lambda done: ritual_new[done.id]),
            circles=len(new("circles", "started_at")),
            diary_shared=sum(1 for entry in diary.values() if entry.shared),
            agreed_last_time=last.actions if last else (),
        )

    def _save_draft(self, visit: Visit) -> None:
        self._store.put(DRAFTS, {"id": DRAFT_ID, "visit": visit.to_json()})

    @staticmethod
    def _require_worker(by: Member) -> None:
        if by.role is not Role.WORKER or not by.active:
            raise NotAllowed("only the family's worker runs a visit")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def _made_stamp(doc: dict[str, Any] | None) -> Stamp | None:
    """The clock stamp sync put on a record when it was made; None if it carries none.

    Only a first revision's stamp says when the record was made: a later one's says when it
    was last changed (a circle started before the visit and closed after it is not new).
    """
    found = (doc or {}).get(META)
    if not isinstance(found, dict) or found.get("rev") != 1:
        return None
    try:
        return Stamp.parse(found.get("hlc", ""))
    except ValueError:
        return None


def _made_after(since: str | None, visit_stamp: Stamp | None
                ) -> Callable[[dict[str, Any], str], bool]:
    """A test of whether a record was made after a visit that ended at ``since``.

    The test takes the record and the name of the field with the time it was made. By clock
    stamps when the visit (``visit_stamp``) and the record both have one; else by the times.
    """
    def after(doc: dict[str, Any], time_field: str) -> bool:
        if since is None:
            return True  # no visit yet: everything is new
        if visit_stamp is not None and (stamp := _made_stamp(doc)) is not None:
            return stamp > visit_stamp
        return str(doc.get(time_field, "")) > since
    return after


def _checked(change: Callable[[], Visit]) -> Visit:
    try:
        return change()
    except VisitRefused as refused:
        if refused.problem is VisitProblem.NOT_WORKER:
            raise NotAllowed("only the family's worker runs a visit") from refused
        raise InvalidInput(f"visits.error.{refused.problem.value}") from refused


def visits_for(household: HouseholdService) -> VisitService:
    """The visits of the household a screen is showing."""
    return VisitService(household)
