"""What the hub accepts in a pushed record, checked one record at a time.

A bad record is refused on its own, with a reason, and the rest of its batch goes on: one
device's mistake must never stop a child's alert or another device's work. Checked here:
the record's shape, its clock stamp (the exact format, and no further ahead of the hub's clock
than ``MAX_STAMP_AHEAD_SECONDS``), its body (an object whose ``id`` is the record's id, none for a
tombstone or a sealed message), that only a diary entry is withdrawn and only what a device
really removes is a tombstone (a child's alert can never be erased), and that a device never
signs as the agency, not even inside the body. Whether the author is one of the household's
people, whether a part of the body the agency signed is as the agency wrote it
(``agency_parts_held``), and whether a visit's worker is one of the household's workers
(``visit_worker``), need the database and are checked in ``sync.push``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from app.hub import sync
from app.hub.limits import describe_location, printable
from app.hub.protocol import FUTURE_STAMP, MAX_BODY_BYTES, b64decode
from app.hub.record_checks import holds_nul
from app.hub.revisions import MAX_SENT_HASHES, compact_json
from app.sync.catalogue import (
    DELETED_ON_DEVICE,
    LOCAL_ONLY,
    SEALED_COLLECTIONS,
    URGENT,
    WITHDRAWABLE,
)
from app.sync.hlc import MAX_STAMP_AHEAD_SECONDS, STAMP_PATTERN

ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
COLLECTION_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
SHARD_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$"
AGENCY_AUTHOR_PREFIX = "agency:"
VISITS = "visits"
_ID = re.compile(ID_PATTERN)
#: ``sent_hashes``: a revision (a whole number written in decimal) → a SHA-256 in lowercase hex.
SentRevision = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,15}$")]
SentHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
SentHashes = Annotated[dict[SentRevision, SentHash], Field(max_length=MAX_SENT_HASHES)]

__all__ = ["Refused", "RecordIn", "agency_parts_held", "check_record", "check_records",
           "compact_json", "visit_worker", "without_the_agency"]


@dataclass(frozen=True)
class Refused:
    """A pushed record the hub will not store: ``reason`` a stable code, ``detail`` a sentence."""

    id: str | None
    revision: int | None
    reason: str
    detail: str


class RecordIn(BaseModel):
    """One record revision in a push."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    id: str = Field(pattern=ID_PATTERN)
    collection: str = Field(pattern=COLLECTION_PATTERN)
    revision: int = Field(ge=1, le=2**53)
    base_revision: int = Field(default=0, ge=0, le=2**53)
    sent_revision: int = Field(default=0, ge=0, le=2**53)
    sent_hashes: SentHashes | None = None
    hlc: str = Field(pattern=STAMP_PATTERN)
    shard: str | None = Field(default=None, pattern=SHARD_PATTERN)
    author: str | None = Field(default=None, pattern=ID_PATTERN)
    schema_version: int = Field(default=1, ge=1, le=1000, alias="schema")
    deleted: bool = False
    withdrawn: bool = False
    urgent: bool = False
    body: Any = None
    sealed_body: str | None = Field(default=None, max_length=MAX_BODY_BYTES * 2)

    @model_validator(mode="after")
    def _consistent(self) -> RecordIn:
        if self.base_revision >= self.revision:
            raise ValueError("base_revision must be lower than revision")
        if self.sent_hashes and max(map(int, self.sent_hashes)) > self.sent_revision:
            raise ValueError("sent_hashes names a revision above sent_revision")
        if self.withdrawn and not self.deleted:
            raise ValueError("a withdrawn record is also deleted")
        if self.deleted and (self.body is not None or self.sealed_body is not None):
            raise ValueError("a deleted record has no body")
        if (self.sealed_body is not None) != (self.collection in SEALED_COLLECTIONS
                                              and not self.deleted):
            # Read as a family's document, ciphertext would stop the worker's pages; and a
            # child's words to the worker never travel open (rules 2 and 7).
            raise ValueError("only a message or a child's houses for the worker travel sealed, "
                             "and always sealed")
        if self.sealed_body is not None:
            if self.body is not None:
                raise ValueError("a record has either a body or a sealed_body, not both")
            b64decode(self.sealed_body)
        elif not self.deleted:
            if not isinstance(self.body, dict):
                raise ValueError("body must be an object")
            if self.body.get("id") != self.id:
                raise ValueError("body.id must be the record's id")
        return self

    def to_record(self) -> sync.Record:
        """Return the record as the hub stores it."""
        sealed = self.sealed_body is not None
        sent_hashes = None if self.sent_hashes is None else tuple(
            sorted((int(revision), digest) for revision, digest in self.sent_hashes.items()))
        if self.sealed_body is not None:
            body: bytes | None = b64decode(self.sealed_body)
        else:
            body = None if self.body is None else compact_json(self.body)
        # "Urgent" lets a child's alert by every check on who wrote it (rule 1): only an alert
        # is urgent, whatever else a device marks so.
        urgent = self.urgent and self.collection in URGENT
        return sync.Record(self.id, self.collection, self.revision, self.hlc, self.deleted,
                           urgent, sealed, body, self.shard, self.base_revision,
                           self.author, self.schema_version, self.sent_revision, self.withdrawn,
                           sent_hashes)


#: How JSON writes a NUL character. A push whose text lacks these six bytes holds none, so
#: only a push that has them has its bodies walked (``holds_nul``): pushes stay cheap.
NUL_ESCAPE = b"\\u0000"


def check_records(records: list[Any], text: bytes, now: float) -> list[sync.Record | Refused]:
    """Check each record of a push whose unzipped JSON text is ``text`` (``check_record``)."""
    may_hold_nul = NUL_ESCAPE in text
    return [check_record(record, now, may_hold_nul) for record in records]


def check_record(raw: Any, now: float, may_hold_nul: bool = True) -> sync.Record | Refused:
    """Return the pushed record ready to store, or why it is refused (``now``: hub seconds).

    ``may_hold_nul``: False when the push's text has no NUL escape, so its body is not walked.
    """
    record_id = raw.get("id") if isinstance(raw, dict) else None
    revision = raw.get("revision") if isinstance(raw, dict) else None
    # The answer names the record only by what could be a record's id and revision: never
    # by text the hub cannot send back (a lone surrogate) or a number no device makes.
    named = (record_id if isinstance(record_id, str) and _ID.fullmatch(record_id) else None,
             revision if type(revision) is int and 0 <= revision <= 2**53 else None)
    try:
        checked = RecordIn.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        return Refused(*named, "malformed", f"{describe_location(first['loc'])}: "
                                            f"{printable(first['msg'])}")
    except ValueError as exc:  # sealed_body that is not base64
        return Refused(*named, "malformed", f"sealed_body: {exc}")
    if checked.collection in LOCAL_ONLY:
        return Refused(*named, "local_only", "That kind of record never leaves a device.")
    if checked.withdrawn and checked.collection not in WITHDRAWABLE:
        return Refused(*named, "not_withdrawable", "Only a diary entry can be made private again.")
    if checked.deleted and not checked.withdrawn and checked.collection not in DELETED_ON_DEVICE:
        return Refused(*named, "not_deletable", "That kind of record is never removed.")
    # ``hlc`` matched STAMP_PATTERN, so its first 13 characters are its milliseconds.
    if int(checked.hlc[:13]) > (now + MAX_STAMP_AHEAD_SECONDS) * 1000:
        return Refused(*named, FUTURE_STAMP,
                       "The record's clock stamp is too far ahead of the hub's clock.")
    if checked.author is not None and checked.author.startswith(AGENCY_AUTHOR_PREFIX):
        return Refused(*named, "agency_author", "Only the agency's hub writes as the agency.")
    if may_hold_nul and holds_nul(checked.body):  # PostgreSQL's JSON cannot hold one
        return Refused(*named, "malformed", "body: text with a NUL character (\\u0000).")
    try:
        return checked.to_record()
    except UnicodeEncodeError:  # a lone surrogate in the body's text
        return Refused(*named, "malformed", "body: text that is not valid Unicode.")


# --- what the agency signed -------------------------------------------------------------
# A device carries the agency's words back only in a record the hub wrote into first (a
# bottom line the worker added, kept in a plan the family has changed since). So a part of a
# body that names the agency as who wrote or changed it must be as the hub holds it: the
# family may add their own stamps to it (a parent read it, took it off the plan), nothing else.


def _names_a_person(key: str) -> bool:
    # Who wrote or changed it: created_by, updated_by, removed_by, by, author, author_id, and
    # who made a visit (its worker_id).
    return key in ("by", "author", "author_id", "worker_id") or key.endswith("_by")


def _agency(value: object) -> bool:
    return isinstance(value, str) and value.startswith(AGENCY_AUTHOR_PREFIX)


def _signed_by_agency(part: dict[str, Any]) -> bool:
    return any(_names_a_person(key) and _agency(value) for key, value in part.items())


def agency_parts_held(sent: Any, held: Any) -> bool:
    """True if every part of ``sent`` the agency signed is as in ``held`` (the hub's copy).

    A list's parts are matched by their ``id`` (by place if they have none).
    """
    if isinstance(sent, dict):
        kept = held if isinstance(held, dict) else {}
        if _signed_by_agency(sent) and not _same_as_agency_wrote(sent, kept):
            return False
        return all(agency_parts_held(value, kept.get(key)) for key, value in sent.items())
    if isinstance(sent, list):
        return all(agency_parts_held(item, _counterpart(item, place, held))
                   for place, item in enumerate(sent))
    return True


def _counterpart(item: Any, place: int, held: Any) -> Any:
    if not isinstance(held, list):
        return None
    if isinstance(item, dict) and "id" in item:
        return next((h for h in held if isinstance(h, dict) and h.get("id") == item["id"]), None)
    return held[place] if place < len(held) else None


def _same_as_agency_wrote(sent: dict[str, Any], held: dict[str, Any]) -> bool:
    for key in sent.keys() | held.keys():
        mine = sent.get(key)
        if _names_a_person(key) and not _agency(mine):
            continue  # the family's own stamp (or none yet): theirs to add
        if key.endswith("_at") and not _agency(sent.get(key[:-3] + "_by")) \
                and (key[:-3] + "_by") in sent.keys() | held.keys():
            continue  # when the family stamped it
        if mine != held.get(key):
            return False
    return True


def without_the_agency(body: Any) -> Any:
    """``body`` with every name of the agency as who wrote or changed a part taken out."""
    if isinstance(body, dict):
        return {key: None if _names_a_person(key) and _agency(value)
                else without_the_agency(value) for key, value in body.items()}
    if isinstance(body, list):
        return [without_the_agency(item) for item in body]
    return body


# --- who made a visit -------------------------------------------------------------------
# The agency's screens say a visit was made by the worker it names, so that must be one of
# the household's workers (``record_rows.household_workers`` says who they are).


def visit_worker(record: sync.Record) -> str | None:
    """The worker a pushed visit names ("" if it names none); None for any other record.

    A sealed visit (nobody at the hub can read it, so no screen names its worker) is None too.
    """
    if record.collection != VISITS or record.body is None or record.sealed:
        return None
    try:
        worker = json.loads(record.body).get("worker_id")
    except (ValueError, AttributeError):
        return ""
    return worker if isinstance(worker, str) else ""


def authored(record: sync.Record, people: set[str], device_id: str) -> sync.Record | None:
    """The record with an author the hub accepts, or None if it must be refused.

    A safety alert is never refused for its author: it is kept without one.
    """
    if record.author is None or record.author == device_id or record.author in people:
        return record
    return replace(record, author=None) if record.urgent else None


AGENCY_MARK = b'"agency:'


def vouched(record: sync.Record, agency_held: dict[str, bytes | None]) -> sync.Record | None:
    """The record if every part of it the agency signed is as the hub holds it, else None.

    A safety alert is never refused: it is kept with the agency's name taken out of it.
    """
    if record.body is None or record.sealed or AGENCY_MARK not in record.body:
        return record
    sent, held = json.loads(record.body), agency_held.get(record.id)
    if agency_parts_held(sent, None if held is None else json.loads(held)):
        return record
    return replace(record, body=compact_json(without_the_agency(sent))) if record.urgent else None
