"""The people of a household: parents and carers, children, and their support worker."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

MAX_NAME_LENGTH = 40
MIN_CHILD_AGE = 2
MAX_CHILD_AGE = 18
TEXT_SCALES = (100, 125, 150, 175, 200)  # the text sizes a person can choose, in percent


class Role(StrEnum):
    """What a person is in the household; it decides their home screen."""

    PARENT = "parent"
    CHILD = "child"
    WORKER = "worker"


class Avatar(StrEnum):
    """The pictures a person can be shown as: animals and colours a child can recognise."""

    FOX = "fox"
    OWL = "owl"
    BEAR = "bear"
    CAT = "cat"
    DOG = "dog"
    RABBIT = "rabbit"
    FROG = "frog"
    PANDA = "panda"
    LION = "lion"
    UNICORN = "unicorn"
    PERSON = "person"
    WORKER = "worker"


CHILD_AVATARS: tuple[Avatar, ...] = (
    Avatar.FOX,
    Avatar.OWL,
    Avatar.BEAR,
    Avatar.CAT,
    Avatar.DOG,
    Avatar.RABBIT,
    Avatar.FROG,
    Avatar.PANDA,
    Avatar.LION,
    Avatar.UNICORN,
)


@dataclass(frozen=True)
class Member:
    """One person in the household. Removed people keep their record so history stays.

    A person's PIN is not part of them: it belongs to each device they use (``DevicePin``),
    so it never travels and each device asks for its own.
    """

    id: str
    name: str
    role: Role
    avatar: Avatar
    created_at: str
    created_by: str | None = None
    age: int | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    removed_at: str | None = None
    removed_by: str | None = None
    language: str | None = None  # a language tag ("cy-GB"); None: the household's
    text_scale: int | None = None  # their text size in percent (TEXT_SCALES); None: 100%

    @property
    def active(self) -> bool:
        """True until the person is removed from the household."""
        return self.removed_at is None

    @property
    def text_percent(self) -> int:
        """Their text size in percent: their choice if it is one offered, else 100."""
        return self.text_scale if self.text_scale in TEXT_SCALES else 100

    @property
    def uses_picture_pin(self) -> bool:
        """Children sign in with three pictures; everyone else with digits."""
        return self.role is Role.CHILD

    def changed(self, by: str, at: str, **fields: Any) -> Member:
        """Return a copy with ``fields`` changed and who changed it recorded."""
        return replace(self, updated_by=by, updated_at=at, **fields)

    def to_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "avatar": self.avatar.value,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "age": self.age,
            "updated_at": self.updated_at,
            "updated_by": self.updated_by,
            "removed_at": self.removed_at,
            "removed_by": self.removed_by,
            "language": self.language,
            "text_scale": self.text_scale,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Member:
        """Rebuild a member from its stored record."""
        return cls(
            id=data["id"],
            name=data["name"],
            role=Role(data["role"]),
            avatar=Avatar(data["avatar"]),
            created_at=data["created_at"],
            created_by=data.get("created_by"),
            age=data.get("age"),
            updated_at=data.get("updated_at"),
            updated_by=data.get("updated_by"),
            removed_at=data.get("removed_at"),
            removed_by=data.get("removed_by"),
            language=data.get("language"),
            text_scale=data.get("text_scale"),
        )


@dataclass(frozen=True)
class DevicePin:
    """A person's PIN (or picture PIN) on this device: a salted hash, never sent anywhere."""

    member_id: str
    pin_hash: str
    set_at: str
    approved_by: str | None = None  # the parent who said it was fine, or None (passphrase)

    def to_json(self) -> dict[str, Any]:
        """The record as stored (in a collection that never leaves the device)."""
        return {"id": self.member_id, "pin_hash": self.pin_hash, "set_at": self.set_at,
                "approved_by": self.approved_by}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DevicePin:
        """Rebuild a device PIN from its stored record."""
        return cls(data["id"], data["pin_hash"], data.get("set_at", ""), data.get("approved_by"))


#: The characters that turn the direction text runs in (embeddings, overrides, isolates and
#: marks): in a name or a family's words they would turn the app's own words round them too.
DIRECTION_CONTROLS = frozenset({*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
                                "\u200e", "\u200f", "\u061c"})
_NO_DIRECTION = str.maketrans(dict.fromkeys(DIRECTION_CONTROLS))


def without_direction_controls(text: str) -> str:
    """``text`` with no direction controls, ready to go into a sentence of the app's own."""
    return text.translate(_NO_DIRECTION)


def shown_name(name: str) -> str:
    """A name as a sentence says it: on one line, spaces tidied, no direction controls."""
    return " ".join(without_direction_controls(name).split())


def clean_name(name: str) -> str:
    """Collapse spaces so " Sam  " and "Sam" are the same name; "" if nothing can be seen.

    Invisible characters (a zero-width space, a soft hyphen) at either end of a word go: a
    name of nothing else would show as a blank button. One joining two pictures stays.
    Direction controls go wherever they are: "Ru\u202eby" would turn the words after it round.
    """
    words = (_strip_invisible(word) for word in shown_name(name).split())
    cleaned = " ".join(word for word in words if word)
    seen = any(unicodedata.category(ch)[0] in "LNS" for ch in cleaned)
    return cleaned if seen else ""


def same_name_key(name: str) -> str:
    """What two names are compared by: two names a child could not tell apart share a key.

    "Sam", "sam", "Sam" with a hidden character, "Sаm" with a Cyrillic "а", a full-width
    "Ｓam" and "Zoë" typed as "e" plus a joining mark all give the same key.
    """
    seen = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    latin = unicodedata.normalize("NFKC", seen).translate(_LOOK_ALIKES)
    return unicodedata.normalize("NFKC", latin.casefold())


# Cyrillic and Greek letters drawn like Latin ones, mapped before case folding so a Greek
# capital Eta reads as "H" (its small letter would look like an "n").
_LOOK_ALIKES = str.maketrans(
    "аеорсухіѕјАВЕКМНОРСТХУІЅЈ" "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖο",
    "aeopcyxisjABEKMHOPCTXYISJ" "ABEHIKMNOPTXYZo",
)


def _strip_invisible(word: str) -> str:
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]) == "Cf":
        start += 1
    while end > start and unicodedata.category(word[end - 1]) == "Cf":
        end -= 1
    return word[start:end]
