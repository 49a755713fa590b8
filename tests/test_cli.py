"""What every ``homeward`` command shares, run as a real subprocess on real stores in temp
folders: how a passphrase file is read, and which data folder a command uses.

Each command has its own module (``test_init_cli.py``, ``test_verify_cli.py``,
``test_passwd_cli.py``, ``test_run_cli.py`` and others); their shared helpers are in
``tests/clikit.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import paths
from tests.clikit import PASSPHRASE, PROJECT_ROOT, Household, run_cli


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
