"""Nothing at home reveals that a child raised an alert or wrote to their worker.

Two households, each connected to the agency: in one a child says "No, I need help" and
writes to the worker; in the other the same check-in ends with "Yes, I'm safe" and nothing
is written. What the parents can read (the agency lists, what is waiting, the folder
listing) is the same in kind for both, before and after syncing.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from app.domain.alerts import AlertSource
from app.domain.checkins import Feeling, Reason
from app.hub.admin import register_household
from app.i18n import t
from app.services.checkins import checkins_for
from app.services.export import archive_of
from app.services.safety import safety_for
from app.sync.service import SyncStatus
from app.views.sync.words import status_summary
from tests.clikit import run_cli, secret_file
from tests.hubkit import RunningHub
from tests.services.taylors import PASSPHRASE
from tests.sync.household_devices import Device, first_device, joined_device


def _what_parents_read(device: Device) -> tuple[object, ...]:
    sync = device.sync()
    status: SyncStatus = sync.status()
    return (status.waiting, status.problem, status.open_conflicts,
            [(s.collection, s.count) for s in sync.agency_can_see()],
            [(s.collection, s.count) for s in sync.kept_at_home(device.person("Jo"))])


def _folder(device: Device) -> list[tuple[int, int]]:
    """The folder as anyone can list it without the key: how many files, of what sizes."""
    entries = sorted(os.scandir(device.folder), key=lambda e: (e.stat().st_size, e.name))
    return [(1, entry.stat().st_size) for entry in entries if entry.is_file()]


def test_an_alert_and_a_sealed_message_leave_no_trace_a_parent_can_read(
    hub: RunningHub, tmp_path: Path
) -> None:
    told = first_device(tmp_path / "told", hub)
    other = RunningHub(hub.url, hub.engine, register_household(hub.engine, "Other"),
                       hub.server)
    quiet = first_device(tmp_path / "quiet", other)
    before = (_what_parents_read(told), _what_parents_read(quiet))
    assert before[0] == before[1]

    sam_told, sam_quiet = told.person("Sam"), quiet.person("Sam")
    checkins_for(told.household).record(sam_told, Feeling.WORRIED, 5,
                                        reasons=(Reason.HOME,), unsafe=True)
    told.sync().send_to_worker(sam_told, "Please come and talk to me.")
    checkins_for(quiet.household).record(sam_quiet, Feeling.WORRIED, 5, reasons=(Reason.HOME,))
    # Before syncing (offline): nothing counted, nothing listed.
    assert _what_parents_read(told) == _what_parents_read(quiet)
    told.sync_now()
    quiet.sync_now()
    assert _what_parents_read(told) == _what_parents_read(quiet)
    assert _folder(told) == _folder(quiet)
    names = " ".join(entry.name for entry in os.scandir(told.folder))
    for word in ("alert", "safety", "message", "worker", "checkin"):
        assert word not in names


def _hub_down(device: Device) -> None:
    def unreachable(request: httpx.Request) -> None:
        raise httpx.ConnectError("the hub is down", request=request)

    device.transport.before = unreachable


def _hub_up(device: Device) -> None:
    device.transport.before = lambda request: None


def _agency_sees_words(device: Device) -> list[str]:
    """Settings › Our agency › "What your agency can see", line by line as it is read out."""
    return [t("sync.line", label=t(line.label_key), count=line.count)
            for line in device.sync().agency_can_see()]


def _home_card_words(device: Device) -> str:
    """The parent's home card line about the agency."""
    return status_summary(device.sync().status(), 0.0)


def _verify_words(device: Device, secrets: Path) -> str:
    """``homeward verify`` as a parent with the passphrase runs it, the app closed."""
    device.gate.close()
    pass_file = secret_file(secrets, f"{device.name}.txt", PASSPHRASE)
    result = run_cli("verify", "--data-dir", device.folder, "--passphrase-file", pass_file)
    assert result.returncode == 0, result.stderr
    device.reopen()
    return result.stdout.replace(str(device.folder), "<folder>")


def _export_shape(device: Device) -> dict[str, int]:
    """What ``homeward export`` lists: every kind of record, and how many of each."""
    archive = archive_of(device.store, "The Taylor family")
    return {name: len(docs) for name, docs in archive["collections"].items()}


def _what_parents_count(device: Device, secrets: Path) -> dict[str, object]:
    return {"home card": _home_card_words(device), "agency sees": _agency_sees_words(device),
            "verify": _verify_words(device, secrets), "export": _export_shape(device)}


def test_a_childs_alerting_rating_is_counted_nowhere_at_home_even_with_the_hub_down(
    hub: RunningHub, tmp_path: Path
) -> None:
    """Sam rates 2 (an alert), says "No" to feeling safe, taps "I need help" and writes to
    Priya; in the quiet household Sam only checks in. With the hub down and after syncing, on
    the tablet and the parent's phone, every count a parent can read is the same in both:
    what the agency can see, what is waiting, ``homeward verify`` and the export."""
    other = RunningHub(hub.url, hub.engine, register_household(hub.engine, "Other"),
                       hub.server)
    told = first_device(tmp_path / "told", hub)
    quiet = first_device(tmp_path / "quiet", other)
    told_phone = joined_device(tmp_path / "told-phone", "told-phone", hub)
    quiet_phone = joined_device(tmp_path / "quiet-phone", "quiet-phone", other)
    for device in (told, quiet):
        _hub_down(device)
    sam = told.person("Sam")
    safety_for(told.household).rate(sam, 2)  # his only rating, for now
    checkins_for(told.household).record(sam, Feeling.WORRIED, 5, unsafe=True)
    checkins_for(told.household).raise_alert(sam, AlertSource.HELP_BUTTON)
    told.sync().send_to_worker(sam, "Please come and talk to me.")
    checkins_for(quiet.household).record(quiet.person("Sam"), Feeling.WORRIED, 5)
    assert safety_for(told.household).ratings() == []
    for device in (told, quiet):
        assert device.sync().sync_now().problem == "unreachable"
    assert _what_parents_count(told, tmp_path) == _what_parents_count(quiet, tmp_path)

    for device in (told, quiet):
        safety_for(device.household).rate(device.person("Jo"), 7)
        safety_for(device.household).rate(device.person("Sam"), 6)
    safety_for(told.household).rate(told.person("Sam"), 1)
    assert _what_parents_count(told, tmp_path) == _what_parents_count(quiet, tmp_path)
    for device in (told, quiet):
        _hub_up(device)
        device.sync_now()
    for device in (told_phone, quiet_phone):
        device.sync_now()
    assert _what_parents_count(told, tmp_path) == _what_parents_count(quiet, tmp_path)
    assert (_what_parents_count(told_phone, tmp_path)
            == _what_parents_count(quiet_phone, tmp_path))
