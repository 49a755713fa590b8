"""The family's network as the screens use it: who is in it, who may see whom, saved.

Each person is a shared document in ``network_people`` (it syncs to the agency). A child is
only ever given the people the grown-ups chose for them to see.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from app.domain.people import Member
from app.domain.programme.network import (
    NetworkDetails,
    NetworkPerson,
    NetworkProblem,
    NetworkRefused,
    carer_support,
    checked,
    helpers_for_child,
    may_change_network,
    may_see,
)
from app.services.base import HouseholdPart
from app.services.errors import refuse_if_changed
from app.services.household import HouseholdService, InvalidInput, NotAllowed

NETWORK = "network_people"


class NetworkService(HouseholdPart):
    """The people around one household who do not use Homeward themselves."""

    def people(self, by: Member) -> list[NetworkPerson]:
        """The people ``by`` may see, in the order they were added."""
        return [p for p in self._all() if may_see(p, by)]

    def person(self, by: Member, person_id: str) -> NetworkPerson:
        """One person ``by`` may see.

        Raises:
            KeyError: there is no such person, or ``by`` may not see them.
        """
        doc = self._store.get(NETWORK, person_id)
        if doc is None:
            raise KeyError(person_id)
        found = NetworkPerson.from_json(doc)
        if not may_see(found, by):
            raise KeyError(person_id)
        return found

    def names(self) -> dict[str, str]:
        """Everyone's name by id, taken off or not (for records that name them)."""
        return {p.id: p.name for p in self._all(include_removed=True)}

    def helpers_for(self, child: Member) -> list[NetworkPerson]:
        """The people a child may call for help."""
        return helpers_for_child(self._all(), child)

    def carer_support(self) -> list[NetworkPerson]:
        """The TRUE model's professionals, for a worn-down carer."""
        return carer_support(self._all())

    def add(self, by: Member, details: NetworkDetails) -> NetworkPerson:
        """A parent or the worker adds someone.

        Raises:
            NotAllowed: ``by`` is a child.
            InvalidInput: a detail is missing or does not look right.
        """
        self._require_changer(by)
        person = NetworkPerson(str(uuid.uuid4()), _checked(lambda: checked(details)), by.id,
                               self._iso())
        self._store.put(NETWORK, person.to_json())
        return person

    def change(self, by: Member, person_id: str, details: NetworkDetails,
               seen: str | None = None) -> NetworkPerson:
        """A parent or the worker changes someone's details.

        Raises:
            ChangedMeanwhile: ``seen`` (the ``stamp_of`` what the form was opened on) is not
                the person now: saving would undo someone else's change.
        """
        self._require_changer(by)
        now = self.person(by, person_id)
        refuse_if_changed(seen, now)
        person = now.changed(by.id, self._iso(), details=_checked(lambda: checked(details)))
        self._store.put(NETWORK, person.to_json())
        return person

    def remove(self, by: Member, person_id: str) -> NetworkPerson:
        """Take someone off the network (their record stays for history)."""
        self._require_changer(by)
        person = self.person(by, person_id).changed(by.id, self._iso(), removed=True)
        self._store.put(NETWORK, person.to_json())
        return person

    def _all(self, *, include_removed: bool = False) -> list[NetworkPerson]:
        found = [NetworkPerson.from_json(doc) for doc in self._store.find(NETWORK)]
        if not include_removed:
            found = [p for p in found if p.shown]
        return sorted(found, key=lambda p: p.created_at)

    @staticmethod
    def _require_changer(by: Member) -> None:
        if not may_change_network(by):
            raise NotAllowed("only a parent, carer or the worker changes the network")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def _checked(check: Callable[[], NetworkDetails]) -> NetworkDetails:
    try:
        return check()
    except NetworkRefused as refused:
        if refused.problem is NetworkProblem.NOT_ALLOWED:
            raise NotAllowed(str(refused)) from refused
        raise InvalidInput(f"network.error.{refused.problem.value}") from refused


def network_for(household: HouseholdService) -> NetworkService:
    """The network of the household a screen is showing."""
    return NetworkService(household)
