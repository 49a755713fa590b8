"""A check-in as the hub reads it: whole, or in part.

The family's phone saves a check-in only when every part of it is one Homeward knows
(``app.domain.checkins`` stays strict for that). The hub reads what phones send, and a phone on
a newer Homeward may send a feeling, a reason or a "what would help" this hub does not know
yet; a damaged record may miss a part. Refused whole, the child's words were nowhere at the
agency while the caseload still counted the check-in (rule 1). So, as with a safety alert
(``app.hub.caseload.read_alert``), the hub reads what it can, leaves out what it cannot, and
keeps the names of the parts it left out for the screens to say so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from app.domain.checkins import SIZE_MAX, SIZE_MIN, CheckIn, Feeling, Help, Reason
from app.hub.caseload import BAD_BODY
from app.hub.record_checks import checked, made_at, parse_time

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Enum)

#: The parts of a check-in the hub may not be able to read, in the order they are named.
FEELING, SIZE, REASONS, HELPS, WORDS, WHO, WHEN = (
    "feeling", "size", "reasons", "helps", "words", "who", "when")


@dataclass(frozen=True)
class HubCheckIn:
    """A check-in as the agency sees it; ``unread`` names the parts this hub could not read.

    ``feeling`` is None for a feeling this hub does not know, ``size`` None when how big could
    not be read, ``created_by`` empty when who could not be read. ``created_at`` is always a
    time: the check-in's own, or (``when`` unread) the one its phone stamped it with.
    """

    id: str
    feeling: Feeling | None
    size: int | None
    reasons: tuple[Reason, ...]
    helps: tuple[Help, ...]
    words: str
    created_by: str
    created_at: str
    unread: tuple[str, ...] = ()

    @property
    def in_part(self) -> bool:
        """True when some part of the check-in could not be read here."""
        return bool(self.unread)


def read_checkin(record_id: str, body: dict[str, Any], hlc: str, received_at: datetime
                 ) -> HubCheckIn:
    """A stored check-in read whole, or else in part (logged by id, never by content); made
    when its clock stamp says if its own time cannot be believed (``made_at``)."""
    try:
        whole = checked(CheckIn.from_json(body))
        return HubCheckIn(whole.id, whole.feeling, whole.size, whole.reasons, whole.helps,
                          whole.words, whole.created_by,
                          made_at(whole.created_at, hlc, received_at).isoformat())
    except BAD_BODY as exc:
        log.warning("check-in %s read in part: %s", record_id, type(exc).__name__)
    unread: list[str] = []
    feeling = _one(Feeling, body.get("feeling"))
    if feeling is None:
        unread.append(FEELING)
    size = body.get("size")
    if type(size) is not int or not SIZE_MIN <= size <= SIZE_MAX:
        size = None
        unread.append(SIZE)
    reasons, all_reasons = _known(Reason, body.get("reasons"))
    helps, all_helps = _known(Help, body.get("helps"))
    unread += [part for part, whole in ((REASONS, all_reasons), (HELPS, all_helps)) if not whole]
    words = body.get("words", "")
    if not isinstance(words, str):
        words = ""
        unread.append(WORDS)
    who = body.get("created_by")
    if not isinstance(who, str):
        who = ""
        unread.append(WHO)
    when = body.get("created_at")
    if not isinstance(when, str) or parse_time(when) is None:
        unread.append(WHEN)
    when = made_at(when, hlc, received_at).isoformat()
    return HubCheckIn(record_id, feeling, size, reasons, helps, words, who, when,
                      tuple(unread))


def _one(kind: type[E], value: object) -> E | None:
    """The value of ``kind`` that ``value`` names, or None if it is not one this hub knows."""
    try:
        return kind(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _known(kind: type[E], values: object) -> tuple[tuple[E, ...], bool]:
    """The values of ``kind`` a list names (each once), and whether it named only those.

    None or missing is an empty list, as the phone writes one.
    """
    if values is None:
        return (), True
    if not isinstance(values, list | tuple):
        return (), False
    found = [_one(kind, value) for value in values]
    known = tuple(dict.fromkeys(value for value in found if value is not None))
    return known, all(value is not None for value in found)
