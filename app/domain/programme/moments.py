"""The hard moments log: a grown-up's record of a difficult time with a child, and its patterns.

Therapeutic parenting asks for connection before correction: a hard moment is written down
as what happened, what the child might have needed (fear, hunger, a change of plan, feeling
far away), the agreed consequence that was used, the repair, and how it ended. It is not a
list of a child's faults: it is kept for the parents and the worker, to see patterns (the
time of day, what set it off) and to link cause and effect calmly. Children never see it.

A hard moment is an account of what happened, not a plan, so it is always kept as written: a
parent who writes honestly that they smacked must never be pushed to leave it out (rules 1
and 3). What the grown-up did (the consequence and the repair) is read with the agreement's
own check (``app.domain.punishment``); a moment that tells of physical punishment says so
(:attr:`HardMoment.punishment_words`), so the parent is answered warmly, with the law, and
the worker sees it marked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role
from app.domain.punishment import physical_punishment_words

MAX_WHAT = 1000
MAX_NEED_WORDS = 500
MAX_CONSEQUENCE = 300
MAX_REPAIR = 500
EARLIEST_DAY = date(2000, 1, 1)  # before this a typed year is a slip, not a memory


class Trigger(StrEnum):
    """What seemed to set the moment off (one, or "something else")."""

    STOPPING = "stopping"  # stopping something they enjoy, moving on to the next thing
    SCREENS = "screens"
    BEDTIME = "bedtime"
    MEALTIME = "mealtime"
    SCHOOL = "school"
    CONTACT = "contact"  # before or after family time or a contact visit
    SIBLINGS = "siblings"
    TOLD_NO = "told_no"
    CHANGE_OF_PLAN = "change_of_plan"
    TIRED_HUNGRY = "tired_hungry"
    OTHER = "other"


class Need(StrEnum):
    """What the child might have needed: prompts that look under the behaviour."""

    CLOSE = "close"  # to feel close to someone, connection
    SAFE = "safe"  # to feel safe; fear often looks like anger
    CALM = "calm"  # help to calm down (a grown-up's calm first)
    KNOW_WHAT_NEXT = "know_what_next"  # to know what happens next
    HEARD = "heard"  # to be listened to
    SOME_CHOICE = "some_choice"  # a little control, a choice
    REST_FOOD = "rest_food"  # rest, food or a drink
    NOT_ASHAMED = "not_ashamed"  # not to feel ashamed


class Ending(StrEnum):
    """How the moment ended."""

    CALM_TOGETHER = "calm_together"
    PUT_RIGHT = "put_right"
    STILL_UPSET = "still_upset"
    NEEDED_HELP = "needed_help"


class TimeOfDay(StrEnum):
    """The parts of a day patterns are counted by, in the day's order."""

    MORNING = "morning"  # 05:00–11:59
    AFTERNOON = "afternoon"  # 12:00–16:59
    EVENING = "evening"  # 17:00–20:59
    NIGHT = "night"  # 21:00–04:59


_NEEDS = frozenset(n.value for n in Need)
_TRIGGERS = frozenset(k.value for k in Trigger)
_ENDINGS = frozenset(e.value for e in Ending)


class MomentProblem(StrEnum):
    """Why a hard moment cannot be saved; each has words in the catalogue."""

    WHAT_MISSING = "what_missing"
    WHAT_LONG = "what_long"
    NO_CHILD = "no_child"
    WHEN = "when"
    FUTURE = "future"  # a day after today on the phone's clock
    TOO_OLD = "too_old"  # before EARLIEST_DAY
    NEED_LONG = "need_long"
    CONSEQUENCE_LONG = "consequence_long"
    REPAIR_LONG = "repair_long"


class MomentRefused(ValueError):
    """A hard moment that breaks a rule; ``problem`` says which."""

    def __init__(self, problem: MomentProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def time_of_day(when: datetime) -> TimeOfDay:
    """The part of the day a moment happened in (the family's own clock)."""
    hour = when.hour
    if 5 <= hour < 12:
        return TimeOfDay.MORNING
    if 12 <= hour < 17:
        return TimeOfDay.AFTERNOON
    if 17 <= hour < 21:
        return TimeOfDay.EVENING
    return TimeOfDay.NIGHT


@dataclass(frozen=True)
class MomentDraft:
    """What a grown-up writes: everything but who wrote it and when it was saved."""

    children: tuple[str, ...]
    happened_at: str  # local ISO date and time, minutes ("2026-11-30T17:40")
    what_happened: str
    trigger: Trigger | None = None
    needs: tuple[Need, ...] = ()
    need_words: str = ""
    consequence: str = ""
    consequence_rule_id: str | None = None  # the agreement's rule whose consequence was used
    repair: str = ""
    ending: Ending | None = None


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _tidy_lines(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines()).strip()


def check_draft(draft: MomentDraft) -> MomentDraft:
    """The draft as saved (spaces tidied, repeats dropped).

    Raises:
        MomentRefused: something is missing or too long.
    """
    what = _tidy_lines(draft.what_happened)
    if not what:
        raise MomentRefused(MomentProblem.WHAT_MISSING)
    if not draft.children:
        raise MomentRefused(MomentProblem.NO_CHILD)
    try:
        when = datetime.fromisoformat(draft.happened_at)
    except ValueError as exc:
        raise MomentRefused(MomentProblem.WHEN) from exc
    for text, limit, problem in (
        (what, MAX_WHAT, MomentProblem.WHAT_LONG),
        (draft.need_words, MAX_NEED_WORDS, MomentProblem.NEED_LONG),
        (draft.consequence, MAX_CONSEQUENCE, MomentProblem.CONSEQUENCE_LONG),
        (draft.repair, MAX_REPAIR, MomentProblem.REPAIR_LONG),
    ):
        if len(text.strip()) > limit:
            raise MomentRefused(problem)
    return replace(
        draft, what_happened=what, children=tuple(dict.fromkeys(draft.children)),
        happened_at=when.replace(second=0, microsecond=0, tzinfo=None).isoformat(
            timespec="minutes"),
        needs=tuple(dict.fromkeys(draft.needs)), need_words=_tidy_lines(draft.need_words),
        consequence=_tidy(draft.consequence), repair=_tidy_lines(draft.repair))


def check_day(happened_at: str, today: date) -> None:
    """Refuse a day that cannot be when a moment happened: after today, or before 2000.

    Raises:
        MomentRefused: the day is still to come, or long before the family's time.
    """
    try:
        day = datetime.fromisoformat(happened_at).date()
    except ValueError as exc:
        raise MomentRefused(MomentProblem.WHEN) from exc
    if day > today:
        raise MomentRefused(MomentProblem.FUTURE)
    if day < EARLIEST_DAY:
        raise MomentRefused(MomentProblem.TOO_OLD)


def punishment_in_moment(draft: MomentDraft) -> tuple[str, ...]:
    """Physical-punishment words in what the grown-up did: the consequence and the repair.

    "What happened" names what the child did ("he hit his sister") and is not checked; the
    repair may say "sorry for the hitting", so there only words that always mean punishing
    count, as in an agreement's "why".
    """
    found = list(physical_punishment_words(draft.consequence))
    for word in physical_punishment_words(draft.repair, names_behaviour=True):
        if word not in found:
            found.append(word)
    return tuple(found)


@dataclass(frozen=True)
class HardMoment:
    """A hard moment as stored: a shared document (the repair is often added later)."""

    id: str
    draft: MomentDraft
    created_by: str
    created_at: str
    revision: int = 1
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def when(self) -> datetime:
        """When it happened."""
        return datetime.fromisoformat(self.draft.happened_at)

    @property
    def punishment_words(self) -> tuple[str, ...]:
        """The words that tell of physical punishment by a grown-up (none: empty)."""
        return punishment_in_moment(self.draft)

    @property
    def month(self) -> str:
        """The month it happened in ("2026-11"): where it is kept."""
        return self.draft.happened_at[:7]

    def changed(self, by: str, at: str, draft: MomentDraft) -> HardMoment:
        """A copy with the new words, the next revision, and who changed it."""
        return replace(self, draft=draft, revision=self.revision + 1, updated_by=by,
                       updated_at=at)

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        d = self.draft
        return {
            "id": self.id, "children": list(d.children), "happened_at": d.happened_at,
            "what_happened": d.what_happened, "trigger": d.trigger.value if d.trigger else None,
            "needs": [n.value for n in d.needs], "need_words": d.need_words,
            "consequence": d.consequence, "consequence_rule_id": d.consequence_rule_id,
            "repair": d.repair, "ending": d.ending.value if d.ending else None,
            "created_by": self.created_by, "created_at": self.created_at,
            "revision": self.revision, "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HardMoment:
        """Rebuild a moment from its stored record (unknown prompts from a newer device are
        left out rather than refusing the whole record)."""
        needs = tuple(Need(n) for n in data.get("needs") or [] if n in _NEEDS)
        trigger = str(data.get("trigger"))
        ending = str(data.get("ending"))
        draft = MomentDraft(
            children=tuple(str(c) for c in data["children"]),
            happened_at=str(data["happened_at"]), what_happened=str(data["what_happened"]),
            trigger=Trigger(trigger) if trigger in _TRIGGERS else None,
            needs=needs, need_words=str(data.get("need_words") or ""),
            consequence=str(data.get("consequence") or ""),
            consequence_rule_id=data.get("consequence_rule_id"),
            repair=str(data.get("repair") or ""),
            ending=Ending(ending) if ending in _ENDINGS else None)
        datetime.fromisoformat(draft.happened_at)  # a record that cannot be placed is unreadable
        return cls(id=str(data["id"]), draft=draft, created_by=str(data["created_by"]),
                   created_at=str(data["created_at"]), revision=int(data.get("revision", 1)),
                   updated_by=data.get("updated_by"), updated_at=data.get("updated_at"))


@dataclass(frozen=True)
class MomentPatterns:
    """What the log shows over time: when hard moments come, and what sets them off."""

    total: int
    by_time: tuple[tuple[TimeOfDay, int], ...]  # every part of the day, in the day's order
    by_trigger: tuple[tuple[Trigger, int], ...]  # only triggers seen, most often first
    by_need: tuple[tuple[Need, int], ...]  # only needs chosen, most often first
    ended_calm: int  # calmed down together or put right
    repaired: int  # a repair was written down

    @property
    def busiest_time(self) -> TimeOfDay | None:
        """The part of the day with the most moments, when one stands out."""
        counts = sorted((n for _, n in self.by_time), reverse=True)
        if not counts or counts[0] == 0 or (len(counts) > 1 and counts[0] == counts[1]):
            return None
        return max(self.by_time, key=lambda pair: pair[1])[0]


def _ranked(counts: Counter[Any], order: Iterable[Any]) -> tuple[tuple[Any, int], ...]:
    """Counts most often first; ties in the enum's own order."""
    position = {item: i for i, item in enumerate(order)}
    return tuple(sorted(((k, n) for k, n in counts.items() if n),
                        key=lambda pair: (-pair[1], position[pair[0]])))


def patterns(moments: Iterable[HardMoment], child_id: str | None = None) -> MomentPatterns:
    """Count moments by time of day, trigger and need (for one child, or everyone)."""
    chosen = [m for m in moments if child_id is None or child_id in m.draft.children]
    times = Counter(time_of_day(m.when) for m in chosen)
    triggers = Counter(m.draft.trigger for m in chosen if m.draft.trigger is not None)
    needs = Counter(n for m in chosen for n in m.draft.needs)
    return MomentPatterns(
        total=len(chosen),
        by_time=tuple((part, times.get(part, 0)) for part in TimeOfDay),
        by_trigger=_ranked(triggers, Trigger), by_need=_ranked(needs, Need),
        ended_calm=sum(1 for m in chosen
                       if m.draft.ending in (Ending.CALM_TOGETHER, Ending.PUT_RIGHT)),
        repaired=sum(1 for m in chosen if m.draft.repair),
    )


def may_read_moments(member: Member) -> bool:
    """Parents and the worker read the log; a child never does, not even a count."""
    return member.active and member.role in (Role.PARENT, Role.WORKER)


def may_write_moments(member: Member) -> bool:
    """Parents write the log; the worker may too (a moment during a visit)."""
    return may_read_moments(member)
