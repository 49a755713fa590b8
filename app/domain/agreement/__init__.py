"""The household agreement: rules, routines and chores the family agrees, and who signs it.

An agreement is a list of numbered versions. The newest may be a *draft*, which parents and
the worker change; once it takes effect it is *signed* and frozen, and a change starts a new
draft copied from it, so each signed version stays readable exactly as it was agreed.

Who signs (``signers_by_need``): parents must; a child must from the household's signing age
(7 unless a parent sets 4 to 12; also a child of unknown age) and below it is *asked*: invited,
never needed; the worker may. A child may say "Not yet": grown-ups see it, it is no veto, and
the child's later signature answers it. A draft takes effect (``ready``) by itself once all who
must sign have signed and no "Not yet" stands (asked children who have not signed are noted and
may sign later); or when, once every parent has signed, a parent chooses "Agree it for now"
and writes why: the reason and who had not signed stay with the version. So it can always
take effect, but never past a child without a reason written down.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from typing import Any, Self

from app.domain.people import Member, Role
from app.domain.punishment import physical_punishment_words
from app.domain.records import FlatRecord

MAX_RULE_TEXT = 120
MAX_RULE_DETAIL = 300
MAX_ROUTINE = 120
MAX_ROUTINES = 30
MAX_RULES = 30
MAX_REASON = 300
DEFAULT_SIGN_FROM_AGE = 7
SIGN_FROM_AGES = range(4, 13)  # the signing ages a parent may choose

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


def signers_by_need(members: list[Member], from_age: int) -> tuple[list[Member], list[Member]]:
    """Who must sign and who is asked to (children under ``from_age``); the worker is neither."""
    # a child whose age is not recorded counts as old enough: they must sign
    asked = [m for m in members if m.role is Role.CHILD and (m.age or from_age) < from_age]
    return [m for m in members if m.role is not Role.WORKER and m not in asked], asked


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


class _Stored(FlatRecord):
    """A record stored as its fields; one an older record lacks takes the field's default."""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        """Rebuild the record from its stored form."""
        return cls(**{f.name: data[f.name] for f in fields(cls)  # type: ignore[arg-type]
                      if f.name in data or f.default is MISSING})


@dataclass(frozen=True)
class Rule(_Stored):
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


@dataclass(frozen=True)
class Signature(_Stored):
    """One person's signature on one version: who, as what, and when."""

    member_id: str
    name: str
    role: str
    signed_at: str


@dataclass(frozen=True)
class NotYet(_Stored):
    """A child said "Not yet" to a draft; ``signed_at`` is set once they sign after all."""

    member_id: str
    name: str
    said_at: str
    signed_at: str | None = None


@dataclass(frozen=True)
class ForNow(_Stored):
    """A parent agreed the version before every child had signed, and wrote why."""

    by: str
    name: str
    at: str
    reason: str


@dataclass(frozen=True)
class AgreedChore(_Stored):
    """A chore as it was when a version was signed (the chores themselves live elsewhere)."""

    id: str
    name: str
    picture: str = "broom"


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
    not_yet: tuple[NotYet, ...] = ()  # each child's latest "Not yet"
    not_signed: tuple[str, ...] = ()  # names of who had not signed when it took effect
    for_now: ForNow | None = None  # set when a parent agreed it for now

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

    def open_not_yet(self) -> tuple[NotYet, ...]:
        """The "Not yet"s that still stand: the child has not signed since (by the times)."""
        return tuple(n for n in self.not_yet if n.signed_at is None and not any(
            s.member_id == n.member_id and s.signed_at >= n.said_at for s in self.signatures))

    def ready(self, required: list[str]) -> bool:
        """True when a draft takes effect by itself: all of ``required`` signed, no "Not yet"."""
        return not self.is_empty and not self.missing(required) and not self.open_not_yet()

    def may_agree_for_now(self, parents: list[str]) -> bool:
        """True when a parent may agree this version for now: a draft every parent signed."""
        return not self.frozen and not self.is_empty and not self.missing(parents)

    def changed(self, by: str, at: str, **fields: Any) -> AgreementVersion:
        """A copy with ``fields`` changed. Signatures on a draft are cleared: they were
        given to the words before the change (a child's "Not yet" still stands).

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

    def said_not_yet(self, said: NotYet) -> AgreementVersion:
        """Record a child's "Not yet", replacing their earlier one.

        Raises:
            AgreementFrozen: the version has taken effect.
        """
        if self.frozen:
            raise AgreementFrozen(self.number)
        kept = tuple(n for n in self.not_yet if n.member_id != said.member_id)
        return replace(self, not_yet=(*kept, said), revision=self.revision + 1)

    def signed(self, signature: Signature, required: list[str],
               chores: tuple[AgreedChore, ...] = (),
               asked: tuple[Member, ...] = ()) -> AgreementVersion:
        """Add a signature (answering the signer's "Not yet"); a ``ready`` draft takes effect.

        A signed version may still gain a signature from the worker, an asked child or a
        child it was agreed for now without: that changes no words.
        """
        if self.signed_by(signature.member_id) is not None:
            return self
        heard = tuple(replace(n, signed_at=signature.signed_at)
                      if n.member_id == signature.member_id and n.signed_at is None else n
                      for n in self.not_yet)
        version = replace(self, signatures=(*self.signatures, signature), not_yet=heard,
                          revision=self.revision + 1)
        if version.frozen or not version.ready(required):
            return version
        return version.took_effect(signature.signed_at, chores, asked)

    def took_effect(self, at: str, chores: tuple[AgreedChore, ...], waiting: tuple[Member, ...],
                    for_now: ForNow | None = None) -> AgreementVersion:
        """This draft signed and frozen at ``at``, noting who of ``waiting`` had not signed.

        Raises:
            AgreementFrozen: the version has already taken effect.
        """
        if self.frozen:
            raise AgreementFrozen(self.number)
        not_signed = tuple(m.name for m in waiting if self.signed_by(m.id) is None)
        return replace(self, status=Status.SIGNED, signed_at=at, chores=chores,
                       not_signed=not_signed, for_now=for_now, revision=self.revision + 1)

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
        return {**self.__dict__, "status": self.status.value, "routines": list(self.routines),
                "rules": [r.to_json() for r in self.rules],
                "signatures": [s.to_json() for s in self.signatures],
                "chores": [c.to_json() for c in self.chores],
                "not_yet": [n.to_json() for n in self.not_yet], "not_signed": list(self.not_signed),
                "for_now": self.for_now.to_json() if self.for_now else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AgreementVersion:
        """Rebuild a version from its stored form (one from before "Not yet" reads as none)."""
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
            not_yet=tuple(NotYet.from_json(n) for n in data.get("not_yet") or []),
            not_signed=tuple(data.get("not_signed") or []),
            for_now=ForNow.from_json(data["for_now"]) if data.get("for_now") else None,
        )


def review_reminder(versions: list[AgreementVersion], today: date) -> AgreementVersion | None:
    """The signed version whose review is due, if the family should be reminded today.

    Only the newest signed version counts: a newer one replaced the older ones.
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
        return {k: v for k, v in self.__dict__.items() if k != "answered"}

    @classmethod
    def from_json(cls, data: dict[str, Any], *, answered: bool = False) -> TalkRequest:
        """Rebuild the event."""
        return cls(data["id"], data["rule_id"], data["rule_text"], data["created_by"],
                   data["created_at"], int(data["version"]), answered)
