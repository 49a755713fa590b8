"""A family group conference: the extended family meets with staff and writes its own plan.

The coordinator (the family's worker) prepares it: who is invited from the network, the
worries and the agency's bottom lines the plan must address (from the safety plan), and the
information they will give. On the day there is the information stage, then **private family
time**: the professionals leave, and the device shows only the family's plan being written,
nothing of the worker's notes or views (:meth:`Conference.as_shown`). The family shares the
plan; the worker records whether the agency agrees and why, and the date it is reviewed.

A conference is a shared document: every change raises its revision.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role
from app.domain.programme.family_plan import (
    FamilyPlan,
    PlanProblem,
    PlanRefused,
    no_physical_punishment,
)
from app.domain.records import iso_day, stored_day

MAX_TEXT = 2000
MAX_TOPIC = 300
#: Fixed for ever: every device must derive the same conference ids from it.
_CONFERENCE_IDS = uuid.UUID("6f1c2b8e-3d4a-5e6f-9a0b-1c2d3e4f5a6b")
_FIRST = "first"


class Stage(StrEnum):
    """Where a conference is, in the order it goes."""

    PREPARING = "preparing"
    INFORMATION = "information"
    PRIVATE_TIME = "private_time"
    SHARED = "shared"  # the family has shared its plan with the coordinator
    DECIDED = "decided"  # the agency has said whether it agrees


class ConferenceProblem(StrEnum):
    """Why a change to a conference is refused; each has words in the catalogue."""

    NOT_WORKER = "not_worker"
    NOT_FAMILY = "not_family"
    WRONG_STAGE = "wrong_stage"
    TOO_LONG = "too_long"
    NOTHING_TO_ADDRESS = "nothing_to_address"
    REASON_MISSING = "reason_missing"
    REVIEW_DATE = "review_date"


class ConferenceRefused(ValueError):
    """A change a conference cannot take; ``problem`` says why."""

    def __init__(self, problem: ConferenceProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Topic:
    """A worry or a bottom line the plan must address, copied from the safety plan."""

    id: str
    text: str

    def to_json(self) -> dict[str, Any]:
        """The topic as stored."""
        return {"id": self.id, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Topic:
        """Rebuild a topic from its stored form."""
        return cls(str(data["id"]), str(data["text"]))


@dataclass(frozen=True)
class Conference:
    """One family group conference, from preparing it to the agency's decision."""

    id: str
    coordinator_id: str
    created_at: str
    stage: Stage = Stage.PREPARING
    invited: tuple[str, ...] = ()  # network people's ids
    worries: tuple[Topic, ...] = ()
    bottom_lines: tuple[Topic, ...] = ()
    information: str = ""  # the coordinator's information-giving notes
    plan: FamilyPlan = field(default_factory=FamilyPlan)
    agreed: bool | None = None
    decision_why: str = ""
    decided_by: str | None = None
    decided_at: str | None = None
    review_on: str | None = None  # a day, "YYYY-MM-DD"
    revision: int = 1
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def private_time(self) -> bool:
        """True while the family is on its own, writing its plan."""
        return self.stage is Stage.PRIVATE_TIME

    @property
    def plan_shared(self) -> bool:
        """True once the family has shared its plan: before then it is theirs alone, and
        nobody away from the family (the agency included) sees what it says."""
        return self.stage in (Stage.SHARED, Stage.DECIDED)

    def as_shown(self) -> Conference:
        """The conference as any screen may show it now.

        In private family time the worker's notes and views are not on the device's screens
        at all: only the family's plan, and the worries and bottom lines it answers.
        """
        if not self.private_time:
            return self
        return replace(self, information="", decision_why="")

    def _revised(self, by: Member, at: str, **changes: Any) -> Conference:
        return replace(self, revision=self.revision + 1, updated_by=by.id, updated_at=at,
                       **changes)

    def _at(self, *stages: Stage) -> None:
        if self.stage not in stages:
            raise ConferenceRefused(ConferenceProblem.WRONG_STAGE)

    def prepared(self, by: Member, at: str, *, invited: tuple[str, ...],
                 worries: tuple[Topic, ...], bottom_lines: tuple[Topic, ...],
                 information: str) -> Conference:
        """The coordinator's preparation: who is invited, what to address, what to tell."""
        _require_worker(by)
        self._at(Stage.PREPARING)
        if not worries and not bottom_lines:
            raise ConferenceRefused(ConferenceProblem.NOTHING_TO_ADDRESS)
        notes = information.strip()
        if len(notes) > MAX_TEXT or any(len(t.text) > MAX_TOPIC for t in (*worries,
                                                                            *bottom_lines)):
            raise ConferenceRefused(ConferenceProblem.TOO_LONG)
        return self._revised(by, at, invited=tuple(dict.fromkeys(invited)), worries=worries,
                             bottom_lines=bottom_lines, information=notes)

    def started(self, by: Member, at: str) -> Conference:
        """The day has come: the information stage begins."""
        _require_worker(by)
        self._at(Stage.PREPARING)
        if not self.worries and not self.bottom_lines:
            raise ConferenceRefused(ConferenceProblem.NOTHING_TO_ADDRESS)
        return self._revised(by, at, stage=Stage.INFORMATION)

    def with_private_time(self, by: Member, at: str) -> Conference:
        """The professionals leave the room: private family time (again, if the agency
        did not agree the plan)."""
        _require_worker(by)
        if self.stage is Stage.DECIDED and self.agreed is False:
            return self._revised(by, at, stage=Stage.PRIVATE_TIME)
        self._at(Stage.INFORMATION)
        return self._revised(by, at, stage=Stage.PRIVATE_TIME)

    def with_plan(self, by: Member, at: str, change: Callable[[FamilyPlan], FamilyPlan],
                  names: Iterable[str] = ()) -> Conference:
        """A change to the family's plan, made in private family time by the family.

        ``names``: the family's and the network's names, for the physical-punishment check.

        Raises:
            PlanRefused: not in private family time, the change breaks a rule, or the plan
                would meet a bottom line (or anything else) with physical punishment.
        """
        _require_family(by)
        if not self.private_time:
            raise PlanRefused(PlanProblem.NOT_PRIVATE_TIME)
        return self._revised(by, at, plan=no_physical_punishment(change(self.plan), names))

    def shared(self, by: Member, at: str) -> Conference:
        """The family has finished: the plan is shared with the coordinator.

        Raises:
            PlanRefused: the plan has no actions, or a bottom line is not met yet.
        """
        _require_family(by)
        self._at(Stage.PRIVATE_TIME)
        problem = self.plan.problem_to_share(t.id for t in self.bottom_lines)
        if problem is not None:
            raise PlanRefused(problem)
        # a plan shared again is a new plan: the agency's answer to the last one no longer
        # stands for it
        return self._revised(by, at, stage=Stage.SHARED, agreed=None, decision_why="",
                             decided_by=None, decided_at=None, review_on=None)

    def decided(self, by: Member, at: str, *, agreed: bool, why: str,
                review_on: str | None) -> Conference:
        """The agency's answer: whether it agrees the plan, why, and when it is reviewed."""
        _require_worker(by)
        self._at(Stage.SHARED)
        words = " ".join(why.split())
        if not words:
            raise ConferenceRefused(ConferenceProblem.REASON_MISSING)
        if len(words) > MAX_TEXT:
            raise ConferenceRefused(ConferenceProblem.TOO_LONG)
        if agreed or review_on is not None:
            try:
                review_on = iso_day(review_on or "")
            except ValueError as exc:
                raise ConferenceRefused(ConferenceProblem.REVIEW_DATE) from exc
        return self._revised(by, at, stage=Stage.DECIDED, agreed=agreed, decision_why=words,
                             decided_by=by.id, decided_at=at, review_on=review_on)

    def to_json(self) -> dict[str, Any]:
        """The conference as stored (and synced to the agency)."""
        return {
            "id": self.id, "coordinator_id": self.coordinator_id,
            "created_at": self.created_at, "stage": self.stage.value,
            "invited": list(self.invited), "worries": [t.to_json() for t in self.worries],
            "bottom_lines": [t.to_json() for t in self.bottom_lines],
            "information": self.information, "plan": self.plan.to_json(),
            "agreed": self.agreed, "decision_why": self.decision_why,
            "decided_by": self.decided_by, "decided_at": self.decided_at,
            "review_on": self.review_on, "revision": self.revision,
            "updated_by": self.updated_by, "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conference:
        """Rebuild a conference from its stored form."""
        agreed = data.get("agreed")
        return cls(
            id=str(data["id"]), coordinator_id=str(data["coordinator_id"]),
            created_at=str(data["created_at"]), stage=Stage(data.get("stage", "preparing")),
            invited=tuple(str(i) for i in data.get("invited", [])),
            worries=tuple(Topic.from_json(t) for t in data.get("worries", [])),
            bottom_lines=tuple(Topic.from_json(t) for t in data.get("bottom_lines", [])),
            information=str(data.get("information") or ""),
            plan=FamilyPlan.from_json(data.get("plan") or {}),
            agreed=None if agreed is None else bool(agreed),
            decision_why=str(data.get("decision_why") or ""),
            decided_by=data.get("decided_by"), decided_at=data.get("decided_at"),
            review_on=stored_day(data.get("review_on")), revision=int(data.get("revision", 1)),
            updated_by=data.get("updated_by"), updated_at=data.get("updated_at"),
        )


def _require_worker(by: Member) -> None:
    if by.role is not Role.WORKER or not by.active:
        raise ConferenceRefused(ConferenceProblem.NOT_WORKER)


def _require_family(by: Member) -> None:
    # The professionals are out of the room: the family's grown-ups hold the pen.
    if by.role is not Role.PARENT or not by.active:
        raise ConferenceRefused(ConferenceProblem.NOT_FAMILY)


def new_conference(conference_id: str, by: Member, at: str) -> Conference:
    """The coordinator begins preparing a conference.

    Raises:
        ConferenceRefused: ``by`` is not the family's worker.
    """
    _require_worker(by)
    return Conference(conference_id, by.id, at, updated_by=by.id, updated_at=at)


def next_conference_id(latest_id: str | None, held: Collection[str] = ()) -> str:
    """The id of the conference prepared after ``latest_id`` (or of the household's first).

    Two devices that prepare "the next conference" from the same history make the same
    record, so the agency sees it cross and a person settles which is kept; different ids
    would leave one conference quietly hidden behind the other on every screen. An id the
    device already holds is passed over, so a new conference never writes over one kept.
    """
    next_id = str(uuid.uuid5(_CONFERENCE_IDS, latest_id or _FIRST))
    while next_id in held:
        next_id = str(uuid.uuid5(_CONFERENCE_IDS, next_id))
    return next_id
