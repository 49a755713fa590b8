"""The ``homeward`` command line, run as a real subprocess on real stores in temp folders."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app import paths
from app.i18n import t
from app.server import content_security_policy
from app.services.setup import create_household
from app.storage import HouseholdStore, KdfParams, WrongPassphrase, WrongRecoveryKey

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "kettle orchard lantern puzzle"
NEW_PASSPHRASE = "harbour violet compass meadow"
WEAK = "password"


def run_cli(
    *args: str | Path, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m app`` with no controlling terminal, so getpass reads stdin."""
    result = subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=PROJECT_ROOT,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every entry under ``folder``: contents (files), mtime in ns and mode."""
    found: dict[str, tuple[bytes | None, int, int]] = {}
    for path in sorted([folder, *folder.rglob("*")]):
        info = path.lstat()
        body = path.read_bytes() if path.is_file() else None
        found[str(path.relative_to(folder))] = (body, info.st_mtime_ns, info.st_mode)
    return found


def secret_file(folder: Path, name: str, text: str) -> Path:
    """Write a passphrase or key file as a person would: text plus one newline."""
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


@dataclass
class Household:
    folder: Path
    pass_file: Path
    recovery_key: str
    secrets: Path


@pytest.fixture
def household(tmp_path: Path) -> Household:
    """A household made with the fast test KDF, with its passphrase in a file."""
    folder = tmp_path / "household"
    store, recovery_key = create_household(
        folder, "The Rivers family", PASSPHRASE, kdf=KdfParams.fast_for_tests()
    )
    store.close()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    return Household(folder, secret_file(secrets, "pass.txt", PASSPHRASE), recovery_key, secrets)


def assert_unlocks(folder: Path, passphrase: str) -> None:
    store = HouseholdStore.open(folder, passphrase, read_only=True)
    store.close()


# --- init --------------------------------------------------------------------------------


def test_init_creates_an_openable_store_and_saves_the_key_privately(tmp_path: Path) -> None:
    folder = tmp_path / "new-home"
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    key_file = tmp_path / "recovery.txt"
    result = run_cli(
        "init",
        "--data-dir",
        folder,
        "--household",
        "The  Rivers family",
        "--passphrase-file",
        pass_file,
        "--recovery-key-file",
        key_file,
    )
    assert result.returncode == 0, result.stderr
    assert str(key_file) in result.stdout
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text("utf-8").strip()
    assert key and key not in result.stdout

    store = HouseholdStore.open(folder, PASSPHRASE, read_only=True)
    assert store.get("household", "household")["name"] == "The Rivers family"  # type: ignore[index]
    store.close()
    HouseholdStore.open_with_recovery_key(folder, key, read_only=True).close()


def test_init_without_a_key_file_prints_the_key_once(tmp_path: Path) -> None:
    folder = tmp_path / "home"
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    result = run_cli(
        "init", "--data-dir", folder, "--household", "Rivers", "--passphrase-file", pass_file
    )
    assert result.returncode == 0, result.stderr
    assert "recovery key" in result.stdout
    key_line = next(
        line.strip()
        for line in result.stdout.splitlines()
        if line.startswith("    ") and line.strip()
    )
    assert result.stdout.count(key_line) == 1
    HouseholdStore.open_with_recovery_key(folder, key_line, read_only=True).close()


def test_init_refuses_a_weak_passphrase_and_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "home"
    key_file = tmp_path / "recovery.txt"
    result = run_cli(
        "init",
        "--data-dir",
        folder,
        "--household",
        "Rivers",
        "--passphrase-file",
        secret_file(tmp_path, "weak.txt", WEAK),
        "--recovery-key-file",
        key_file,
    )
    assert result.returncode == 1
    assert t("cli.passphrase.refused") in result.stderr
    assert t("cli.passphrase.problem.too_short", min=10) in result.stderr
    assert not folder.exists()
    assert not key_file.exists()


def test_init_leaves_an_existing_household_alone(household: Household) -> None:
    before = snapshot(household.folder)
    result = run_cli(
        "init",
        "--data-dir",
        household.folder,
        "--household",
        "Other",
        "--passphrase-file",
        secret_file(household.secrets, "n.txt", NEW_PASSPHRASE),
    )
    assert result.returncode == 1
    assert t("cli.error.exists", folder=household.folder) in result.stderr
    assert snapshot(household.folder) == before


def test_init_will_not_overwrite_a_recovery_key_file(tmp_path: Path) -> None:
    key_file = tmp_path / "recovery.txt"
    key_file.write_text("keep me", encoding="utf-8")
    result = run_cli(
        "init",
        "--data-dir",
        tmp_path / "home",
        "--household",
        "Rivers",
        "--passphrase-file",
        secret_file(tmp_path, "p.txt", PASSPHRASE),
        "--recovery-key-file",
        key_file,
    )
    assert result.returncode == 1
    assert key_file.read_text("utf-8") == "keep me"
    assert not (tmp_path / "home").exists()


# --- verify ------------------------------------------------------------------------------


def test_verify_a_sound_store_exits_0_prints_counts_and_writes_nothing(
    household: Household,
) -> None:
    before = snapshot(household.folder)
    result = run_cli(
        "verify", "--data-dir", household.folder, "--passphrase-file", household.pass_file
    )
    assert result.returncode == 0, result.stderr
    assert t("cli.verify.sound", folder=household.folder) in result.stdout
    assert any(line.split() == ["household", "1"] for line in result.stdout.splitlines())
    assert snapshot(household.folder) == before


def test_verify_with_a_wrong_passphrase_exits_2_and_writes_nothing(
    household: Household,
) -> None:
    before = snapshot(household.folder)
    wrong = secret_file(household.secrets, "wrong.txt", NEW_PASSPHRASE)
    result = run_cli("verify", "--data-dir", household.folder, "--passphrase-file", wrong)
    assert result.returncode == 2
    assert t("cli.error.wrong_passphrase") in result.stderr
    assert snapshot(household.folder) == before


@pytest.mark.parametrize("saved_twice", [False, True], ids=["no-earlier-copy", "earlier-copy"])
def test_verify_a_damaged_store_exits_3_names_the_file_and_writes_nothing(
    household: Household, saved_twice: bool
) -> None:
    if saved_twice:
        store = HouseholdStore.open(household.folder, PASSPHRASE)
        store.put("notes", {"id": "n1", "text": "second save"})
        store.put("notes", {"id": "n2", "text": "third save"})
        store.close()
    table = max(household.folder.glob("*.tbl"), key=lambda p: p.stat().st_mtime_ns)
    body = bytearray(table.read_bytes())
    body[-5] ^= 0x01
    table.write_bytes(bytes(body))
    before = snapshot(household.folder)

    result = run_cli(
        "verify", "--data-dir", household.folder, "--passphrase-file", household.pass_file
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert table.name in result.stderr
    has_previous = (household.folder / (table.name + ".prev")).exists()
    key = "cli.error.damaged_previous" if has_previous else "cli.error.damaged"
    assert t(key, file=table.name) in result.stderr
    assert snapshot(household.folder) == before


def test_verify_where_there_is_no_household_says_so_and_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "nobody-home"
    result = run_cli(
        "verify",
        "--data-dir",
        folder,
        "--passphrase-file",
        secret_file(tmp_path, "p.txt", PASSPHRASE),
    )
    assert result.returncode == 1
    assert t("cli.error.not_found", folder=folder) in result.stderr
    assert not folder.exists()


def test_a_passphrase_file_loses_one_trailing_newline_only(household: Household) -> None:
    two_newlines = household.secrets / "two.txt"
    two_newlines.write_text(PASSPHRASE + "\n\n", encoding="utf-8")
    result = run_cli("verify", "--data-dir", household.folder, "--passphrase-file", two_newlines)
    assert result.returncode == 2
    none = household.secrets / "none.txt"
    none.write_text(PASSPHRASE, encoding="utf-8")
    assert (
        run_cli("verify", "--data-dir", household.folder, "--passphrase-file", none).returncode == 0
    )


# --- passwd and recover -------------------------------------------------------------------


def test_passwd_changes_the_passphrase(household: Household) -> None:
    new = secret_file(household.secrets, "new.txt", NEW_PASSPHRASE)
    result = run_cli(
        "passwd",
        "--data-dir",
        household.folder,
        "--passphrase-file",
        household.pass_file,
        "--new-passphrase-file",
        new,
    )
    assert result.returncode == 0, result.stderr
    assert t("cli.passwd.changed") in result.stdout
    assert_unlocks(household.folder, NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        assert_unlocks(household.folder, PASSPHRASE)


def test_passwd_with_a_wrong_old_passphrase_exits_2_changing_nothing(
    household: Household,
) -> None:
    before = snapshot(household.folder)
    wrong = secret_file(household.secrets, "wrong.txt", "not the right one at all")
    new = secret_file(household.secrets, "new.txt", NEW_PASSPHRASE)
    result = run_cli(
        "passwd",
        "--data-dir",
        household.folder,
        "--passphrase-file",
        wrong,
        "--new-passphrase-file",
        new,
    )
    assert result.returncode == 2
    assert snapshot(household.folder) == before


def test_passwd_refuses_a_weak_new_passphrase_changing_nothing(household: Household) -> None:
    before = snapshot(household.folder)
    for weak in (WEAK, "The Rivers family"):
        result = run_cli(
            "passwd",
            "--data-dir",
            household.folder,
            "--passphrase-file",
            household.pass_file,
            "--new-passphrase-file",
            secret_file(household.secrets, "w.txt", weak),
        )
        assert result.returncode == 1
        assert t("cli.passphrase.refused") in result.stderr
    assert snapshot(household.folder) == before


def test_passwd_asks_twice_when_no_files_are_given(household: Household) -> None:
    result = run_cli(
        "passwd",
        "--data-dir",
        household.folder,
        stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n",
    )
    assert result.returncode == 0, result.stderr
    assert_unlocks(household.folder, NEW_PASSPHRASE)


def test_passwd_refuses_two_different_new_passphrases(household: Household) -> None:
    before = snapshot(household.folder)
    result = run_cli(
        "passwd",
        "--data-dir",
        household.folder,
        stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\nsomething else entirely\n",
    )
    assert result.returncode == 1
    assert t("cli.error.passphrases_differ") in result.stderr
    assert snapshot(household.folder) == before


def test_recover_sets_a_new_passphrase_with_the_recovery_key(household: Household) -> None:
    key_file = secret_file(household.secrets, "key.txt", household.recovery_key)
    new = secret_file(household.secrets, "new.txt", NEW_PASSPHRASE)
    result = run_cli(
        "recover",
        "--data-dir",
        household.folder,
        "--recovery-key-file",
        key_file,
        "--new-passphrase-file",
        new,
    )
    assert result.returncode == 0, result.stderr
    assert t("cli.recover.changed") in result.stdout
    assert_unlocks(household.folder, NEW_PASSPHRASE)
    # The used key is replaced by a new one, shown once; the old one opens nothing now.
    [new_key] = re.findall(r"^    ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})$", result.stdout, re.M)
    assert new_key != household.recovery_key
    with pytest.raises(WrongRecoveryKey):
        HouseholdStore.open_with_recovery_key(household.folder, household.recovery_key).close()
    HouseholdStore.open_with_recovery_key(household.folder, new_key, read_only=True).close()


def test_recover_with_a_wrong_key_exits_2_changing_nothing(
    household: Household, tmp_path: Path
) -> None:
    other, other_key = create_household(
        tmp_path / "other", "Others", PASSPHRASE, kdf=KdfParams.fast_for_tests()
    )
    other.close()
    before = snapshot(household.folder)
    for wrong in (other_key, "not-a-key"):
        result = run_cli(
            "recover",
            "--data-dir",
            household.folder,
            "--recovery-key-file",
            secret_file(household.secrets, "k.txt", wrong),
            "--new-passphrase-file",
            secret_file(household.secrets, "n.txt", NEW_PASSPHRASE),
        )
        assert result.returncode == 2, result.stderr
        assert t("cli.error.wrong_recovery_key") in result.stderr
    assert snapshot(household.folder) == before


def test_recover_refuses_a_weak_new_passphrase_changing_nothing(household: Household) -> None:
    before = snapshot(household.folder)
    result = run_cli(
        "recover",
        "--data-dir",
        household.folder,
        "--recovery-key-file",
        secret_file(household.secrets, "key.txt", household.recovery_key),
        "--new-passphrase-file",
        secret_file(household.secrets, "w.txt", WEAK),
    )
    assert result.returncode == 1
    assert snapshot(household.folder) == before


def test_a_missing_passphrase_file_is_a_plain_message(household: Household) -> None:
    result = run_cli(
        "verify",
        "--data-dir",
        household.folder,
        "--passphrase-file",
        household.secrets / "absent.txt",
    )
    assert result.returncode == 1
    assert "absent.txt" in result.stderr


# --- the data folder ------------------------------------------------------------------------


def test_data_dir_prefers_the_option_then_the_flet_folder_then_the_os_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.STORAGE_ENV, str(tmp_path / "from-env"))
    assert paths.data_dir(tmp_path / "from-cli") == tmp_path / "from-cli"
    assert paths.data_dir(None) == tmp_path / "from-env"
    monkeypatch.delenv(paths.STORAGE_ENV)
    assert paths.data_dir(None).name == "Homeward"


def test_commands_use_the_flet_storage_folder_when_no_option_is_given(
    household: Household,
) -> None:
    env = {**os.environ, paths.STORAGE_ENV: str(household.folder)}
    result = subprocess.run(
        [sys.executable, "-m", "app", "verify", "--passphrase-file", str(household.pass_file)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# --- run --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``homeward run`` on a free port, until the test ends."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "run",
            "--data-dir",
            str(tmp_path / "home"),
            "--port",
            str(port),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def assert_security_headers(response: httpx.Response) -> None:
    policy = content_security_policy(response.request.url.netloc.decode("ascii"))
    assert response.headers["content-security-policy"] == policy
    assert "ws: " not in policy and f"ws://{response.request.url.netloc.decode()}" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in response.headers


def test_run_serves_every_response_with_the_csp(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    url, process = served
    page = httpx.get(url + "/")
    assert page.status_code == 200 and "<title>Homeward</title>" in page.text
    assert_security_headers(page)
    for path in ("/flutter_bootstrap.js", "/manifest.json", "/icons/icon-192.png"):
        response = httpx.get(url + path)
        assert response.status_code == 200, path
        assert_security_headers(response)
    assert httpx.get(url + "/manifest.json").json()["name"] == "Homeward"
    missing = httpx.get(url + "/no-such-file.png")
    assert missing.status_code == 404
    assert_security_headers(missing)
    assert httpx.get(url + "/docs").status_code == 404
    assert httpx.get(url + "/", headers={"Host": "rebound.example"}).status_code == 403

    process.terminate()
    out, _ = process.communicate(timeout=15)
    assert t("cli.run.address", url=url) in out


def test_run_on_every_interface_warns_that_tls_is_needed(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "run",
            "--data-dir",
            str(tmp_path / "home"),
            "--host",
            "0.0.0.0",
            "--port",
            str(free_port()),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        first_line = process.stderr.readline()
    finally:
        process.kill()
        process.wait(timeout=15)
    assert first_line.strip() == t("cli.run.network_warning", host="0.0.0.0")
    assert "TLS (https)" in first_line


def test_run_on_a_busy_port_says_so_plainly(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_cli("run", "--data-dir", tmp_path / "home", "--port", str(port))
    assert result.returncode == 1
    assert "--port" in result.stderr


def test_run_refuses_websockets_opened_by_other_websites(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    url, _ = served
    ws_url = url.replace("http://", "ws://") + "/ws"
    with pytest.raises(InvalidStatus) as refused:
        connect(ws_url, origin="http://elsewhere.example", open_timeout=5)  # type: ignore[arg-type]
    assert refused.value.response.status_code == 403
    with connect(ws_url, origin=url, open_timeout=5):  # type: ignore[arg-type]
        pass
