"""One-file backups: sealed, whole, and put back only into an empty folder.

Real folders, real crypto. A backup opens with the passphrase or the recovery key and with
nothing else; any change to it, or a backup spliced onto another household's key file, is
refused before a byte is written; restoring never touches a folder that holds anything.
"""

from __future__ import annotations

import io
import tarfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PASSPHRASE

from app.storage import HouseholdStore, KdfParams, StoreExists, WrongPassphrase
from app.storage.backup import (
    _LENGTH,
    MAGIC,
    RESTORED_MARK,
    BadBackup,
    Unlock,
    _archive_key,
    _parts,
    done_restoring,
    make_backup,
    read_backup,
    restore_backup,
    was_restored,
)
from app.storage.crypto import seal
from app.storage.errors import StoreInUse
from app.storage.keys import KeyFile, read_key_file

WORDS = "Sam said the new bedtime story was the best one"


def everything(folder: Path) -> dict[str, dict[str, object]]:
    with HouseholdStore.open(folder, PASSPHRASE, read_only=True) as store:
        return {c: {d["id"]: d for d in store.find(c)} for c in store.collections()}


def test_a_backup_restores_every_record_and_holds_nothing_readable(
    populated: Path, tmp_path: Path
) -> None:
    with HouseholdStore.open(populated, PASSPHRASE) as store:
        store.put("diary", {"id": "d-words", "text": WORDS}, shard="2026-11")
    backup = make_backup(populated, Unlock(passphrase=PASSPHRASE))
    assert backup.startswith(MAGIC)
    for secret in (WORDS.encode(), b"Gran", b"m-child-1", b"checkins", b"diary"):
        assert secret not in backup
    # The file names inside (which table files exist, how many) are sealed too.
    assert not any(p.name.encode() in backup for p in populated.iterdir() if p.name != "keys.json")

    restored = tmp_path / "new-phone" / "household"
    names = restore_backup(backup, restored, Unlock(passphrase=PASSPHRASE))
    assert sorted(p.name for p in restored.iterdir()) == sorted([*names, RESTORED_MARK])
    assert was_restored(restored)  # until the app first opens it (tests/sync/test_clock_out.py)
    assert everything(restored) == everything(populated)
    assert oct(restored.stat().st_mode & 0o777) == "0o700"
    assert all(p.stat().st_mode & 0o077 == 0 for p in restored.iterdir())
    with HouseholdStore.open(restored, PASSPHRASE) as store:  # and it is a working household
        store.put("diary", {"id": "d-after", "text": "Back again."}, shard="2026-11")
    again = tmp_path / "third-phone"
    restore_backup(make_backup(restored, Unlock(passphrase=PASSPHRASE)), again,
                   Unlock(passphrase=PASSPHRASE))  # the mark is no part of a backup
    done_restoring(again)
    assert sorted(p.name for p in again.iterdir()) == names


def test_the_recovery_key_opens_a_backup_and_a_wrong_passphrase_does_not(
    folder: Path, fast_kdf: KdfParams, tmp_path: Path
) -> None:
    store, recovery_key = HouseholdStore.create(folder, PASSPHRASE, kdf=fast_kdf)
    store.put("members", {"id": "m-1", "name": "Jo"})
    store.close()
    backup = make_backup(folder, Unlock(recovery_key=recovery_key))
    with pytest.raises(WrongPassphrase):
        read_backup(backup, Unlock(passphrase="not the passphrase at all"))
    restore_backup(backup, tmp_path / "back", Unlock(recovery_key=recovery_key))
    assert everything(tmp_path / "back")["members"]["m-1"]["name"] == "Jo"
    with pytest.raises(WrongPassphrase):
        make_backup(folder, Unlock(passphrase="not the passphrase at all"))


@pytest.mark.parametrize("where", ["magic", "length", "key file", "archive", "tag", "cut"])
def test_a_damaged_or_altered_backup_is_refused_and_nothing_is_written(
    populated: Path, tmp_path: Path, where: str
) -> None:
    backup = bytearray(make_backup(populated, Unlock(passphrase=PASSPHRASE)))
    header, key_file, _sealed = _parts(bytes(backup))
    spot = {"magic": 3, "length": len(MAGIC) + 3, "key file": len(header) - 40,
            "archive": len(header) + 200, "tag": len(backup) - 1}.get(where)
    if spot is None:
        del backup[len(backup) // 2:]
    else:
        backup[spot] ^= 0x01
    target = tmp_path / "restored"
    with pytest.raises((BadBackup, WrongPassphrase)):
        restore_backup(bytes(backup), target, Unlock(passphrase=PASSPHRASE))
    assert not target.exists() and not list(tmp_path.glob(".restored*"))


def test_a_backup_spliced_onto_another_households_key_file_is_refused(
    populated: Path, tmp_path: Path, fast_kdf: KdfParams
) -> None:
    other = tmp_path / "other"
    HouseholdStore.create(other, PASSPHRASE, kdf=fast_kdf)[0].close()
    ours = make_backup(populated, Unlock(passphrase=PASSPHRASE))
    theirs = make_backup(other, Unlock(passphrase=PASSPHRASE))
    _h, _k, our_archive = _parts(ours)
    their_header, _k2, _s = _parts(theirs)
    with pytest.raises(BadBackup):
        read_backup(their_header + our_archive, Unlock(passphrase=PASSPHRASE))


@pytest.mark.parametrize("name", ["../escape", "/etc/passwd", "sub/file", ".."])
def test_an_archive_naming_anything_but_the_folders_own_files_is_refused(
    populated: Path, tmp_path: Path, name: str
) -> None:
    """Even one sealed with the right key (made by someone who had the passphrase)."""
    honest = make_backup(populated, Unlock(passphrase=PASSPHRASE))
    header, _key_file, _sealed = _parts(honest)
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        tar.add(populated / "keys.json", arcname="keys.json")
        info = tarfile.TarInfo(name)
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    data_key = read_key_file(populated).unwrap_with_passphrase(PASSPHRASE)
    crafted = header + seal(_archive_key(data_key), archive.getvalue(), header)
    with pytest.raises(BadBackup):
        restore_backup(crafted, tmp_path / "restored", Unlock(passphrase=PASSPHRASE))
    assert not (tmp_path / "restored").exists() and not (tmp_path / "escape").exists()


def test_restore_never_touches_a_folder_that_holds_anything(populated: Path,
                                                              tmp_path: Path) -> None:
    backup = make_backup(populated, Unlock(passphrase=PASSPHRASE))
    with pytest.raises(StoreExists):
        restore_backup(backup, populated, Unlock(passphrase=PASSPHRASE))
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "photo.jpg").write_bytes(b"a family photo")
    with pytest.raises(StoreExists):
        restore_backup(backup, busy, Unlock(passphrase=PASSPHRASE))
    assert [p.name for p in busy.iterdir()] == ["photo.jpg"]
    empty = tmp_path / "empty"
    empty.mkdir()
    restore_backup(backup, empty, Unlock(passphrase=PASSPHRASE))
    assert everything(empty) == everything(populated)


def test_no_backup_is_taken_while_homeward_has_the_folder_open(populated: Path) -> None:
    with HouseholdStore.open(populated, PASSPHRASE), pytest.raises(StoreInUse):
        make_backup(populated, Unlock(passphrase=PASSPHRASE))


@pytest.mark.parametrize("kdf", [KdfParams(memory_cost=8 * 1024, iterations=1, lanes=0),
                                 KdfParams(memory_cost=2**30, iterations=1, lanes=1)],
                         ids=["no lanes", "1 TiB of memory"])
def test_a_backup_naming_impossible_unlock_costs_is_refused_and_nothing_is_written(
    populated: Path, tmp_path: Path, kdf: KdfParams
) -> None:
    # Its key file's checksum is no secret: anyone can change the costs and fix the checksum.
    honest = make_backup(populated, Unlock(passphrase=PASSPHRASE))
    _header, key_file, sealed = _parts(honest)
    evil = replace(KeyFile.from_bytes(key_file), kdf=kdf).to_bytes()
    hostile = MAGIC + _LENGTH.pack(len(evil)) + evil + sealed
    target = tmp_path / "restored"
    with pytest.raises(BadBackup):
        restore_backup(hostile, target, Unlock(passphrase=PASSPHRASE))
    assert not target.exists() and not list(tmp_path.glob(".restored*"))
