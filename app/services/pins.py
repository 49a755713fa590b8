"""Each person's PIN (a child: three pictures) on this device, and the waits after wrong tries.

PINs belong to one device and never travel: every device asks each person for their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.people import DevicePin, Member, Role
from app.domain.pins import (
    Lockout,
    PinProblem,
    hash_pin,
    picture_pin_problem,
    picture_secret,
    pin_matches,
    pin_problem,
)
from app.services.errors import InvalidInput, NotAllowed
from app.storage import HouseholdStore
from app.sync.catalogue import DEVICE_PINS, PIN_LOCKOUTS

LOCKOUTS = PIN_LOCKOUTS
#: Each person's PIN on this device: never sent, so every device asks for its own.
PINS = DEVICE_PINS


@dataclass(frozen=True)
class PinResult:
    """The answer to one PIN try."""

    ok: bool
    wait_seconds: int = 0
    tries_left: int = 0


class PinTurns:
    """One PIN try at a time for each person, across every tab the one gate serves.

    A try reads the person's wrong-PIN record and writes it back; tries side by side (ten
    tabs tapping "Sign in" at once) each read the same count, and none was refused.
    """

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._turns: dict[str, threading.Lock] = {}

    def of(self, member_id: str) -> threading.Lock:
        """The lock a try at ``member_id``'s PIN (or a new PIN for them) holds."""
        with self._guard:
            return self._turns.setdefault(member_id, threading.Lock())


class DevicePins:
    """The PIN part of the household service, mixed into ``HouseholdService``, which gives
    it the store, the clock, the turns at PINs and the people these stubs stand for."""

    _store: HouseholdStore
    _clock: Callable[[], float]
    _pin_turns: PinTurns

    def member(self, member_id: str) -> Member:
        raise NotImplementedError

    def members(self, *, include_removed: bool = False) -> list[Member]:
        raise NotImplementedError

    def _iso(self) -> str:
        raise NotImplementedError

    def has_pin(self, member_id: str) -> bool:
        """True if this person has set their PIN (or pictures) on this device."""
        return self._store.get(PINS, member_id) is not None

    def parents_with_pin(self) -> list[Member]:
        """The parents who can approve someone new on this device: they have a PIN here."""
        return [m for m in self.members() if m.role is Role.PARENT and self.has_pin(m.id)]

    def set_up_on_this_device(
        self, member_id: str, secret: str | list[str], *, approver_id: str | None,
        approval: str,
    ) -> Member:
        """A person chooses their PIN (a child: three pictures) the first time on this device.

        A parent who already uses this device says it is fine with their PIN
        (``approver_id``), or, when nobody has a PIN here yet, whoever unlocked it with the
        household passphrase does (``approver_id`` None, ``approval`` the passphrase).

        Raises:
            NotAllowed: the person already has a PIN here, or the approver is not a parent
                with a PIN on this device.
            InvalidInput: ``device.error.approval_wrong`` (wrong PIN or passphrase, or the
                approver is waiting after wrong tries), or a problem with the new PIN.
        """
        member = self.member(member_id)
        if not member.active or self.has_pin(member.id):
            raise NotAllowed("this person has a PIN on this device already")
        if approver_id is None:
            if not self._store.check_passphrase(approval):
                raise InvalidInput("device.error.approval_wrong")
        else:
            approver = self.member(approver_id)
            if approver.role is not Role.PARENT or not self.has_pin(approver.id):
                raise NotAllowed("only a parent who uses this device can approve")
            if not self.try_pin(approver.id, approval).ok:
                raise InvalidInput("device.error.approval_wrong")
        if member.uses_picture_pin:
            if not isinstance(secret, list):
                raise InvalidInput("people.error.pictures_needed")
            hashed = self._check_pictures(secret)
        else:
            if not isinstance(secret, str):
                raise InvalidInput("people.error.digits_needed")
            hashed = self._check_pin(secret)
        self._save_pin(DevicePin(member.id, hashed, self._iso(), approver_id))
        return member

    def passphrase_matches(self, passphrase: str) -> bool:
        """True if ``passphrase`` is this device's household passphrase (slow on purpose)."""
        return self._store.check_passphrase(passphrase)

    def new_pin_with_passphrase(self, member_id: str, passphrase: str, pin: str) -> Member:
        """A parent who has forgotten their PIN chooses a new one with the household passphrase.

        Only a parent: a child's pictures are set by a parent, and the worker's PIN guards
        what a child tells them.

        Raises:
            NotAllowed: the person is not a parent of the household.
            InvalidInput: ``pin.forgot.wrong_passphrase``, or a problem with the new PIN.
        """
        member = self.member(member_id)
        if not member.active or member.role is not Role.PARENT:
            raise NotAllowed("only a parent may use the passphrase for their own PIN")
        hashed = self._check_pin(pin)
        if not self._store.check_passphrase(passphrase):
            raise InvalidInput("pin.forgot.wrong_passphrase")
        self._save_pin(DevicePin(member.id, hashed, self._iso(), None))
        return member

    def lockout(self, member_id: str) -> Lockout:
        """The wrong-PIN record for one person."""
        doc = self._store.get(LOCKOUTS, member_id)
        return Lockout.from_json(doc) if doc else Lockout(member_id)

    def try_pin(self, member_id: str, secret: str) -> PinResult:
        """Check a PIN (or ``picture_secret``) and keep count of wrong tries.

        A person who is locked out gets no check at all until the wait is over. Each try is
        counted before the check, so tries made at once wait their turn (see ``PinTurns``).
        """
        member = self.member(member_id)
        pin = self._store.get(PINS, member_id)
        if not member.active or pin is None:
            return PinResult(False)
        # The try is counted before the slow check, in the person's turn: tries from several
        # tabs at once count one after another, and the one after the fifth is refused.
        with self._pin_turns.of(member_id):
            now = self._clock()
            kept = self.lockout(member_id)
            state = kept.settled(now)
            if state.seconds_left(now):
                if state != kept:  # the clock went back: the lockout runs from now, once
                    self._store.put(LOCKOUTS, state.to_json())
                return PinResult(False, wait_seconds=state.seconds_left(now))
            counted = state.after_failure(now)
            self._store.put(LOCKOUTS, counted.to_json())
        if pin_matches(secret, DevicePin.from_json(pin).pin_hash):
            with self._pin_turns.of(member_id):
                self._store.put(LOCKOUTS, Lockout(member_id).to_json())
            return PinResult(True)
        return PinResult(False, counted.seconds_left(now), counted.tries_left())

    def try_pictures(self, member_id: str, pictures: list[str]) -> PinResult:
        """Check a child's picture PIN."""
        return self.try_pin(member_id, picture_secret(pictures))

    def _save_pin(self, pin: DevicePin) -> None:
        """Keep a new PIN; any wait after wrong tries at the old one ends with it."""
        with self._pin_turns.of(pin.member_id):
            self._store.put_many([(PINS, pin.to_json(), None),
                                  (LOCKOUTS, Lockout(pin.member_id).to_json(), None)])

    @staticmethod
    def _check_pin(pin: str) -> str:
        problem = pin_problem(pin)
        if problem is not None:
            raise InvalidInput(f"pin.error.{problem.value}")
        return hash_pin(pin)

    @staticmethod
    def _check_pictures(pictures: list[str]) -> str:
        problem = picture_pin_problem(pictures)
        if problem is not None:
            raise InvalidInput(f"pin.error.{PinProblem.PICTURES_NEEDED.value}")
        return hash_pin(picture_secret(pictures))
