"""Passphrase, recovery key and key-file behaviour."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from app.storage import (
    HouseholdStore,
    KdfParams,
    StoreDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.storage.keys import (
    FORMAT_VERSION,
    KEY_FILE,
    KeyFile,
    format_recovery_key,
    new_key_file,
    parse_recovery_key,
)

PASSPHRASE = "kettle on, shoes by the door"
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]


def test_wrong_passphrase_leaves_every_file_byte_identical(
    populated: Path, snapshot: SnapshotFn
) -> None:
    before = snapshot(populated)
    time.sleep(0.01)  # so a rewrite would show in the mtimes
    for read_only in (False, True):
        with pytest.raises(WrongPassphrase):
            HouseholdStore.open(populated, "kettle on, shoes by the door ", read_only=read_only)
    with pytest.raises(WrongRecoveryKey):
        HouseholdStore.open_with_recovery_key(populated, "0" * 32)
    assert snapshot(populated) == before


def test_recovery_key_opens_and_a_new_passphrase_replaces_the_old(
    new_store: tuple[HouseholdStore, str], folder: Path
) -> None:
    store, recovery_key = new_store
    store.put("members", {"id": "m1", "name": "Sam"})
    store.close()

    recovered = HouseholdStore.open_with_recovery_key(folder, recovery_key)
    recovered.change_passphrase("a brand new passphrase")
    assert recovered.check_passphrase("a brand new passphrase")
    assert not recovered.check_passphrase(PASSPHRASE)
    recovered.close()

    with pytest.raises(WrongPassphrase):
        HouseholdStore.open(folder, PASSPHRASE)
    reopened = HouseholdStore.open(folder, "a brand new passphrase")
    assert reopened.get("members", "m1") == {"id": "m1", "name": "Sam"}
    reopened.close()
    # The recovery wrap was kept, and no copy of the old wrap remains on disk.
    HouseholdStore.open_with_recovery_key(folder, recovery_key).close()
    assert (folder / "keys.json.prev").read_bytes() == (folder / "keys.json").read_bytes()


def test_change_passphrase_rewraps_the_key_not_the_data(
    populated: Path, snapshot: SnapshotFn
) -> None:
    before = snapshot(populated)
    store = HouseholdStore.open(populated, PASSPHRASE)
    store.change_passphrase("something else entirely")
    store.close()
    after = snapshot(populated)
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed == {".", "keys.json", "keys.json.prev"}  # "." is the folder itself


def test_recovery_key_is_160_bits_in_eight_groups_of_crockford_base32(
    new_store: tuple[HouseholdStore, str],
) -> None:
    _, recovery_key = new_store
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}", recovery_key)
    assert len(parse_recovery_key(recovery_key)) == 20


def test_recovery_key_parsing_forgives_case_spaces_dashes_and_lookalikes() -> None:
    secret = bytes(range(20))
    spelled = format_recovery_key(secret)
    assert parse_recovery_key(spelled) == secret
    sloppy = spelled.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert parse_recovery_key("  " + sloppy + " ") == secret
    assert parse_recovery_key(spelled.replace("-", "").replace("1", "I")) == secret


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH", "U" * 32, "ABCD-EFGH-" * 5])
def test_malformed_recovery_keys_are_refused_clearly(typed: str) -> None:
    with pytest.raises(WrongRecoveryKey) as caught:
        parse_recovery_key(typed)
    assert "recovery key" in str(caught.value)


def test_wrong_recovery_key_is_refused(new_store: tuple[HouseholdStore, str], folder: Path) -> None:
    _, recovery_key = new_store
    other = format_recovery_key(bytes(20))
    assert other != recovery_key
    with pytest.raises(WrongRecoveryKey):
        HouseholdStore.open_with_recovery_key(folder, other)


def test_key_file_header_is_readable_and_holds_no_secret_in_the_clear(
    new_store: tuple[HouseholdStore, str], folder: Path, fast_kdf: KdfParams
) -> None:
    _, recovery_key = new_store
    text = (folder / "keys.json").read_text()
    assert f'"version": {FORMAT_VERSION}' in text
    assert f'"memory_cost_kib": {fast_kdf.memory_cost}' in text
    assert recovery_key not in text and PASSPHRASE not in text


def test_default_kdf_is_argon2id_with_at_least_64_mib() -> None:
    params = KdfParams()
    assert params.memory_cost >= 64 * 1024 and params.iterations >= 3


#: Key files anyone could write (the checksum is no secret) naming costs no household has.
IMPOSSIBLE_COSTS = {
    "no lanes": {"kdf": KdfParams(memory_cost=8 * 1024, iterations=1, lanes=0)},
    "1 TiB of memory": {"kdf": KdfParams(memory_cost=2**30, iterations=1, lanes=1)},
    "too little memory": {"kdf": KdfParams(memory_cost=64, iterations=1, lanes=1)},
    "no passes": {"kdf": KdfParams(memory_cost=8 * 1024, iterations=0, lanes=1)},
    "a million passes": {"kdf": KdfParams(memory_cost=8 * 1024, iterations=10**6, lanes=1)},
    "a thousand lanes": {"kdf": KdfParams(memory_cost=8 * 1024, iterations=1, lanes=1000)},
    "a short salt": {"salt": b"salt"},
    "a short recovery salt": {"recovery_salt": b""},
}


@pytest.mark.parametrize("change", IMPOSSIBLE_COSTS.values(), ids=IMPOSSIBLE_COSTS.keys())
def test_a_key_file_naming_impossible_unlock_costs_is_damaged_and_nothing_changes(
    populated: Path, snapshot: SnapshotFn, change: dict[str, object]
) -> None:
    honest = KeyFile.from_bytes((populated / KEY_FILE).read_bytes())
    hostile = replace(honest, **change).to_bytes()  # type: ignore[arg-type]
    with pytest.raises(StoreDamaged):
        KeyFile.from_bytes(hostile)
    (populated / KEY_FILE).write_bytes(hostile)
    before = snapshot(populated)
    for read_only in (False, True):
        with pytest.raises(StoreDamaged) as caught:
            HouseholdStore.open(populated, PASSPHRASE, read_only=read_only)
        assert caught.value.files == [KEY_FILE]
        assert caught.value.previous_available  # keys.json.prev is still the honest one
    assert snapshot(populated) == before


def test_the_costs_homeward_itself_uses_are_accepted() -> None:
    for kdf in (KdfParams(), KdfParams.fast_for_tests()):
        made, _key, _recovery = new_key_file(PASSPHRASE, kdf)
        assert KeyFile.from_bytes(made.to_bytes()) == made
