"""Crashes and failed writes at every step of a save leave a store that opens with its data."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.storage import HouseholdStore, ReadOnlyStore, StoreDamaged, StoreWriteFailed
from app.storage.crypto import write_new
from app.storage.tables import JOURNAL_FILE

PASSPHRASE = "kettle on, shoes by the door"
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]
Abandon = Callable[[HouseholdStore], None]
COLLECTIONS = ("members", "checkins", "diary")


class SimulatedCrash(BaseException):
    """Stands for the process dying: not an Exception, so no cleanup code catches it."""


def fail_at(
    step: str, occurrence: int = 1, error: BaseException | None = None
) -> Callable[[str], None]:
    """Return a fault hook that raises at the given occurrence of a write step."""
    seen = {"count": 0}

    def hook(name: str) -> None:
        if name == step:
            seen["count"] += 1
            if seen["count"] == occurrence:
                raise error if error is not None else SimulatedCrash(step)

    return hook


def everything(store: HouseholdStore) -> dict[str, list[dict[str, Any]]]:
    """Every record of the collections used here, in find order."""
    return {c: store.find(c) for c in COLLECTIONS}


def on_disk(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """What a fresh, read-only open of the folder sees."""
    store = HouseholdStore.open(folder, PASSPHRASE, read_only=True)
    try:
        return everything(store)
    finally:
        store.close()


@pytest.mark.parametrize("step", ["temp-written", "before-replace", "replaced"])
def test_crash_during_a_single_save_keeps_every_committed_record(
    populated: Path, step: str, abandon: Abandon
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    committed = everything(store)
    store._tables.fault_hook = fail_at(step)
    with pytest.raises(SimulatedCrash):
        store.put("checkins", {"id": "c-new", "score": 1}, shard="2026-11")
    abandon(store)  # the process "died": no close()

    reopened = HouseholdStore.open(populated, PASSPHRASE)
    after = everything(reopened)
    new = reopened.get("checkins", "c-new")
    if step == "replaced":
        assert new is not None  # the rename happened; only the folder flush was missed
        after["checkins"] = [d for d in after["checkins"] if d["id"] != "c-new"]
    else:
        assert new is None
    assert after == committed
    reopened.put("checkins", {"id": "c-after"}, shard="2026-11")  # still writable
    reopened.close()
    assert not [p for p in populated.iterdir() if p.name.endswith(".tmp")]


BATCH: list[tuple[str, dict[str, Any], str | None]] = [
    ("members", {"id": "m-parent", "name": "Alex", "role": "parent", "v": 2}, None),
    ("checkins", {"id": "c-1", "score": 1, "v": 2}, "2026-10"),
    ("checkins", {"id": "c-new", "score": 5}, "2026-12"),
    ("diary", {"id": "d-1", "text": "Rewritten", "v": 2}, "2026-11"),
]


@pytest.mark.parametrize(
    ("step", "occurrence", "lands"),
    [
        ("temp-written", 1, False),  # journal temp file written
        ("before-replace", 1, False),  # journal about to be put in place
        ("replaced", 1, True),  # journal in place: the commit point has passed
        ("journal-written", 1, True),
        ("between-tables", 1, True),  # one table file written, the others not
        ("between-tables", 3, True),
        ("temp-written", 3, True),  # inside the second table file's write
        ("replaced", 5, True),  # the last table file replaced, journal not yet removed
    ],
)
def test_crash_inside_put_many_is_all_or_nothing(
    populated: Path, step: str, occurrence: int, lands: bool, abandon: Abandon
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    committed = everything(store)
    store._tables.fault_hook = fail_at(step, occurrence)
    with pytest.raises(SimulatedCrash):
        store.put_many(BATCH)
    abandon(store)

    reopened = HouseholdStore.open(populated, PASSPHRASE)
    got = {(c, d["id"]): reopened.get(c, d["id"]) for c, d, _ in BATCH}
    if lands:
        assert got == {(c, d["id"]): d for c, d, _ in BATCH}
    else:
        assert everything(reopened) == committed
    assert not (populated / JOURNAL_FILE).exists()  # replayed (or never committed)
    assert reopened.verify() == reopened.counts()
    reopened.close()


def test_a_damaged_committed_journal_is_damage_and_nothing_is_overwritten(
    populated: Path, snapshot: SnapshotFn, abandon: Abandon
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    store._tables.fault_hook = fail_at("journal-written")
    with pytest.raises(SimulatedCrash):
        store.put_many(BATCH)
    abandon(store)
    journal = populated / JOURNAL_FILE
    # A journal only ever reaches its name whole, so this one was committed: its change
    # (a new check-in among others) must not be silently dropped.
    os.truncate(journal, journal.stat().st_size - 7)
    before = snapshot(populated)

    for read_only in (False, True):
        with pytest.raises(StoreDamaged) as caught:
            HouseholdStore.open(populated, PASSPHRASE, read_only=read_only)
        assert caught.value.files == [JOURNAL_FILE]
        assert JOURNAL_FILE in str(caught.value)
    assert snapshot(populated) == before


@pytest.mark.parametrize("where", ["os.write", "temp-written", "before-replace"])
def test_disk_full_raises_store_write_failed_and_memory_matches_disk(
    populated: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    committed = everything(store)
    full = OSError(errno.ENOSPC, "No space left on device")
    if where == "os.write":

        def no_space(fd: int, data: object) -> int:
            raise full

        monkeypatch.setattr(os, "write", no_space)
    else:
        store._tables.fault_hook = fail_at(where, error=full)
    with pytest.raises(StoreWriteFailed) as caught:
        # A replacement: TinyDB would have mutated the stored document in place.
        store.put("members", {"id": "m-parent", "name": "Changed"})
    monkeypatch.undo()
    assert "No space left" in str(caught.value)
    assert not [p for p in populated.iterdir() if p.name.endswith(".tmp")]
    assert everything(store) == committed == on_disk(populated)
    store.put("members", {"id": "m-parent", "name": "Saved later"})  # works once space is back
    assert store.get("members", "m-parent") == {"id": "m-parent", "name": "Saved later"}
    store.close()


def test_failing_fsync_during_put_many_rolls_back_every_table(
    populated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    committed = everything(store)
    counts = store.counts()

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreWriteFailed):
        store.put_many(BATCH)
    with pytest.raises(StoreWriteFailed):
        store.put("checkins", {"id": "c-2", "moved": True}, shard="2026-12")
    with pytest.raises(StoreWriteFailed):
        store.remove("diary", "d-1")
    monkeypatch.undo()

    assert everything(store) == committed
    assert store.counts() == counts
    assert store.get("checkins", "c-new") is None
    assert on_disk(populated) == committed
    store.put_many(BATCH)  # the index was rebuilt correctly, so this lands normally
    assert on_disk(populated) == everything(store)
    store.close()


def test_failure_after_the_journal_commit_keeps_the_change(populated: Path) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    store._tables.fault_hook = fail_at("between-tables", error=OSError(errno.EIO, "I/O error"))
    store.put_many(BATCH)  # durable in the journal, so not a failure for the caller
    assert (populated / JOURNAL_FILE).exists()
    store._tables.fault_hook = None
    store.put("diary", {"id": "d-next"}, shard="2026-11")  # folds the pending tables in
    assert not (populated / JOURNAL_FILE).exists()
    assert on_disk(populated) == everything(store)
    store.close()


def test_save_to_a_table_of_a_pending_journal_is_not_undone_by_its_replay(
    populated: Path, abandon: Abandon
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    store._tables.fault_hook = fail_at("between-tables", error=OSError(errno.EIO, "I/O error"))
    store.put_many(BATCH[:2])  # one table file written, the other still pending
    store._tables.fault_hook = None
    store.put("checkins", {"id": "c-1", "v": 3}, shard="2026-10")
    abandon(store)  # no close(): nothing gets a second chance to finish the journal
    del store

    reopened = HouseholdStore.open(populated, PASSPHRASE)
    assert reopened.get("checkins", "c-1") == {"id": "c-1", "v": 3}
    assert reopened.get("members", "m-parent") == BATCH[0][1]
    reopened.close()
    assert not (populated / JOURNAL_FILE).exists()


def test_read_only_store_refuses_writes_and_touches_nothing(
    populated: Path, snapshot: SnapshotFn
) -> None:
    (populated / ".members.tbl.1234abcd.tmp").write_bytes(b"left by a crash")
    before = snapshot(populated)
    store = HouseholdStore.open(populated, PASSPHRASE, read_only=True)
    assert store.read_only
    for attempt in (
        lambda: store.put("members", {"id": "x"}),
        lambda: store.put_many([("members", {"id": "x"}, None)]),
        lambda: store.remove("members", "m-parent"),
        lambda: store.change_passphrase("new"),
    ):
        with pytest.raises(ReadOnlyStore):
            attempt()
    assert store.get("members", "x") is None
    assert store.verify() == store.counts()
    assert store.check_passphrase(PASSPHRASE)
    store.close()
    assert snapshot(populated) == before


def test_read_only_open_with_a_pending_journal_applies_it_in_memory_only(
    populated: Path, snapshot: SnapshotFn, abandon: Abandon
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    store._tables.fault_hook = fail_at("between-tables")
    with pytest.raises(SimulatedCrash):
        store.put_many(BATCH)
    abandon(store)
    before = snapshot(populated)
    assert JOURNAL_FILE in before

    viewer = HouseholdStore.open(populated, PASSPHRASE, read_only=True)
    assert viewer.get("checkins", "c-new") == {"id": "c-new", "score": 5}
    assert viewer.verify() == viewer.counts()
    viewer.close()
    assert snapshot(populated) == before

    writer = HouseholdStore.open(populated, PASSPHRASE)
    assert writer.get("checkins", "c-new") == {"id": "c-new", "score": 5}
    writer.close()
    assert not (populated / JOURNAL_FILE).exists()


def test_a_save_is_flushed_before_it_returns_and_the_catalogue_never_runs_ahead(
    populated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a power cut could lose is whatever was not flushed. Record every flush and rename:
    # the file's new name is flushed before the catalogue's rename (so the catalogue is never
    # ahead of a file), before put() returns; the catalogue's own name is flushed by the next
    # save's flush or by close().
    import app.storage.crypto as crypto

    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(crypto.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(
        crypto.os, "replace",
        lambda src, dst: (events.append(f"replace {Path(dst).name}"), real_replace(src, dst)),
    )
    store = HouseholdStore.open(populated, PASSPHRASE)
    members = store._tables.file_name_of("members")
    events.clear()
    store.put("members", {"id": "m-new", "name": "Kit"})
    renamed = events.index(f"replace {members}")
    assert events[renamed + 1] == "fsync"  # the folder: the save is durable from here
    assert events.index("replace catalogue.hwc") > renamed + 1
    assert events[-1] == "replace catalogue.hwc"  # its name waits for the next flush
    events.clear()
    store.close()
    assert events == ["fsync"]  # close flushes the folder: the catalogue's name is on disk
    assert on_disk(populated)["members"][-1]["id"] == "m-new"


@pytest.mark.parametrize("hard_links", [True, False], ids=["links", "fat-card"])
def test_a_new_file_is_written_whole_and_never_over_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:  # as on a FAT memory card, where a backup often goes

        def no_links(*_args: object, **_kwargs: object) -> None:
            raise PermissionError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "taylors.homeward-backup"
    write_new(target, b"the whole backup")
    assert target.read_bytes() == b"the whole backup"
    assert target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(FileExistsError):
        write_new(target, b"another backup")
    assert target.read_bytes() == b"the whole backup"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left
