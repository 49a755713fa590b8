"""Files a screen offers to download (a report to print, the household's export), safely.

A screen puts a file "on the shelf" and gets a long random token; the page's link
``/downloads/<token>`` then fetches it once. Only the browser tab that drew the screen knows
the token, a token works once and not after ten minutes, the links a person was shown stop
working when the app locks or they hand over to someone else, and nothing is written to disk:
a report or an export is made when it is fetched and handed straight to the browser (with
``Cache-Control: no-store``), so no plain copy of the family's records is left in the data
folder. ``OneTimeLinks`` is the token keeping both the app and the hub use.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import quote

ROUTE = "/downloads"
TTL_SECONDS = 600
MAX_WAITING = 200
#: Letters of their own, not a plain letter with an accent, so taking accents off would drop
#: them ("Łucja" became "ucja"): the plain letters a file name spells them with.
_OWN_LETTERS = str.maketrans({
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Ø": "O", "ø": "o",
    "Ħ": "H", "ħ": "h", "ı": "i", "Þ": "Th", "þ": "th", "Æ": "AE", "æ": "ae",
    "Œ": "OE", "œ": "oe", "ß": "ss",
})

T = TypeVar("T")


@dataclass(frozen=True)
class _Waiting(Generic[T]):
    item: T
    expires: float
    owner: object


class OneTimeLinks(Generic[T]):
    """Things waiting to be fetched by an unguessable token: each once, before it expires.

    Never more than ``limit`` wait (the oldest go first), and an owner's can all be
    withdrawn at once.
    """

    def __init__(self, lifetime: float, limit: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._lifetime = lifetime
        self._limit = limit
        self._clock = clock
        self._waiting: dict[str, _Waiting[T]] = {}
        self._lock = threading.Lock()

    def offer(self, item: T, owner: object = None) -> str:
        """Keep ``item`` for one fetch; return its token (256 random bits)."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._waiting = {k: w for k, w in self._waiting.items() if w.expires > now}
            while len(self._waiting) >= self._limit:
                self._waiting.pop(next(iter(self._waiting)))
            self._waiting[token] = _Waiting(item, now + self._lifetime, owner)
        return token

    def take(self, token: str) -> T | None:
        """The item behind a token, once; None if unknown, used or out of time."""
        with self._lock:
            waiting = self._waiting.pop(token, None)
        if waiting is None or waiting.expires <= self._clock():
            return None
        return waiting.item

    def peek(self, token: str) -> T | None:
        """The item behind a token, left waiting; None if unknown, used or out of time."""
        with self._lock:
            waiting = self._waiting.get(token)
        if waiting is None or waiting.expires <= self._clock():
            return None
        return waiting.item

    def withdraw(self, owner: object) -> None:
        """Forget everything ``owner`` offered: its tokens stop working now."""
        with self._lock:
            self._waiting = {k: w for k, w in self._waiting.items() if w.owner is not owner}


@dataclass(frozen=True)
class Offer:
    """A file waiting to be fetched: its name, type, and how to make it."""

    filename: str
    media_type: str
    produce: Callable[[], bytes]


class Shelf:
    """The files offered by this process's screens, each made when fetched, at most once."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._links: OneTimeLinks[Offer] = OneTimeLinks(TTL_SECONDS, MAX_WAITING, clock)

    def offer(self, filename: str, media_type: str, produce: Callable[[], bytes],
              owner: object = None) -> str:
        """Offer a file; return the link that fetches it (once, within ten minutes)."""
        return f"{ROUTE}/{self._links.offer(Offer(filename, media_type, produce), owner)}"

    def take(self, token: str) -> tuple[str, str, bytes] | None:
        """The file behind a token, made now: (name, type, bytes); None if unknown or used."""
        offer = self._links.take(token)
        if offer is None:
            return None
        return offer.filename, offer.media_type, offer.produce()

    def describe(self, token: str) -> tuple[str, str] | None:
        """The name and type of the file behind a token, neither made nor spent; None if
        unknown or used. A download manager or link checker asks this (HEAD) first."""
        offer = self._links.peek(token)
        return None if offer is None else (offer.filename, offer.media_type)

    def withdraw(self, owner: object) -> None:
        """Forget every file ``owner`` offered: its links stop working now."""
        self._links.withdraw(owner)


def plain_letters(words: str) -> str:
    """``words`` with plain letters: "Łucja Wąs" is "Lucja Was", "Tŷ Siân" is "Ty Sian".

    Accents come off (ŵ, ą, ó) and letters with none to take off fold to their plain
    letters (Ł, đ, ø). Anything else stays as it is, for the caller to turn into a dash.
    """
    folded = unicodedata.normalize("NFKD", words.translate(_OWN_LETTERS))
    return "".join(c for c in folded if not unicodedata.combining(c))


def attachment(name: str) -> str:
    """A Content-Disposition header for a file called ``name``, whatever its letters.

    A header carries Latin-1 only, so "Łucja" or "Dafydd Ŵyn" in a file name made the answer
    fail (and spent its one-time link): the name goes in UTF-8 as ``filename*`` (RFC 6266),
    with a plain-letters ``filename`` for the oldest browsers.
    """
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", plain_letters(name)).strip("-") or "homeward"
    whole = quote(name, safe="", errors="replace")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{whole}"
