"""Only the agency takes a child's alert off the agency's list (rule 1), on a real hub.

A parent can make a "support worker" on the family's phone (or set the worker's PIN there)
and tap "I've seen this" on Sam's alert. That mark travels to the hub like any record; it must
not take the alert off the worker's caseload or household page. A worker's own mark at the
hub does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.domain.checkins import Feeling, Reason
from app.hub.caseload import Attention, caseload
from app.hub.worker.household.changes import mark_alert_seen
from app.hub.worker.household.data import household_records
from app.services.checkins import checkins_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import first_device, priya_account


def _attention(hub: RunningHub) -> Attention:
    now = datetime.now(UTC)
    return next(e for e in caseload(hub.engine, now)
                if e.household_id == hub.household_id).attention


def test_a_mark_made_on_the_familys_phone_does_not_clear_the_alert_at_the_agency(
        hub: RunningHub, tmp_path: Path) -> None:
    phone = first_device(tmp_path / "phone", hub)
    jo, sam = phone.person("Jo"), phone.person("Sam")
    checkins_for(phone.household).record(sam, Feeling.SCARED, 5, reasons=(Reason.HOME,),
                                         unsafe=True)
    phone.sync_now()
    assert _attention(hub) is Attention.ALERT

    stand_in = phone.household.add_worker("Helper", "5937", by=jo)
    on_phone = checkins_for(phone.household)
    for alert in on_phone.unseen_alerts(stand_in):
        on_phone.mark_alert_seen(stand_in, alert.id)
    phone.sync_now()

    assert _attention(hub) is Attention.ALERT
    records = household_records(hub.engine, hub.household_id)
    assert records is not None
    waiting = records.unseen_alerts()
    assert len(waiting) == 1

    mark_alert_seen(hub.engine, hub.household_id, waiting[0], priya_account(hub),
                    datetime.now(UTC))
    assert _attention(hub) is not Attention.ALERT
    records = household_records(hub.engine, hub.household_id)
    assert records is not None and records.unseen_alerts() == []
