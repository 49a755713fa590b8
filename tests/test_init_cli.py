"""``homeward init``, run as a real subprocess in temp folders: a new household that opens with
its passphrase and its recovery key, the key kept private, and every refusal (a weak
passphrase, a household already there, a key file already there) creating nothing."""

from __future__ import annotations

import stat
from pathlib import Path

from app.i18n import t
from app.storage import HouseholdStore
from tests.clikit import (
    NEW_PASSPHRASE,
    PASSPHRASE,
    WEAK,
    Household,
    run_cli,
    secret_file,
    snapshot,
)


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
