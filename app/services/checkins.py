"""Mood check-ins and safety alerts as the screens use them, saved in the household store.

Everything here is an event, sharded by month and written once: check-ins, grown-ups'
notes of what they did, carers' own check-ins, safety alerts and the worker's "seen"
marks. On purpose there is no operation that changes or removes any of them, and a
safety alert is only ever read by the worker.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar

from app.domain.alerts import (
    AlertSeen,
    AlertSource,
    SafetyAlert,
    keepable,
    may_see_alerts,
    new_alert,
    unseen,
)
from app.domain.checkins import (
    MAX_WORDS,
    CheckIn,
    CheckinRefused,
    Feeling,
    Help,
    Reason,
    ResponseNote,
    as_read_by,
    may_see_checkin,
    new_checkin,
    new_note,
    two_week_strip,
)
from app.domain.checkins_carer import CarerCheckIn, Prompt, new_carer_checkin
from app.domain.people import Member, Role
from app.services.base import HouseholdPart
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.storage import InvalidText
from app.sync.catalogue import STATE
from app.sync.tracker import STATE_ID

CHECKINS = "checkins"
NOTES = "checkin_notes"
CARER_CHECKINS = "carer_checkins"
ALERTS = "safety_alerts"
ALERTS_SEEN = "safety_alerts_seen"

T = TypeVar("T")


class CheckinService(HouseholdPart):
    """How everyone in one household is feeling, and the children's safety alerts."""

    # check-ins ---------------------------------------------------------------------------
    def record(self, by: Member, feeling: Feeling, size: int, *,
               reasons: tuple[Reason, ...] = (), helps: tuple[Help, ...] = (),
               words: str = "", unsafe: bool = False) -> CheckIn:
        """Save how ``by`` feels now (a child, or a parent for themselves).

        ``unsafe``: the child said "No, I need help" to "Do you feel safe right now?"; the
        check-in and a safety alert for the worker are kept in one save, and the words are
        for the worker alone (``may_read_words``: nobody at home is told). Then words that
        cannot be kept as typed are kept as far as they can be (``alerts.keepable``), and
        if the check-in still cannot be, the alert is kept alone: it is never refused with
        the words (rule 1).
        """
        try:
            return self._record(by, feeling, size, reasons, helps, words, unsafe)
        except (InvalidInput, InvalidText):
            if not unsafe:
                raise
        try:
            return self._record(by, feeling, size, reasons, helps,
                                keepable(words, MAX_WORDS), unsafe)
        except (InvalidInput, InvalidText):
            self.raise_alert(by, AlertSource.CHECKIN)
            raise

    def _record(self, by: Member, feeling: Feeling, size: int, reasons: tuple[Reason, ...],
                helps: tuple[Help, ...], words: str, unsafe: bool) -> CheckIn:
        at = self._iso()
        checkin = _checked(lambda: new_checkin(_new_id(), by, feeling, size, reasons, helps,
                                               words, at, words_for_worker=unsafe))
        saves = [(CHECKINS, checkin.to_json(), at[:7])]
        if unsafe:
            alert = _checked(lambda: new_alert(_new_id(), by, AlertSource.CHECKIN, at))
            saves.append((ALERTS, alert.to_json(), at[:7]))
        self._store.put_many(saves)
        return checkin

    def checkins_of(self, viewer: Member, member_id: str) -> list[CheckIn]:
        """One person's check-ins that ``viewer`` may see, oldest first, each with only the
        words they may read (``as_read_by``)."""
        found = [CheckIn.from_json(doc) for doc in
                 self._store.find(CHECKINS, lambda doc: doc.get("created_by") == member_id)]
        here = not self.alerts_go_to_agency()
        return sorted((as_read_by(viewer, c, alerts_read_here=here) for c in found
                       if may_see_checkin(viewer, c)), key=lambda c: c.created_at)

    def strip(self, viewer: Member, member_id: str) -> list[tuple[date, CheckIn | None]]:
        """The last two weeks of one person's feelings, a square a day, oldest first."""
        return two_week_strip(self.checkins_of(viewer, member_id), self.today())

    def add_note(self, by: Member, checkin_id: str, text: str) -> ResponseNote:
        """A parent writes what they did after a child's check-in."""
        doc = self._store.get(CHECKINS, checkin_id)
        if doc is None:
            raise InvalidInput("checkins.error.not_found")
        checkin = CheckIn.from_json(doc)
        at = self._iso()
        note = _checked(lambda: new_note(_new_id(), by, checkin, text, at))
        self._store.put(NOTES, note.to_json(), shard=at[:7])
        return note

    def notes(self, viewer: Member, member_id: str) -> dict[str, list[ResponseNote]]:
        """Grown-ups' notes on one person's check-ins, by check-in id, oldest first."""
        shown = {c.id for c in self.checkins_of(viewer, member_id)}
        found: dict[str, list[ResponseNote]] = {}
        docs = self._store.find(NOTES, lambda doc: doc.get("checkin_id") in shown)
        for note in sorted((ResponseNote.from_json(d) for d in docs),
                           key=lambda n: n.created_at):
            found.setdefault(note.checkin_id, []).append(note)
        return found

    # a carer's own check-in ------------------------------------------------------------
    def record_carer(self, by: Member, answers: dict[Prompt, int],
                     words: str = "") -> CarerCheckIn:
        """Save a parent's or carer's answers about their own last week."""
        at = self._iso()
        checkin = _checked(lambda: new_carer_checkin(_new_id(), by, answers, words, at))
        self._store.put(CARER_CHECKINS, checkin.to_json(), shard=at[:7])
        return checkin

    def carer_checkins(self, viewer: Member) -> list[CarerCheckIn]:
        """A carer's own check-ins (all carers' for the worker), oldest first."""
        if viewer.role is Role.CHILD:
            raise NotAllowed("a carer's check-in is theirs and their worker's")
        found = [CarerCheckIn.from_json(doc) for doc in self._store.find(CARER_CHECKINS)]
        if viewer.role is not Role.WORKER:
            found = [c for c in found if c.created_by == viewer.id]
        return sorted(found, key=lambda c: c.created_at)

    def worker_names(self) -> list[str]:
        """The names of the household's support workers, for "who can help"."""
        return [m.name for m in self._household.members() if m.role is Role.WORKER]

    # safety alerts -----------------------------------------------------------------------
    def raise_alert(self, by: Member, source: AlertSource) -> SafetyAlert:
        """A child does not feel safe or asked for help: keep it for the worker, urgently."""
        at = self._iso()
        alert = _checked(lambda: new_alert(_new_id(), by, source, at))
        self._store.put(ALERTS, alert.to_json(), shard=at[:7])
        return alert

    def alerts_go_to_agency(self) -> bool:
        """True once this device is connected to the household's agency: then every alert is
        read there, and none is listed on the device. Anyone at home can add a "support
        worker" here, or set the worker's PIN, and a list would tell them a child raised one
        (rule 7); at the agency it tops the worker's caseload."""
        return bool((self._store.get(STATE, STATE_ID) or {}).get("device_id"))

    def alerts(self, viewer: Member) -> list[SafetyAlert]:
        """Every alert ever raised, oldest first: for the worker only, and only on a device
        not connected to the agency (``alerts_go_to_agency``)."""
        self._require_worker(viewer)
        if self.alerts_go_to_agency():
            return []
        found = [SafetyAlert.from_json(doc) for doc in self._store.find(ALERTS)]
        return sorted(found, key=lambda a: a.created_at)

    def unseen_alerts(self, viewer: Member) -> list[SafetyAlert]:
        """The alerts the worker has not marked seen yet, oldest first."""
        seen = [AlertSeen.from_json(doc) for doc in self._store.find(ALERTS_SEEN)]
        return unseen(self.alerts(viewer), seen)

    def mark_alert_seen(self, by: Member, alert_id: str) -> AlertSeen:
        """The worker has seen an alert (a new event; the alert itself is unchanged)."""
        self._require_worker(by)
        if self._store.get(ALERTS, alert_id) is None or self.alerts_go_to_agency():
            raise InvalidInput("checkins.error.not_found")
        at = self._iso()
        mark = AlertSeen(_new_id(), alert_id, by.id, at)
        self._store.put(ALERTS_SEEN, mark.to_json(), shard=at[:7])
        return mark

    # helpers ---------------------------------------------------------------------------
    @staticmethod
    def _require_worker(viewer: Member) -> None:
        if not may_see_alerts(viewer):
            raise NotAllowed("only the worker sees safety alerts")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def _checked(change: Callable[[], T]) -> T:
    """Run a domain rule, turning its refusals into the errors screens understand."""
    try:
        return change()
    except CheckinRefused as refused:
        raise InvalidInput(f"checkins.error.{refused.problem.value}") from refused
    except NotAllowed:
        raise
    except PermissionError as refused:
        raise NotAllowed(str(refused)) from refused


def _new_id() -> str:
    return str(uuid.uuid4())


def checkins_for(household: HouseholdService) -> CheckinService:
    """The check-ins and safety alerts of the household a screen is showing."""
    return CheckinService(household)
