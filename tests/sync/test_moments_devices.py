"""Hard moments and the programme plan across two devices and the agency, on a real hub.

Jo writes a hard moment on the phone and the worker plans a session on the family tablet;
after sync both devices and the hub hold the same. The repair Jo adds later on the tablet
reaches the phone and the hub as the next revision, and the worker's pages read it all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from app.domain.programme.moments import Ending, MomentDraft, Trigger
from app.domain.programme.sessions import SessionPlan
from app.hub.worker.household.programme.plan_data import plan_records
from app.services.programme.moments import moments_for
from app.services.programme.sessions import programme_for
from tests.hubkit import RunningHub
from tests.sync.household_devices import agree, first_device, joined_device


def test_a_hard_moment_and_a_session_reach_every_device_and_the_agency(
    hub: RunningHub, tmp_path: Path
) -> None:
    phone = first_device(tmp_path / "phone", hub)
    tablet = joined_device(tmp_path / "tablet", "tablet", hub)
    jo, sam = phone.person("Jo"), phone.person("Sam")
    written = moments_for(phone.household).record(jo, MomentDraft(
        children=(sam.id,), happened_at="2026-11-28T18:20", trigger=Trigger.SCREENS,
        what_happened="Threw the controller when the game went off"))
    planned = programme_for(tablet.household).plan(tablet.person("Priya"), SessionPlan(
        "Setting limits", date.today().isoformat(), (jo.id, sam.id)))
    phone.sync_now()
    tablet.sync_now()
    phone.sync_now()

    on_tablet = moments_for(tablet.household)
    [seen] = on_tablet.moments(tablet.person("Jo"))
    assert seen == written
    assert programme_for(phone.household).session(planned.id) == planned
    on_tablet.change(tablet.person("Jo"), seen.id, replace(
        seen.draft, repair="We played a calm game together", ending=Ending.PUT_RIGHT))
    tablet.sync_now()
    phone.sync_now()

    [now_on_phone] = moments_for(phone.household).moments(jo)
    assert now_on_phone.revision == 2 and now_on_phone.draft.ending is Ending.PUT_RIGHT
    on_hub = plan_records(hub.engine, hub.household_id)
    assert [m.draft.repair for m in on_hub.moments] == ["We played a calm game together"]
    assert [s.plan.topic for s in on_hub.sessions] == ["Setting limits"]
    agree(hub, phone, tablet)
