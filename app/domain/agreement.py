"""The household agreement: rules, routines and chores the family agrees, signed by everyone.

An agreement is a list of numbered versions. The newest may be a *draft*, which parents
and the worker change; once every parent and child has signed it, the version is
*signed* and frozen for good. Any later change starts a new draft copied from it, so each
signed version stays readable exactly as it was agreed, with who signed and when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.punishment import physical_punishment_words

MAX_RULE_TEXT = 120
MAX_RULE_DETAIL = 300
MAX_ROUTINE = 120
MAX_ROUTINES = 30
MAX_RULES = 30

#: Pictures a rule may be shown with (bundled in ``assets/pictures``).
RULE_PICTURES: tuple[str, ...] = (
    "talk", "heart", "hug", "handshake", "quiet", "home", "door", "bed", "clock",
    "tablet", "tv", "plate", "toys", "toothbrush", "school_bag", "shield", "calm", "sparkles",
)
DEFAULT_RULE_PICTURE = "heart"


class AgreementFrozen(Exception):
    """A signed version was asked to change; a new draft must be started instead."""


class Status(StrEnum):
    """Where a version of the agreement is."""

    DRAFT = "draft"
    SIGNED = "signed"


class RuleField(StrEnum):
    """The parts of a rule, in the order the form asks for them."""

    TEXT = "text"
    CHILD_WORDS = "child_words"
    WHY = "why"
    KEPT = "kept"
    BROKEN = "broken"
    REPAIR = "repair"


#: Fields that say what children do; in them "hitting" names a behaviour, not a punishment.
BEHAVIOUR_FIELDS = frozenset({RuleField.TEXT, RuleField.CHILD_WORDS, RuleField.WHY})

_NEGATIVE_START = re.compile(r"^\s*(?:no|don'?t|do not|never|stop|not)\b", re.IGNORECASE)


def sounds_negative(rule_text: str) -> bool:
    """True when a rule starts as a ban ("No running"), so the form can suggest positive words."""
    return bool(_NEGATIVE_START.match(rule_text.replace("\u2019", "'")))


def punishment_in(fields: dict[RuleField, str]) -> dict[RuleField, tuple[str, ...]]:
    """The physical-punishment words found in each field of a rule (only fields with some)."""
    found: dict[RuleField, tuple[str, ...]] = {}
    for name, text in fields.items():
        words = physical_punishment_words(text, names_behaviour=name in BEHAVIOUR_FIELDS)
        if words:
            found[name] = words
    return found


@dataclass(frozen=True)
class Rule:
    """One house rule, in positive words, with what happens when it is kept or broken."""

    id: str
    text: str
    created_by: str
    created_at: str
    why: str = ""
    kept: str = ""
    broken: str = ""
    repair: str = ""
    child_words: str = ""
    picture: str = DEFAULT_RULE_PICTURE
    updated_by: str | None = None
    updated_at: str | None = None

    @property
    def for_children(self) -> str:
        """The words a child reads: their own version when there is one."""
        return self.child_words or self.text

    def to_json(self) -> dict[str, Any]:
        """The rule as stored inside its agreement version."""
        return {
            "id": self.id, "text": self.text, "why": self.why, "kept": self.kept,
            "broken": self.broken, "repair": self.repair, "child_words": self.child_words,
            "picture": self.picture, "created_by": self.created_by,
            "created_at": self.created_at, "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Rule:
        """Rebuild a rule from its stored form."""
        return cls(
            id=data["id"], text=data["text"], why=data.get("why", ""),
            kept=data.get("kept", ""), broken=data.get("broken", ""),
            repair=data.get("repair", ""), child_words=data.get("child_words", ""),
            picture=data.get("picture", DEFAULT_RULE_PICTURE),
            created_by=data["created_by"], created_at=data["created_at"],
            updated_by=data.get("updated_by"), updated_at=data.get("updated_at"),
        )


@dataclass(frozen=True)
class Signature:
    """One person's signature on one version: who, as what, and when."""

    member_id: str
    name: str
    role: str
    signed_at: str

    def to_json(self) -> dict[str, Any]:
        """The signature as stored."""
        return {"member_id": self.member_id, "name": self.name, "role": self.role,
                "signed_at": self.signed_at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signature:
        """Rebuild a signature."""
        return cls(data["member_id"], data["name"], data["role"], data["signed_at"])


@dataclass(frozen=True)
class AgreedChore:
    """A chore as it was when a version was signed (the chores themselves live elsewhere)."""

    id: str
    name: str
    picture: str

    def to_json(self) -> dict[str, Any]:
        """The chore as stored in a signed version."""
        return {"id": self.id, "name": self.name, "picture": self.picture}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AgreedChore:
        """Rebuild a chore entry."""
        return cls(data["id"], data["name"], data.get("picture", "broom"))


@dataclass(frozen=True)
class AgreementVersion:
    """One numbered version of the household agreement."""

    id: str
    number: int
    created_by: str
    created_at: str
    status: Status = Status.DRAFT
    rules: tuple[Rule, ...] = ()
    routines: tuple[str, ...] = ()
    review_date: str | None = None  # ISO date
    signatures: tuple[Signature, ...] = ()
    chores: tuple[AgreedChore, ...] = ()  # filled in when the version is signed
    signed_at: str | None = None
    updated_by: str | None = None
    updated_at: str | None = None
    revision: int = 1
    copied_from: int | None = None

    @property
    def frozen(self) -> bool:
        """A signed version never changes."""
        return self.status is Status.SIGNED

    @property
    def is_empty(self) -> bool:
        """Nothing to agree yet: no rules and no routines."""
        return not self.rules and not self.routines

    def rule(self, rule_id: str) -> Rule:
        """One rule of this version by id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def signed_by(self, member_id: str) -> Signature | None:
        """This person's signature, if they have signed."""
        return next((s for s in self.signatures if s.member_id == member_id), None)

    def missing(self, required: list[str]) -> list[str]:
        """Who of ``required`` (member ids) has not signed yet."""
        return [m for m in required if self.signed_by(m) is None]

    def changed(self, by: str, at: str, **fields: Any) -> AgreementVersion:
        """A copy with ``fields`` changed. Signatures on a draft are cleared: they were
        given to the words before the change.

        Raises:
            AgreementFrozen: the version is signed.
        """
        if self.frozen:
            raise AgreementFrozen(self.number)
        return replace(self, updated_by=by, updated_at=at, revision=self.revision + 1,
                       signatures=(), **fields)

    def with_rule(self, rule: Rule, by: str, at: str) -> AgreementVersion:
        """Add ``rule``, or replace the rule with the same id."""
        if any(r.id == rule.id for r in self.rules):
            rules = tuple(rule if r.id == rule.id else r for r in self.rules)
        else:
            rules = (*self.rules, rule)
        return self.changed(by, at, rules=rules)

    def without_rule(self, rule_id: str, by: str, at: str) -> AgreementVersion:
        """Take a rule out."""
        self.rule(rule_id)
        return self.changed(by, at, rules=tuple(r for r in self.rules if r.id != rule_id))

    def signed(self, signature: Signature, required: list[str],
               chores: tuple[AgreedChore, ...] = ()) -> AgreementVersion:
        """Add a signature; when everyone in ``required`` has signed, freeze the version.

        A signed version may still gain a signature from someone optional (the worker):
        that changes no words.
        """
        if self.signed_by(signature.member_id) is not None:
            return self
        version = replace(self, signatures=(*self.signatures, signature),
                          revision=self.revision + 1)
        if not version.frozen and not version.missing(required):
            version = replace(version, status=Status.SIGNED, signed_at=signature.signed_at,
                              chores=chores)
        return version

    def next_draft(self, new_id: str, by: str, at: str) -> AgreementVersion:
        """A new draft version copied from this one, ready to be changed."""
        return AgreementVersion(
            id=new_id, number=self.number + 1, created_by=by, created_at=at,
            rules=self.rules, routines=self.routines, review_date=self.review_date,
            copied_from=self.number,
        )

    def review_due(self, today: date) -> bool:
        """True for a signed version whose review date has come."""
        return (self.frozen and self.review_date is not None
                and date.fromisoformat(self.review_date) <= today)

    def to_json(self) -> dict[str, Any]:
        """The version as stored."""
        return {
            "id": self.id, "number": self.number, "status": self.status.value,
            "rules": [r.to_json() for r in self.rules], "routines": list(self.routines),
            "review_date": self.review_date,
            "signatures": [s.to_json() for s in self.signatures],
            "chores": [c.to_json() for c in self.chores], "signed_at": self.signed_at,
            "created_by": self.created_by, "created_at": self.created_at,
            "updated_by": self.updated_by, "updated_at": self.updated_at,
            "revision": self.revision, "copied_from": self.copied_from,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AgreementVersion:
        """Rebuild a version from its stored form."""
        return cls(
            id=data["id"], number=int(data["number"]), status=Status(data["status"]),
            rules=tuple(Rule.from_json(r) for r in data.get("rules", [])),
            routines=tuple(data.get("routines", [])), review_date=data.get("review_date"),
            signatures=tuple(Signature.from_json(s) for s in data.get("signatures", [])),
            chores=tuple(AgreedChore.from_json(c) for c in data.get("chores", [])),
            signed_at=data.get("signed_at"), created_by=data["created_by"],
            created_at=data["created_at"], updated_by=data.get("updated_by"),
            updated_at=data.get("updated_at"), revision=int(data.get("revision", 1)),
            copied_from=data.get("copied_from"),
        )


def review_reminder(versions: list[AgreementVersion], today: date) -> AgreementVersion | None:
    """The signed version whose review is due, if the family should be reminded today.

    Only the newest signed version counts: an older one was replaced when a newer one
    was signed.
    """
    signed = [v for v in versions if v.frozen]
    if not signed:
        return None
    newest = max(signed, key=lambda v: v.number)
    return newest if newest.review_due(today) else None


_UK_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")


def parse_uk_date(text: str) -> date | None:
    """Read a day/month/year date as people in the UK write it ("3/2/2027"); None if not one."""
    match = _UK_DATE.match(text)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def months_later(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when that day does not exist)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)  # pragma: no cover - day 28 always exists


@dataclass(frozen=True)
class TalkRequest:
    """A child asked to talk about a rule ("I'd like to talk about this rule")."""

    id: str
    rule_id: str
    rule_text: str
    created_by: str
    created_at: str
    version: int
    answered: bool = field(default=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The event as stored (``answered`` is worked out from later events)."""
        return {"id": self.id, "rule_id": self.rule_id, "rule_text": self.rule_text,
                "created_by": self.created_by, "created_at": self.created_at,
                "version": self.version}

    @classmethod
    def from_json(cls, data: dict[str, Any], *, answered: bool = False) -> TalkRequest:
        """Rebuild the event."""
        return cls(data["id"], data["rule_id"], data["rule_text"], data["created_by"],
                   data["created_at"], int(data["version"]), answered)
