"""Steps the device-sync tests share: pair the Taylors' household with the hub, check that
the device and the hub hold the same records, and add check-ins to send.

The ``family`` fixture these take comes from ``tests/hub/conftest.py``.
"""

from __future__ import annotations

from device_kit import Family, agency_got_what_it_sent, device_records, hub_records, pair

from app.domain.checkins import Feeling
from app.services.checkins import checkins_for
from tests.hubkit import RunningHub


def _paired(family: Family, hub: RunningHub) -> Family:
    pair(family, hub.url, hub.engine, hub.household_id)
    return family


def _same(family: Family, hub: RunningHub) -> None:
    assert device_records(family.store) == hub_records(hub.engine, hub.household_id)
    agency_got_what_it_sent(family.store, hub.engine, hub.household_id)
    assert family.sync().status().waiting == 0


def _many_checkins(family: Family, count: int) -> None:
    checkins = checkins_for(family.household)
    mia = family.member("Mia")
    for n in range(count):
        checkins.record(mia, Feeling.HAPPY, 1 + n % 5, words=f"check-in {n}")
