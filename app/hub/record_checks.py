"""What the hub, and each of the family's devices, checks of a decoded record before use.

The domain's ``from_json`` trusts the app that wrote the record; the hub reads whatever a paired
device pushed, and the family's other devices pull it from the hub. A record whose fields are
not what their types say (a number where a time or words belong), whose times or month the
calendar cannot hold, or whose score or size is out of range is refused here with
``ValueError``, so the hub's readers skip it as they skip a body that does not decode, and a
device sets it aside (``app.sync.readers``): one bad record never stops a page, a caseload or
a screen at home.
"""

from __future__ import annotations

import math
import re
import types
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from app.domain.checkins import SIZE_MAX, SIZE_MIN, CheckIn
from app.domain.programme.reviews import GoalRating
from app.domain.safety_scale import SCALE_MAX, SCALE_MIN, SafetyRating
from app.sync.hlc import MAX_STAMP_AHEAD_SECONDS, Stamp

T = TypeVar("T")

#: No whole number in a family's records comes near this (ages, stars, days, revisions).
LARGEST = 10**9
#: Numbers with a scale of their own, by the record type and field they are in.
RANGES: dict[tuple[type, str], tuple[int, int]] = {
    (SafetyRating, "score"): (SCALE_MIN, SCALE_MAX),
    (GoalRating, "score"): (SCALE_MIN, SCALE_MAX),
    (CheckIn, "size"): (SIZE_MIN, SIZE_MAX),
}
#: A month as records keep it ("2026-11"): pages, charts and printouts put months in order and
#: name them from this text.
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def parse_time(text: object) -> datetime | None:
    """An ISO timestamp from a record as an aware UTC datetime (naive ones are taken as UTC);
    None for anything else: not a string, not a time, or outside what the clock holds."""
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def on_hub_clock(moment: datetime) -> datetime:
    """``moment`` on the hub's own clock (its local zone), as the hub's printed reports show
    times (``app.reports.words``), so a screen and a report name the same day; unchanged at
    the very ends of the calendar, where the local zone cannot hold it."""
    try:
        return moment.astimezone()
    except (ValueError, OverflowError, OSError):
        return moment


def local_day(text: object) -> date | None:
    """The day a record's ISO date or timestamp falls on, on the hub's own clock.

    A date alone ("2026-11-03") is that day in every zone; a timestamp the hub cannot read
    keeps the day it starts with, and anything else is None (a device may send anything).
    """
    if not isinstance(text, str):
        return None
    moment = parse_time(text) if len(text) > 10 else None
    if moment is not None:
        return on_hub_clock(moment).date()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def made_at(text: object, hlc: str, received_at: datetime) -> datetime:
    """When a record made once and never changed (a check-in, an alert) was made, for ordering
    alerts and judging how long a family has been quiet.

    Its own time (``text``) if that can be read and its clock stamp (``hlc``) agrees with it,
    else the time in the stamp, else when the hub received it; never after it was received.
    The stamp is given by the hub's time once the hub has told a phone its clock is out
    (``HybridClock.go_by_hub``), and a stamp ahead of the hub's clock is refused and given
    again, but a record's own time may come from a phone set days out by hand: a child's alert
    raised just now must not read as days old, nor a family quiet for days as just heard from.
    A phone offline for days sends times days before they were received, and its stamps agree.

    The caseload counts a week's records by their clock stamps, so a record without a time of
    its own falls on the same day on every screen.
    """
    moment = parse_time(text)
    stamped = _stamp_time(hlc)
    if stamped is not None and (moment is None or abs(
            (moment - stamped).total_seconds()) > MAX_STAMP_AHEAD_SECONDS):
        moment = stamped
    return received_at if moment is None else min(moment, received_at)


def _stamp_time(hlc: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(Stamp.parse(hlc).millis / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def holds_nul(body: object) -> bool:
    """True if any text or key in a decoded JSON body holds a NUL character ("\\u0000").

    PostgreSQL's JSON cannot hold one, and the caseload reads bodies there: the hub refuses
    such a body (``app.hub.intake``) and a device sets one aside (``app.sync.readers``).
    """
    if isinstance(body, str):
        return "\0" in body
    if isinstance(body, dict):
        return any("\0" in key or holds_nul(value) for key, value in body.items())
    if isinstance(body, list):
        return any(holds_nul(item) for item in body)
    return False


def checked(item: T) -> T:
    """Return the decoded record if every field is what its type says; raise ValueError if not.

    Fields whose names end in ``_at`` must be readable times when they are strings, and a
    field named ``month`` a real month ("2026-11").
    """
    if not _readable(item):
        raise ValueError(f"a {type(item).__name__} that the hub cannot read")
    return item


@cache
def _hints(kind: type) -> dict[str, Any]:
    try:
        return get_type_hints(kind)
    except (NameError, TypeError):  # a type only named for the type checker: left unchecked
        return {}


def _readable(item: object) -> bool:
    if not is_dataclass(item) or isinstance(item, type):
        return True
    hints = _hints(type(item))
    for field in fields(item):
        value = getattr(item, field.name)
        if field.name in hints and not _fits(value, hints[field.name]):
            return False
        if field.name.endswith("_at") and isinstance(value, str) and parse_time(value) is None:
            return False
        if field.name == "month" and isinstance(value, str) and not _MONTH.fullmatch(value):
            return False
        bounds = RANGES.get((type(item), field.name))
        if bounds is not None and not (isinstance(value, int | float)
                                       and bounds[0] <= value <= bounds[1]):
            return False
    return True


def _fits(value: object, hint: Any) -> bool:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, choice) for choice in get_args(hint))
    if hint is type(None):
        return value is None
    if hint is str:
        return isinstance(value, str)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= LARGEST
    if hint is float:
        return (isinstance(value, int | float) and not isinstance(value, bool)
                and math.isfinite(value) and abs(value) <= LARGEST)
    if origin is tuple:
        args = get_args(hint)
        if not isinstance(value, tuple):
            return False
        return len(args) != 2 or args[1] is not Ellipsis or all(_fits(v, args[0]) for v in value)
    if origin is dict:
        # Keys are checked only as far as their type: a feeling or a question named by a newer
        # Homeward is still a word, and the screens that read these cope with names they lack.
        key, item = get_args(hint) or (Any, Any)
        return isinstance(value, dict) and all(_fits(k, key) and _fits(v, item)
                                               for k, v in value.items())
    if hint is dict:
        return isinstance(value, dict)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return isinstance(value, hint)
    if isinstance(hint, type) and is_dataclass(hint):
        return isinstance(value, hint) and _readable(value)
    return True  # dates, Any and the like: the domain's reader decided
