"""Only the agency takes a child's alert off the agency's list (rule 1), on a real hub.

A parent can make a "support worker" on the family's phone (or set the worker's PIN there).
A connected phone lists no alerts to them; and a "seen" mark written into the phone's store
by hand travels to the hub like any record, but must not take the alert off the worker's
caseload or household page. A worker's own mark at the hub does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.domain.alerts import AlertSeen
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

    # A connected phone lists no alerts, even to a "worker" Jo adds there ...
    stand_in = phone.household.add_worker("Helper", "5937", by=jo)
    on_phone = checkins_for(phone.household)
    assert on_phone.alerts_go_to_agency() and on_phone.unseen_alerts(stand_in) == []
    # ... but with the passphrase the store itself can be written: a mark made that way
    (alert,) = phone.store.find("safety_alerts")
    mark = AlertSeen("seen-by-hand", alert["id"], stand_in.id, datetime.now(UTC).isoformat())
    phone.store.put("safety_alerts_seen", mark.to_json(), shard=mark.created_at[:7])
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
