"""``homeward hub`` and ``homeward hub-admin`` run as real subprocesses, on SQLite and PostgreSQL.

An agency creates itself, adds a worker and registers a household from the command line;
a device pairs over HTTP with the printed code against a ``homeward hub`` subprocess; the
agency lists and revokes it, and the hub refuses the revoked device. Every refusal is one
plain line, exit 1, and leaves the database exactly as it was.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from hub_device import HubDevice, record
from sqlalchemy import Engine, select

from app.cli import EXIT_REFUSED, EXIT_USAGE, build_parser
from app.hub.admin import (
    add_worker,
    create_agency,
    issue_pairing_code,
    register_household,
    worker_password_matches,
)
from app.hub.cli import DEFAULT_HUB_PORT
from app.hub.db import make_engine, metadata, migrate, pairing_codes
from app.server import DEFAULT_PORT
from app.storage.crypto import KdfParams
from tests.hubkit import AGENCY_PASSPHRASE, free_port, fresh_postgres_database, row_counts

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DB_PASSWORD = "wren-7Q-not-for-printing"
WORKER_PASSWORD = "orchard lantern puzzle harbour"


def run_cli(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run ``python -m app`` with no controlling terminal, so getpass reads stdin."""
    result = subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=PROJECT_ROOT, input=stdin, capture_output=True, text=True, timeout=60,
        start_new_session=True,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def refused_in_one_line(result: subprocess.CompletedProcess[str]) -> str:
    """Check a refusal's exit code and return its one plain line."""
    assert result.returncode == EXIT_REFUSED, (result.stdout, result.stderr)
    # A prompt without a terminal warns that input may echo; the refusal is the last line.
    last = result.stderr.strip().splitlines()[-1]
    assert "Nothing was changed" in last or "nothing was changed" in last, result.stderr
    return last


@dataclass
class HubDatabase:
    """The options that point the commands at one database, and an engine to inspect it."""

    options: list[str]
    engine: Engine


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HubDatabase]:
    """The default SQLite file in a data folder, or a fresh PostgreSQL database with a password."""
    if request.param == "sqlite":
        folder = tmp_path / "hub-data"
        options = ["--data-dir", str(folder)]
        (folder / "hub").mkdir(parents=True)
        url = f"sqlite:///{folder / 'hub' / 'hub.sqlite3'}"
    else:
        url = fresh_postgres_database(request.getfixturevalue("postgres_server"))
        # The test cluster trusts loopback, so any password works; it must never be printed.
        url = url.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{DB_PASSWORD}@")
        options = ["--db", url]
    engine = make_engine(url)
    yield HubDatabase(options, engine)
    engine.dispose()


def admin(db: HubDatabase, *args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run one ``homeward hub-admin`` action against the test database."""
    return run_cli("hub-admin", *db.options, *args, stdin=stdin)


def secret_file(folder: Path, name: str, text: str) -> Path:
    """A passphrase or password file as a person writes it: the text and one newline."""
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


@dataclass
class HubProcess:
    """A ``homeward hub`` subprocess and its address."""

    process: subprocess.Popen[str]
    url: str

    def stop(self) -> tuple[int, str, str]:
        """Stop it as Ctrl+C would; return its exit code and output."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, out, err


def start_hub(db: HubDatabase, *options: str) -> HubProcess:
    """Start ``homeward hub`` on a free port and wait until it answers its health check."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "hub", *db.options, "--port", str(port), *options],
        cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    hub = HubProcess(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"homeward hub stopped at once ({process.returncode}):\n{out}{err}")
        try:
            if httpx.get(f"{hub.url}/v1/health", timeout=1).status_code == 200:
                return hub
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("homeward hub did not answer within 30 seconds")


def test_an_agency_pairs_a_household_and_revokes_a_lost_phone(
    database: HubDatabase, tmp_path: Path
) -> None:
    agency_pass = secret_file(tmp_path, "agency.txt", AGENCY_PASSPHRASE)
    made = admin(database, "create-agency", "--name", "Riverside  Family Service",
                 "--passphrase-file", agency_pass)
    assert made.returncode == 0, made.stderr
    assert "Riverside Family Service" in made.stdout and "never be opened" in made.stdout

    # The worker's password is typed twice at the prompt.
    worker = admin(database, "add-worker", "--name", "Sam Jones", "--username", "SJones",
                   stdin=f"{WORKER_PASSWORD}\n{WORKER_PASSWORD}\n")
    assert worker.returncode == 0, worker.stderr
    assert worker_password_matches(database.engine, "sjones", WORKER_PASSWORD)

    registered = admin(database, "add-household", "--name", "The Okafor household")
    assert registered.returncode == 0, registered.stderr
    household_id = re.search(r"Household id: (\S+)", registered.stdout)
    code = re.search(r"Pairing code: (\S+)", registered.stdout)
    assert household_id and code, registered.stdout
    with database.engine.connect() as connection:
        issued = connection.execute(select(pairing_codes)).one()
    assert issued.expires_at - issued.created_at == timedelta(hours=24)
    assert f"{issued.expires_at.astimezone():%H:%M}" in registered.stdout
    assert "Settings" in registered.stdout

    hub = start_hub(database)
    try:
        device = HubDevice.pair(hub.url, code.group(1))
        assert device.household_id == household_id.group(1)
        assert device.statuses(device.push([record("c1")])) == ["stored"]

        listed = admin(database, "devices", "--household", device.household_id)
        assert listed.returncode == 0, listed.stderr
        row = next(line for line in listed.stdout.splitlines() if device.device_id in line)
        assert device.household_id in row and row.split()[-1] == "no"
        households = admin(database, "households")
        assert re.search(r"The Okafor household\s+1\s+0", households.stdout), households.stdout

        revoked = admin(database, "revoke", device.device_id)
        assert revoked.returncode == 0, revoked.stderr
        # What the agency checks when a phone was paired with another family's code.
        assert (f"This device was the last to send 1 record in household {household_id[1]}."
                in revoked.stdout), revoked.stdout
        before = row_counts(database.engine)
        assert device.push([record("c2")]).status_code == 403
        assert row_counts(database.engine) == before
        again = admin(database, "revoke", device.device_id)
        assert again.returncode == 0 and "already removed" in again.stdout
        listed = admin(database, "devices")
        row = next(line for line in listed.stdout.splitlines() if device.device_id in line)
        assert row.split()[-1] != "no"
        device.client.close()
    finally:
        code_, out, err = hub.stop()
    assert code_ == 0, err
    assert "Traceback" not in err
    assert hub.url in out and "stopped" in out
    assert DB_PASSWORD not in out + err
    if database.options[0] == "--db":
        assert "postgresql://postgres:***@127.0.0.1" in out
    else:
        assert "hub.sqlite3" in out and "SQLite" in out


def snapshot(engine: Engine) -> dict[str, list[str]]:
    """Every row of every hub table, to show a refusal changed nothing at all."""
    with engine.connect() as connection:
        return {
            name: sorted(repr(tuple(row)) for row in connection.execute(select(table)))
            for name, table in metadata.tables.items()
        }


def run_all(db: HubDatabase, calls: list[tuple[list[str | Path], str]]
            ) -> list[subprocess.CompletedProcess[str]]:
    """Run independent ``hub-admin`` calls a few at a time; return their results in order."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        return list(pool.map(lambda call: admin(db, *call[0], stdin=call[1]), calls))


def test_refusals_are_one_plain_line_and_change_nothing(
    database: HubDatabase, tmp_path: Path
) -> None:
    weak = secret_file(tmp_path, "weak.txt", "password123")
    good = secret_file(tmp_path, "good.txt", AGENCY_PASSPHRASE)
    someone = "00000000-0000-4000-8000-000000000000"
    migrate(database.engine)
    empty = snapshot(database.engine)
    before_agency = run_all(database, [
        (["add-household", "--name", "The Okafors"], ""),
        (["add-worker", "--name", "Sam", "--username", "sam", "--password-file", good], ""),
        (["pairing-code", someone], ""),
        (["create-agency", "--name", "Riverside", "--passphrase-file", weak], ""),
        (["create-agency", "--name", "Riverside"], f"{AGENCY_PASSPHRASE}\nsomething else\n"),
        (["create-agency", "--name", "Riverside"], ""),
        (["create-agency", "--name", "   ", "--passphrase-file", good], ""),
    ])
    lines = [refused_in_one_line(result) for result in before_agency]
    assert "has not been created yet" in lines[0] and "has not been created yet" in lines[2]
    assert "easy to guess" in lines[3] and "different" in lines[4] and "typed" in lines[5]
    assert snapshot(database.engine) == empty

    create_agency(database.engine, "Riverside", AGENCY_PASSPHRASE, KdfParams.fast_for_tests())
    add_worker(database.engine, "Sam Jones", "sjones", WORKER_PASSWORD)
    household_id = register_household(database.engine, "The Okafors")
    issue_pairing_code(database.engine, household_id)
    settled = snapshot(database.engine)
    after_agency = run_all(database, [
        (["create-agency", "--name", "Riverside", "--passphrase-file", good], ""),
        (["add-worker", "--name", "Sam J", "--username", " SJONES ", "--password-file", good], ""),
        (["add-worker", "--name", "Sam J", "--username", "sam jones", "--password-file", good], ""),
        (["add-worker", "--name", "Ann Lee", "--username", "alee", "--password-file", weak], ""),
        (["add-worker", "--name", "Priya", "--username", "priya\u200b", "--password-file", good],
         ""),
        (["add-worker", "--name", "Sam", "--username", "sam\u00ad", "--password-file", good], ""),
        (["add-worker", "--name", "\u200b", "--username", "zw", "--password-file", good], ""),
        (["add-household", "--name", "\u00ad\u200b"], ""),
        (["pairing-code", someone], ""),
        (["devices", "--household", someone], ""),
        (["revoke", someone], ""),
    ])
    lines = [refused_in_one_line(result) for result in after_agency]
    assert "already has its agency" in lines[0] and '"sjones"' in lines[1]
    assert "no spaces" in lines[2] and "password cannot be used" in lines[3]
    assert all("cannot be seen or typed" in line for line in lines[4:6])
    assert all("give a name of 1 to" in line for line in lines[6:8]), lines[6:8]
    assert all(someone in line for line in lines[8:])
    for usage in (admin(database, "forget-everything"), admin(database, "add-household")):
        assert usage.returncode == EXIT_USAGE
    assert snapshot(database.engine) == settled


def test_an_unreachable_postgresql_is_one_plain_line_with_the_password_hidden() -> None:
    url = f"postgresql://homeward:{DB_PASSWORD}@127.0.0.1:{free_port()}/hub"
    for result in (run_cli("hub-admin", "--db", url, "households"),
                   run_cli("hub", "--db", url, "--port", str(free_port()))):
        line = refused_in_one_line(result)
        assert "postgresql://homeward:***@127.0.0.1" in line
        assert DB_PASSWORD not in result.stdout + result.stderr


def test_a_served_hub_answers_the_name_its_proxy_passes_on_and_no_other(
        database: HubDatabase) -> None:
    hub = start_hub(database, "--allowed-host", "hub.riverside.example")
    try:
        proxied = httpx.get(f"{hub.url}/", headers={"Host": "hub.riverside.example"}, timeout=10)
        rebound = httpx.get(f"{hub.url}/v1/health", headers={"Host": "evil.example"}, timeout=10)
    finally:
        hub.stop()
    assert proxied.status_code == 200
    assert rebound.status_code == 403


def test_a_busy_port_is_refused_and_other_hosts_are_warned_about_tls(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = run_cli("hub", "--data-dir", tmp_path, "--port", port)
        # 0.0.0.0 cannot be bound either while 127.0.0.1 holds the port, so nothing is exposed.
        exposed = run_cli("hub", "--data-dir", tmp_path, "--host", "0.0.0.0", "--port", port)
    for result in (busy, exposed):
        assert result.returncode == EXIT_REFUSED
        assert "already in use" in result.stderr.strip().splitlines()[-1]
    assert "TLS" in exposed.stderr and "TLS" not in busy.stderr
    assert not list(tmp_path.rglob("*.sqlite3"))


def test_the_hub_has_its_own_default_port_and_listens_on_this_computer_only() -> None:
    args = build_parser().parse_args(["hub"])
    assert args.port == DEFAULT_HUB_PORT != DEFAULT_PORT
    assert args.host == "127.0.0.1"
