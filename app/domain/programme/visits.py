"""A support worker's home visit, done with the family on the family's own device.

A visit is started, worked through as a short agenda the worker may reorder, and ended;
ending saves one ``Visit`` record (it syncs to the agency and appears on the hub). While it
runs, the draft is kept on the device only, so a flat battery loses nothing. What a child tells
the worker during the visit in their own words or pictures is sealed for the agency like any
message "just for my worker" (not kept in the visit record), and the worker's own notes are
sealed for the agency when the visit ends, because a parent may read the visit record at home.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role
from app.domain.records import iso_day, stored_day

MAX_NOTE = 2000
MAX_ACTION = 300
MAX_WHO = 40


class AgendaItem(StrEnum):
    """The parts of a visit, in the order they are usually taken."""

    SINCE_LAST_VISIT = "since_last_visit"
    SAFETY = "safety"
    AGREEMENT = "agreement"
    CHILDREN = "children"
    CARER = "carer"
    STRENGTHS = "strengths"
    ACTIONS = "actions"
    NEXT_VISIT = "next_visit"


DEFAULT_AGENDA: tuple[AgendaItem, ...] = tuple(AgendaItem)


class VisitProblem(StrEnum):
    """Why a change to a visit is refused; each has words in the catalogue."""

    NOT_WORKER = "not_worker"
    ENDED = "ended"
    NOBODY_PRESENT = "nobody_present"
    NOT_A_CHILD = "not_a_child"
    NOTE_LONG = "note_long"
    ACTION_MISSING = "action_missing"
    ACTION_LONG = "action_long"
    DATE = "date"
    NOT_FOUND = "not_found"
    NOTES_UNSEALED = "notes_unsealed"


class VisitRefused(ValueError):
    """A change a visit cannot take; ``problem`` says why."""

    def __init__(self, problem: VisitProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class VisitAction:
    """Something agreed at the visit: what, who does it, and by when ("YYYY-MM-DD" or None)."""

    id: str
    what: str
    who: str = ""
    due: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The action as stored."""
        return {"id": self.id, "what": self.what, "who": self.who, "due": self.due}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VisitAction:
        """Rebuild an action from its stored form."""
        return cls(data["id"], data["what"], data.get("who", ""), stored_day(data.get("due")))


@dataclass(frozen=True)
class Visit:
    """One home visit: who was there, which children were seen alone, notes, actions, next."""

    id: str
    worker_id: str
    started_at: str
    present: tuple[str, ...]
    seen_alone: tuple[str, ...] = ()
    agenda: tuple[AgendaItem, ...] = DEFAULT_AGENDA
    notes: dict[str, str] = field(default_factory=dict)  # agenda item -> the worker's note
    #: Once ended, the notes are sealed for the agency (base64): nobody at home can read them.
    sealed_notes: str | None = None
    actions: tuple[VisitAction, ...] = ()
    next_visit: str | None = None  # a day, "YYYY-MM-DD"
    since: str | None = None  # when the visit before ended: "since last visit" starts here
    ended_at: str | None = None
    #: People from the family's network who were there too (grandma, a teacher): their ids.
    network_present: tuple[str, ...] = ()

    @property
    def shard(self) -> str:
        """The month the visit is kept under."""
        return self.started_at[:7]

    @property
    def ended(self) -> bool:
        """True once the worker has ended the visit (it is then never changed)."""
        return self.ended_at is not None

    def _open(self) -> None:
        if self.ended:
            raise VisitRefused(VisitProblem.ENDED)

    def with_agenda(self, agenda: tuple[AgendaItem, ...]) -> Visit:
        """The same items in the worker's order (every item, once)."""
        self._open()
        if sorted(agenda) != sorted(DEFAULT_AGENDA):
            raise VisitRefused(VisitProblem.NOT_FOUND)
        return replace(self, agenda=agenda)

    def with_seen_alone(self, child: Member, alone: bool = True) -> Visit:
        """Record whether a child was seen on their own."""
        self._open()
        if child.role is not Role.CHILD:
            raise VisitRefused(VisitProblem.NOT_A_CHILD)
        others = tuple(c for c in self.seen_alone if c != child.id)
        return replace(self, seen_alone=(*others, child.id) if alone else others)

    def with_note(self, item: AgendaItem, text: str) -> Visit:
        """The worker's note for one part of the agenda (empty removes it)."""
        self._open()
        words = " ".join(text.split()) if "\n" not in text else text.strip()
        if len(words) > MAX_NOTE:
            raise VisitRefused(VisitProblem.NOTE_LONG)
        notes = {k: v for k, v in self.notes.items() if k != item.value}
        if words:
            notes[item.value] = words
        return replace(self, notes=notes)

    def with_action(self, action_id: str, what: str, who: str, due: str | None) -> Visit:
        """Add something agreed: what, who, by when."""
        self._open()
        words = " ".join(what.split())
        if not words:
            raise VisitRefused(VisitProblem.ACTION_MISSING)
        if len(words) > MAX_ACTION or len(who) > MAX_WHO:
            raise VisitRefused(VisitProblem.ACTION_LONG)
        return replace(self, actions=(*self.actions, VisitAction(
            action_id, words, " ".join(who.split()), _checked_day(due))))

    def without_action(self, action_id: str) -> Visit:
        """Take back an action added by mistake during the visit."""
        self._open()
        if not any(a.id == action_id for a in self.actions):
            raise VisitRefused(VisitProblem.NOT_FOUND)
        return replace(self, actions=tuple(a for a in self.actions if a.id != action_id))

    def with_next_visit(self, day: str | None) -> Visit:
        """When the worker will come next (a day in any ISO form, kept as "YYYY-MM-DD"), or
        None."""
        self._open()
        return replace(self, next_visit=_checked_day(day))

    def finished(self, at: str, sealed_notes: str | None = None) -> Visit:
        """End the visit: from now on it is a record that never changes.

        The worker's notes leave the record: only their sealed form (``sealed_notes``, made
        with the agency's key) is kept, since a note may say what a child told the worker.
        """
        self._open()
        if self.notes and not sealed_notes:
            raise VisitRefused(VisitProblem.NOTES_UNSEALED)
        return replace(self, ended_at=at, notes={}, sealed_notes=sealed_notes)

    def to_json(self) -> dict[str, Any]:
        """The visit as stored (and synced to the agency)."""
        return {
            "id": self.id, "worker_id": self.worker_id, "started_at": self.started_at,
            "present": list(self.present), "seen_alone": list(self.seen_alone),
            **({"network_present": list(self.network_present)} if self.network_present else {}),
            "agenda": [item.value for item in self.agenda], "notes": dict(self.notes),
            "actions": [a.to_json() for a in self.actions], "next_visit": self.next_visit,
            "since": self.since, "ended_at": self.ended_at,
            **({"sealed_notes": self.sealed_notes} if self.sealed_notes else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Visit:
        """Rebuild a visit from its stored form."""
        return cls(
            id=data["id"], worker_id=data["worker_id"], started_at=data["started_at"],
            present=tuple(data.get("present", [])),
            network_present=tuple(str(i) for i in data.get("network_present") or ()),
            seen_alone=tuple(data.get("seen_alone", [])),
            agenda=tuple(AgendaItem(a) for a in data.get("agenda") or DEFAULT_AGENDA),
            notes={str(k): str(v) for k, v in (data.get("notes") or {}).items()},
            actions=tuple(VisitAction.from_json(a) for a in data.get("actions", [])),
            next_visit=stored_day(data.get("next_visit")), since=data.get("since"),
            ended_at=data.get("ended_at"),
            sealed_notes=str(data["sealed_notes"]) if data.get("sealed_notes") else None,
        )


def _checked_day(day: str | None) -> str | None:
    if day is None:
        return None
    try:
        return iso_day(day)
    except ValueError as exc:
        raise VisitRefused(VisitProblem.DATE) from exc


def start_visit(visit_id: str, by: Member, present: list[Member], at: str,
                since: str | None) -> Visit:
    """A worker starts a visit with the people present (``since``: the last visit's end).

    Raises:
        VisitRefused: ``by`` is not the family's worker, or nobody of the family is present.
    """
    if by.role is not Role.WORKER or not by.active:
        raise VisitRefused(VisitProblem.NOT_WORKER)
    family = tuple(m.id for m in present if m.role is not Role.WORKER and m.active)
    if not family:
        raise VisitRefused(VisitProblem.NOBODY_PRESENT)
    return Visit(visit_id, by.id, at, family, since=since)


def latest_ended(visits: list[Visit]) -> Visit | None:
    """The most recent visit that has ended, if any."""
    ended = [v for v in visits if v.ended_at is not None]
    return max(ended, key=lambda v: str(v.ended_at)) if ended else None
