"""The hub's input limits: a request body is read, unzipped and parsed only within bounds.

Anything a client sends is bounded before it costs the hub memory or time: the bytes read
(``MAX_PAIR_BYTES`` for an unsigned pairing request, ``MAX_BODY_BYTES`` otherwise), the bytes
unzipped (gzip is inflated in steps that stop at the limit, so a bomb is never inflated), the
number of JSON values (counted in the raw bytes before parsing: a parsed tiny value costs about
a hundred bytes) and how deeply arrays and objects nest. Non-finite numbers, text that is not
UTF-8 and integers of more than ``MAX_INT_DIGITS`` digits are refused too. Every refusal is a
``HubRefusal``: a 4xx status, a stable code and a sentence safe to send back (never the
client's own text).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

from starlette.requests import Request

from app.hub.protocol import (
    MAX_JSON_DEPTH,
    MAX_JSON_VALUES,
    BadBody,
    TooLarge,
    decompress,
)

#: A body that unzips to more than this waits for the hub's one large-body lane.
ORDINARY_JSON_BYTES = 2 * 1024 * 1024
_MAX_DIGITS = 19  # a Content-Length or a timestamp longer than this is not one
#: Digits in a JSON integer at most: no record needs more, and reading a longer one costs time
#: that grows with the square of its length.
MAX_INT_DIGITS = 64
#: A JSON string, or the rest of the body after an unclosed quote: every attempt that starts
#: at a quote matches, so the search never starts again inside a string (which is quadratic).
_STRINGS = re.compile(rb'"[^"\\]*(?:\\(?:.|\Z)[^"\\]*)*(?:"|\Z)', re.DOTALL)
#: Every digit made a "0", so that a run of too many digits is one quick substring search.
_DIGITS_AS_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_TOO_MANY_DIGITS = b"0" * (MAX_INT_DIGITS + 1)
_SAFE_PART = re.compile(r"^[A-Za-z0-9_]{1,40}$")


class HubRefusal(Exception):
    """A request the hub refuses: an HTTP status, a stable error code and a sentence."""

    def __init__(self, status: int, code: str, detail: str,
                 facts: dict[str, int] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = printable(detail)
        #: Figures the device can act on, sent beside the code (the hub's time, for ``stale``).
        self.facts = facts or {}


class LargeBody(Exception):
    """A body that unzips to more than ``ORDINARY_JSON_BYTES``: parse it in the large lane."""


def printable(text: str, limit: int = 300) -> str:
    """Return ``text`` cut to ``limit`` characters with anything not UTF-8 escaped."""
    return text[:limit].encode("utf-8", "backslashreplace").decode("utf-8")


def size_words(limit: int) -> str:
    """Return a byte limit as people say it: ``4 KiB``, ``2 MiB``."""
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    return f"{limit // 1024} KiB" if limit % 1024 == 0 else f"{limit} bytes"


def digits(text: str, longest: int = _MAX_DIGITS) -> int | None:
    """Return the number in ``text`` if it is 1 to ``longest`` ASCII digits, else None.

    ``str.isdigit`` alone accepts "²" and 5,000-digit numbers, which ``int`` then refuses.
    """
    if not text or len(text) > longest or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def too_large(limit: int, unzipped: bool = False) -> HubRefusal:
    """The refusal for a body over ``limit`` bytes (as sent, or once unzipped)."""
    where = " once unzipped" if unzipped else ""
    return HubRefusal(413, "too_large", f"The request body is larger than {size_words(limit)}"
                                        f"{where}.")


async def read_body(request: Request, limit: int) -> bytes:
    """Read a request body of at most ``limit`` bytes; refuse (413) as soon as it is more."""
    declared = request.headers.get("content-length")
    if declared is not None:
        length = digits(declared)
        if length is None:
            raise HubRefusal(400, "malformed", "The Content-Length header is not a number.")
        if length > limit:
            raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def unzip(raw: bytes, encoding: str, limit: int, ordinary: int | None = None) -> bytes:
    """Return the body's JSON bytes: gunzipped if sent gzip, never more than ``limit``.

    Raises:
        LargeBody: it is more than ``ordinary`` (when given) but may be up to ``limit``.
        HubRefusal: an unknown encoding, gzip that is broken, or more than ``limit``.
    """
    encoding = encoding.strip().lower()
    if encoding not in ("gzip", "identity"):
        raise HubRefusal(415, "unsupported_encoding", "Send the body gzip-compressed.")
    step = limit if ordinary is None else min(ordinary, limit)
    if encoding == "identity":
        data = raw
        if len(data) > limit:
            raise too_large(limit, unzipped=True)
        if len(data) > step:
            raise LargeBody()
        return data
    try:
        return decompress(raw, step)
    except TooLarge as exc:
        if step < limit:
            raise LargeBody() from exc
        raise too_large(limit, unzipped=True) from exc
    except BadBody as exc:
        raise HubRefusal(400, "bad_compression", f"The body could not be unzipped: {exc}.") from exc


def count_values(data: bytes) -> int:
    """Return an upper bound on the JSON values in ``data`` (exact outside strings).

    Every value but the first in an array or object follows a comma, and every array or
    object opens with a bracket. Counting those bytes is quick; only when the count is over
    the limit are the strings (whose commas do not count) taken out and the count made again.
    """
    quick = data.count(b",") + data.count(b"[") + data.count(b"{") + 1
    if quick <= MAX_JSON_VALUES:
        return quick
    bare = _STRINGS.sub(b'""', data)
    return bare.count(b",") + bare.count(b"[") + bare.count(b"{") + 1


class _BadNumber(ValueError):
    """A number JSON may spell but the hub will not read; the message says which."""


def _refuse_constant(name: str) -> Any:
    raise _BadNumber(f"The body has {name}, which is not a JSON number.")


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _BadNumber(f"The body has a whole number of more than {MAX_INT_DIGITS} digits.")
    return int(text)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _BadNumber("The body has a number too large to hold.")
    return number


def _too_deep() -> HubRefusal:
    return HubRefusal(400, "too_deep",
                      f"The body's arrays and objects nest more than {MAX_JSON_DEPTH} deep.")


def nesting_within(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """True if arrays and objects in ``value`` nest at most ``limit`` deep."""
    return limit >= 1 and _within(value, limit - 1)


def _within(item: Any, room: int) -> bool:
    """True if the arrays and objects inside ``item`` nest at most ``room`` deeper.

    Recursion is bounded by ``room``; ``type() is`` because JSON makes only plain dicts and
    lists, and it is the quickest test a push's thousands of values can take.
    """
    for child in item.values() if type(item) is dict else item:
        kind = type(child)
        if (kind is dict or kind is list) and (room == 0 or not _within(child, room - 1)):
            return False
    return True


def parse_json(data: bytes) -> Any:
    """Parse JSON bytes within the value and nesting limits; raise HubRefusal if it cannot."""
    if count_values(data) > MAX_JSON_VALUES:
        raise HubRefusal(413, "too_large",
                         f"The body holds more than {MAX_JSON_VALUES:,} JSON values.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HubRefusal(400, "malformed", "The body is not UTF-8 text.") from exc
    # Only a body with a run of more than MAX_INT_DIGITS digits somewhere can hold such an
    # integer; the others are parsed without calling back into Python for every integer.
    ints = _short_int if _TOO_MANY_DIGITS in data.translate(_DIGITS_AS_ZEROS) else None
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite,
                           parse_int=ints)
    except RecursionError as exc:
        raise _too_deep() from exc
    except _BadNumber as exc:
        raise HubRefusal(400, "malformed", str(exc)) from exc
    except ValueError as exc:
        raise HubRefusal(400, "malformed", "The body is not valid JSON.") from exc
    if isinstance(value, dict | list) and not nesting_within(value):
        raise _too_deep()
    return value


def describe_location(location: Sequence[int | str]) -> str:
    """Name where in a body a check failed (``records.3.revision``), never echoing odd keys."""
    parts = [str(part) if isinstance(part, int) or _SAFE_PART.match(part) else "?"
             for part in location[:8]]
    return ".".join(parts) or "body"
