"""The hub's schema migrations, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    inspect,
    select,
    text,
)

from app.hub import sync
from app.hub.admin import add_worker, register_household
from app.hub.casework.allocation import allocate
from app.hub.db import (
    default_database_url,
    metadata,
    migrate,
    normalise_url,
    open_database,
    schema_version,
)
from app.hub.migrations import CASELOAD_INDEX, MIGRATIONS, Migration
from tests.hubkit import row_counts


def test_migrations_create_every_table_and_record_the_version(hub_engine: Engine) -> None:
    assert set(metadata.tables) <= set(inspect(hub_engine).get_table_names())
    with hub_engine.connect() as connection:
        versions = connection.execute(select(schema_version.c.version)).scalars().all()
    assert versions == [step.version for step in MIGRATIONS]


def test_running_migrations_again_changes_nothing_and_keeps_data(hub_engine: Engine) -> None:
    register_household(hub_engine, "The Patel household")
    before = row_counts(hub_engine)
    assert migrate(hub_engine) == MIGRATIONS[-1].version
    assert migrate(hub_engine) == MIGRATIONS[-1].version
    assert row_counts(hub_engine) == before


def test_a_new_migration_step_is_applied_exactly_once(hub_engine: Engine) -> None:
    calls: list[int] = []
    extra = Table("notes_for_test", MetaData(), Column("id", Integer, primary_key=True),
                  Column("text", String(20)))

    def add_notes(connection: Connection) -> None:
        calls.append(1)
        extra.create(connection)

    steps = (*MIGRATIONS, Migration(MIGRATIONS[-1].version + 1, "test notes", add_notes))
    assert migrate(hub_engine, steps) == steps[-1].version
    assert migrate(hub_engine, steps) == steps[-1].version
    assert calls == [1]
    assert "notes_for_test" in inspect(hub_engine).get_table_names()


def test_default_database_is_a_sqlite_file_in_the_hub_folder(tmp_path: Path) -> None:
    url = default_database_url(tmp_path)
    assert url == f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite3'}"
    engine = open_database(url)
    try:
        assert (tmp_path / "hub" / "hub.sqlite3").exists()
        assert migrate(engine) == MIGRATIONS[-1].version
    finally:
        engine.dispose()
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def _index_definition(engine: Engine, name: str) -> str:
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            found = connection.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"),
                                       {"n": name}).scalar_one()
        else:
            found = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = :n"),
                                       {"n": name}).scalar_one()
    return str(found)


def test_a_database_at_version_5_gets_the_covering_caseload_index_in_place(
    hub_engine: Engine
) -> None:
    household = register_household(hub_engine, "The Patel household")
    worker = add_worker(hub_engine, "Priya Shah", "priya", "a long worker password")
    allocate(hub_engine, household, worker, datetime(2026, 3, 1, tzinfo=UTC))
    with hub_engine.begin() as connection:
        sync.write_in_transaction(connection, household, "checkins", "c1", {"id": "c1"}, None,
                                  worker, datetime(2026, 3, 1, tzinfo=UTC))
        # The index as migration 4 made it, before migration 6.
        connection.execute(text(f"DROP INDEX {CASELOAD_INDEX}"))
        connection.execute(text(f"CREATE INDEX {CASELOAD_INDEX} "
                                "ON records (collection, household_id, hlc)"))
        connection.execute(delete(schema_version).where(schema_version.c.version >= 6))
    before = row_counts(hub_engine)

    assert migrate(hub_engine) == MIGRATIONS[-1].version

    assert row_counts(hub_engine) == {**before, "schema_version": len(MIGRATIONS)}
    definition = _index_definition(hub_engine, CASELOAD_INDEX)
    assert "collection, household_id, hlc" in definition
    if hub_engine.dialect.name == "postgresql":
        assert "INCLUDE (deleted, sealed)" in definition
    assert migrate(hub_engine) == MIGRATIONS[-1].version  # and again changes nothing
