"""``homeward recovery-key``, run as a real subprocess on real stores in temp folders: a new key
in a new private file, the old key refused at once, and every refusal changing nothing."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from app.i18n import t
from app.services.setup import create_household
from app.storage import HouseholdStore, KdfParams, WrongRecoveryKey, recovery_key_history
from tests.clikit import PASSPHRASE, run_cli, secret_file, snapshot

KEY = re.compile(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){7}")


@pytest.fixture
def household(tmp_path: Path) -> tuple[Path, str]:
    """A household made with the fast test KDF, and its first recovery key."""
    folder = tmp_path / "household"
    store, recovery_key = create_household(
        folder, "The Rivers family", PASSPHRASE, kdf=KdfParams.fast_for_tests()
    )
    store.recovery_key_kept(recovery_key)
    store.close()
    return folder, recovery_key


def _opens(folder: Path, recovery_key: str) -> bool:
    try:
        HouseholdStore.open_with_recovery_key(folder, recovery_key, read_only=True).close()
    except WrongRecoveryKey:
        return False
    return True


def test_recovery_key_writes_a_new_key_to_a_new_private_file(
    household: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_key = household
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    with HouseholdStore.open(folder, PASSPHRASE, read_only=True) as store:
        before = {c: store.find(c) for c in store.collections()}
    out = tmp_path / "new-key.txt"

    result = run_cli("recovery-key", "--data-dir", folder, "--passphrase-file", pass_file,
                     "--recovery-key-file", out)

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    new_key = out.read_text("utf-8").strip()
    assert KEY.fullmatch(new_key)
    assert new_key not in result.stdout  # in the file only, never on the screen
    assert str(out) in result.stdout
    assert "The old key no longer opens the household" in result.stdout
    # ...but it still opens every backup made before now: never "destroy it" on its own.
    assert "Backups made before now still open with the old key" in result.stdout
    assert "The current recovery key was made on" in result.stdout
    assert not _opens(folder, old_key)
    assert _opens(folder, new_key)
    with HouseholdStore.open(folder, PASSPHRASE, read_only=True) as store:  # passphrase too
        assert {c: store.find(c) for c in store.collections()} == before
    history = recovery_key_history(folder)
    assert history.made is not None and not history.pending  # saved to a file: handed over


def test_recovery_key_asks_for_the_passphrase_when_no_file_is_given(
    household: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_key = household
    out = tmp_path / "new-key.txt"
    result = run_cli("recovery-key", "--data-dir", folder, "--recovery-key-file", out,
                     stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert _opens(folder, out.read_text("utf-8").strip())
    assert not _opens(folder, old_key)


def test_recovery_key_refuses_to_overwrite_a_file_changing_nothing(
    household: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_key = household
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    out = tmp_path / "keep-me.txt"
    out.write_text("the family's shopping list\n", encoding="utf-8")
    before = snapshot(folder)

    result = run_cli("recovery-key", "--data-dir", folder, "--passphrase-file", pass_file,
                     "--recovery-key-file", out)

    assert result.returncode == 1
    assert result.stderr.strip() == t("cli.recovery_key.exists", file=out)
    assert out.read_text("utf-8") == "the family's shopping list\n"
    assert snapshot(folder) == before
    assert _opens(folder, old_key)


def test_recovery_key_with_a_wrong_passphrase_exits_2_changing_nothing(
    household: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_key = household
    wrong = secret_file(tmp_path, "wrong.txt", "not the passphrase at all")
    out = tmp_path / "new-key.txt"
    before = snapshot(folder)

    result = run_cli("recovery-key", "--data-dir", folder, "--passphrase-file", wrong,
                     "--recovery-key-file", out)

    assert result.returncode == 2
    assert result.stderr.strip() == t("cli.error.wrong_passphrase")
    assert not out.exists()
    assert snapshot(folder) == before
    assert _opens(folder, old_key)


def test_recovery_key_while_the_household_is_open_elsewhere_changes_nothing(
    household: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_key = household
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    out = tmp_path / "new-key.txt"
    with HouseholdStore.open(folder, PASSPHRASE):  # the app is running on this folder
        before = snapshot(folder)
        result = run_cli("recovery-key", "--data-dir", folder, "--passphrase-file", pass_file,
                         "--recovery-key-file", out)
        assert snapshot(folder) == before
    assert result.returncode == 1
    assert result.stderr.strip() == t("cli.error.in_use")
    assert not out.exists()
    assert _opens(folder, old_key)


def test_recovery_key_will_not_save_the_key_inside_the_households_folder(
    household: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_key = household
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    before = snapshot(folder)
    result = run_cli("recovery-key", "--data-dir", folder, "--passphrase-file", pass_file,
                     "--recovery-key-file", folder / "key.txt")
    assert result.returncode == 1
    assert result.stderr.strip() == t("cli.recovery_key.in_data_folder")
    assert snapshot(folder) == before
    assert _opens(folder, old_key)


def test_keys_init_and_recover_show_count_as_kept_so_the_app_does_not_remake_them(
    tmp_path: Path, household: tuple[Path, str]
) -> None:
    # A key the command line saved or printed was handed over: setup carrying on in the app
    # must not make it again (that would stop the worker's copy working).
    made = tmp_path / "made-here"
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    result = run_cli("init", "--data-dir", made, "--household", "The Lees",
                     "--passphrase-file", pass_file, "--recovery-key-file", tmp_path / "k.txt")
    assert result.returncode == 0, result.stderr
    assert recovery_key_history(made).made is not None
    assert not recovery_key_history(made).pending

    folder, old_key = household
    key_file = secret_file(tmp_path, "old-key.txt", old_key)
    new_pass = secret_file(tmp_path, "new-pass.txt", "harbour violet compass meadow")
    result = run_cli("recover", "--data-dir", folder, "--recovery-key-file", key_file,
                     "--new-passphrase-file", new_pass)
    assert result.returncode == 0, result.stderr
    shown = KEY.search(result.stdout)
    assert shown and _opens(folder, shown.group(0))
    assert not recovery_key_history(folder).pending
