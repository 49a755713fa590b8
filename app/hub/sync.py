"""The hub's side of sync, over the database (no HTTP here): push, pull and worker changes.

Pairing and nonces are in ``devices``, the conflict queue in ``conflict_queue``, what a pushed
record must look like in ``intake``, how a revision is judged in ``revisions`` and how a batch's
rows are read and written in a few statements in ``record_rows``; what a push makes of edits
that cross across records or inside one (the last parent, signings at once) in ``crossings``.

Pushes in one household are serialised by a lock on the household's row, which also hands out
the household's server sequence numbers; so sequence order is commit order and a pull by
cursor can never skip a record that commits late. Every request's nonce is recorded in the same
transaction as its effects, so a rejected request leaves nothing behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, bindparam, select, update

from app.hub import record_rows, revisions
from app.hub.casework.allocation import may_write
from app.hub.db import HOUSEHOLD_LOCK, households, records
from app.hub.devices import Device, spend_nonce
from app.hub.record_rows import (
    MEMBERS,
    Held,
    held_and_people,
    known_hashes,
    row_values,
    write_rows,
)
from app.hub.revisions import (
    CONFLICT,
    DUPLICATE,
    REFUSED,
    STORED,
    Current,
    Incoming,
    content_hash,
    verdict,
)
from app.sync.catalogue import NOT_PULLED

if TYPE_CHECKING:
    from app.hub.intake import Refused

__all__ = ["CONFLICT", "DUPLICATE", "MEMBERS", "REFUSED", "STORED", "Answer", "Held", "Record",
           "StaleBase", "row_values", "write_rows"]

AGENCY_AUTHOR = "agency:{worker_id}"


@dataclass(frozen=True)
class Record:
    """One record revision as it travels: the hub never looks inside ``body``."""

    id: str
    collection: str
    revision: int
    hlc: str
    deleted: bool
    urgent: bool
    sealed: bool
    body: bytes | None
    shard: str | None = None
    base_revision: int = 0
    author: str | None = None
    schema: int = 1
    sent_revision: int = 0
    withdrawn: bool = False
    #: (revision, content hash) of what the device sent since its base (None: not said).
    sent_hashes: tuple[tuple[int, str], ...] | None = None

    @property
    def content_hash(self) -> str:
        """The hash that tells this revision's content from another's.

        Worked out when first asked (a push asks several times, a pull never) and kept.
        """
        kept: str | None = self.__dict__.get("_content_hash")
        if kept is None:
            kept = content_hash(self.collection, self.deleted, self.sealed, self.body)
            object.__setattr__(self, "_content_hash", kept)
        return kept


@dataclass(frozen=True)
class Answer:
    """The hub's answer for one pushed record.

    ``current_revision`` is set for a conflict; ``reason`` and ``detail`` for a refusal.
    """

    status: str
    current_revision: int | None = None
    reason: str | None = None
    detail: str | None = None


#: The answers that carry nothing but their status, made once (a batch has a hundred).
_PLAIN_ANSWERS = {status: Answer(status) for status in (STORED, DUPLICATE)}
_HELD_REFUSALS = {reason: Answer(REFUSED, reason=reason, detail=detail)
                  for reason, detail in revisions.HELD_REFUSALS.items()}


class StaleBase(Exception):
    """A worker's change was made to a revision that is no longer the current one."""

    def __init__(self, current_revision: int) -> None:
        super().__init__(current_revision)
        self.current_revision = current_revision


# Every push runs these: built once, since building a statement costs more than running it.
_LOCK = HOUSEHOLD_LOCK  # its first column is the last sequence number
_LAST_SEQ = update(households).where(households.c.id == bindparam("household")).values(
    last_seq=bindparam("seq"))


def lock_household(connection: Connection, household_id: str) -> int:
    """Take the household's row lock for this transaction; return its last sequence number."""
    return int(connection.execute(_LOCK, {"household": household_id}).scalar_one())


def push(
    engine: Engine, device: Device, nonce: str, batch: list[Record | Refused], now: datetime
) -> list[Answer]:
    """Store a batch idempotently; answer each record (stored, duplicate, conflict, refused).

    A conflicting revision is filed in the conflict queue in the same transaction; a refused
    record (from ``intake``, by an author who is not one of the household's people, or a visit
    by someone who is not one of its workers) is answered on its own and the rest of the batch
    goes on.

    Raises:
        Replayed: the nonce was used before; nothing is stored.
    """
    from app.hub.conflict_queue import file_conflicts
    from app.hub.crossings import Crossings
    from app.hub.intake import AGENCY_MARK, authored, visit_worker, vouched

    answers: list[Answer] = []
    household_id = device.household_id
    with engine.begin() as connection:
        # The household's lock before the device's row, the order closing and erasing take
        # them in: the other way round, a push and a closing can wait for each other for ever.
        seq = lock_household(connection, household_id)
        spend_nonce(connection, device, nonce, now)
        incoming = [item for item in batch if isinstance(item, Record)]
        current, authors = held_and_people(connection, household_id,
                                           {record.id for record in incoming})
        # Only a record the hub holds has stored revisions (record_rows says why): this very
        # revision's hash, and the current one's (to check what the device says it sent).
        known = known_hashes(connection, household_id,
                             {(r.id, revision) for r in incoming if r.id in current
                              for revision in (r.revision, current[r.id].revision)})
        authors |= {r.id for r in incoming if r.collection == MEMBERS and not r.deleted}
        # What the hub holds of a record whose body names the agency (the one place a device
        # could write as the agency): rare, so read only for those.
        agency_held = record_rows.held_bodies(connection, household_id, {
            r.id for r in incoming if r.body is not None and not r.sealed
            and AGENCY_MARK in r.body})
        # Who each visit names as its worker, and which of them are the household's workers.
        named = {worker for r in incoming if (worker := visit_worker(r)) is not None}
        workers = record_rows.household_workers(connection, household_id, named, incoming)
        crossings = Crossings(connection, household_id, incoming, authors, now)
        in_db = set(current)
        new_rows: dict[str, dict[str, Any]] = {}
        changed_rows: dict[str, dict[str, Any]] = {}
        crossed: list[tuple[Record, int]] = []

        def keep(record: Record, device_id: str | None) -> None:
            nonlocal seq
            seq += 1
            current[record.id] = Held(record.revision, device_id, record.withdrawn,
                                      record.collection, record.author, record.deleted)
            known[(record.id, record.revision)] = record.content_hash
            values = row_values(record, device_id, now, seq)
            (changed_rows if record.id in in_db else new_rows)[record.id] = values
            crossings.stored(record)

        replaced: set[str] = set()
        for item in batch:
            if not isinstance(item, Record):
                answers.append(Answer(REFUSED, reason=item.reason, detail=item.detail))
                continue
            record = authored(item, authors, device.id)
            if record is None:
                answers.append(Answer(REFUSED, reason="unknown_author",
                                      detail="The author is not one of the household's people."))
                continue
            record = vouched(record, agency_held)
            if record is None:
                answers.append(Answer(REFUSED, reason="agency_author",
                                      detail="Only the agency's hub writes as the agency."))
                continue
            if visit_worker(record) not in workers | {None}:  # even an urgent one: not an alert
                answers.append(Answer(REFUSED, reason="unknown_worker", detail=(
                    "The visit's worker is not one of the household's workers.")))
                continue
            held = current.get(record.id)
            guard = None if held is None else revisions.against_held(
                record, held, known.get((record.id, record.revision)) == record.content_hash)
            if guard in _HELD_REFUSALS:
                answers.append(_HELD_REFUSALS[guard])
                continue
            # A record the hub has never held is new: stored (``verdict``'s first rule); so is
            # a child's record in the place of a withdrawal (``against_held``).
            decided = STORED if held is None or guard == revisions.IN_ITS_PLACE else verdict(
                Current(held.revision, held.device_id, held.withdrawn,
                        known.get((record.id, held.revision))),
                Incoming(record.revision, record.base_revision, record.sent_revision,
                         record.content_hash, record.withdrawn, record.sent_hashes),
                known.get((record.id, record.revision)), device.id)
            decided, hub_made = crossings.decide(record, held, decided)
            if hub_made is not None:  # the hub's own revision: a parent kept, signings put together
                keep(hub_made, None)
            if decided == CONFLICT:
                at = current[record.id].revision if record.id in current else 0  # new
                crossed.append((record, at))
                answers.append(Answer(CONFLICT, at))
                continue
            answers.append(_PLAIN_ANSWERS[decided])
            if decided != STORED:
                continue
            if guard == revisions.IN_ITS_PLACE:
                replaced.add(record.id)
            elif held is not None and record.revision <= held.revision:  # a late withdrawal
                record = replace(record, revision=held.revision + 1)
            keep(record, device.id)
        record_rows.forget_revisions(connection, household_id, replaced)
        write_rows(connection, household_id, new_rows, changed_rows)
        record_rows.forget_withdrawn(connection, household_id, [
            row["rid"] for row in (*new_rows.values(), *changed_rows.values())
            if row["withdrawn_at"] is not None])
        file_conflicts(connection, device, crossed, now)
        connection.execute(_LAST_SEQ, {"household": household_id, "seq": seq})
    return answers


#: What a pull reads of each record (not when or from which device the hub received it).
_PULLED = (records.c.record_id, records.c.collection, records.c.revision, records.c.hlc,
           records.c.deleted, records.c.urgent, records.c.sealed, records.c.body, records.c.shard,
           records.c.base_revision, records.c.author, records.c.schema, records.c.withdrawn_at,
           records.c.seq)


def pull(
    engine: Engine, device: Device, nonce: str, after: int, limit: int, now: datetime
) -> tuple[list[Record], int, bool]:
    """Return (records changed after sequence ``after``, the last sequence seen, more waiting).

    Records no device keeps (``NOT_PULLED``: alerts, seen marks, sealed messages) are left
    out of what is returned, never out of the sequence: the cursor passes them.

    Raises:
        Replayed: the nonce was used before.
    """
    with engine.begin() as connection:
        spend_nonce(connection, device, nonce, now)
        rows = connection.execute(
            select(*_PULLED)
            .where(records.c.household_id == device.household_id, records.c.seq > after)
            .order_by(records.c.seq)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    # Alerts, seen marks and sealed rows stay here (rule 7), but the cursor still moves past
    # them, so a page of nothing else answers no records and the next pull goes on after it.
    found = [
        Record(
            r.record_id, r.collection, r.revision, r.hlc, r.deleted, r.urgent, r.sealed,
            None if r.body is None else bytes(r.body), r.shard, r.base_revision, r.author,
            r.schema, withdrawn=r.withdrawn_at is not None,
        )
        for r in rows if r.collection not in NOT_PULLED
    ]
    return found, (rows[-1].seq if rows else after), more


def _lock_for_worker(connection: Connection, household_id: str, worker_id: int,
                     epoch: int | None) -> int:
    """Take the household's lock and check, under it, that the worker may change it now;
    return its last sequence number. Closing and erasing take the same lock first.

    Raises:
        WriteRefused: not theirs, switched off, signed out, closed, erased or unknown.
    """
    last = connection.execute(_LOCK, {"household": household_id}).scalar_one_or_none()
    may_write(connection, worker_id, household_id, epoch)  # an unknown household stops here
    assert last is not None
    return int(last)


def hub_hlc(now: datetime) -> str:
    """Return a clock stamp for a change made on the hub (sorts with the devices' stamps)."""
    return f"{int(now.timestamp() * 1000):013d}-0000-hub"


def write_as_worker(
    engine: Engine,
    household_id: str,
    *,
    collection: str,
    record_id: str,
    body: dict[str, Any] | None,
    shard: str | None,
    worker_id: int,
    now: datetime,
    base_revision: int | None = None,
    epoch: int | None = None,
) -> int:
    """Write a worker's change as the record's next hub revision; return that revision.

    ``body`` None writes a tombstone. Devices receive the change on their next pull. With
    ``base_revision`` (0: the record is new) the change is written only if that is still the
    record's current revision, so a family's edit that landed meanwhile is never overwritten.
    ``epoch`` is the session number of the worker's tab (``allocation.access``).

    Raises:
        StaleBase: the record has moved on since ``base_revision``; nothing was written.
        WriteRefused: the worker may not change this household now; nothing was written.
    """
    with engine.begin() as connection:
        if base_revision is not None:
            _lock_for_worker(connection, household_id, worker_id, epoch)
            found = record_rows.held(connection, household_id, {record_id}).get(record_id)
            current = found.revision if found else 0
            if current != base_revision:
                raise StaleBase(current)
        return write_in_transaction(connection, household_id, collection, record_id, body,
                                    shard, worker_id, now, epoch)


def write_in_transaction(
    connection: Connection,
    household_id: str,
    collection: str,
    record_id: str,
    body: dict[str, Any] | None,
    shard: str | None,
    worker_id: int,
    now: datetime,
    epoch: int | None = None,
    sealed_body: bytes | None = None,
) -> int:
    """Write a worker's change inside the caller's transaction; return the new revision.

    ``sealed_body``: sealed words kept as they are (a crossing of them settled), not ``body``.

    Raises:
        WriteRefused: the worker may not change this household now (checked under the
            household's lock, in this transaction).
    """
    seq = _lock_for_worker(connection, household_id, worker_id, epoch) + 1
    existing = record_rows.held(connection, household_id, {record_id}).get(record_id)
    revision = (existing.revision if existing else 0) + 1
    # A record its author took back stays taken back: a worker settling an old crossing of
    # it writes the withdrawal again (its words stay with the author), never a deletion
    # that would take the author's own private copy off their phone.
    withdrawn = existing is not None and existing.withdrawn
    words = sealed_body if sealed_body is not None else None if body is None else json.dumps(
        body, separators=(",", ":")).encode("utf-8")
    record = Record(
        record_id, collection, revision, hub_hlc(now), withdrawn or words is None, False,
        sealed_body is not None and not withdrawn, None if withdrawn else words,
        shard, revision - 1, AGENCY_AUTHOR.format(worker_id=worker_id), 1,
        withdrawn=withdrawn,
    )
    values = row_values(record, None, now, seq)
    if withdrawn:  # still taken back when the author took it back, not when it was settled
        values["withdrawn_at"] = connection.execute(select(records.c.withdrawn_at).where(
            records.c.household_id == household_id, records.c.record_id == record_id)
        ).scalar_one()
    write_rows(connection, household_id, {} if existing else {record_id: values},
               {record_id: values} if existing else {})
    connection.execute(
        update(households).where(households.c.id == household_id).values(last_seq=seq)
    )
    return revision
