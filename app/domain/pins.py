"""PINs and picture PINs: how they are checked, hashed, and how wrong guesses lock a person out.

A PIN gates the screens inside an unlocked household; it is not what encrypts the data
(the household passphrase is). PINs are stored only as salted scrypt hashes, and five
wrong tries lock that person out for 30 seconds, doubling each time.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 6
PICTURE_PIN_LENGTH = 3
TRIES_BEFORE_LOCKOUT = 5
FIRST_LOCKOUT_SECONDS = 30
#: Each lockout doubles the wait, up to an hour: a toddler's taps never shut a parent out for
#: a day.
LONGEST_LOCKOUT_SECONDS = 3600

_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1


class Picture(StrEnum):
    """The nine pictures a child chooses their picture PIN from."""

    APPLE = "apple"
    MOON = "moon"
    STAR = "star"
    SUN = "sun"
    TREE = "tree"
    FISH = "fish"
    BALL = "ball"
    CAR = "car"
    FLOWER = "flower"


class PinProblem(StrEnum):
    """Why a new PIN is refused; each has a plain message in the catalogue."""

    NOT_DIGITS = "not_digits"
    WRONG_LENGTH = "wrong_length"
    TOO_SIMPLE = "too_simple"
    PICTURES_NEEDED = "pictures_needed"


def pin_problem(pin: str) -> PinProblem | None:
    """Say what is wrong with a new numeric PIN, or None if it can be used."""
    if not pin.isdigit() or not pin.isascii():
        return PinProblem.NOT_DIGITS
    if not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        return PinProblem.WRONG_LENGTH
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        return PinProblem.TOO_SIMPLE
    return None


def picture_pin_problem(pictures: list[str] | tuple[str, ...]) -> PinProblem | None:
    """Say what is wrong with a new picture PIN, or None if it can be used."""
    valid = {picture.value for picture in Picture}
    if len(pictures) != PICTURE_PIN_LENGTH or any(p not in valid for p in pictures):
        return PinProblem.PICTURES_NEEDED
    return None


def picture_secret(pictures: list[str] | tuple[str, ...]) -> str:
    """The string a picture PIN is hashed as."""
    return "pictures:" + "-".join(pictures)


def hash_pin(secret: str) -> str:
    """Hash a PIN (or picture secret) with a fresh salt, for storing."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        secret.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def pin_matches(secret: str, stored: str) -> bool:
    """True when ``secret`` is the PIN that ``stored`` was made from."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            secret.encode(),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(digest_hex) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


@dataclass(frozen=True)
class Lockout:
    """Wrong-PIN tries for one person; kept in the store so a restart does not reset it."""

    member_id: str
    failures: int = 0
    lockouts: int = 0
    locked_until: float = 0.0
    #: When the current lockout began, so a clock set back never stretches it.
    locked_at: float = 0.0

    def length(self) -> float:
        """How long the current (or last) lockout lasts, in seconds."""
        if not self.lockouts:
            return 0.0
        return float(min(FIRST_LOCKOUT_SECONDS * 2 ** min(self.lockouts - 1, 32),
                         LONGEST_LOCKOUT_SECONDS))

    def seconds_left(self, now: float) -> int:
        """Whole seconds this person must still wait (0 when they may try), never more than
        the lockout itself lasts."""
        return max(0, math.ceil(min(self.locked_until - now, self.length())))

    def settled(self, now: float) -> Lockout:
        """The lockout as it stands at ``now``: if the clock went back to before it began (a
        cheap phone's flat battery, a corrected date), it runs its length again from now
        rather than for the whole gap."""
        if now >= self.locked_at or self.locked_until <= self.locked_at:
            return self
        left = min(self.locked_until - self.locked_at, self.length())
        return Lockout(self.member_id, self.failures, self.lockouts, now + left, now)

    def after_failure(self, now: float) -> Lockout:
        """The state after one more wrong PIN; the fifth in a row starts a lockout."""
        failures = self.failures + 1
        if failures < TRIES_BEFORE_LOCKOUT:
            return Lockout(self.member_id, failures, self.lockouts, self.locked_until,
                           self.locked_at)
        locked = Lockout(self.member_id, 0, self.lockouts + 1)
        return Lockout(self.member_id, 0, locked.lockouts, now + locked.length(), now)

    def tries_left(self) -> int:
        """How many wrong tries remain before the next lockout."""
        return TRIES_BEFORE_LOCKOUT - self.failures

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "id": self.member_id,
            "failures": self.failures,
            "lockouts": self.lockouts,
            "locked_until": self.locked_until,
            "locked_at": self.locked_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lockout:
        """Rebuild from the stored record."""
        made = cls(data["id"], data["failures"], data["lockouts"], data["locked_until"])
        # Kept before lockouts knew when they began: it began one length before its end.
        began = data.get("locked_at", made.locked_until - made.length())
        return cls(made.member_id, made.failures, made.lockouts, made.locked_until, began)
