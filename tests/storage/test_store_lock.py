"""One writer per folder: a second writable open, from another process too, changes nothing.

The other processes here are real ones (``python -c``), so the lock is the OS's, as between
``homeward run`` and ``homeward passwd`` on one device.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.i18n import t
from app.storage import HouseholdStore, StoreInUse
from app.storage.keys import FORMAT_VERSION, read_key_file
from app.storage.lock import FolderLock

PROJECT_ROOT = Path(__file__).resolve().parents[2]
V2_FIXTURE = Path(__file__).parent / "fixtures" / "format-v2" / "household"
PASSPHRASE = "kettle on, shoes by the door"
SnapshotFn = Callable[[Path], dict[str, tuple[bytes, int]]]

#: The other process: opens the store as told, reports what happened, and for "hold" keeps it
#: open until a line arrives on stdin; "crash" leaves without closing, as a killed process.
CHILD = r"""
import os, sys
from pathlib import Path
from app.storage import HouseholdStore, StoreError
folder, mode, passphrase = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
try:
    store = HouseholdStore.open(folder, passphrase, read_only=mode == "read")
except StoreError as error:
    print(type(error).__name__, flush=True)
    sys.exit(1)
if mode == "read":
    print("read", store.get("members", "m-parent")["name"], flush=True)
elif mode == "write":
    store.put("members", {"id": "m-child-process", "name": "Sam"})
    print("wrote", flush=True)
elif mode == "hold":
    print("ready", flush=True)
    sys.stdin.readline()
elif mode == "crash":
    store.put("members", {"id": "m-crashed", "name": "Kit"})
    print("crashing", flush=True)
    os._exit(0)
store.close()
print("closed", flush=True)
"""


def _other_process(folder: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), mode, PASSPHRASE],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
    )


@contextmanager
def _held_by_other_process(folder: Path) -> Iterator[None]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), "hold", PASSPHRASE],
        cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "ready"
        yield
        child.stdin.write("done\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "closed"
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)


def test_a_second_writer_in_another_process_is_refused_and_deletes_nothing(
    populated: Path, snapshot: SnapshotFn
) -> None:
    store = HouseholdStore.open(populated, PASSPHRASE)
    store.put("members", {"id": "m-parent", "name": "Alex again"})
    # A temp file this process might be half way through writing: the refused open in the
    # other process must not take it for a crash's leftover.
    in_flight = populated / ".0123456789abcdef0123456789abcdef.tbl.cafef00d.tmp"
    in_flight.write_bytes(b"sealed bytes being written")
    before = snapshot(populated)

    refused = _other_process(populated, "write")
    assert refused.returncode == 1 and refused.stdout.strip() == "StoreInUse", refused.stderr
    viewer = _other_process(populated, "read")  # reading beside a writer is fine
    assert viewer.stdout.splitlines() == ["read Alex again", "closed"], viewer.stderr
    assert snapshot(populated) == before
    assert in_flight.exists()

    store.close()
    assert _other_process(populated, "write").stdout.strip() == "wrote\nclosed"
    with HouseholdStore.open(populated, PASSPHRASE, read_only=True) as reopened:
        assert reopened.get("members", "m-child-process") == {
            "id": "m-child-process", "name": "Sam"
        }


def test_this_process_is_refused_while_another_holds_the_folder(
    populated: Path, snapshot: SnapshotFn
) -> None:
    with _held_by_other_process(populated):
        before = snapshot(populated)
        with pytest.raises(StoreInUse) as caught:
            HouseholdStore.open(populated, PASSPHRASE)
        assert "already open" in str(caught.value)
        with pytest.raises(StoreInUse):
            HouseholdStore.restore_previous(populated, "keys.json")
        with HouseholdStore.open(populated, PASSPHRASE, read_only=True) as viewer:
            assert viewer.counts()["members"] == 3
        assert snapshot(populated) == before
    HouseholdStore.open(populated, PASSPHRASE).close()  # free again once it closed


def test_a_process_that_dies_leaves_the_folder_unlocked(populated: Path) -> None:
    crashed = _other_process(populated, "crash")
    assert crashed.stdout.strip() == "crashing", crashed.stderr
    with HouseholdStore.open(populated, PASSPHRASE) as store:
        assert store.get("members", "m-crashed") == {"id": "m-crashed", "name": "Kit"}


def test_a_second_writable_open_in_the_same_process_is_refused_too(
    populated: Path,
) -> None:
    first = HouseholdStore.open(populated, PASSPHRASE)
    with pytest.raises(StoreInUse):
        HouseholdStore.open(populated, PASSPHRASE)
    first.close()
    HouseholdStore.open(populated, PASSPHRASE).close()


def test_an_upgrade_never_runs_beside_another_writer(tmp_path: Path) -> None:
    folder = tmp_path / "household"
    shutil.copytree(V2_FIXTURE, folder)
    passphrase = "kettle orchard lantern puzzle"
    lock = FolderLock.acquire(folder)  # as another Homeward process on this folder would
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(StoreInUse):
        HouseholdStore.open(folder, passphrase)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert read_key_file(folder).version == 2  # not upgraded
    lock.release()
    HouseholdStore.open(folder, passphrase).close()
    assert read_key_file(folder).version == FORMAT_VERSION


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)], cwd=PROJECT_ROOT, input="",
        capture_output=True, text=True, timeout=60, start_new_session=True,
    )


def test_homeward_passwd_while_the_household_is_open_says_so_and_changes_nothing(
    populated: Path, tmp_path: Path, snapshot: SnapshotFn
) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(PASSPHRASE + "\n", encoding="utf-8")
    new.write_text("harbour violet compass meadow\n", encoding="utf-8")
    store = HouseholdStore.open(populated, PASSPHRASE)
    before = snapshot(populated)
    passwd = ["--new-passphrase-file", new]
    for args in (["passwd", *passwd], ["passwd", "--new-keys", *passwd], ["verify"]):
        result = _cli(*args, "--data-dir", populated, "--passphrase-file", old)
        assert result.returncode == 1, result.stderr
        assert t("cli.error.in_use") in result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(populated) == before
    store.close()
    assert os.listdir(populated)  # still a household, still the old passphrase
    HouseholdStore.open(populated, PASSPHRASE, read_only=True).close()
