"""A step ticked done on Jo's phone and put right ("not done") on the family tablet, whose
clock is a few minutes slow: the correction counts on both devices and at the agency, on a
real hub (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from app.domain.safety import latest_ticks
from app.hub.worker.household.data import household_records
from app.services.safety import safety_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import first_device, joined_device
from tests.sync.test_since_visit_clocks import MINUTES, with_clock


def test_a_tick_put_right_on_a_slow_tablet_counts_everywhere(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    with_clock(tablet, -MINUTES, -MINUTES)
    plan = safety_for(phone.household).add_action(phone.person("Jo"), "Call school", "Jo", None)
    action_id = plan.current_actions()[0].id
    safety_for(phone.household).tick_action(phone.person("Jo"), action_id)
    phone.sync_now()
    tablet.sync_now()
    assert safety_for(tablet.household).action_states()[action_id].done
    safety_for(tablet.household).tick_action(tablet.person("Jo"), action_id, False)
    tablet.sync_now()
    phone.sync_now()
    for device in (tablet, phone):
        assert not safety_for(device.household).action_states()[action_id].done, device.name
    seen = household_records(hub.engine, hub.household_id)
    assert seen is not None and not latest_ticks(seen.action_ticks)[action_id].done
