"""Which records travel to the agency, in what shape, and what they are called in plain words.

A collection not listed here is sent as it is: a new kind of record syncs without any change
to sync. Listed here are only the exceptions: what stays on this device, what is cut out of a
record before it leaves, what goes first, and what is sealed for the worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The household's own record: its collection and its id are both this. Its ``uid`` is made
#: once, when the family sets Homeward up, so the hub can tell the same household again.
HOUSEHOLD = "household"

#: Sync's own bookkeeping, and per-device state (each person's PIN on this device, and
#: wrong-PIN lockouts): never sent.
OUTBOX = "sync_outbox"
STATE = "sync_state"
CONFLICTS = "sync_conflicts"
#: Records from the hub this device could not use, and changes the hub refused: for the worker.
SET_ASIDE = "sync_set_aside"
DEVICE_PINS = "member_pins"
PIN_LOCKOUTS = "pin_lockouts"
#: A visit in progress: only the ended visit is a record for the agency.
VISIT_DRAFTS = "visit_drafts"
LOCAL_ONLY = frozenset({OUTBOX, STATE, CONFLICTS, SET_ASIDE, DEVICE_PINS, PIN_LOCKOUTS,
                        VISIT_DRAFTS})

#: Fields that never leave the device: whether an alert has been sent is this device's own
#: bookkeeping (and a PIN hash, in people's records from before PINs had their own place).
LOCAL_FIELDS: Mapping[str, tuple[str, ...]] = {
    "members": ("pin_hash",),
    "safety_alerts": ("synced",),
}

#: Sent before anything else.
URGENT = frozenset({"safety_alerts"})

#: The only kind of record a family may make private again once it was shared (a diary entry
#: is shared with the worker or kept private; ``agency_may_see``). The hub refuses a
#: withdrawal of anything else: a child's alert, check-in or rating is never taken back.
WITHDRAWABLE = frozenset({"diary_entries"})
#: The only kinds a device ever removes (a shown thing a child takes back from their Three
#: Houses is kept sealed for the worker instead). Every other kind is changed, never removed,
#: so the hub refuses a tombstone for it: nothing a child said can be erased from a device.
DELETED_ON_DEVICE = frozenset({"house_items"})

#: What a child said, kept once at the hub as first sent: an alert, the worker's mark that they
#: saw it, a sealed message and a check-in are each made once on a device and never changed
#: there, so the hub never takes a later revision of one it holds (and one whose id a
#: withdrawal or tombstone took first is kept in its place: a tombstone holds no words).
WRITTEN_ONCE = frozenset({"safety_alerts", "safety_alerts_seen", "worker_messages", "checkins"})

#: Never counted or listed on any screen at home (rule 7: nothing at home reveals that a
#: child raised an alert or wrote to their worker): the agency still receives them.
HIDDEN_AT_HOME = frozenset({"safety_alerts", "safety_alerts_seen", "worker_messages",
                            "houses_for_worker"})

#: Never sent to a device in a pull, and not kept if an older hub sends one: no screen at home
#: shows them, and saving one on a device where nobody raised it would write that device's
#: check-in file, so the family's files would tell a child had told (rule 7). The agency keeps
#: them all, and the device a child raised an alert or wrote on keeps its own (rule 1).
NOT_PULLED = HIDDEN_AT_HOME

#: Left out of what the family's own tools show of the data folder (the export, ``homeward
#: verify``'s counts): the hidden kinds, and this device's sync bookkeeping, whose queue
#: carries them.
LEFT_OUT_AT_HOME = HIDDEN_AT_HOME | LOCAL_ONLY

#: Kept from children on every device: only parents and the worker read them, and no screen a
#: child can reach counts or lists them (the hard moments log is not a list of their faults).
#: The agency receives them like any record.
GROWN_UPS_ONLY = frozenset({"hard_moments"})

#: A change to these syncs at once, like an alert does, so that the sync an alert starts
#: cannot be told apart from the one any check-in, rating or message starts.
SYNC_AT_ONCE = URGENT | {"checkins", "safety_ratings", "worker_messages", "houses_for_worker"}

#: Messages "just for my worker": only the sealed form exists, under this field.
WORKER_MESSAGES = "worker_messages"
SEALED_FIELD = "sealed"
#: What a child keeps for the worker in their Three Houses: sealed the same way as a message.
HOUSES_FOR_WORKER = "houses_for_worker"
#: Collections whose records exist at home only sealed, and travel only as ``sealed_body``.
SEALED_COLLECTIONS = frozenset({WORKER_MESSAGES, HOUSES_FOR_WORKER})

#: The key under which sync keeps a record's revision, base revision and clock stamp.
META = "_sync"

_LABELS: Mapping[str, str] = {
    "household": "sync.kind.household",
    "members": "sync.kind.members",
    "checkins": "sync.kind.checkins",
    "checkin_notes": "sync.kind.checkin_notes",
    "carer_checkins": "sync.kind.carer_checkins",
    "safety_alerts": "sync.kind.safety_alerts",
    "safety_alerts_seen": "sync.kind.safety_alerts_seen",
    "safety_plans": "sync.kind.safety_plans",
    "child_safety_plans": "sync.kind.child_safety_plans",
    "safety_action_ticks": "sync.kind.safety_action_ticks",
    "safety_ratings": "sync.kind.safety_ratings",
    "agreement_versions": "sync.kind.agreement_versions",
    "agreement_settings": "sync.kind.agreement_settings",
    "rule_talks": "sync.kind.rule_talks",
    "rule_talk_answers": "sync.kind.rule_talk_answers",
    "chores": "sync.kind.chores",
    "chore_ticks": "sync.kind.chore_ticks",
    "circles": "sync.kind.circles",
    "circle_turns": "sync.kind.circle_turns",
    "diary_entries": "sync.kind.diary_entries",
    "rituals": "sync.kind.rituals",
    "ritual_done": "sync.kind.ritual_done",
    "strengths": "sync.kind.strengths",
    "visits": "sync.kind.visits",
    "reviews": "sync.kind.reviews",
    "family_goals": "sync.kind.family_goals",
    # the programme around the family: its network and family group conferences (sent whole:
    # the worker's notes in a conference are the agency's own, and children never see them)
    "network_people": "sync.kind.network_people",
    "conferences": "sync.kind.conferences",
    "conference_ticks": "sync.kind.conference_ticks",
    "learning_marks": "sync.kind.learning_marks",
    "hard_moments": "sync.kind.hard_moments",
    "programme_sessions": "sync.kind.programme_sessions",
    WORKER_MESSAGES: "sync.kind.worker_messages",
    # a child's Three Houses: what they showed, their words for meetings, what they kept
    "house_items": "sync.kind.house_items",
    "meeting_words": "sync.kind.meeting_words",
    HOUSES_FOR_WORKER: "sync.kind.worker_messages",
}
OTHER_LABEL = "sync.kind.other"


def is_synced(collection: str) -> bool:
    """True if records of this collection are ever sent."""
    return collection not in LOCAL_ONLY


def agency_may_see(collection: str, doc: Mapping[str, Any]) -> bool:
    """True if this record may leave the device now (a private diary entry may not)."""
    if collection in WITHDRAWABLE:
        return doc.get("sharing") == "worker" and not doc.get("withdrawn_at")
    return is_synced(collection)


def outgoing(collection: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    """Return the record as the agency receives it: secrets and sync bookkeeping cut out."""
    cut = {META, *LOCAL_FIELDS.get(collection, ())}
    return {key: value for key, value in doc.items() if key not in cut}


def keep_local_fields(collection: str, incoming: dict[str, Any],
                      local: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return an incoming record with this device's own fields carried over from ``local``."""
    for name in LOCAL_FIELDS.get(collection, ()):
        if local is not None and name in local:
            incoming[name] = local[name]
    return incoming


def label_key(collection: str) -> str:
    """The i18n key naming this kind of record in plain words."""
    return _LABELS.get(collection, OTHER_LABEL)
