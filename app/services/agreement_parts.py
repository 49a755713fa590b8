"""What the agreement service hands to its screens, and how it names and reads what it keeps:
the refusal of physical punishment, a signing's answer, a version's id, the chores read,
a rule's words checked and who may change the agreement."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.agreement import (
    MAX_RULE_DETAIL,
    MAX_RULE_TEXT,
    RULE_PICTURES,
    AgreedChore,
    AgreementVersion,
    Rule,
    RuleField,
    punishment_in,
)
from app.domain.people import Member, Role
from app.services.household import InvalidInput, NotAllowed, PinResult
from app.storage import HouseholdStore

CHORES = "chores"  # owned by the chores service; read here, never written

ChoreReader = Callable[[], list[AgreedChore]]


class PhysicalPunishmentRefused(InvalidInput):
    """A rule mentions physical punishment; it is not saved and the family is told why."""

    def __init__(self, found: dict[RuleField, tuple[str, ...]]) -> None:
        super().__init__("agreement.physical.title")
        self.found = found

    @property
    def words(self) -> tuple[str, ...]:
        """Every worrying word found, in field order."""
        return tuple(word for words in self.found.values() for word in words)


@dataclass(frozen=True)
class SignResult:
    """The answer to one signing: the PIN check, and the version as it now stands."""

    pin: PinResult
    version: AgreementVersion | None = None

    @property
    def ok(self) -> bool:
        """True when the signature was added."""
        return self.pin.ok and self.version is not None


def chores_from_store(store: HouseholdStore) -> ChoreReader:
    """Read the household's chores (read-only) as the agreement lists them: in the order they
    were made, never in a store's own order, which differs between devices (two devices that
    let one version take effect must make it the same, or they cross at the hub)."""

    def read() -> list[AgreedChore]:
        docs = sorted(store.find(CHORES),
                      key=lambda doc: (str(doc.get("created_at", "")), str(doc["id"])))
        return [
            AgreedChore(str(doc["id"]), str(doc.get("name", "")), str(doc.get("picture", "broom")))
            for doc in docs
            if doc.get("status", "active") not in ("retired", "archived") and doc.get("name")
        ]

    return read


def version_id(number: int) -> str:
    """A version has one id on every device: two devices that each start version 2 offline
    cross at the agency, and a person settles it (never two different drafts, each device
    quietly showing its own as "the agreement")."""
    return f"agreement-v{number}"


def words_stamp(version: AgreementVersion) -> str:
    """A short stamp of the words a signer reads in ``version`` (its number, rules, routines
    and review date): a signing screen passes the stamp of what it showed, and a signature
    is refused if the words have changed since. Signatures and "Not yet"s are not words:
    someone else signing first changes nothing here."""
    words = {"number": version.number, "rules": [rule.to_json() for rule in version.rules],
             "routines": list(version.routines), "review_date": version.review_date}
    text = json.dumps(words, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def require_editor(by: Member) -> None:
    """Refuse anyone but an active grown-up changing the agreement."""
    if by.role is Role.CHILD or not by.active:
        raise NotAllowed("only grown-ups change the agreement")


def require_parent(by: Member) -> None:
    """Refuse anyone but an active parent deciding for the agreement."""
    if by.role is not Role.PARENT or not by.active:
        raise NotAllowed("only a parent decides this")


def rule_values(fields: dict[RuleField, str], picture: str) -> dict[str, Any]:
    """A rule's words as they are kept (spaces tidied), once checked.

    Raises:
        PhysicalPunishmentRefused: a field mentions hitting, smacking or the like.
        InvalidInput: the rule has no words, or too many, or an unknown picture.
    """
    cleaned = {name: " ".join(fields.get(name, "").split()) for name in RuleField}
    if not cleaned[RuleField.TEXT]:
        raise InvalidInput("agreement.error.rule_missing")
    if len(cleaned[RuleField.TEXT]) > MAX_RULE_TEXT:
        raise InvalidInput("agreement.error.rule_long", limit=MAX_RULE_TEXT)
    if any(len(text) > MAX_RULE_DETAIL for text in cleaned.values()):
        raise InvalidInput("agreement.error.detail_long", limit=MAX_RULE_DETAIL)
    if picture not in RULE_PICTURES:
        raise InvalidInput("agreement.error.picture")
    found = punishment_in(cleaned)
    if found:
        raise PhysicalPunishmentRefused(found)
    return {name.value: text for name, text in cleaned.items()}


def rule_in(version: AgreementVersion | None, rule_id: str) -> Rule | None:
    """The rule ``rule_id`` as ``version`` has it, if it has it."""
    return next((r for r in version.rules if r.id == rule_id), None) if version else None


def unchanged_rule(version: AgreementVersion | None, rule_id: str | None, picture: str,
                   values: dict[str, Any]) -> Rule | None:
    """The rule as ``version`` has it, if saving ``values`` would change nothing in it."""
    rule = rule_in(version, rule_id) if rule_id is not None else None
    same = rule is not None and rule.picture == picture and all(
        getattr(rule, field.value) == values.get(field.value, "") for field in RuleField)
    return rule if same else None
