"""The casework actions of ``homeward hub-admin`` as real subprocesses, on SQLite and PostgreSQL.

Allocating and taking off a caseload, managers, closing a case, the retention period, the
export and erasure: each says what it did in plain words, and each refusal is one plain line,
exit 1, leaving every row of every table as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from app.cli import EXIT_REFUSED, main
from app.hub.admin import add_worker, create_agency, register_household
from app.hub.casework import allocation
from app.hub.casework.allocation import (
    access_lines,
    allocate,
    deallocate,
    find_worker,
    is_allocated,
    is_manager,
)
from app.hub.db import audit_log, households, make_engine, migrate, workers
from app.storage.crypto import KdfParams
from tests.hub.test_hub_cli import (
    WORKER_PASSWORD,
    HubDatabase,
    admin,
    refused_in_one_line,
    run_all,
    secret_file,
    snapshot,
)
from tests.hubkit import AGENCY_PASSPHRASE, fresh_postgres_database

SOMEONE = "00000000-0000-4000-8000-000000000000"


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HubDatabase]:
    """A migrated hub with its agency, two workers and the Okafors, on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        folder = tmp_path / "hub-data"
        (folder / "hub").mkdir(parents=True)
        url = f"sqlite:///{folder / 'hub' / 'hub.sqlite3'}"
        options = ["--data-dir", str(folder)]
    else:
        url = fresh_postgres_database(request.getfixturevalue("postgres_server"))
        options = ["--db", url]
    engine = make_engine(url)
    migrate(engine)
    create_agency(engine, "Riverside", AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    add_worker(engine, "Sam Jones", "sam", WORKER_PASSWORD)
    register_household(engine, "The Okafor household")
    yield HubDatabase(options, engine)
    engine.dispose()


def okafors(db: HubDatabase) -> str:
    """The Okafors' household id."""
    with db.engine.connect() as connection:
        return str(connection.execute(select(households.c.id)).scalar_one())


def test_allocating_a_household_and_making_a_manager(hub_db: HubDatabase, tmp_path: Path) -> None:
    household = okafors(hub_db)
    done = admin(hub_db, "assign", household, "SAM")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "The Okafor household is now on Sam Jones's caseload."
    again = admin(hub_db, "assign", household, "sam")
    assert again.returncode == 0 and "already" in again.stdout
    password = secret_file(tmp_path, "pw.txt", "orchard lantern puzzle harbour kite")
    boss = admin(hub_db, "add-worker", "--name", "Mo Lee", "--username", "mo", "--manager",
                 "--password-file", password)
    assert boss.returncode == 0 and "is a manager" in boss.stdout, boss.stderr
    ann = admin(hub_db, "add-worker", "--name", "Ann Bell", "--username", "ann",
                "--password-file", password)
    assert "assign HOUSEHOLD ann" in ann.stdout
    with hub_db.engine.connect() as connection:
        ids = dict(connection.execute(select(workers.c.username, workers.c.id)).all())
    assert is_manager(hub_db.engine, ids["mo"]) and not is_manager(hub_db.engine, ids["ann"])
    assert is_allocated(hub_db.engine, household, ids["sam"])
    taken = admin(hub_db, "unassign", household, "sam")
    assert taken.returncode == 0 and "no longer on Sam Jones's caseload" in taken.stdout
    assert not is_allocated(hub_db.engine, household, ids["sam"])


def test_casework_refusals_are_one_plain_line_and_change_nothing(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    household = okafors(hub_db)
    before = snapshot(hub_db.engine)
    lines = [refused_in_one_line(result) for result in run_all(hub_db, [
        (["assign", SOMEONE, "sam"], ""),
        (["assign", household, "nobody"], ""),
        (["unassign", household, "sam"], ""),
        (["close-household", SOMEONE], ""),
        (["set-retention", household, "ten"], ""),
        (["set-retention", household, "0"], ""),
        (["erase-household", household], ""),
        (["export-household", SOMEONE, "--out", tmp_path / "out"], ""),
        (["set-retention", household, "\u00b2"], ""),
    ])]
    assert SOMEONE in lines[0] and '"nobody"' in lines[1]
    assert lines[2] == "The Okafor household is not on Sam Jones's caseload. Nothing was changed."
    assert SOMEONE in lines[3] and "whole number of days" in lines[4] == lines[5]
    assert "still open" in lines[6] and "close-household" in lines[6]
    assert SOMEONE in lines[7] and not (tmp_path / "out").exists()
    assert lines[8] == lines[4]
    assert snapshot(hub_db.engine) == before


def test_closing_keeping_and_erasing_a_household(hub_db: HubDatabase, tmp_path: Path) -> None:
    household = okafors(hub_db)
    allocate(hub_db.engine, household, 1, datetime.now(UTC))
    closed = admin(hub_db, "close-household", household)
    assert closed.returncode == 0, closed.stderr
    assert "is closed" in closed.stdout and f"set-retention {household} DAYS" in closed.stdout
    again = admin(hub_db, "close-household", household)
    assert again.returncode == 0 and "already closed" in again.stdout

    settled = snapshot(hub_db.engine)
    no_period = refused_in_one_line(admin(hub_db, "erase-household", household))
    assert "the agency has not set how long to keep this household's records" in (
        no_period.lower())
    code = refused_in_one_line(admin(hub_db, "pairing-code", household))
    assert "is closed, so no device can join it" in code
    assert snapshot(hub_db.engine) == settled

    kept = admin(hub_db, "set-retention", household, "30")
    assert kept.returncode == 0 and "kept for 30 days" in kept.stdout
    assert re.search(r"can be erased from \d+ \w+ \d{4}", kept.stdout), kept.stdout
    kept_rows = snapshot(hub_db.engine)
    within = refused_in_one_line(admin(hub_db, "erase-household", household))
    assert "are kept until" in within
    assert snapshot(hub_db.engine) == kept_rows

    exported = admin(hub_db, "export-household", household, "--out", tmp_path / "out")
    assert exported.returncode == 0, exported.stderr
    written = tmp_path / "out" / f"{household}.json"
    assert str(written) in exported.stdout and "This copy is for the family" in exported.stdout
    assert json.loads(written.read_text("utf-8"))["household"]["id"] == household
    full = admin(hub_db, "export-household", household, "--out", tmp_path / "out",
                 "--full-copy-not-for-the-family")
    assert full.returncode == 0, full.stderr
    held = tmp_path / "out" / f"{household}-not-for-the-family.json"
    assert str(held) in full.stdout and "Never give this copy to the family" in full.stdout
    assert json.loads(held.read_text("utf-8"))["copy"] == "full-not-for-the-family"
    twice = refused_in_one_line(admin(hub_db, "export-household", household, "--out",
                                      tmp_path / "out"))
    assert "already an export" in twice

    with hub_db.engine.begin() as connection:  # as if the period passed
        connection.execute(update(households).values(
            closed_at=datetime.now(UTC) - timedelta(days=31)))
    erased = admin(hub_db, "erase-household", household)
    assert erased.returncode == 0, erased.stderr
    assert "have been erased" in erased.stdout
    with hub_db.engine.connect() as connection:
        (line,) = connection.execute(select(audit_log)).all()
    assert line.command == f"homeward hub-admin erase-household {household}"
    assert access_lines(hub_db.engine) == []
    listed = admin(hub_db, "households")
    assert re.search(r"erased \d{4}-\d{2}-\d{2}\s+30 days", listed.stdout), listed.stdout
    gone = refused_in_one_line(admin(hub_db, "erase-household", household))
    assert "erased already" in gone


def test_two_managers_taking_a_household_off_one_caseload_at_once_is_one_plain_line(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    household = okafors(hub_db)
    sam = find_worker(hub_db.engine, "sam").id
    allocate(hub_db.engine, household, sam, datetime.now(UTC))
    checked = allocation.is_allocated

    def the_other_manager_is_quicker(engine: Engine, household_id: str, worker_id: int) -> bool:
        still = checked(engine, household_id, worker_id)
        deallocate(hub_db.engine, household_id, worker_id)  # between the check and the change
        return still

    monkeypatch.setattr(allocation, "is_allocated", the_other_manager_is_quicker)
    assert main(["hub-admin", *hub_db.options, "unassign", household, "sam"]) == EXIT_REFUSED
    said = capsys.readouterr()
    assert said.err.strip() == (f"Household {household} was taken off that caseload a moment "
                                "ago, by someone else. Nothing was changed.")
    assert not checked(hub_db.engine, household, sam)


def test_reopening_a_closed_case_so_the_familys_phone_can_connect_again(
    hub_db: HubDatabase
) -> None:
    household = okafors(hub_db)
    before = snapshot(hub_db.engine)
    still_open = refused_in_one_line(admin(hub_db, "reopen-household", household))
    assert "is open" in still_open and "The Okafor household" in still_open
    unknown = refused_in_one_line(admin(hub_db, "reopen-household", SOMEONE))
    assert SOMEONE in unknown
    assert snapshot(hub_db.engine) == before

    closed = admin(hub_db, "close-household", household)
    assert closed.returncode == 0, closed.stderr
    refused = refused_in_one_line(admin(hub_db, "pairing-code", household))
    assert f"homeward hub-admin reopen-household {household}" in refused
    kept = admin(hub_db, "set-retention", household, "30")
    assert kept.returncode == 0, kept.stderr
    reopened = admin(hub_db, "reopen-household", household)
    assert reopened.returncode == 0, reopened.stderr
    assert "The case of The Okafor household is open again" in reopened.stdout
    assert f"homeward hub-admin pairing-code {household}" in reopened.stdout
    assert "30 days" in reopened.stdout  # counted again from the next closing
    listed = admin(hub_db, "households")
    assert not re.search(r"closed \d{4}", listed.stdout), listed.stdout
    code = admin(hub_db, "pairing-code", household)
    assert code.returncode == 0, code.stderr
    with hub_db.engine.connect() as connection:
        (line,) = connection.execute(select(audit_log)).all()
    assert line.command.startswith(f"homeward hub-admin reopen-household {household}")

    with hub_db.engine.begin() as connection:  # closed long ago, kept 30 days: erase it
        connection.execute(update(households).values(
            closed_at=datetime.now(UTC) - timedelta(days=31)))
    assert admin(hub_db, "erase-household", household).returncode == 0
    erased = snapshot(hub_db.engine)
    gone = refused_in_one_line(admin(hub_db, "reopen-household", household))
    assert "erased already" in gone
    assert snapshot(hub_db.engine) == erased
