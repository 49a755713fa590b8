"""How each kind of record is read, so a record from the hub is checked before it is saved.

A record that its own kind's reader cannot read would break every screen that lists it (a
person's record without a name would stop "Who's using Homeward?" for everyone, a child going
for "I need help" included), so ``inbox`` sets it aside instead. The reader trusts the app that
wrote the record, and another of the family's devices may be buggy, old or taken over: what it
reads must then pass the hub's own check of every field (``app.hub.record_checks``), so a
check-in made "at" a number, or a child aged "ten", is set aside here as the hub skips it. A
kind not listed here is saved as it comes: a new kind of record syncs without any change to
sync.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.domain.agreement import AgreementVersion, TalkRequest
from app.domain.alerts import AlertSeen, SafetyAlert
from app.domain.checkins import CheckIn, ResponseNote
from app.domain.checkins_carer import CarerCheckIn
from app.domain.chores import Chore, TickEvent
from app.domain.circles import Circle, Turn
from app.domain.diary import DiaryEntry
from app.domain.people import Member
from app.domain.programme.conference import Conference
from app.domain.programme.family_plan import PlanTick
from app.domain.programme.learning import TopicMark
from app.domain.programme.moments import HardMoment
from app.domain.programme.network import NetworkPerson
from app.domain.programme.reviews import FamilyGoal, Review
from app.domain.programme.sessions import ProgrammeSession
from app.domain.programme.three_houses import HouseItem, MeetingWords
from app.domain.programme.visits import Visit
from app.domain.rituals import Ritual, RitualDone
from app.domain.safety import ActionTick, SafetyPlan
from app.domain.safety_child import ChildSafetyPlan
from app.domain.safety_scale import SafetyRating
from app.domain.strengths import StrengthNote
from app.hub.record_checks import checked, holds_nul


def _household(doc: dict[str, Any]) -> object:
    if not isinstance(doc.get("name"), str):
        raise ValueError("a household has a name")
    return doc


def _talk_answer(doc: dict[str, Any]) -> object:
    if not isinstance(doc.get("request_id"), str):
        raise ValueError("an answer names the request it answers")
    return doc


READERS: Mapping[str, Callable[[dict[str, Any]], object]] = {
    "household": _household,
    "members": Member.from_json,
    "safety_alerts": SafetyAlert.from_json,
    "safety_alerts_seen": AlertSeen.from_json,
    "checkins": CheckIn.from_json,
    "checkin_notes": ResponseNote.from_json,
    "carer_checkins": CarerCheckIn.from_json,
    "chores": Chore.from_json,
    "chore_ticks": TickEvent.from_json,
    "circles": Circle.from_json,
    "circle_turns": Turn.from_json,
    "diary_entries": DiaryEntry.from_json,
    "rituals": Ritual.from_json,
    "ritual_done": RitualDone.from_json,
    "safety_plans": SafetyPlan.from_json,
    "child_safety_plans": ChildSafetyPlan.from_json,
    "safety_action_ticks": ActionTick.from_json,
    "safety_ratings": SafetyRating.from_json,
    "agreement_versions": AgreementVersion.from_json,
    "rule_talks": TalkRequest.from_json,
    "rule_talk_answers": _talk_answer,
    "strengths": StrengthNote.from_json,
    "visits": Visit.from_json,
    "reviews": Review.from_json,
    "family_goals": FamilyGoal.from_json,
    "hard_moments": HardMoment.from_json,
    "programme_sessions": ProgrammeSession.from_json,
    "network_people": NetworkPerson.from_json,
    "conferences": Conference.from_json,
    "conference_ticks": PlanTick.from_json,
    "learning_marks": TopicMark.from_json,
    "house_items": HouseItem.from_json,
    "meeting_words": MeetingWords.from_json,
}


def readable(collection: str, body: dict[str, Any]) -> bool:
    """True if this kind of record's reader can read ``body`` and every field it read is what
    its type says (or the kind has no reader). A body with a NUL character in any text is
    never readable: the hub refuses one (``app.hub.intake``), so it came from a hub before."""
    if holds_nul(body):
        return False
    reader = READERS.get(collection)
    if reader is None:
        return True
    try:
        checked(reader(body))
    except (KeyError, ValueError, TypeError, AttributeError, IndexError):
        return False
    return True
