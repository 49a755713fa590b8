"""``homeward backup`` and ``homeward restore`` as real subprocesses on a real household.

A backup restored into a new folder holds exactly what the household held (counted against
``homeward verify``); the backup file is private and never written over another; a wrong
passphrase, a damaged file or a folder in use changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from app.domain.checkins import Feeling
from app.i18n import t
from app.services.checkins import checkins_for
from app.storage import KdfParams
from app.storage.backup import _LENGTH, MAGIC, _parts
from app.storage.keys import KeyFile
from tests.clikit import NEW_PASSPHRASE, Household, run_cli, secret_file, snapshot
from tests.services.taylors import PASSPHRASE, FixedClock, create_taylors, in_order
from tests.test_export_cli import verify_counts


@pytest.fixture
def taylors(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "household"
    gate, household = create_taylors(folder, FixedClock(1_796_000_000.0))
    _jo, sam, _mia, _priya = in_order(household)
    checkins_for(household).record(sam, Feeling.HAPPY, 3, words="Football at the park")
    gate.close()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    return folder, secret_file(secrets, "pass.txt", PASSPHRASE)


def test_backup_then_restore_into_a_new_folder_gives_back_every_record(
    taylors: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, pass_file = taylors
    before = snapshot(folder)
    target = tmp_path / "usb" / "taylors.homeward-backup"
    made = run_cli("backup", "--data-dir", folder, "--passphrase-file", pass_file,
                   "--to", target)
    assert made.returncode == 0, made.stderr
    assert str(target) in made.stdout
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert b"Football" not in target.read_bytes() and b"Taylor" not in target.read_bytes()
    assert snapshot(folder) == before  # taking a backup changes nothing at home

    again = run_cli("backup", "--data-dir", folder, "--passphrase-file", pass_file,
                    "--to", target)
    assert again.returncode == 1 and t("cli.backup.exists", path=target) in again.stderr

    restored = tmp_path / "new-phone"
    put_back = run_cli("restore", "--data-dir", restored, "--passphrase-file", pass_file,
                       "--from", target)
    assert put_back.returncode == 0, put_back.stderr
    assert verify_counts(restored, pass_file) == verify_counts(folder, pass_file)


def test_restore_with_a_wrong_passphrase_or_a_damaged_file_changes_nothing(
    taylors: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, pass_file = taylors
    target = tmp_path / "taylors.homeward-backup"
    assert run_cli("backup", "--data-dir", folder, "--passphrase-file", pass_file,
                   "--to", target).returncode == 0
    wrong = secret_file(tmp_path / "secrets", "wrong.txt", "not our passphrase at all")
    restored = tmp_path / "new-phone"
    refused = run_cli("restore", "--data-dir", restored, "--passphrase-file", wrong,
                      "--from", target)
    assert refused.returncode == 2 and not restored.exists()

    damaged = bytearray(target.read_bytes())
    damaged[-5] ^= 0xFF
    target.write_bytes(bytes(damaged))
    bad = run_cli("restore", "--data-dir", restored, "--passphrase-file", pass_file,
                  "--from", target)
    assert bad.returncode == 3 and "not a sound Homeward backup" in bad.stderr
    assert not restored.exists()

    over = run_cli("restore", "--data-dir", folder, "--passphrase-file", pass_file,
                   "--from", target)
    assert over.returncode == 1 and t("cli.error.exists", folder=folder) in over.stderr


def test_a_backup_cut_short_by_a_full_disk_leaves_nothing_and_can_be_taken_again(
    taylors: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, pass_file = taylors
    target = tmp_path / "usb" / "taylors.homeward-backup"
    full = run_cli("backup", "--data-dir", folder, "--passphrase-file", pass_file,
                   "--to", target, disk_room=8192)  # run_cli also checks: no traceback
    assert full.returncode == 1
    assert t("cli.backup.cannot_write", path=target, reason="File too large") in full.stderr
    assert list(target.parent.iterdir()) == []  # no cut-off backup, no temporary file

    again = run_cli("backup", "--data-dir", folder, "--passphrase-file", pass_file,
                    "--to", target)
    assert again.returncode == 0, again.stderr
    restored = tmp_path / "new-phone"
    assert run_cli("restore", "--data-dir", restored, "--passphrase-file", pass_file,
                   "--from", target).returncode == 0
    assert verify_counts(restored, pass_file) == verify_counts(folder, pass_file)


def test_restoring_a_backup_naming_impossible_unlock_costs_says_it_is_not_sound(
    taylors: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, pass_file = taylors
    source = tmp_path / "taylors.homeward-backup"
    assert run_cli("backup", "--data-dir", folder, "--passphrase-file", pass_file,
                   "--to", source).returncode == 0
    _header, key_file, sealed = _parts(source.read_bytes())
    no_lanes = KdfParams(memory_cost=8 * 1024, iterations=1, lanes=0)
    evil = replace(KeyFile.from_bytes(key_file), kdf=no_lanes).to_bytes()  # checksum redone
    source.write_bytes(MAGIC + _LENGTH.pack(len(evil)) + evil + sealed)
    restored = tmp_path / "new-phone"
    refused = run_cli("restore", "--data-dir", restored, "--passphrase-file", pass_file,
                      "--from", source)  # run_cli also checks: no traceback
    assert refused.returncode == 3 and "not a sound Homeward backup" in refused.stderr
    assert not restored.exists()


def _shown_key(stdout: str) -> str:
    """The one new recovery key a command printed, as a person would copy it."""
    [key] = re.findall(r"^    ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})$", stdout, re.M)
    return key


def _restore(source: Path, folder: Path, option: str, secret: Path) -> CompletedProcess[str]:
    return run_cli("restore", "--data-dir", folder, option, secret, "--from", source)


def test_a_backup_from_before_a_recovery_needs_the_old_key_and_every_message_says_so(
    household: Household, tmp_path: Path
) -> None:
    """A parent who forgot the passphrase and used the recovery key is told not to throw
    away the only paper that opens the backups made before; restoring one names the secret it
    needs, and once restored with the key, says how to get in without the passphrase."""
    old_key = secret_file(household.secrets, "old-key.txt", household.recovery_key)
    new_pass = secret_file(household.secrets, "new.txt", NEW_PASSPHRASE)
    source = tmp_path / "usb" / "taylors.homeward-backup"
    assert run_cli("backup", "--data-dir", household.folder, "--passphrase-file",
                   household.pass_file, "--to", source).returncode == 0
    recovered = run_cli("recover", "--data-dir", household.folder, "--recovery-key-file",
                        old_key, "--new-passphrase-file", new_pass)
    assert recovered.returncode == 0, recovered.stderr
    assert "Destroy the old paper" not in recovered.stdout
    assert "Keep the old paper with those backups" in recovered.stdout
    new_key = secret_file(household.secrets, "new-key.txt", _shown_key(recovered.stdout))

    for n, (option, secret) in enumerate((("--passphrase-file", new_pass),
                                          ("--recovery-key-file", new_key))):
        refused = _restore(source, tmp_path / f"refused-{n}", option, secret)
        assert refused.returncode == 2 and not (tmp_path / f"refused-{n}").exists()
        assert t("cli.restore.wrong_secret") in refused.stderr
        assert "when the backup was made" in refused.stderr

    with_key = _restore(source, tmp_path / "with-key", "--recovery-key-file", old_key)
    assert with_key.returncode == 0, with_key.stderr
    assert f"\"{t('unlock.forgot')}\"" in with_key.stdout
    assert "with your passphrase" not in with_key.stdout
    with_pass = _restore(source, tmp_path / "with-pass", "--passphrase-file", household.pass_file)
    assert with_pass.returncode == 0, with_pass.stderr
    assert t("unlock.forgot") not in with_pass.stdout  # they know this passphrase


@pytest.mark.parametrize("new_keys", [False, True])
def test_a_backup_from_before_a_passphrase_change_needs_the_old_one_and_passwd_says_so(
    household: Household, tmp_path: Path, new_keys: bool
) -> None:
    new_pass = secret_file(household.secrets, "new.txt", NEW_PASSPHRASE)
    source = tmp_path / "taylors.homeward-backup"
    assert run_cli("backup", "--data-dir", household.folder, "--passphrase-file",
                   household.pass_file, "--to", source).returncode == 0
    changed = run_cli("passwd", "--data-dir", household.folder, "--passphrase-file",
                      household.pass_file, "--new-passphrase-file", new_pass,
                      *(["--new-keys"] if new_keys else []))
    assert changed.returncode == 0, changed.stderr
    assert "backups made before now" in changed.stdout.lower()

    refused = _restore(source, tmp_path / "refused", "--passphrase-file", new_pass)
    assert refused.returncode == 2 and t("cli.restore.wrong_secret") in refused.stderr
    assert _restore(source, tmp_path / "restored", "--passphrase-file",
                    household.pass_file).returncode == 0
    key = secret_file(household.secrets, "key.txt", household.recovery_key)
    by_key = _restore(source, tmp_path / "by-key", "--recovery-key-file", key)
    assert by_key.returncode == 0, by_key.stderr  # the key this backup was made with
