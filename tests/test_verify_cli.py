"""``homeward verify``, run as a real subprocess on real stores in temp folders: a sound store
is counted, a wrong passphrase, a damaged file or a missing household each have their own exit
code and message, and verifying never writes anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.i18n import t
from app.storage import HouseholdStore
from app.sync.catalogue import HIDDEN_AT_HOME, OUTBOX
from tests.clikit import NEW_PASSPHRASE, PASSPHRASE, Household, run_cli, secret_file, snapshot


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


def test_verify_counts_nothing_that_would_tell_a_parent_a_child_wrote_to_their_worker(
    household: Household,
) -> None:
    """A parent has the passphrase and may run ``verify``: a count of sealed messages, alerts
    or things kept for the worker (or of the sync queue they pass through) would tell them
    that a child said something to their worker, and when (DOMAIN rule 7)."""
    store = HouseholdStore.open(household.folder, PASSPHRASE)
    store.put("checkins", {"id": "c1", "feeling": "happy"}, shard="2026-11")
    for collection in HIDDEN_AT_HOME:
        store.put(collection, {"id": f"{collection}-1", "created_at": "2026-11-30"},
                  shard="2026-11")
    store.put(OUTBOX, {"id": "o1", "collection": "worker_messages"}, shard="voice--2026-11")
    store.close()

    result = run_cli(
        "verify", "--data-dir", household.folder, "--passphrase-file", household.pass_file
    )
    assert result.returncode == 0, result.stderr
    counted = {line.split()[0] for line in result.stdout.splitlines()[2:-1]}
    assert counted == {"household", "checkins"}, result.stdout
    assert t("cli.verify.left_out") in result.stdout
