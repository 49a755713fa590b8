"""Record rows in bulk: what a push reads about a batch's records and how it writes them.

A push of a hundred records must cost a handful of round trips to the database, not a hundred.
So the records a batch names are looked up by one array parameter (``= ANY``) on PostgreSQL,
whose statement text stays the same for every batch (an ``IN`` list of a hundred parameters is
new text each time: the driver parses it afresh and PostgreSQL plans it afresh), and new rows
go in with one ``COPY`` per table. SQLite, in process, takes the plain forms.

A ``revisions`` row exists only beside its record's row (both are erased together), so the
content hashes a verdict needs are looked up only for records the hub already holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ARRAY,
    Connection,
    String,
    any_,
    bindparam,
    delete,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from app.domain.people import Role
from app.hub.db import conflicts, records, revisions

if TYPE_CHECKING:
    from app.hub.sync import Record

MEMBERS = "members"

#: The ``records`` columns a row from ``row_values`` fills, besides household and record id.
COLUMNS = ("collection", "revision", "hlc", "deleted", "urgent", "sealed", "body", "device_id",
           "received_at", "seq", "shard", "base_revision", "author", "schema", "withdrawn_at")
# Binary COPY: psycopg writes each value as PostgreSQL holds it, with no text to escape
# (a body's bytes, above all), at a third of the CPU of the text format.
_COPY_RECORDS = ("COPY records (household_id, record_id, " + ", ".join(COLUMNS)
                 + ") FROM STDIN (FORMAT BINARY)")
_RECORD_TYPES = ("varchar", "varchar", "varchar", "int8", "varchar", "bool", "bool", "bool",
                 "bytea", "varchar", "timestamptz", "int8", "varchar", "int8", "varchar", "int4",
                 "timestamptz")
_RECORD_FIELDS = itemgetter("rid", *COLUMNS)
_REVISION_FIELDS = itemgetter("rid", "revision", "hash")
_COPY_REVISIONS = ("COPY revisions (household_id, record_id, revision, content_hash) "
                   "FROM STDIN (FORMAT BINARY)")
_REVISION_TYPES = ("varchar", "varchar", "int8", "varchar")


@dataclass(frozen=True)
class Held:
    """The hub's current revision of a record."""

    revision: int
    device_id: str | None
    withdrawn: bool
    #: Its kind: a record id names one kind for good (``revisions.against_held``).
    collection: str
    #: Who made the change (a member, ``agency:<worker id>``), or None.
    author: str | None
    #: A tombstone (a withdrawal is one too): it holds no words.
    deleted: bool


def _postgres(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def _one_of(column: Any) -> dict[str, ColumnElement[bool]]:
    """``column`` is one of the ``wanted`` parameter's values, by dialect: one array parameter
    on PostgreSQL, an ``IN`` list on SQLite."""
    return {"postgresql": column == any_(bindparam("wanted", type_=ARRAY(String))),
            "sqlite": column.in_(bindparam("wanted", expanding=True))}


# Built once per dialect: a push runs them for every batch, and building costs more than running.
_HELD = {dialect: select(records.c.record_id, records.c.collection, records.c.revision,
                         records.c.device_id, records.c.withdrawn_at, records.c.author,
                         records.c.deleted)
         .where(records.c.household_id == bindparam("household"), wanted)
         for dialect, wanted in _one_of(records.c.record_id).items()}
_HELD_AND_PEOPLE = {dialect: select(records.c.record_id, records.c.collection,
                                    records.c.revision, records.c.device_id,
                                    records.c.withdrawn_at, records.c.author,
                                    records.c.deleted)
                    .where(records.c.household_id == bindparam("household"),
                           or_(wanted, records.c.collection == MEMBERS))
                    for dialect, wanted in _one_of(records.c.record_id).items()}
_HASHES = {dialect: select(revisions.c.record_id, revisions.c.revision,
                           revisions.c.content_hash)
           .where(revisions.c.household_id == bindparam("household"), wanted)
           for dialect, wanted in _one_of(revisions.c.record_id).items()}


def _held_rows(connection: Connection, statements: dict[str, Any], household_id: str,
               ids: Iterable[str]) -> list[Any]:
    return list(connection.execute(statements[connection.dialect.name],
                                   {"household": household_id, "wanted": list(ids)}))


def _held(row: Any) -> Held:
    return Held(row.revision, row.device_id, row.withdrawn_at is not None, row.collection,
                row.author, row.deleted)


def held(connection: Connection, household_id: str, ids: Iterable[str]) -> dict[str, Held]:
    """The current revision of each of these records the hub holds, by record id."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {row.record_id: _held(row)
            for row in _held_rows(connection, _HELD, household_id, wanted)}


def held_bodies(connection: Connection, household_id: str, ids: Iterable[str]
                ) -> dict[str, bytes | None]:
    """The body the hub holds now of each of these records (None: a tombstone or sealed)."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    found = connection.execute(select(records.c.record_id, records.c.body, records.c.sealed).where(
        records.c.household_id == household_id, records.c.record_id.in_(wanted)))
    return {row.record_id: None if row.sealed or row.body is None else bytes(row.body)
            for row in found}


def known_hashes(connection: Connection, household_id: str,
                 wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The content hash of each (record id, revision) the hub has stored, of those wanted."""
    if not wanted:
        return {}
    found = _held_rows(connection, _HASHES, household_id, {record_id for record_id, _ in wanted})
    return {(row.record_id, row.revision): row.content_hash for row in found
            if (row.record_id, row.revision) in wanted}


def held_and_people(connection: Connection, household_id: str, ids: Iterable[str]
                    ) -> tuple[dict[str, Held], set[str]]:
    """What ``held`` says of these records, and the ids of the household's people the hub
    holds (the authors it accepts), in one query."""
    wanted = set(ids)
    found = _held_rows(connection, _HELD_AND_PEOPLE, household_id, wanted)
    return ({row.record_id: _held(row) for row in found if row.record_id in wanted},
            {row.record_id for row in found if row.collection == MEMBERS})


def household_workers(connection: Connection, household_id: str, named: set[str],
                      pushed: Iterable[Record]) -> set[str]:
    """Which of the ``named`` people are the household's workers: a ``members`` record with
    the worker's role, held by the hub or ``pushed`` beside the visits.

    A worker since taken off the household still counts: the visits they made while they were
    the family's worker stay theirs, however late a device brings them.
    """
    if not named:
        return set()
    found = connection.execute(select(records.c.record_id, records.c.body).where(
        records.c.household_id == household_id, records.c.collection == MEMBERS,
        records.c.record_id.in_(sorted(named))))
    bodies = [(row.record_id, None if row.body is None else bytes(row.body)) for row in found]
    bodies += [(r.id, r.body) for r in pushed
               if r.collection == MEMBERS and r.id in named and not r.sealed]
    return {member_id for member_id, body in bodies if _role(body) == Role.WORKER}


def _role(body: bytes | None) -> object:
    try:
        return json.loads(body or b"null").get("role")
    except (ValueError, AttributeError):
        return None


def forget_revisions(connection: Connection, household_id: str, ids: Iterable[str]) -> None:
    """Drop the stored revisions' hashes of these records: a child's record took the place of
    a withdrawal under its id, and its own revisions start again from its first."""
    wanted = list(set(ids))
    if wanted:
        connection.execute(delete(revisions).where(revisions.c.household_id == household_id,
                                                   revisions.c.record_id.in_(wanted)))


def row_values(record: Record, device_id: str | None, now: datetime, seq: int) -> dict[str, Any]:
    """A record revision as a ``records`` row (``write_rows`` takes these), with its hash."""
    return {
        "rid": record.id, "collection": record.collection, "revision": record.revision,
        "hlc": record.hlc, "deleted": record.deleted, "urgent": record.urgent,
        "sealed": record.sealed, "body": record.body, "device_id": device_id,
        "received_at": now, "seq": seq, "shard": record.shard,
        "base_revision": record.base_revision, "author": record.author, "schema": record.schema,
        "withdrawn_at": now if record.withdrawn else None, "hash": record.content_hash,
    }


def write_rows(
    connection: Connection,
    household_id: str,
    new_rows: dict[str, dict[str, Any]],
    changed_rows: dict[str, dict[str, Any]],
) -> None:
    """Insert and update record rows (``row_values`` shape) and note each revision's hash."""
    rows = [*new_rows.values(), *changed_rows.values()]
    if _postgres(connection):
        _copy_new(connection, household_id, list(new_rows.values()), rows)
    else:
        if new_rows:
            connection.execute(insert(records), [
                {"household_id": household_id, "record_id": row["rid"],
                 **{name: row[name] for name in COLUMNS}}
                for row in new_rows.values()])
        if rows:
            connection.execute(insert(revisions), [
                {"household_id": household_id, "record_id": row["rid"],
                 "revision": row["revision"], "content_hash": row["hash"]} for row in rows])
    if changed_rows:
        connection.execute(
            update(records)
            .where(records.c.household_id == household_id,
                   records.c.record_id == bindparam("rid"))
            .values({name: bindparam(name) for name in COLUMNS}),
            [{key: value for key, value in row.items() if key != "hash"}
             for row in changed_rows.values()],
        )


def _copy_new(connection: Connection, household_id: str, new_rows: list[dict[str, Any]],
              revised: list[dict[str, Any]]) -> None:
    """Write new record rows and every stored revision's hash with one COPY each, inside the
    caller's transaction (the household's lock makes every id in ``new_rows`` new)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        if new_rows:
            with cursor.copy(_COPY_RECORDS) as copy:
                copy.set_types(_RECORD_TYPES)
                for row in new_rows:
                    copy.write_row((household_id, *_RECORD_FIELDS(row)))
        if revised:
            with cursor.copy(_COPY_REVISIONS) as copy:
                copy.set_types(_REVISION_TYPES)
                for row in revised:
                    copy.write_row((household_id, *_REVISION_FIELDS(row)))


def forget_withdrawn(connection: Connection, household_id: str, ids: list[str]) -> None:
    """A withdrawn record's words leave the conflict queue too: the hub keeps only the date."""
    if ids:
        connection.execute(
            update(conflicts)
            .where(conflicts.c.household_id == household_id, conflicts.c.record_id.in_(ids))
            .values(body=None)
        )
