"""Once the household is connected, a child's alert is read at the agency, not on the phone.

Anyone at home can add a "support worker" on the family's phone, or set the worker's PIN
there: a list of alerts on the phone would tell them a child raised one (rule 7). So on a
connected phone the worker's card says where alerts are read, and lists none; the alert
itself goes to the agency at once, where it tops the worker's caseload.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from headless import FakeClock, run, until
from pairing_steps import Hub, paired_then, switch

from app.hub.caseload import Attention, caseload


def test_a_connected_phone_lists_no_alert_for_whoever_signs_in_as_the_worker(
        data_dir: Path, clock: FakeClock, hub: Hub) -> None:
    async def go() -> None:
        d = await paired_then(data_dir, clock, hub, "Sam")
        await d.tap("I need help")
        assert "safety-help-screen" in d.identifiers(), d.texts()
        await d.tap("Back")
        await until(d, lambda: any(e.attention is Attention.ALERT
                                   for e in caseload(hub.engine, datetime.now(UTC))))
        await switch(d, "Priya")
        shown = d.texts_in("safety-alerts")
        assert "Alerts from the children go straight to your agency. Read them there." in shown
        assert not d.has_text("I've seen this") and not d.has_text("asked for help")
        assert not d.conn.errors

    run(go())
