"""Sync as the household's screens see it: pair, sync now, status, and messages for the worker.

State (hub address, device key, cursor, last results) lives in the encrypted store, in a
collection that never leaves the device.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from app.domain.people import Member, Role
from app.hub.protocol import MAX_CLOCK_SKEW_SECONDS, b64decode, b64encode
from app.services.agreement import agreement_for
from app.services.base import HouseholdPart
from app.services.diary import diary_for
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.sync import outbox
from app.sync.catalogue import (
    HOUSEHOLD,
    SEALED_FIELD,
    SET_ASIDE,
    STATE,
    WORKER_MESSAGES,
    agency_may_see,
    is_synced,
    label_key,
)
from app.sync.client import DeviceKeys, DeviceRevoked, HubClient, HubRefused, HubUnreachable
from app.sync.engine import pull_all, push_all
from app.sync.home import roles_at_home, shown_at_home
from app.sync.pairing import Pairing, PairingFailed, contact_hub
from app.sync.sealing import seal_json
from app.sync.tracker import STATE_ID, track_changes

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 2000
_SYNC_WAIT_SECONDS = 120


@dataclass(frozen=True)
class SyncStatus:
    """Where sync stands, for a plain-words line on screen."""

    paired: bool
    agency_name: str | None
    waiting: int
    last_sent_at: float | None
    last_attempt_at: float | None
    problem: str | None  # None | "unreachable" | "revoked" | "refused" | "clock"
    open_conflicts: int
    #: This device's clock is more than five minutes from the agency's hub (sync goes by the
    #: hub's time; the times the family writes still come from the phone's clock). Which of
    #: the two is wrong, the device cannot know.
    clock_out: bool = False


@dataclass(frozen=True)
class Shared:
    """One line of "what your agency can see" (or of "kept at home")."""

    collection: str
    label_key: str
    count: int


@dataclass(frozen=True)
class SentMessage:
    """A message for the worker as its writer sees it afterwards: never the words."""

    id: str
    written_at: str
    delivered: bool


class SyncService(HouseholdPart):
    """Pairing with the agency's hub and keeping the household in step with it."""

    def __init__(self, household: HouseholdService, *,
                 transport: httpx.BaseTransport | None = None,
                 wall: Callable[[], float] = time.time) -> None:
        super().__init__(household)
        self._tracker = track_changes(self._store)
        self._transport = transport
        self._wall = wall  # real time for request signatures, whatever the household clock says

    # --- state ----------------------------------------------------------------------------

    def _state(self) -> dict[str, Any]:
        return self._store.get(STATE, STATE_ID) or {"id": STATE_ID}

    def _save_state(self, **fields: Any) -> None:
        with self._store.exclusive():
            state = self._state()
            state.update(fields)
            self._store.put_many([(STATE, state, None)], track=False)

    def status(self) -> SyncStatus:
        """Return where sync stands now."""
        state = self._state()
        return SyncStatus(
            paired=bool(state.get("device_id")),
            agency_name=state.get("agency_name") or None,
            waiting=outbox.waiting_at_home(self._store),
            last_sent_at=state.get("last_sent_at"),
            last_attempt_at=state.get("last_attempt_at"),
            problem=state.get("problem"),
            open_conflicts=len(outbox.open_conflicts(self._store)),
            clock_out=abs(self._tracker.hub_offset) > MAX_CLOCK_SKEW_SECONDS,
        )

    # --- pairing ----------------------------------------------------------------------------

    def connect(self, by: Member, hub_url: str, code: str) -> Pairing:
        """First step of pairing this household: spend the worker's code, save nothing.

        The screen then shows ``Pairing.fingerprint`` for the worker to compare, and
        :meth:`confirm` keeps the connection only when they say it matches.

        Raises:
            NotAllowed: only a parent pairs the household.
            InvalidInput: ``sync.error.`` + ``hub_url_invalid``, ``hub_url_not_secure``,
                ``pairing_code_invalid`` or ``already_paired``.
            PairingFailed: the hub could not be reached or refused the code.
        """
        if by.role is not Role.PARENT:
            raise NotAllowed("only a parent can connect the household to its agency")
        self._may_pair()
        own = self._store.get(HOUSEHOLD, HOUSEHOLD) or {}
        uid = own.get("uid")
        return contact_hub(self._client, hub_url, code, joining=False,
                           known_household=self._state().get("household_id"),
                           household_uid=uid if isinstance(uid, str) else None)

    def connect_to_join(self, hub_url: str, code: str) -> Pairing:
        """First step of joining the household another device set up (see :meth:`connect`).

        Only a device with nothing of its own yet joins (it was set up with "Join my family's
        household"); nobody's PIN or pictures come with the people.

        Raises:
            NotAllowed: this device already has a household of its own.
            InvalidInput, PairingFailed: as for :meth:`connect`.
        """
        self._may_join()
        self._may_pair()
        return contact_hub(self._client, hub_url, code, joining=True, known_household=None)

    def confirm(self, by: Member | None, pairing: Pairing) -> SyncStatus:
        """The worker saw the same fingerprint: keep the connection and sync at once.

        ``by`` is the parent who connected (None when joining, before anyone signed in).

        Raises:
            PairingFailed: ``other_household`` when this device was connected to another
                household at the agency before; nothing is kept.
        """
        fields, keys, url = pairing.fields, pairing.keys, pairing.url
        if pairing.joining:
            self._may_join()
            self._save_state(hub_url=url, device_key=keys.private_text(), cursor="",
                             paired_at=self._clock(), paired_by=None, problem=None,
                             joined=True, **fields)
            self._tracker.paired = True
            return self.sync_now()
        if by is None or by.role is not Role.PARENT:
            raise NotAllowed("only a parent can connect the household to its agency")
        with self._store.exclusive():
            state = self._state()
            # Connected again to the same household (after a lost phone turned up, say): the
            # agency has everything sent so far, and the outbox still holds the rest. Never to
            # another: this household's records would then sit in two households at the agency.
            again = state.get("household_id") == fields["household_id"]
            if state.get("household_id") and not again:
                raise PairingFailed("other_household")
            state.update(hub_url=url, device_key=keys.private_text(), cursor="",
                         paired_at=self._clock(), paired_by=by.id, problem=None, **fields)
            # The connection and the first queue are one save: never connected, nothing queued.
            if again:
                self._store.put_many([(STATE, state, None)], track=False)
            else:
                outbox.queue_everything(self._store, self._tracker, also=[(STATE, state, None)])
            self._tracker.paired = True
        return self.sync_now()

    def pair(self, by: Member, hub_url: str, code: str, *, agency_key_check: str) -> SyncStatus:
        """Both steps at once, for a caller who already holds the fingerprint to compare.

        Raises:
            PairingFailed: ``key_mismatch`` when the agency's key is not the one expected;
                nothing is saved. Otherwise as for :meth:`connect`.
        """
        return self._checked(self.connect(by, hub_url, code), by, agency_key_check)

    def join(self, hub_url: str, code: str, *, agency_key_check: str) -> SyncStatus:
        """Both steps of joining at once (see :meth:`pair`)."""
        return self._checked(self.connect_to_join(hub_url, code), None, agency_key_check)

    def _checked(self, pairing: Pairing, by: Member | None, expected: str) -> SyncStatus:
        if not pairing.matches(expected):
            raise PairingFailed("key_mismatch")
        return self.confirm(by, pairing)

    def _may_pair(self) -> None:
        now = self.status()
        if now.paired and now.problem != "revoked":  # a disconnected phone may connect again
            raise InvalidInput("sync.error.already_paired")

    def _may_join(self) -> None:
        if self._household.members(include_removed=True) or self._household.household().name:
            raise NotAllowed("this device has its own household: it cannot join another")

    def _client(self, url: str) -> HubClient:
        return HubClient(url, wall=self._wall, transport=self._transport,
                         offset=self._tracker.hub_offset, on_offset=self._go_by_hub)

    def _go_by_hub(self, offset: float) -> None:
        # This device's clock is more than five minutes out: its requests are signed, and its
        # changes stamped, by the hub's time from now on (a child's alert must get through).
        log.info("sync: this device's clock is %d s from the hub's", -round(offset))
        self._tracker.go_by_hub(offset)
        self._save_state(hub_offset=offset)

    # --- syncing ----------------------------------------------------------------------------

    def sync_now(self) -> SyncStatus:
        """Send what is waiting and fetch what is new; network trouble shows in the status."""
        state = self._state()
        if not state.get("device_id"):
            return self.status()
        if not self._tracker.sync_lock.acquire(timeout=_SYNC_WAIT_SECONDS):
            return self.status()
        try:
            self._sync(state)
        finally:
            self._tracker.sync_lock.release()
        return self.status()

    def _sync(self, state: dict[str, Any]) -> None:
        keys = DeviceKeys.from_text(state["device_id"], state["device_token"], state["device_key"])
        problem: str | None = None
        try:
            with self._client(state["hub_url"]) as client:
                push_all(self._store, client, keys, self._iso, self._tracker.clock)
                queued = outbox.waiting(self._store)
                pulled = pull_all(self._store, self._tracker, client, keys,
                                  str(self._state().get("cursor", "")), self._iso)
                # The agreement signed on several devices takes effect here (the hub cannot
                # tell who must sign), and a diary entry made private here that came back
                # shared is taken back: both go at once, not at the next sync.
                took_effect = agreement_for(self._household).take_effect_if_signed()
                if took_effect or (pulled and (diary_for(self._household).take_back_crossed()
                                               or outbox.waiting(self._store) > queued)):
                    push_all(self._store, client, keys, self._iso, self._tracker.clock)
        except HubUnreachable as exc:
            log.info("sync: hub not reachable (%s)", exc)
            problem = "unreachable"
        except DeviceRevoked:
            problem = "revoked"
        except HubRefused as exc:
            log.warning("sync: the hub refused a request: %s", exc)
            # still out of time: the hub's time was not said, or not to be believed
            problem = "clock" if exc.code == "stale" else "refused"
        except ValueError as exc:
            log.warning("sync: the hub's answer could not be used: %s", exc)
            problem = "refused"
        now = self._clock()
        if problem is None:
            self._save_state(problem=None, last_attempt_at=now, last_sent_at=now)
        else:
            self._save_state(problem=problem, last_attempt_at=now)

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()

    # --- what the agency sees -----------------------------------------------------------------

    def agency_can_see(self) -> list[Shared]:
        """Return, per kind of record, how many are sent to the agency: only what a parent
        may be told of (``shown_at_home``), though the agency receives the rest too."""
        found: list[Shared] = []
        roles = roles_at_home(self._store)
        for collection in self._store.collections():
            if not is_synced(collection):
                continue
            count = sum(1 for doc in self._store.find(collection)
                        if agency_may_see(collection, doc)
                        and shown_at_home(collection, doc, roles))
            if count:
                found.append(Shared(collection, label_key(collection), count))
        return found

    def set_aside(self) -> list[dict[str, Any]]:
        """Records from the hub this device could not use, and changes the hub refused.

        Newest first, for the worker: what kind, which record and why, never the contents.
        """
        found = self._store.find(SET_ASIDE)
        return sorted(found, key=lambda note: str(note.get("at")), reverse=True)

    def kept_at_home(self, viewer: Member) -> list[Shared]:
        """Return what never leaves this device: ``viewer``'s own private diary entries (a
        second carer's are theirs: not even how many), and PINs."""
        private = len(self._store.find(
            "diary_entries", lambda doc: doc.get("created_by") == viewer.id
            and not agency_may_see("diary_entries", doc)))
        people = len(self._household.members())
        kept = [Shared("diary_entries", "sync.kept.private_diary", private),
                Shared("members", "sync.kept.pins", people)]
        return [line for line in kept if line.count]

    # --- messages just for the worker ---------------------------------------------------------

    @property
    def alert_waiting(self) -> threading.Event:
        """Set when a safety alert joins the outbox, so a sync loop can go at once."""
        return self._tracker.urgent

    def on_alert(self, wake: Callable[[], None]) -> Callable[[], None]:
        """Call ``wake`` (from any thread) when a safety alert is queued; return an undo."""
        return self._tracker.add_waker(wake)

    def agency_public_key(self) -> bytes | None:
        """The agency's public key, for sealing: None until this device is paired."""
        key = self._state().get("agency_public_key")
        return b64decode(key) if key else None

    def can_message_worker(self) -> bool:
        """True once paired: a message can only be sealed with the agency's key."""
        return self.status().paired

    def send_to_worker(self, by: Member, text: str, *, at_visit: str | None = None) -> SentMessage:
        """Seal a message for the worker and queue it; nobody at home can read it afterwards.

        Raises:
            InvalidInput: ``sync.error.`` + ``message_empty``, ``message_too_long`` or
                ``not_paired``.
            NotAllowed: the worker does not write to themselves.
        """
        if by.role is Role.WORKER:
            raise NotAllowed("messages for the worker are written by the family")
        words = text.strip()
        if not words:
            raise InvalidInput("sync.error.message_empty")
        if len(words) > MAX_MESSAGE_LENGTH:
            raise InvalidInput("sync.error.message_too_long", limit=MAX_MESSAGE_LENGTH)
        agency_key = self._state().get("agency_public_key")
        if not agency_key:
            raise InvalidInput("sync.error.not_paired")
        message_id = str(uuid.uuid4())
        written_at = self._iso()
        sealed = seal_json(b64decode(agency_key), {
            "text": words, "from_name": by.name, "from_role": by.role.value,
            "written_at": written_at, "visit_id": at_visit}, message_id)
        self._store.put(WORKER_MESSAGES, {
            "id": message_id, "created_by": by.id, "created_at": written_at,
            SEALED_FIELD: b64encode(sealed),
        }, shard=written_at[:7])
        return SentMessage(message_id, written_at, False)

    def sent_messages(self, by: Member) -> list[SentMessage]:
        """Return the messages this person wrote, newest first (dates only, never the words)."""
        docs = self._store.find(WORKER_MESSAGES, lambda doc: doc.get("created_by") == by.id)
        found = [SentMessage(d["id"], d["created_at"], bool(d.get("delivered"))) for d in docs]
        return sorted(found, key=lambda m: m.written_at, reverse=True)


def sync_for(household: HouseholdService, **options: Any) -> SyncService:
    """Return the sync service of an unlocked household."""
    return SyncService(household, **options)
