"""The hub's schema migrations, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, inspect, select

from app.hub.admin import register_household
from app.hub.db import (
    default_database_url,
    metadata,
    migrate,
    normalise_url,
    open_database,
    schema_version,
)
from app.hub.migrations import MIGRATIONS, Migration
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
