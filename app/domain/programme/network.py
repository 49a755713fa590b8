"""The family's network: people around the family who do not use Homeward themselves.

Grandparents, an aunt, a family friend, a teacher, and the professionals of the TRUE model
(a Supervising Social Worker, an Empathic Listener, a Children's Support Worker) and a family
group conference coordinator. Each has a name, what they are to the family, a role, a phone
number to call, and who at home may see them. A person in the network is a shared document:
every change raises its revision; taking someone off keeps their record for history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from app.domain.people import Member, Role, clean_name
from app.domain.safety import callable_number

MAX_NAME = 40
MAX_RELATIONSHIP = 40


class NetworkRole(StrEnum):
    """What a person does for the family; the TRUE roles come from the fostering agency."""

    FAMILY = "family"
    FRIEND = "friend"
    TEACHER = "teacher"
    SUPERVISING_SOCIAL_WORKER = "supervising_social_worker"
    EMPATHIC_LISTENER = "empathic_listener"
    CHILDRENS_SUPPORT_WORKER = "childrens_support_worker"
    FGC_COORDINATOR = "fgc_coordinator"
    OTHER = "other"


#: The professionals who support a worn-down carer (the TRUE model).
CARER_SUPPORT: tuple[NetworkRole, ...] = (
    NetworkRole.SUPERVISING_SOCIAL_WORKER,
    NetworkRole.EMPATHIC_LISTENER,
    NetworkRole.CHILDRENS_SUPPORT_WORKER,
)


class Visibility(StrEnum):
    """Who at home may see a person in the network."""

    GROWN_UPS = "grown_ups"  # parents, carers and the worker
    EVERYONE = "everyone"  # the children too
    HELPER = "helper"  # the children too, and a child may call them for help


class NetworkProblem(StrEnum):
    """Why a change to the network is refused; each has words in the catalogue."""

    NOT_ALLOWED = "not_allowed"
    NAME_MISSING = "name_missing"
    NAME_LONG = "name_long"
    RELATIONSHIP_LONG = "relationship_long"
    PHONE = "phone"
    HELPER_NEEDS_PHONE = "helper_needs_phone"
    NOT_FOUND = "not_found"


class NetworkRefused(ValueError):
    """A change the network cannot take; ``problem`` says why."""

    def __init__(self, problem: NetworkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class NetworkDetails:
    """What a parent or the worker types about someone."""

    name: str
    relationship: str = ""
    role: NetworkRole = NetworkRole.FAMILY
    phone: str = ""
    visibility: Visibility = Visibility.GROWN_UPS


def _tidy(text: str) -> str:
    return " ".join(text.split())


def tidy_phone(number: str) -> str:
    """A phone number with tidy spaces ("" stays ""): see ``callable_number``; 3 digits too.

    Raises:
        NetworkRefused: a phone could not call it.
    """
    digits = "".join(number.split())
    if not digits:
        return ""
    if re.fullmatch(r"\d{3}", digits):
        return digits
    tidy = callable_number(number)
    if tidy is None:
        raise NetworkRefused(NetworkProblem.PHONE)
    return tidy


def checked(details: NetworkDetails) -> NetworkDetails:
    """The details as saved: spaces tidied, the phone number checked.

    Raises:
        NetworkRefused: a name is missing or too long, the number does not look like one,
            or a child is to call someone who has no number.
    """
    name = clean_name(details.name)
    if not name:
        raise NetworkRefused(NetworkProblem.NAME_MISSING)
    if len(name) > MAX_NAME:
        raise NetworkRefused(NetworkProblem.NAME_LONG)
    relationship = _tidy(details.relationship)
    if len(relationship) > MAX_RELATIONSHIP:
        raise NetworkRefused(NetworkProblem.RELATIONSHIP_LONG)
    phone = tidy_phone(details.phone)
    if details.visibility is Visibility.HELPER and not phone:
        raise NetworkRefused(NetworkProblem.HELPER_NEEDS_PHONE)
    return replace(details, name=name, relationship=relationship, phone=phone)


def tel_link(number: str) -> str:
    """The ``tel:`` address that offers to call ``number`` on a phone."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class NetworkPerson:
    """Someone in the family's network, as stored."""

    id: str
    details: NetworkDetails
    created_by: str
    created_at: str
    revision: int = 1
    updated_by: str | None = None
    updated_at: str | None = None
    removed_at: str | None = None

    @property
    def name(self) -> str:
        """Their name."""
        return self.details.name

    @property
    def shown(self) -> bool:
        """False once they have been taken off the network (their record stays)."""
        return self.removed_at is None

    @property
    def tel(self) -> str:
        """The ``tel:`` address of their number ("" without one)."""
        return tel_link(self.details.phone) if self.details.phone else ""

    def changed(self, by: str, at: str, *, details: NetworkDetails | None = None,
                removed: bool = False) -> NetworkPerson:
        """A copy with new details (or taken off), the next revision, and who changed it."""
        return replace(self, details=details or self.details, revision=self.revision + 1,
                       updated_by=by, updated_at=at,
                       removed_at=at if removed else self.removed_at)

    def to_json(self) -> dict[str, Any]:
        """The record as stored (and synced to the agency)."""
        d = self.details
        return {
            "id": self.id, "name": d.name, "relationship": d.relationship,
            "role": d.role.value, "phone": d.phone, "visibility": d.visibility.value,
            "created_by": self.created_by, "created_at": self.created_at,
            "revision": self.revision, "updated_by": self.updated_by,
            "updated_at": self.updated_at, "removed_at": self.removed_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NetworkPerson:
        """Rebuild a person from their stored record."""
        details = NetworkDetails(
            name=str(data["name"]), relationship=str(data.get("relationship") or ""),
            role=NetworkRole(data.get("role") or NetworkRole.OTHER.value),
            phone=str(data.get("phone") or ""),
            visibility=Visibility(data.get("visibility") or Visibility.GROWN_UPS.value))
        return cls(id=str(data["id"]), details=details, created_by=str(data["created_by"]),
                   created_at=str(data["created_at"]), revision=int(data.get("revision", 1)),
                   updated_by=data.get("updated_by"), updated_at=data.get("updated_at"),
                   removed_at=data.get("removed_at"))


def may_change_network(member: Member) -> bool:
    """Parents, carers and the worker add and change people in the network."""
    return member.active and member.role in (Role.PARENT, Role.WORKER)


def may_see(person: NetworkPerson, member: Member) -> bool:
    """Grown-ups see everyone in the network; a child sees those the grown-ups chose."""
    if not member.active or not person.shown:
        return False
    if member.role is not Role.CHILD:
        return True
    return person.details.visibility is not Visibility.GROWN_UPS


def helpers_for_child(people: list[NetworkPerson], child: Member) -> list[NetworkPerson]:
    """The people a child may call for help (they have a number and the child may see them)."""
    return [p for p in people if may_see(p, child)
            and p.details.visibility is Visibility.HELPER and p.details.phone]


def carer_support(people: list[NetworkPerson]) -> list[NetworkPerson]:
    """The TRUE model's professionals in the network, in the model's order."""
    order = {role: n for n, role in enumerate(CARER_SUPPORT)}
    found = [p for p in people if p.shown and p.details.role in order]
    return sorted(found, key=lambda p: order[p.details.role])
