"""Learning topics and the household's nation across two devices and the agency, on a real hub.

The parent says on the phone that the family lives in Wales; the worker marks topics talked
about on the family tablet. After sync, both devices and the hub hold the same: the tablet's
law card leads with Wales, and the phone counts the topics covered.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.programme.nation import Nation, PunishmentLaw
from app.services.programme.learning import MARKS, learning_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import agree, first_device, hub_shared_records, joined_device


def test_the_nation_and_topics_covered_reach_every_device_and_the_agency(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    phone.household.set_nation(phone.person("Jo"), "wales")
    on_tablet = learning_for(tablet.household)
    on_tablet.mark_covered(tablet.person("Priya"), "the_law")
    on_tablet.mark_covered(tablet.person("Priya"), "rituals")
    phone.sync_now()
    tablet.sync_now()
    phone.sync_now()

    assert on_tablet.nation() is Nation.WALES
    assert on_tablet.laws()[0] is PunishmentLaw.WALES
    assert learning_for(phone.household).covered() == ["the_law", "rituals"]
    on_hub = hub_shared_records(hub.engine, hub.household_id)
    assert [body["nation"] for (kind, _id), (_rev, body) in on_hub.items()
            if kind == "household"] == ["wales"]
    assert sorted(body["topic"] for (kind, _id), (_rev, body) in on_hub.items()
                  if kind == MARKS) == ["rituals", "the_law"]
    agree(hub, phone, tablet)
