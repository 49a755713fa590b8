"""A child's Three Houses, saved in the household's store, and their words for meetings.

What a child shows their grown-ups is a record in ``house_items``, read by the child, the
parents and the worker. What a child keeps for the worker is sealed on save to the agency's
public key, exactly as a message "just for my worker" is (``app.sync.sealing``), into
``houses_for_worker``: the device keeps only a stub like a message's, that collection is never
counted or listed at home, and its file group is the child's ``voice`` (``app.storage.layout``),
so the folder does not change any differently from a check-in. Nobody at home can read it, the
child included; the worker opens it at the agency.

A child may take a thing they showed back from their grown-ups: it leaves the house (a
deletion every device at home and the hub applies) and, in the same save, a sealed copy is
kept for the worker, so nothing the child said is lost and the worker knows it was taken back.

The worker, with the child, can turn a shown worry or dream into a step of the family's safety
plan; the step's "why" quotes the child.
"""

from __future__ import annotations

import uuid
from base64 import b64encode
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from app.domain.people import Member, Role
from app.domain.programme.three_houses import (
    House,
    HouseItem,
    HousesRefused,
    ItemDraft,
    MeetingWords,
    Sitting,
    check_meeting_words,
    history,
    may_add,
    may_make_step,
    may_see,
    may_take_back,
    new_item,
)
from app.domain.safety import SafetyPlan
from app.i18n import t
from app.services.base import HouseholdPart
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.safety import safety_for
from app.sync.catalogue import HOUSES_FOR_WORKER, SEALED_FIELD
from app.sync.sealing import seal_json

HOUSE_ITEMS = "house_items"
MEETING_WORDS = "meeting_words"
#: What a sealed thing is, inside the seal: the agency tells it from a message by this.
SEALED_KIND = "three_houses"


class ThreeHousesService(HouseholdPart):
    """A child's three houses: the child's own, the worker's to hear, the parents' if shown."""

    def add(self, by: Member, child_id: str, draft: ItemDraft,
            agency_public_key: bytes | None) -> HouseItem:
        """Put a thing in a house; kept for the worker (sealed) unless it is shown.

        Raises:
            NotAllowed: ``by`` is not the child (or the worker writing for them).
            InvalidInput: ``houses.error.`` + a problem, or ``not_paired`` when a thing is kept
                for the worker and there is no agency key to seal it with.
        """
        child = self._child(child_id)
        if not may_add(by, child.id):
            raise NotAllowed("a child's houses are their own")
        at = self._iso()
        try:
            item = new_item(str(uuid.uuid4()), child.id, draft, by, at, self.today())
        except HousesRefused as refused:
            raise InvalidInput(f"houses.error.{refused.problem.value}") from refused
        if item.shown:
            self._store.put(HOUSE_ITEMS, item.to_json(), shard=item.month)
            return item
        if agency_public_key is None:
            raise InvalidInput("houses.error.not_paired")
        self._store.put_many([_kept_for_worker(item, by, at, agency_public_key)])
        return item

    def take_back(self, by: Member, item_id: str, agency_public_key: bytes | None) -> None:
        """Take a shown thing back from the grown-ups: it goes from every screen at home and is
        kept, sealed, for the worker, in one save.

        Raises:
            KeyError: no such shown thing that ``by`` may see.
            NotAllowed: ``by`` is not the child (or the worker with them).
            InvalidInput: ``houses.error.in_plan`` (it is a step of the safety plan now), or
                ``not_paired`` (there is no worker to keep it for yet: it stays where it is).
        """
        # checked and saved under the store's lock, as a plan step is made: a thing is in the
        # plan or taken back, never both (and taken back once)
        with self._store.exclusive():
            item = self.item(by, item_id)
            if not may_take_back(by, item):
                raise NotAllowed("only the child takes back what they showed")
            if item.plan_step_id is not None:
                raise InvalidInput("houses.error.in_plan")
            if agency_public_key is None:
                raise InvalidInput("houses.error.not_paired")
            at = self._iso()
            kept = replace(item, id=str(uuid.uuid4()), shown=False)
            self._store.write([_kept_for_worker(kept, by, at, agency_public_key,
                                                taken_back_at=at)], [(HOUSE_ITEMS, item.id)])

    def items(self, by: Member, child_id: str) -> list[HouseItem]:
        """The things ``by`` may see in a child's houses, oldest first (never the sealed ones).

        Raises:
            NotAllowed: another child asked.
        """
        self._require_reader(by, child_id)
        found = (HouseItem.from_json(doc) for doc in self._store.find(
            HOUSE_ITEMS, lambda doc: doc.get("child_id") == child_id))
        return sorted((i for i in found if may_see(by, i)), key=lambda i: i.created_at)

    def history(self, by: Member, child_id: str) -> list[Sitting]:
        """Each time in the houses, newest first."""
        return history(self.items(by, child_id))

    def item(self, by: Member, item_id: str) -> HouseItem:
        """One thing ``by`` may see.

        Raises:
            KeyError: no such thing, or not one ``by`` may see.
        """
        doc = self._store.get(HOUSE_ITEMS, item_id)
        if doc is None:
            raise KeyError(item_id)
        item = HouseItem.from_json(doc)
        if not may_see(by, item):
            raise KeyError(item_id)
        return item

    def make_plan_step(self, by: Member, item_id: str, what: str) -> SafetyPlan:
        """The worker, with the child, turns a worry or a dream into a step of the safety plan.

        The step says what needs to happen (``what``); its "why" quotes the child.

        Raises:
            NotAllowed: only the worker does this.
            KeyError: no such thing (a thing kept for the worker cannot be read here).
            InvalidInput: the thing is a good thing, or the step's words are missing.
        """
        if not may_make_step(by):
            raise NotAllowed("the worker turns a child's words into a plan step")
        with self._store.exclusive():  # see take_back: never a taken-back thing put back
            return self._make_plan_step(by, item_id, what)

    def _make_plan_step(self, by: Member, item_id: str, what: str) -> SafetyPlan:
        item = self.item(by, item_id)
        if item.house is House.GOOD:
            raise InvalidInput("houses.error.good_thing_step")
        child = self._child(item.child_id)
        said = item.words or (t(f"houses.pic.{item.picture}") if item.picture
                              else t("houses.step.drawing"))
        quote = t("houses.step.quote", name=child.name, words=said)
        plan = safety_for(self._household).add_action(by, what, "", None, reason=quote[:300])
        doc = item.to_json()
        doc["plan_step_id"] = plan.actions[-1].id
        self._store.put(HOUSE_ITEMS, doc, shard=item.month)
        return plan

    def tell_meeting(self, by: Member, child_id: str, words: str,
                     pictures: Iterable[str] = ()) -> MeetingWords:
        """Save "What I want my meeting to know" (the newest is taken to the meeting).

        Raises:
            NotAllowed: ``by`` is not the child (or the worker writing for them).
            InvalidInput: ``houses.error.`` + a problem.
        """
        child = self._child(child_id)
        if not may_add(by, child.id):
            raise NotAllowed("a child's words for the meeting are their own")
        try:
            tidy, chosen = check_meeting_words(words, pictures)
        except HousesRefused as refused:
            raise InvalidInput(f"houses.error.{refused.problem.value}") from refused
        said = MeetingWords(str(uuid.uuid4()), child.id, tidy, chosen, by.id, self._iso())
        self._store.put(MEETING_WORDS, said.to_json())
        return said

    def meeting_words(self, by: Member, child_id: str) -> MeetingWords | None:
        """The child's newest words for their meeting (the whole household may read them)."""
        self._require_reader(by, child_id)
        found = [MeetingWords.from_json(doc) for doc in self._store.find(
            MEETING_WORDS, lambda doc: doc.get("child_id") == child_id)]
        return max(found, key=lambda m: m.created_at, default=None)

    def _child(self, child_id: str) -> Member:
        try:
            child = self._household.member(child_id)
        except KeyError as exc:
            raise InvalidInput("houses.error.no_child") from exc
        if child.role is not Role.CHILD:
            raise InvalidInput("houses.error.no_child")
        return child

    @staticmethod
    def _require_reader(by: Member, child_id: str) -> None:
        if not by.active or (by.role is Role.CHILD and by.id != child_id):
            raise NotAllowed("a child's houses are for them, their grown-ups and the worker")

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def _kept_for_worker(item: HouseItem, by: Member, at: str, agency_public_key: bytes,
                     **more: str) -> tuple[str, dict[str, str], str]:
    """The save that keeps ``item`` for the worker: sealed whole, with a stub like a message's
    (who and when, never what or which house)."""
    sealed = seal_json(agency_public_key, {"kind": SEALED_KIND, **item.to_json(), **more}, item.id)
    return HOUSES_FOR_WORKER, {
        "id": item.id, "created_by": by.id, "created_at": at,
        SEALED_FIELD: b64encode(sealed).decode("ascii"),
    }, at[:7]


def houses_for(household: HouseholdService) -> ThreeHousesService:
    """The three houses of the household ``household`` serves."""
    return ThreeHousesService(household)
