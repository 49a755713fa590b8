"""Casework on the hub, on SQLite and PostgreSQL: caseloads, the access log, closing, retention,
export and erasure, what is going well and what is due, and the migration that brought them.
"""

from __future__ import annotations

import base64
import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, inspect, select, text

from app.domain.people import Role
from app.hub.admin import (
    HouseholdClosed,
    UnknownHousehold,
    add_worker,
    issue_pairing_code,
    register_household,
)
from app.hub.caseload import caseload
from app.hub.casework.allocation import (
    OPENED_HOUSEHOLD,
    OPENED_SEALED,
    Access,
    NotAllocated,
    access,
    access_lines,
    allocate,
    deallocate,
    is_manager,
    note_opening,
)
from app.hub.casework.export import ExportExists, export_household, pdf_maker
from app.hub.casework.retention import (
    BadRetention,
    HouseholdErased,
    NoRetention,
    NotClosed,
    WithinRetention,
    close_household,
    erase_household,
    parse_days,
    set_retention,
)
from app.hub.db import (
    access_log,
    allocations,
    audit_log,
    conflicts,
    devices,
    households,
    migrate,
    nonces,
    pairing_codes,
    records,
    revisions,
    schema_version,
    workers,
)
from app.hub.migrations import MIGRATIONS
from app.hub.protocol import b64decode, b64encode
from app.sync.sealing import seal
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub, row_counts

NOW = datetime.now(UTC).replace(microsecond=0)
PASSWORD = "a long enough password"


def household_rows(engine: Engine, household_id: str) -> dict[str, int]:
    """How many rows each table holds for one household."""
    counts = {}
    with engine.connect() as connection:
        for table in (records, revisions, conflicts, devices, pairing_codes, allocations,
                      access_log):
            counts[table.name] = connection.execute(select(func.count()).select_from(table).where(
                table.c.household_id == household_id)).scalar_one()
        counts["nonces"] = connection.execute(select(func.count()).select_from(nonces).where(
            nonces.c.device_id.in_(select(devices.c.id).where(
                devices.c.household_id == household_id)))).scalar_one()
    return counts


def test_a_workers_caseload_is_only_their_households_and_a_manager_sees_all(
    hub: RunningHub
) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    sam = add_worker(hub.engine, "Sam Jones", "sam", PASSWORD)
    boss = add_worker(hub.engine, "Mo Lee", "mo", PASSWORD, manager=True)
    adams = register_household(hub.engine, "The Adams household")
    register_household(hub.engine, "The Brown household")
    allocate(hub.engine, hub.household_id, priya, NOW)
    allocate(hub.engine, adams, priya, NOW)
    allocate(hub.engine, adams, sam, NOW)  # a household may have a co-worker

    def names(worker: int | None) -> list[str]:
        return sorted(entry.name for entry in caseload(hub.engine, NOW, allocated_to=worker))

    assert names(priya) == ["The Adams household", "The Okafor household"]
    assert names(sam) == ["The Adams household"]
    assert names(boss) == []  # a manager's own allocations are not their view ...
    assert is_manager(hub.engine, boss) and not is_manager(hub.engine, priya)
    assert names(None) == ["The Adams household", "The Brown household",
                           "The Okafor household"]  # ... this is
    assert not allocate(hub.engine, adams, sam, NOW)  # allocating twice changes nothing
    deallocate(hub.engine, adams, sam)
    assert names(sam) == []
    with pytest.raises(NotAllocated):
        deallocate(hub.engine, adams, sam)


def test_who_may_open_a_household_is_decided_again_each_time(hub: RunningHub) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    boss = add_worker(hub.engine, "Mo Lee", "mo", PASSWORD, manager=True)
    assert access(hub.engine, priya, hub.household_id) is Access.NOT_YOURS
    allocate(hub.engine, hub.household_id, priya, NOW)
    assert access(hub.engine, priya, hub.household_id) is Access.OPEN
    # A household that does not exist looks the same to a worker as one that is not theirs.
    assert access(hub.engine, priya, "no-such-household") is Access.NOT_YOURS
    assert access(hub.engine, boss, hub.household_id) is Access.OPEN
    assert access(hub.engine, boss, "no-such-household") is Access.MISSING
    assert access(hub.engine, 999, hub.household_id) is Access.NOT_YOURS  # an account gone
    deallocate(hub.engine, hub.household_id, priya)
    assert access(hub.engine, priya, hub.household_id) is Access.NOT_YOURS


def test_the_access_log_keeps_every_opening_and_reads_newest_first(hub: RunningHub) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    adams = register_household(hub.engine, "The Adams household")
    note_opening(hub.engine, priya, hub.household_id, OPENED_HOUSEHOLD, NOW - timedelta(hours=2))
    note_opening(hub.engine, priya, hub.household_id, OPENED_SEALED, NOW - timedelta(hours=1))
    note_opening(hub.engine, priya, adams, OPENED_HOUSEHOLD, NOW)
    with pytest.raises(ValueError):
        note_opening(hub.engine, priya, adams, "the diary", NOW)
    found = access_lines(hub.engine)
    assert [(line.household_name, line.what) for line in found] == [
        ("The Adams household", "household"), ("The Okafor household", "sealed_messages"),
        ("The Okafor household", "household")]
    assert {line.worker_name for line in found} == {"Priya Shah"}
    assert found[0].at == NOW
    assert len(access_lines(hub.engine, household_id=adams)) == 1
    assert len(access_lines(hub.engine, limit=2)) == 2


def test_a_closed_household_leaves_the_caseload_and_no_device_can_reach_it(
    hub: RunningHub
) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.checkin("x", NOW - timedelta(hours=1))
    waiting = issue_pairing_code(hub.engine, hub.household_id)
    assert close_household(hub.engine, hub.household_id, NOW)
    assert not close_household(hub.engine, hub.household_id, NOW)  # closed already
    assert caseload(hub.engine, NOW) == []
    refused = home.phone.push([{"id": "late", "collection": "checkins"}])
    assert refused.status_code == 403
    with pytest.raises(HouseholdClosed):
        issue_pairing_code(hub.engine, hub.household_id)
    with hub.engine.connect() as connection:
        unused = connection.execute(select(pairing_codes.c.expires_at).where(
            pairing_codes.c.used_at.is_(None))).scalars().all()
    assert unused == [NOW] and waiting.expires_at > NOW  # the code given out stops working
    with pytest.raises(UnknownHousehold):
        close_household(hub.engine, "no-such-household", NOW)


def sealed_message(family: Family, words: str, record_id: str) -> bytes:
    """Push a message sealed to the agency; return its ciphertext as the hub holds it."""
    sealed = seal(b64decode(family.phone.agency_public_key), words.encode(), record_id)
    family.push("worker_messages", {}, record_id=record_id, body=None,
                sealed_body=b64encode(sealed))
    return sealed


def test_the_full_copy_holds_every_record_and_keeps_sealed_messages_sealed(
    hub: RunningHub, tmp_path: Path
) -> None:
    # the family's own copy leaves the message out: tests/hub/test_household_export.py
    home = Family(hub, hub.household_id, NOW)
    home.member("tolu", "Tolu", Role.CHILD)
    home.checkin("tolu", NOW - timedelta(days=1), words="We went to the park")
    sealed = sealed_message(home, json.dumps({"text": "I miss Gran"}), "msg-1")
    home.push("chores", {"id": "c-1", "name": "Bins"}, record_id="c-1")
    home.push("chores", {"id": "c-1", "name": "Bins on Tuesday"}, record_id="c-1",
              revision=2, base_revision=0, expect="conflict")
    other = Family(hub, register_household(hub.engine, "The Adams household"), NOW)
    other.checkin("mia", NOW, words="Not the Okafors' words")

    done = export_household(hub.engine, hub.household_id, tmp_path / "out", NOW,
                            for_the_family=False)

    assert done.json_path == tmp_path / "out" / f"{hub.household_id}-not-for-the-family.json"
    assert stat.S_IMODE(done.json_path.stat().st_mode) == 0o600
    raw = done.json_path.read_text("utf-8")
    assert "I miss Gran" not in raw and "Not the Okafors' words" not in raw
    data = json.loads(raw)
    assert data["household"]["name"] == "The Okafor household" and data["version"] == 1
    kinds = [(item["collection"], item["id"]) for item in data["records"]]
    assert len(kinds) == done.records == 4 and ("worker_messages", "msg-1") in kinds
    (message,) = [item for item in data["records"] if item["id"] == "msg-1"]
    assert base64.b64decode(message["sealed_body"]) == sealed and "body" not in message
    (checkin,) = [item for item in data["records"] if item["collection"] == "checkins"]
    assert checkin["body"]["words"] == "We went to the park" and checkin["revision"] == 1
    assert checkin["hlc"] and checkin["received_at"] and "author" in checkin
    assert [c["body"]["name"] for c in data["conflicts"]] == ["Bins on Tuesday"]
    assert len(data["devices"]) == 1
    if pdf_maker() is not None:
        assert done.pdf_path is not None and done.pdf_path.read_bytes().startswith(b"%PDF")
    else:
        assert done.pdf_path is None
    with pytest.raises(ExportExists):
        export_household(hub.engine, hub.household_id, tmp_path / "out", NOW,
                         for_the_family=False)
    with pytest.raises(UnknownHousehold):
        export_household(hub.engine, "no-such-household", tmp_path / "other", NOW)


def test_erasure_refuses_until_closed_kept_long_enough_and_changes_nothing(
    hub: RunningHub
) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.checkin("x", NOW - timedelta(days=1))
    before = row_counts(hub.engine)
    with pytest.raises(NotClosed):
        erase_household(hub.engine, hub.household_id, NOW, "test")
    close_household(hub.engine, hub.household_id, NOW - timedelta(days=40))
    closed = row_counts(hub.engine)
    assert closed == before
    with pytest.raises(NoRetention):
        erase_household(hub.engine, hub.household_id, NOW, "test")
    set_retention(hub.engine, hub.household_id, 60)
    with pytest.raises(WithinRetention) as within:
        erase_household(hub.engine, hub.household_id, NOW, "test")
    assert within.value.until == NOW + timedelta(days=20)
    for wrong in ("0", "-3", "ten", "36501", "1.5", "\u00b2", "\u2467", "9" * 5000):
        with pytest.raises(BadRetention):
            parse_days(wrong)
    assert parse_days(" \uff11\uff12 ") == 12  # digits as a phone's keyboard may type them
    with pytest.raises(BadRetention):
        set_retention(hub.engine, hub.household_id, 0)
    assert row_counts(hub.engine) == closed
    with pytest.raises(UnknownHousehold):
        erase_household(hub.engine, "no-such-household", NOW, "test")


def test_erasure_leaves_only_the_household_marked_erased_and_one_audit_line(
    hub: RunningHub
) -> None:
    priya = add_worker(hub.engine, "Priya Shah", "priya", PASSWORD)
    home = Family(hub, hub.household_id, NOW)
    home.member("tolu", "Tolu", Role.CHILD)
    home.checkin("tolu", NOW - timedelta(days=50))
    sealed_message(home, json.dumps({"text": "Hello"}), "msg-1")
    home.push("chores", {"id": "c-1", "name": "Bins"}, record_id="c-1")
    home.push("chores", {"id": "c-1", "name": "Bins again"}, record_id="c-1", revision=2,
              base_revision=0, expect="conflict")
    issue_pairing_code(hub.engine, hub.household_id)
    allocate(hub.engine, hub.household_id, priya, NOW)
    note_opening(hub.engine, priya, hub.household_id, OPENED_HOUSEHOLD, NOW)
    kept = Family(hub, register_household(hub.engine, "The Adams household"), NOW)
    kept.checkin("mia", NOW)
    allocate(hub.engine, kept.household_id, priya, NOW)
    others = household_rows(hub.engine, kept.household_id)
    assert all(household_rows(hub.engine, hub.household_id).values())  # something of each

    close_household(hub.engine, hub.household_id, NOW - timedelta(days=31))
    set_retention(hub.engine, hub.household_id, 30)
    erase_household(hub.engine, hub.household_id, NOW, "homeward hub-admin erase-household X")

    assert set(household_rows(hub.engine, hub.household_id).values()) == {0}
    assert household_rows(hub.engine, kept.household_id) == others
    with hub.engine.connect() as connection:
        row = connection.execute(select(households).where(
            households.c.id == hub.household_id)).one()
        audit = connection.execute(select(audit_log)).all()
    assert row.name == "" and row.erased_at == NOW
    assert [(line.household_id, line.at, line.command) for line in audit] == [
        (hub.household_id, NOW, "homeward hub-admin erase-household X")]
    with pytest.raises(HouseholdErased):
        erase_household(hub.engine, hub.household_id, NOW, "again")
    with pytest.raises(HouseholdErased):
        set_retention(hub.engine, hub.household_id, 10)
    assert access(hub.engine, priya, hub.household_id) is Access.NOT_YOURS
    assert [e.name for e in caseload(hub.engine, NOW)] == ["The Adams household"]


def test_a_database_made_before_caseloads_is_brought_up_to_date_keeping_what_workers_saw(
    hub_engine: Engine
) -> None:
    worker = add_worker(hub_engine, "Priya Shah", "priya", PASSWORD)
    household = register_household(hub_engine, "The Okafor household")
    # Take the database back to how migration 3 left it.
    with hub_engine.begin() as connection:
        for table in ("allocations", "access_log", "audit_log", "passphrase_tries"):
            connection.execute(text(f"DROP TABLE {table}"))
        connection.execute(text("DROP INDEX ix_records_collection_household_hlc"))
        for column in ("role", "disabled_at", "session_epoch"):
            connection.execute(text(f"ALTER TABLE workers DROP COLUMN {column}"))
        for column in ("closed_at", "retention_days", "erased_at"):
            connection.execute(text(f"ALTER TABLE households DROP COLUMN {column}"))
        connection.execute(delete(schema_version).where(schema_version.c.version >= 4))
    before = row_counts_of(hub_engine, ("workers", "households", "records"))

    assert migrate(hub_engine) == MIGRATIONS[-1].version

    inspector = inspect(hub_engine)
    assert {"allocations", "access_log", "audit_log"} <= set(inspector.get_table_names())
    assert {"closed_at", "retention_days", "erased_at"} <= {
        c["name"] for c in inspector.get_columns("households")}
    assert "ix_records_collection_household_hlc" in {
        i["name"] for i in inspector.get_indexes("records")}
    with hub_engine.connect() as connection:
        assert connection.execute(select(workers.c.role)).scalar_one() == "worker"
        assert connection.execute(select(allocations.c.household_id, allocations.c.worker_id)
                                  ).all() == [(household, worker)]
    assert row_counts_of(hub_engine, ("workers", "households", "records")) == before
    assert access(hub_engine, worker, household) is Access.OPEN  # sees what they saw before
    assert migrate(hub_engine) == MIGRATIONS[-1].version  # and again changes nothing


def row_counts_of(engine: Engine, names: tuple[str, ...]) -> dict[str, int]:
    """Row counts of some tables by name."""
    with engine.connect() as connection:
        return {name: connection.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
                for name in names}


def test_a_new_hub_allocates_nobody_by_itself(hub_engine: Engine) -> None:
    add_worker(hub_engine, "Priya Shah", "priya", PASSWORD)
    register_household(hub_engine, "The Okafor household")
    with hub_engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(allocations)).scalar_one() == 0
