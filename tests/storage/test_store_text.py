"""Text the store must handle kindly: accented passphrases in either Unicode form, and text
that UTF-8 cannot hold (a lone surrogate), refused with a clear error instead of a crash."""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from app.storage import (
    HouseholdStore,
    InvalidText,
    KdfParams,
    StoreError,
    WrongPassphrase,
)
from app.storage.keys import read_key_file

V2_FIXTURES = Path(__file__).parent / "fixtures" / "format-v2"
COMPOSED = unicodedata.normalize("NFC", "Zoë's kettle orchard lantern")
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]


def test_the_two_forms_of_an_accented_passphrase_differ_as_typed() -> None:
    assert COMPOSED != DECOMPOSED and COMPOSED.encode() != DECOMPOSED.encode()


@pytest.mark.parametrize(("made_with", "typed"), [
    (COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED), (DECOMPOSED, DECOMPOSED),
])
def test_zoe_opens_whichever_way_the_keyboard_spelt_the_e(
    tmp_path: Path, made_with: str, typed: str
) -> None:
    folder = tmp_path / "household"
    store, _ = HouseholdStore.create(folder, made_with, kdf=KdfParams.fast_for_tests())
    store.put("members", {"id": "m-zoe", "name": "Zoë"})
    assert store.check_passphrase(typed)
    store.change_passphrase(made_with)  # a change is normalised as well
    store.close()
    with HouseholdStore.open(folder, typed) as reopened:
        assert reopened.get("members", "m-zoe") == {"id": "m-zoe", "name": "Zoë"}
    with pytest.raises(WrongPassphrase):
        HouseholdStore.open(folder, COMPOSED.replace("ë", "e"))


def test_a_household_made_before_normalising_with_a_decomposed_passphrase_still_opens(
    tmp_path: Path,
) -> None:
    # Written by format-2 code, which wrapped the passphrase exactly as typed (NFD here).
    folder = tmp_path / "household"
    shutil.copytree(V2_FIXTURES / "household-nfd", folder)
    expected = json.loads((V2_FIXTURES / "household-nfd.expected.json").read_text("utf-8"))
    assert expected["passphrase"] == DECOMPOSED
    old_wrap = read_key_file(folder).passphrase_wrap

    # Typed composed, it still unwraps (the NFD form is tried too), and says it needs NFC.
    _, needs_nfc = read_key_file(folder).unwrap_passphrase(COMPOSED)
    assert needs_nfc
    with HouseholdStore.open(folder, COMPOSED) as store:  # upgraded, and wrapped in NFC
        assert len(store.find("checkins")) == 4
        assert store.counts()["members"] == 3
    assert read_key_file(folder).passphrase_wrap != old_wrap
    assert read_key_file(folder).unwrap_passphrase(DECOMPOSED)[1] is False
    for typed in (COMPOSED, DECOMPOSED):
        HouseholdStore.open(folder, typed, read_only=True).close()


def test_a_lone_surrogate_in_a_record_is_a_clear_error_and_nothing_is_saved(
    new_store: tuple[HouseholdStore, str], folder: Path, snapshot: SnapshotFn
) -> None:
    store, _ = new_store
    store.put("diary", {"id": "d-1", "text": "Fine"}, shard="2026-11")
    before = snapshot(folder)
    for bad in ({"id": "d-2", "text": "half an emoji \ud83d"}, {"id": "d-2", "\udc00": 1}):
        with pytest.raises(InvalidText) as caught:
            store.put("diary", bad, shard="2026-11")
        assert isinstance(caught.value, ValueError) and isinstance(caught.value, StoreError)
        assert "U+D83D" in str(caught.value) or "U+DC00" in str(caught.value)
    with pytest.raises(InvalidText):
        store.put_many([("diary", {"id": "d-3", "text": "\ud800"}, "2026-12"),
                        ("members", {"id": "m-9"}, None)])
    assert snapshot(folder) == before
    assert store.get("diary", "d-2") is None and store.get("members", "m-9") is None
    store.put("diary", {"id": "d-2", "text": "half an emoji, mended 🙂"}, shard="2026-11")
    assert store.verify() == {"diary": 2}


def test_a_lone_surrogate_in_a_passphrase_is_refused_or_simply_wrong(tmp_path: Path) -> None:
    folder = tmp_path / "household"
    with pytest.raises(InvalidText):
        HouseholdStore.create(folder, "kettle \ud800 orchard", kdf=KdfParams.fast_for_tests())
    assert not folder.exists()
    store, _ = HouseholdStore.create(folder, COMPOSED, kdf=KdfParams.fast_for_tests())
    with pytest.raises(InvalidText):
        store.change_passphrase("kettle \ud800 orchard")
    assert not store.check_passphrase("kettle \ud800 orchard")
    store.close()
    with pytest.raises(WrongPassphrase):
        HouseholdStore.open(folder, "kettle \ud800 orchard")
