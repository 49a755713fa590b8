"""``homeward hub-admin`` for workers' accounts and the agency key's fingerprint, and the Host
check of ``homeward hub``: real subprocesses, on SQLite and PostgreSQL."""
# ``database`` is a fixture of the hub CLI's own tests, named again as a parameter:
# ruff: noqa: F811

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import select
from test_hub_cli import (
    WORKER_PASSWORD,
    HubDatabase,
    admin,
    database,  # noqa: F401 - the fixture
    refused_in_one_line,
    secret_file,
    start_hub,
)

from app.hub.admin import add_worker, agency_public_key, create_agency
from app.hub.db import make_engine, migrate, workers
from app.hub.protocol import agency_key_fingerprint
from app.hub.worker.accounts import (
    AccountSwitchedOff,
    WrongCredentials,
    session_current,
    sign_in,
)
from app.storage.crypto import KdfParams
from tests.hubkit import AGENCY_PASSPHRASE

NEW_PASSWORD = "marmalade window ladder seventeen"


def _signs_in(db: HubDatabase, password: str) -> bool:
    try:
        sign_in(db.engine, "sjones", password, client="cli-test", now=datetime.now(UTC))
    except WrongCredentials:
        return False
    return True


def test_an_agency_switches_a_worker_off_and_on_and_gives_a_new_password(
    database: HubDatabase, tmp_path: Path
) -> None:
    migrate(database.engine)
    create_agency(database.engine, "Riverside", AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    add_worker(database.engine, "Sam Jones", "sjones", WORKER_PASSWORD)
    tab = sign_in(database.engine, "sjones", WORKER_PASSWORD, client="cli-test",
                  now=datetime.now(UTC))

    off = admin(database, "disable-worker", "SJones")
    assert off.returncode == 0, off.stderr
    assert "Sam Jones" in off.stdout and "can no longer sign in" in off.stdout
    assert not session_current(database.engine, tab)
    try:
        sign_in(database.engine, "sjones", WORKER_PASSWORD, client="cli-test",
                now=datetime.now(UTC))
        raise AssertionError("a switched-off account signed in")
    except AccountSwitchedOff:
        pass
    again = admin(database, "disable-worker", "sjones")
    assert again.returncode == 0 and "already switched off" in again.stdout

    new_password = secret_file(tmp_path, "new.txt", NEW_PASSWORD)
    reset = admin(database, "reset-password", "sjones", "--password-file", new_password)
    assert reset.returncode == 0, reset.stderr
    assert "still switched off" in reset.stdout

    on = admin(database, "enable-worker", "sjones")
    assert on.returncode == 0 and "can sign in again" in on.stdout
    assert "not switched off" in admin(database, "enable-worker", "sjones").stdout
    assert _signs_in(database, NEW_PASSWORD) and not _signs_in(database, WORKER_PASSWORD)

    # Typed at the prompt, twice, like a new worker's.
    typed = admin(database, "reset-password", "sjones",
                  stdin=f"{WORKER_PASSWORD}\n{WORKER_PASSWORD}\n")
    assert typed.returncode == 0, typed.stderr
    assert _signs_in(database, WORKER_PASSWORD)


def test_account_refusals_are_one_plain_line_and_change_nothing(
    database: HubDatabase, tmp_path: Path
) -> None:
    migrate(database.engine)
    add_worker(database.engine, "Sam Jones", "sjones", WORKER_PASSWORD)
    with database.engine.connect() as connection:
        before = connection.execute(select(workers)).all()
    weak = secret_file(tmp_path, "weak.txt", "password123")
    lines = [refused_in_one_line(admin(database, *args)) for args in (
        ("disable-worker", "nobody"),
        ("reset-password", "nobody", "--password-file", str(weak)),
        ("reset-password", "sjones", "--password-file", str(weak)),
        ("fingerprint",),
    )]
    assert '"nobody"' in lines[0] and '"nobody"' in lines[1]
    assert "password cannot be used" in lines[2]
    assert "has not been created yet" in lines[3]
    with database.engine.connect() as connection:
        assert connection.execute(select(workers)).all() == before


def test_the_fingerprint_printed_is_the_one_devices_compute(database: HubDatabase) -> None:
    migrate(database.engine)
    create_agency(database.engine, "Riverside", AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    shown = admin(database, "fingerprint")
    assert shown.returncode == 0, shown.stderr
    expected = agency_key_fingerprint(agency_public_key(database.engine))
    assert f"Agency key check (fingerprint): {expected}" in shown.stdout
    assert "do not connect" in shown.stdout
    # Printed beside every pairing code too, for the worker who hands it to the family.
    added = admin(database, "add-household", "--name", "The Okafor household")
    assert added.returncode == 0, added.stderr
    assert f"The device will show this key check: {expected}." in added.stdout


def test_the_hub_on_this_computer_refuses_requests_naming_another_host(tmp_path: Path) -> None:
    folder = tmp_path / "hub-data"
    (folder / "hub").mkdir(parents=True)
    engine = make_engine(f"sqlite:///{folder / 'hub' / 'hub.sqlite3'}")
    hub = start_hub(HubDatabase(["--data-dir", str(folder)], engine))
    try:
        port = hub.url.rsplit(":", 1)[1]
        with httpx.Client(base_url=hub.url, timeout=10) as client:
            assert client.get("/v1/health").status_code == 200
            for host in ("localhost", f"127.0.0.1:{port}", f"localhost:{port}"):
                assert client.get("/v1/health", headers={"Host": host}).status_code == 200
            for host in ("evil.example", f"evil.example:{port}", "192.168.1.20"):
                refused = client.get("/v1/health", headers={"Host": host})
                assert refused.status_code == 403, host
                assert client.get("/", headers={"Host": host}).status_code == 403
    finally:
        code, _out, err = hub.stop()
        engine.dispose()
    assert code == 0, err
