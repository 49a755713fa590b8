"""An alert the hub cannot read in full still raises its household (rule 1).

A phone on a newer Homeward may send a kind of alert this hub does not know yet; a damaged
body may miss a field. Skipped like any unreadable record, the child's alert was nowhere at
the agency. Now such an alert tops the caseload, shows on the household page in plain words
("Someone raised a safety alert this hub cannot read in full"), and is marked seen like any
other. Pushed through the real protocol, read back from SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from app.domain.people import Role
from app.hub.caseload import Attention, caseload
from app.hub.worker.household.changes import mark_alert_seen
from app.hub.worker.household.data import household_records
from app.hub.worker.household.page import alert_words
from tests.hub.worker_family import Family, iso
from tests.hubkit import RunningHub
from tests.sync.household_devices import priya_account

NOW = datetime.now(UTC).replace(microsecond=0)


def test_an_alert_of_a_kind_this_hub_does_not_know_still_raises_the_household(
        hub: RunningHub) -> None:
    home = Family(hub, hub.household_id, NOW)
    home.member("tolu", "Tolu", Role.CHILD)
    home.checkin("tolu", NOW)
    newer = {"id": str(uuid.uuid4()), "child_id": "tolu", "source": "voice_note",
             "created_by": "tolu", "created_at": iso(NOW - timedelta(minutes=3))}
    home.push("safety_alerts", newer, urgent=True)
    damaged = {"id": str(uuid.uuid4()), "source": "checkin"}
    home.push("safety_alerts", damaged, urgent=True)

    (entry,) = caseload(hub.engine, NOW)
    assert entry.attention is Attention.ALERT
    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    waiting = records.unseen_alerts()
    assert {a.id for a in waiting} == {newer["id"], damaged["id"]}
    words = {a.id: alert_words(records, a) for a in waiting}
    assert words[newer["id"]] == "Tolu raised a safety alert this hub cannot read in full"
    assert words[damaged["id"]] == "Someone raised a safety alert this hub cannot read in full"

    for alert in waiting:
        mark_alert_seen(hub.engine, hub.household_id, alert, priya_account(hub), NOW)
    (entry,) = caseload(hub.engine, NOW)
    assert entry.attention is not Attention.ALERT
