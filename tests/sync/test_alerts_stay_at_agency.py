"""A child's alert, the worker's "seen" mark and a sealed message reach no other device (rule 7).

Two households with a tablet and a parent's phone each. In one, Sam taps "I need help" on the
tablet and writes to Priya, and Priya marks the alert seen at the agency; in the other nothing
happens. The phone, which shows no alerts once connected, must not store them either: its data
folder would otherwise gain a check-in file the quiet household's phone has not got, and the
tablet's check-in file would be rewritten when the seen mark arrives. The agency keeps it all.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from app.domain.alerts import AlertSeen, AlertSource, new_alert
from app.hub.admin import register_household
from app.hub.worker.household.changes import mark_alert_seen
from app.hub.worker.household.data import household_records
from app.services.checkins import checkins_for
from app.sync.catalogue import HIDDEN_AT_HOME
from tests.hub.device_kit import FlakyTransport
from tests.hubkit import RunningHub
from tests.sync.household_devices import Device, first_device, joined_device, priya_account


def _folder(device: Device) -> list[int]:
    """The folder as anyone can list it without the key: its files' sizes (names are keyed)."""
    return sorted(entry.stat().st_size for entry in os.scandir(device.folder)
                  if entry.is_file())


def _files(device: Device) -> dict[str, str]:
    """Every file of the folder and a hash of its bytes, to tell which files a sync wrote."""
    return {entry.name: hashlib.sha256(Path(entry.path).read_bytes()).hexdigest()
            for entry in os.scandir(device.folder) if entry.is_file()}


def _written(before: dict[str, str], after: dict[str, str]) -> int:
    """How many files a step made, changed or removed."""
    return sum(1 for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def _hidden_held(device: Device) -> list[str]:
    return [f"{kind}/{doc['id']}" for kind in sorted(HIDDEN_AT_HOME)
            for doc in device.store.find(kind)]


def test_an_alert_seen_mark_and_message_stay_off_the_other_devices(
    hub: RunningHub, tmp_path: Path
) -> None:
    other = RunningHub(hub.url, hub.engine, register_household(hub.engine, "Other"),
                       hub.server)
    told_tablet = first_device(tmp_path / "told-tablet", hub)
    told_phone = joined_device(tmp_path / "told-phone", "told-phone", hub)
    quiet_tablet = first_device(tmp_path / "quiet-tablet", other)
    quiet_phone = joined_device(tmp_path / "quiet-phone", "quiet-phone", other)
    for device in (told_tablet, told_phone, quiet_tablet, quiet_phone):
        device.sync_now()
    assert _folder(told_phone) == _folder(quiet_phone)

    sam = told_tablet.person("Sam")
    checkins_for(told_tablet.household).raise_alert(sam, AlertSource.HELP_BUTTON)
    told_tablet.sync().send_to_worker(sam, "Please come and talk to me.")
    for device in (told_tablet, quiet_tablet):
        device.sync_now()

    # Priya reads both at the agency and marks the alert seen there.
    at_agency = household_records(hub.engine, hub.household_id)
    assert at_agency is not None and len(at_agency.sealed) == 1
    (alert,) = at_agency.unseen_alerts()
    mark_alert_seen(hub.engine, hub.household_id, alert, priya_account(hub), datetime.now(UTC))

    for device in (told_phone, quiet_phone):
        device.sync_now()
    assert _hidden_held(told_phone) == []
    assert _folder(told_phone) == _folder(quiet_phone)

    # The tablet that raised the alert keeps it; the seen mark does not come back to it.
    told_before, quiet_before = _files(told_tablet), _files(quiet_tablet)
    for device in (told_tablet, quiet_tablet):
        device.sync_now()
    assert (_written(told_before, _files(told_tablet))
            == _written(quiet_before, _files(quiet_tablet)))
    assert told_tablet.store.find("safety_alerts_seen") == []
    assert [doc["id"] for doc in told_tablet.store.find("safety_alerts")] == [alert.id]

    # The agency still has everything: the alert, the mark and the message.
    at_agency = household_records(hub.engine, hub.household_id)
    assert at_agency is not None
    assert [a.id for a in at_agency.alerts] == [alert.id]
    assert [m.alert_id for m in at_agency.alerts_seen] == [alert.id]
    assert len(at_agency.sealed) == 1 and at_agency.unseen_alerts() == []


class OlderHub(FlakyTransport):
    """A hub from before pulls left the hidden kinds out: its pull answers carry ``extra``."""

    def __init__(self, extra: list[dict[str, Any]]) -> None:
        super().__init__()
        self.extra = extra

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer as the hub does, with the hidden records added to the first pull page."""
        response = super().handle_request(request)
        if request.url.path != "/v1/pull" or not self.extra or response.status_code != 200:
            return response
        page = json.loads(response.content)
        page["records"] = [*self.extra, *page["records"]]
        self.extra = []
        return httpx.Response(200, json=page)


def _as_old_hub_sent(collection: str, record_id: str, **body: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    stamp = f"{int(now.timestamp() * 1000):013d}-0000-old"
    return {"id": record_id, "collection": collection, "shard": now.strftime("%Y-%m"),
            "revision": 1, "base_revision": 0, "hlc": stamp,
            "author": None, "schema": 1, "deleted": False, "withdrawn": False,
            "urgent": collection == "safety_alerts", **body}


def test_hidden_records_an_older_hub_sends_are_not_kept_nor_set_aside(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    phone.sync_now()
    at = datetime.now(UTC).isoformat()
    alert = new_alert("tablet-alert", phone.person("Sam"), AlertSource.HELP_BUTTON, at)
    seen = AlertSeen("seen-at-agency", alert.id, "agency:1", at)
    sent = [
        _as_old_hub_sent("safety_alerts", alert.id, body=alert.to_json()),
        _as_old_hub_sent("safety_alerts_seen", seen.id, body=seen.to_json()),
        _as_old_hub_sent("worker_messages", "sealed-1", sealed_body="c2VhbGVk"),
        _as_old_hub_sent("houses_for_worker", "kept-1", sealed_body="c2VhbGVk"),
        _as_old_hub_sent("safety_alerts", "torn-alert", body=["not", "an", "alert"]),
    ]
    phone.transport = OlderHub(sent)
    before = _files(phone)
    phone.sync_now()
    assert phone.transport.extra == []  # they were sent
    assert _hidden_held(phone) == []
    assert phone.sync().set_aside() == []  # not even listed as records it could not use
    assert len(_files(phone)) == len(before)  # no check-in file made for them
