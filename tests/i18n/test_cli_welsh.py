"""The command lines speak the language named in ``HOMEWARD_LANG`` (Welsh here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.i18n import t

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run_in_welsh(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)], cwd=PROJECT_ROOT, input="",
        capture_output=True, text=True, timeout=60, start_new_session=True,
        env={**os.environ, "HOMEWARD_LANG": "cy-GB"})


def test_a_refusal_is_put_in_welsh(tmp_path: Path) -> None:
    folder = tmp_path / "nobody-home"
    passphrase = tmp_path / "p.txt"
    passphrase.write_text("kettle orchard lantern puzzle\n")
    result = run_in_welsh("verify", "--data-dir", folder, "--passphrase-file", passphrase)
    assert result.returncode == 1
    welsh = t("cli.error.not_found", language="cy-GB", folder=folder)
    assert welsh != t("cli.error.not_found", language="en-GB", folder=folder)
    assert welsh in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_help_is_in_welsh() -> None:
    result = run_in_welsh("--help")
    assert result.returncode == 0
    assert t("cli.help.verify", language="cy-GB") in " ".join(result.stdout.split()), \
        result.stdout
