"""The hub's database: SQLAlchemy Core tables and engine set-up.

One schema serves SQLite (the no-set-up default, a file in the hub's data folder) and
PostgreSQL (``postgresql+psycopg://...``, for real agencies). The steps that bring a database
up to date are in ``app.hub.migrations``; ``migrate`` applies the ones a database has not
seen yet, in order, and records each in ``schema_version``, so running it on every start is
safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    Dialect,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    TypeDecorator,
    bindparam,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.pool import ConnectionPoolEntry

from app.paths import data_dir

if TYPE_CHECKING:
    from app.hub.migrations import Migration

HUB_FOLDER = "hub"
SQLITE_NAME = "hub.sqlite3"
ID_LENGTH = 64


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes and store everything in UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the hub database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return the stored time as an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", UtcDateTime, nullable=False),
)

agency = Table(
    "agency",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("public_key", LargeBinary, nullable=False),  # X25519, raw 32 bytes
    Column("private_key_sealed", LargeBinary, nullable=False),  # AES-GCM under the passphrase
    Column("kdf_salt", LargeBinary, nullable=False),
    Column("kdf_memory_cost", Integer, nullable=False),
    Column("kdf_iterations", Integer, nullable=False),
    Column("kdf_lanes", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    CheckConstraint("id = 1", name="agency_single_row"),
)

workers = Table(
    "workers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # Added by migration 4: "worker" sees the households allocated to them, "manager" all.
    Column("role", String(16), nullable=False, server_default=text("'worker'")),
    # Added by migration 5: the agency switched the account off (it cannot sign in), and a
    # number bumped whenever the agency ends the worker's sessions (switched off, or a new
    # password): a tab signed in under an older number is signed out.
    Column("disabled_at", UtcDateTime, nullable=True),
    Column("session_epoch", Integer, nullable=False, server_default=text("0")),
    # Added by migration 7: the language the worker chose for the hub's screens (None: the
    # hub's own, HOMEWARD_LANG or UK English), and their text size in percent (None: 100).
    Column("language", String(16), nullable=True),
    Column("text_scale", Integer, nullable=True),
)

households = Table(
    "households",
    metadata,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # The last server sequence handed out in this household; its row lock orders pushes.
    Column("last_seq", BigInteger, nullable=False, server_default=text("0")),
    # Added by migration 4: the agency closed the case; how long it keeps the records after
    # that (None: the agency has not said, so nothing may be erased); when they were erased.
    Column("closed_at", UtcDateTime, nullable=True),
    Column("retention_days", Integer, nullable=True),
    Column("erased_at", UtcDateTime, nullable=True),
    # Added by migration 10: the ``uid`` of the household record on the device that set the
    # household up (paired "new" first), kept at pairing so a second one is refused in time.
    Column("household_uid", String(ID_LENGTH), nullable=True),
)

pairing_codes = Table(
    "pairing_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), nullable=False),
    Column("public_key", LargeBinary, nullable=False),  # Ed25519, raw 32 bytes
    Column("token_hash", String(64), nullable=False),
    Column("paired_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
    Index("ix_devices_household", "household_id"),
)

records = Table(
    "records",
    metadata,
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), primary_key=True),
    Column("record_id", String(ID_LENGTH), primary_key=True),
    Column("collection", String(ID_LENGTH), nullable=False),
    Column("revision", BigInteger, nullable=False),
    Column("hlc", String(ID_LENGTH), nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("urgent", Boolean, nullable=False),
    # Either UTF-8 JSON or, when ``sealed``, ciphertext only the agency key opens.
    Column("sealed", Boolean, nullable=False),
    Column("body", LargeBinary, nullable=True),
    Column("device_id", String(ID_LENGTH), nullable=True),
    Column("received_at", UtcDateTime, nullable=False),
    Column("seq", BigInteger, nullable=False),
    # Added by migration 2.
    Column("shard", String(32), nullable=True),
    Column("base_revision", BigInteger, nullable=False, server_default=text("0")),
    Column("author", String(ID_LENGTH), nullable=True),
    Column("schema", Integer, nullable=False, server_default=text("1")),
    # Added by migration 3: when the family took back a record they had shared. The body is
    # gone; the hub keeps only that it was withdrawn, and when.
    Column("withdrawn_at", UtcDateTime, nullable=True),
    Index("ux_records_household_seq", "household_id", "seq", unique=True),
    # Added by migration 4: the caseload reads the newest records of a few collections for a
    # few households; without this every such read scans the whole table (DESIGN.md).
    # Migration 6 adds ``deleted`` and ``sealed`` on PostgreSQL, so a household's latest
    # check-in and the week's counts are read from the index alone (SQLite has no INCLUDE).
    Index("ix_records_collection_household_hlc", "collection", "household_id", "hlc",
          postgresql_include=["deleted", "sealed"]),
)

# Added by migration 3: a content hash of every revision the hub has stored, so that only the
# very same revision with the very same content is ever answered "duplicate".
revisions = Table(
    "revisions",
    metadata,
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), primary_key=True),
    Column("record_id", String(ID_LENGTH), primary_key=True),
    Column("revision", BigInteger, primary_key=True),
    Column("content_hash", String(64), nullable=False),
)

nonces = Table(
    "nonces",
    metadata,
    Column("device_id", String(ID_LENGTH), ForeignKey("devices.id"), primary_key=True),
    Column("nonce", String(ID_LENGTH), primary_key=True),
    Column("seen_at", UtcDateTime, nullable=False),
    Index("ix_nonces_seen", "seen_at"),
)


conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), nullable=False),
    Column("record_id", String(ID_LENGTH), nullable=False),
    Column("collection", String(ID_LENGTH), nullable=False),
    Column("shard", String(32), nullable=True),
    Column("revision", BigInteger, nullable=False),
    Column("base_revision", BigInteger, nullable=False),
    Column("current_revision", BigInteger, nullable=False),
    Column("hlc", String(ID_LENGTH), nullable=False),
    Column("author", String(ID_LENGTH), nullable=True),
    Column("deleted", Boolean, nullable=False),
    Column("body", LargeBinary, nullable=True),
    Column("device_id", String(ID_LENGTH), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime, nullable=True),
    Column("resolved_by", Integer, ForeignKey("workers.id"), nullable=True),
    Column("resolution", String(16), nullable=True),
    # Added by migration 9: the filed revision's content hash (``sync.Record.content_hash``).
    # A conflict is the same one only with the same words: a device restored from a backup
    # gives other words the same revision, and those must be filed too. Always set when
    # filed; a row without one is never taken for another, so at worst it is shown twice.
    Column("content_hash", String(64), nullable=True),
    # Migration 9: a batch sent again while its conflict waits is filed once; once a person
    # has settled it, the same words sent again wait for a person again (``file_conflicts``).
    Index("ux_conflicts_open_once", "household_id", "record_id", "device_id", "revision",
          "content_hash", unique=True, sqlite_where=text("resolved_at IS NULL"),
          postgresql_where=text("resolved_at IS NULL")),
    Index("ix_conflicts_open", "household_id", "resolved_at"),
)

sign_ins = Table(
    "sign_ins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("client", String(64), nullable=False),
    Index("ix_sign_ins_username_at", "username", "at"),
    Index("ix_sign_ins_client_at", "client", "at"),
)

# Added by migration 5: each try of the agency passphrase in the worker UI, so the limit on
# wrong ones is per worker, whichever tab they try in, and survives a restart of the hub.
passphrase_tries = Table(
    "passphrase_tries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("worker_id", Integer, ForeignKey("workers.id"), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("ok", Boolean, nullable=False),
    Index("ix_passphrase_tries_worker_at", "worker_id", "at"),
)

# Added by migration 4: which worker looks after which household (a household may have more
# than one: a co-worker, a duty worker). A manager sees every household without one.
allocations = Table(
    "allocations",
    metadata,
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), primary_key=True),
    Column("worker_id", Integer, ForeignKey("workers.id"), primary_key=True),
    Column("allocated_at", UtcDateTime, nullable=False),
    Index("ix_allocations_worker", "worker_id"),
)

# Added by migration 4: every time a worker opened a household's records or its sealed messages.
access_log = Table(
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("worker_id", Integer, ForeignKey("workers.id"), nullable=False),
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), nullable=False),
    Column("what", String(32), nullable=False),  # casework.allocation.OPENINGS
    Column("at", UtcDateTime, nullable=False),
    Index("ix_access_log_at", "at"),
    Index("ix_access_log_household_at", "household_id", "at"),
    # Migration 8: the last opening of one kind, for the caseload's unopened sealed words.
    Index("ix_access_log_household_what_at", "household_id", "what", "at"),
)

# Added by migration 4: what was done to a household's records that leaves nothing else behind
# (an erasure; a case opened again, which clears its closing date): when, and by which command.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("household_id", String(ID_LENGTH), ForeignKey("households.id"), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("command", String(200), nullable=False),
)


@dataclass(frozen=True)
class LockedHousehold:
    """A household's row as read under its lock: its last sequence number and its case."""

    last_seq: int
    closed_at: datetime | None
    erased_at: datetime | None

    @property
    def open(self) -> bool:
        """True while the case is neither closed nor erased."""
        return self.closed_at is None and self.erased_at is None


# Whatever must not cross a case's closing or erasure (a push, a worker's change, a pairing,
# a new code, an allocation, an opening) takes the household's row lock first, before it
# touches another row, as closing and erasing do: so they queue in one order, never in a
# circle, and each reads the case as the one before it left it. On SQLite every writing
# transaction holds the database's one write lock already (``_sqlite_on_begin``).
HOUSEHOLD_LOCK = select(households.c.last_seq, households.c.closed_at, households.c.erased_at
                        ).where(households.c.id == bindparam("household")).with_for_update()


def lock_household_case(connection: Connection, household_id: str) -> LockedHousehold | None:
    """Take the household's row lock for this transaction and read its case there (None: the
    hub has no household with this id)."""
    row = connection.execute(HOUSEHOLD_LOCK, {"household": household_id}).one_or_none()
    return None if row is None else LockedHousehold(int(row.last_seq), row.closed_at,
                                                    row.erased_at)


def migrate(engine: Engine, steps: tuple[Migration, ...] | None = None) -> int:
    """Apply the migrations this database lacks (``app.hub.migrations``); return the version."""
    from app.hub.migrations import MIGRATIONS, apply  # the steps build on these tables

    return apply(engine, MIGRATIONS if steps is None else steps)


def default_database_url(folder: str | Path | None = None) -> str:
    """Return the SQLite URL of the hub's database file, creating its folder if needed."""
    hub_folder = data_dir(folder) / HUB_FOLDER
    hub_folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{hub_folder / SQLITE_NAME}"


def normalise_url(url: str) -> str:
    """Return ``url`` with plain ``postgresql://`` pointed at the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions start (see _sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front; a deferred transaction that later writes can
    # fail with "database is locked" without waiting for the busy timeout.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """Create an engine for a hub database URL (SQLite file or PostgreSQL)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def open_database(url: str | None = None, folder: str | Path | None = None) -> Engine:
    """Return an engine for ``url`` (default: the SQLite file) with all migrations applied."""
    engine = make_engine(url or default_database_url(folder))
    migrate(engine)
    return engine
