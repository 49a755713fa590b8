"""People, PINs and household settings: what the screens ask of an unlocked household."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain.autolock import CHOICES_MINUTES
from app.domain.people import (
    MAX_CHILD_AGE,
    MAX_NAME_LENGTH,
    MIN_CHILD_AGE,
    TEXT_SCALES,
    Avatar,
    DevicePin,
    Member,
    Role,
    clean_name,
    same_name_key,
)
from app.domain.programme.nation import Nation, nation_or_none
from app.i18n import supported
from app.services.errors import InvalidInput, NotAllowed
from app.services.pins import LOCKOUTS, PINS, DevicePins, PinResult, PinTurns
from app.services.setup import HOUSEHOLD, HOUSEHOLD_ID
from app.storage import HouseholdStore

__all__ = ["LOCKOUTS", "MEMBERS", "PINS", "Household", "HouseholdService", "InvalidInput",
           "NotAllowed", "PinResult", "may_run_household", "require_parent"]

MEMBERS = "members"


@dataclass(frozen=True)
class Household:
    """The household's own record: its name and settings."""

    name: str
    auto_lock_minutes: int
    setup_complete: bool
    nation: Nation | None = None  # which UK nation it lives in; None until a parent says
    language: str | None = None  # the shared screens' (who's using, locked); None: not chosen


def may_run_household(by: Member) -> bool:
    """True for a parent or carer still in the household: the household's settings are theirs."""
    return by.role is Role.PARENT and by.active


def require_parent(by: Member) -> None:
    """Refuse anyone but a parent or carer still in the household.

    Raises:
        NotAllowed: ``by`` is a child, the worker, or someone no longer in the household.
    """
    if not may_run_household(by):
        raise NotAllowed("only a parent can do this")


def _now_iso(clock: Callable[[], float]) -> str:
    return datetime.fromtimestamp(clock(), UTC).isoformat()


def _seconds(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:  # a record from before times were kept: older than any sign-in
        return 0.0


class HouseholdService(DevicePins):
    """Everything about the people of one household, backed by its encrypted store."""

    def __init__(self, store: HouseholdStore, clock: Callable[[], float] = time.time,
                 pin_turns: PinTurns | None = None) -> None:
        self._store = store
        self._clock = clock
        # shared by every tab's service the gate makes, so their PIN tries take turns
        self._pin_turns = pin_turns or PinTurns()

    @property
    def store(self) -> HouseholdStore:
        """The household's store, for the other services of the same household."""
        return self._store

    @property
    def clock(self) -> Callable[[], float]:
        """The clock this household's services share."""
        return self._clock

    # household ---------------------------------------------------------------------------
    def household(self) -> Household:
        """The household's name and settings."""
        doc = self._store.get(HOUSEHOLD, HOUSEHOLD_ID) or {}
        return Household(
            name=doc.get("name", ""),
            auto_lock_minutes=int(doc.get("auto_lock_minutes", 5)),
            setup_complete=bool(doc.get("setup_complete", False)),
            nation=nation_or_none(doc.get("nation")),
            language=supported(doc.get("language")),
        )

    def _update_household(self, by: str | None, **fields: Any) -> None:
        doc = self._store.get(HOUSEHOLD, HOUSEHOLD_ID) or {"id": HOUSEHOLD_ID}
        doc.update(fields, updated_by=by, updated_at=_now_iso(self._clock))
        self._store.put(HOUSEHOLD, doc)

    def finish_setup(self) -> None:
        """Mark the first-run setup as done, once a parent exists."""
        if not any(m.role is Role.PARENT for m in self.members()):
            raise InvalidInput("people.error.parent_needed")
        self._update_household(None, setup_complete=True)

    def set_auto_lock(self, by: Member, minutes: int) -> None:
        """Change how long the app waits before locking itself."""
        self._require_parent(by)
        if minutes not in CHOICES_MINUTES:
            raise InvalidInput("settings.error.auto_lock")
        self._update_household(by.id, auto_lock_minutes=minutes)

    def set_nation(self, by: Member, nation: str) -> Nation:
        """Say which UK nation the household lives in (the law on smacking differs)."""
        self._require_parent(by)
        chosen = nation_or_none(nation)
        if chosen is None:
            raise InvalidInput("settings.error.nation")
        self._update_household(by.id, nation=chosen.value)
        return chosen

    def set_household_language(self, by: Member | None, language: str) -> None:
        """The language of the screens everyone shares (and of people who chose none).

        ``by`` is None only during the first-run setup.
        """
        self._check_language(language)
        if by is not None:
            self._require_parent(by)
        elif self.household().setup_complete:
            raise NotAllowed("only a parent can change the household's language")
        self._update_household(by.id if by else None, language=language)

    def set_language(self, by: Member, member_id: str, language: str | None) -> Member:
        """A person's own language (None: the household's). A parent, or the person."""
        if language is not None:
            self._check_language(language)
        return self._own_choice(by, member_id, language=language)

    def set_text_size(self, by: Member, member_id: str, percent: int) -> Member:
        """A person's text size, in percent (one of TEXT_SCALES). A parent, or the person."""
        if percent not in TEXT_SCALES:
            raise InvalidInput("text_size.error.unknown")
        return self._own_choice(by, member_id, text_scale=percent)

    def _own_choice(self, by: Member, member_id: str, **fields: Any) -> Member:
        if by.id != member_id:
            self._require_parent(by)
        else:
            self._as_stored(by)
        return self._save(self.member(member_id).changed(by.id, self._iso(), **fields))

    @staticmethod
    def _check_language(language: str) -> None:
        if supported(language) is None:
            raise InvalidInput("language.error.unknown")

    # people ------------------------------------------------------------------------------
    def members(self, *, include_removed: bool = False) -> list[Member]:
        """Everyone in the household, parents first, in the order they were added."""
        people = [Member.from_json(doc) for doc in self._store.find(MEMBERS)]
        if not include_removed:
            people = [m for m in people if m.active]
        order = {Role.PARENT: 0, Role.CHILD: 1, Role.WORKER: 2}
        return sorted(people, key=lambda m: order[m.role])

    def roles(self) -> dict[str, Role]:
        """Everyone's role by member id, people taken off the household too."""
        return {m.id: m.role for m in self.members(include_removed=True)}

    def member(self, member_id: str) -> Member:
        """One person by id (removed people included, for history)."""
        doc = self._store.get(MEMBERS, member_id)
        if doc is None:
            raise KeyError(member_id)
        return Member.from_json(doc)

    def still_signed_in(self, member_id: str, since: float) -> bool:
        """True if the person is still in the household and their PIN (or pictures) on this
        device is the one they proved at ``since`` (a time from the household's clock)."""
        doc = self._store.get(MEMBERS, member_id)
        if doc is None or not Member.from_json(doc).active:
            return False
        pin = self._store.get(PINS, member_id)
        # a millisecond's grace: the time is kept to the microsecond, and a PIN set up just
        # before the sign-in must not count as changed after it
        return pin is not None and _seconds(DevicePin.from_json(pin).set_at) <= since + 0.001

    def add_parent(self, name: str, pin: str, *, by: Member | None = None,
                   language: str | None = None) -> Member:
        """Add a parent or carer with a 4–6 digit PIN (and their language, if not the family's)."""
        return self._add(Role.PARENT, name, Avatar.PERSON, self._check_pin(pin), None, by,
                         language)

    def add_worker(self, name: str, pin: str, *, by: Member | None = None,
                   language: str | None = None) -> Member:
        """Add the family's support worker with a 4–6 digit PIN."""
        return self._add(Role.WORKER, name, Avatar.WORKER, self._check_pin(pin), None, by,
                         language)

    def add_child(
        self, name: str, age: int | None, avatar: Avatar, pictures: list[str],
        *, by: Member | None = None, language: str | None = None,
    ) -> Member:
        """Add a child with an avatar and a three-picture PIN."""
        if age is None or not MIN_CHILD_AGE <= age <= MAX_CHILD_AGE:
            raise InvalidInput("people.error.age", low=MIN_CHILD_AGE, high=MAX_CHILD_AGE)
        return self._add(Role.CHILD, name, avatar, self._check_pictures(pictures), age, by,
                         language)

    def rename(self, by: Member, member_id: str, name: str) -> Member:
        """Give someone a new name."""
        self._require_parent(by)
        new_name = self._check_name(name, exclude=member_id)
        return self._save(self.member(member_id).changed(by.id, self._iso(), name=new_name))

    def change_pin(self, by: Member, member_id: str, pin: str) -> Member:
        """Set a new digit PIN on this device for a parent or worker."""
        self._require_parent(by)
        member = self.member(member_id)
        if member.uses_picture_pin:
            raise InvalidInput("people.error.pictures_needed")
        self._save_pin(DevicePin(member.id, self._check_pin(pin), self._iso(), by.id))
        return member

    def change_picture_pin(self, by: Member, member_id: str, pictures: list[str]) -> Member:
        """Set a new picture PIN on this device for a child."""
        self._require_parent(by)
        member = self.member(member_id)
        if not member.uses_picture_pin:
            raise InvalidInput("people.error.digits_needed")
        self._save_pin(DevicePin(member.id, self._check_pictures(pictures), self._iso(), by.id))
        return member

    def remove(self, by: Member, member_id: str) -> Member:
        """Take someone off the household; their history stays."""
        self._require_parent(by)
        member = self.member(member_id)
        parents = [m for m in self.members() if m.role is Role.PARENT]
        if member.role is Role.PARENT and len(parents) <= 1:
            raise InvalidInput("people.error.last_parent")
        now = self._iso()
        return self._save(member.changed(by.id, now, removed_at=now, removed_by=by.id))

    # helpers -------------------------------------------------------------------------------
    def _add(
        self, role: Role, name: str, avatar: Avatar, pin_hash: str, age: int | None,
        by: Member | None, language: str | None = None,
    ) -> Member:
        if language is not None:
            self._check_language(language)
        if by is not None:
            self._require_parent(by)
        elif self.household().setup_complete:
            raise NotAllowed("only a parent can add people")
        member = Member(
            id=str(uuid.uuid4()),
            name=self._check_name(name),
            role=role,
            avatar=avatar,
            created_at=self._iso(),
            created_by=by.id if by else None,
            age=age,
            language=language,
        )
        pin = DevicePin(member.id, pin_hash, member.created_at, by.id if by else None)
        self._store.put_many([(MEMBERS, member.to_json(), None), (PINS, pin.to_json(), None)])
        return member

    def _save(self, member: Member) -> Member:
        self._store.put(MEMBERS, member.to_json())
        return member

    def _check_name(self, name: str, exclude: str | None = None) -> str:
        cleaned = clean_name(name)
        if not cleaned:
            raise InvalidInput("people.error.name_missing")
        if len(cleaned) > MAX_NAME_LENGTH:
            raise InvalidInput("people.error.name_long", limit=MAX_NAME_LENGTH)
        taken = {same_name_key(m.name) for m in self.members() if m.id != exclude}
        if same_name_key(cleaned) in taken:
            raise InvalidInput("people.error.name_taken", name=cleaned)
        return cleaned

    def _require_parent(self, by: Member) -> None:
        require_parent(self._as_stored(by))

    def _as_stored(self, by: Member) -> Member:
        """``by`` as the household now knows them: a screen's copy is from their sign-in, and
        another tab may have taken them off the household since.

        Raises:
            NotAllowed: nobody of that id is in the household now.
        """
        doc = self._store.get(MEMBERS, by.id)
        if doc is None or not Member.from_json(doc).active:
            raise NotAllowed("no longer in the household")
        return Member.from_json(doc)

    def _iso(self) -> str:
        return _now_iso(self._clock)

