"""The hub database's migrations: each step, in order, and how a database is brought up to date.

``apply`` runs the steps a database has not seen yet, each in its own transaction, and records
each in ``schema_version``, so running it on every start is safe. Steps create from the
current table definitions (``app.hub.db``) and add only what is missing, so a database made
before a step and one made after it end up the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    insert,
    inspect,
    select,
    text,
    true,
    update,
)

from app.hub.db import (
    access_log,
    agency,
    allocations,
    audit_log,
    conflicts,
    devices,
    households,
    nonces,
    pairing_codes,
    passphrase_tries,
    records,
    revisions,
    schema_version,
    sign_ins,
    workers,
)

CASELOAD_INDEX = "ix_records_collection_household_hlc"
#: Migration 2's index: one conflict per device and revision, whatever its words, so other
#: words at a revision already filed were answered ``conflict`` and kept nowhere.
OLD_CONFLICTS_INDEX = "ux_conflicts_once"


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, what it does, and the function that does it."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_v1(connection: Connection) -> None:
    # Creates tables from the current definitions; later steps add only what is missing, so
    # a database made before a step and one made after it end up the same.
    for table in (agency, workers, households, pairing_codes, devices, records, nonces):
        table.create(connection, checkfirst=True)


def _add_missing_columns(connection: Connection, table: Table) -> None:
    have = {column["name"] for column in inspect(connection).get_columns(table.name)}
    for column in table.columns:
        if column.name in have:
            continue
        kind = column.type.compile(dialect=connection.dialect)
        default = f" DEFAULT {column.server_default.arg}" if column.server_default else ""  # type: ignore[attr-defined]
        null = "" if column.nullable else " NOT NULL"
        added = f"{column.name} {kind}{default}{null}"
        connection.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {added}"))


def _conflicts_and_sign_ins_v2(connection: Connection) -> None:
    _add_missing_columns(connection, records)
    conflicts.create(connection, checkfirst=True)
    sign_ins.create(connection, checkfirst=True)


def _revisions_and_withdrawals_v3(connection: Connection) -> None:
    from app.hub.revisions import content_hash  # the one definition of a revision's content

    _add_missing_columns(connection, records)
    revisions.create(connection, checkfirst=True)
    # Every record already held gets the hash of its current revision.
    rows = connection.execute(select(
        records.c.household_id, records.c.record_id, records.c.revision, records.c.collection,
        records.c.deleted, records.c.sealed, records.c.body)).all()
    if rows:
        connection.execute(insert(revisions), [
            {"household_id": r.household_id, "record_id": r.record_id, "revision": r.revision,
             "content_hash": content_hash(r.collection, r.deleted, r.sealed,
                                          None if r.body is None else bytes(r.body))}
            for r in rows
        ])


def _caseloads_and_retention_v4(connection: Connection) -> None:
    _add_missing_columns(connection, workers)
    _add_missing_columns(connection, households)
    for table in (allocations, access_log, audit_log):
        table.create(connection, checkfirst=True)
    for index in records.indexes:
        index.create(connection, checkfirst=True)
    # Before caseloads every worker saw every household. A hub brought up to date keeps it
    # so, rather than have its workers wake up to an empty list with a family's safety alert
    # on nobody's screen; the agency then takes off each caseload what is not that worker's.
    now = datetime.now(UTC)
    pairs = connection.execute(select(households.c.id, workers.c.id.label("worker_id"))
                               .select_from(households.join(workers, true()))).all()
    if pairs and not connection.execute(select(allocations.c.worker_id).limit(1)).first():
        connection.execute(insert(allocations), [
            {"household_id": pair.id, "worker_id": pair.worker_id, "allocated_at": now}
            for pair in pairs])


def _accounts_v5(connection: Connection) -> None:
    _add_missing_columns(connection, workers)
    passphrase_tries.create(connection, checkfirst=True)


def _caseload_index_v6(connection: Connection) -> None:
    # PostgreSQL only: SQLite has no INCLUDE, and its index from migration 4 is already right.
    if connection.dialect.name != "postgresql":
        return
    # Built again (a minute or so for millions of records, and pushes wait meanwhile).
    index = next(i for i in records.indexes if i.name == CASELOAD_INDEX)
    connection.execute(text(f"DROP INDEX IF EXISTS {CASELOAD_INDEX}"))
    index.create(connection)


def _worker_language_v7(connection: Connection) -> None:
    _add_missing_columns(connection, workers)


def _opening_index_v8(connection: Connection) -> None:
    for index in access_log.indexes:
        index.create(connection, checkfirst=True)


def _conflict_content_v9(connection: Connection) -> None:
    from app.hub.revisions import content_hash  # the one definition of a revision's content
    from app.sync.catalogue import SEALED_COLLECTIONS

    _add_missing_columns(connection, conflicts)
    # A conflict row does not say whether it was sealed; a device seals exactly these kinds.
    rows = connection.execute(select(
        conflicts.c.id, conflicts.c.collection, conflicts.c.deleted, conflicts.c.body
    ).where(conflicts.c.content_hash.is_(None))).all()
    if rows:
        connection.execute(
            update(conflicts).where(conflicts.c.id == bindparam("conflict"))
            .values(content_hash=bindparam("hash")),
            [{"conflict": r.id,
              "hash": content_hash(r.collection, r.deleted, r.collection in SEALED_COLLECTIONS,
                                   None if r.body is None else bytes(r.body))}
             for r in rows])
    connection.execute(text(f"DROP INDEX IF EXISTS {OLD_CONFLICTS_INDEX}"))
    for index in conflicts.indexes:
        index.create(connection, checkfirst=True)


def _household_uid_v10(connection: Connection) -> None:
    from app.hub.devices import household_record_uid  # the one reading of a household's uid
    from app.sync.catalogue import HOUSEHOLD

    _add_missing_columns(connection, households)
    # A household set up before the hub kept its uid holds it in its own household record.
    rows = connection.execute(select(records.c.household_id, records.c.body).where(
        records.c.collection == HOUSEHOLD, records.c.record_id == HOUSEHOLD,
        records.c.deleted.is_(False), records.c.sealed.is_(False))).all()
    found = [{"household": row.household_id, "uid": uid} for row in rows
             if (uid := household_record_uid(None if row.body is None else bytes(row.body)))]
    if found:
        connection.execute(
            update(households).where(households.c.id == bindparam("household"),
                                     households.c.household_uid.is_(None))
            .values(household_uid=bindparam("uid")), found)


#: Append new steps here; never edit or reorder a step that has shipped.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "agency, workers, households, pairing, devices, records, nonces", _create_v1),
    Migration(2, "record shard, base revision, author and schema; conflicts; sign-ins",
              _conflicts_and_sign_ins_v2),
    Migration(3, "a content hash per revision; withdrawn records", _revisions_and_withdrawals_v3),
    Migration(4, "worker roles, allocations, access log; closing, retention and erasure",
              _caseloads_and_retention_v4),
    Migration(5, "switching worker accounts off, ending their sessions; agency passphrase tries",
              _accounts_v5),
    Migration(6, "the caseload's index covers deleted and sealed (PostgreSQL)",
              _caseload_index_v6),
    Migration(7, "each worker's own language and text size", _worker_language_v7),
    Migration(8, "the access log's last opening of each kind, by household", _opening_index_v8),
    Migration(9, "a conflict is the same one only with the same words, while it is open",
              _conflict_content_v9),
    Migration(10, "a household keeps the uid of the device that set it up, from pairing",
              _household_uid_v10),
)


def current_version(connection: Connection) -> int:
    """Return the highest migration applied to this database (0 for a new one)."""
    schema_version.create(connection, checkfirst=True)
    found = connection.execute(select(schema_version.c.version)).scalars().all()
    return max(found, default=0)


def apply(engine: Engine, steps: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Apply the migrations this database lacks, each in its own transaction; return the version."""
    version = 0
    for step in steps:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Two hubs starting at once on one database take turns instead of racing.
                connection.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
            version = current_version(connection)
            if step.version <= version:
                continue
            step.apply(connection)
            connection.execute(
                insert(schema_version).values(
                    version=step.version,
                    description=step.description,
                    applied_at=datetime.now(UTC),
                )
            )
            version = step.version
    return version
