"""``homeward passwd`` and ``homeward recover``, run as real subprocesses on real stores: a new
passphrase set with the old one (from files or typed twice) or with the recovery key, which
is then replaced; a wrong passphrase or key, or a weak new passphrase, changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.i18n import t
from app.services.setup import create_household
from app.storage import HouseholdStore, KdfParams, WrongPassphrase, WrongRecoveryKey
from tests.clikit import (
    NEW_PASSPHRASE,
    PASSPHRASE,
    WEAK,
    Household,
    assert_unlocks,
    run_cli,
    secret_file,
    snapshot,
)


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
