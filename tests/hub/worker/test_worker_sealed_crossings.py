"""A crossing of sealed words, or a filed version that is not a document, never freezes the
worker's tab: the household page and its edits to settle still draw, the sealed words stay
unread there (rules 2 and 7), and the tab goes on to other families.

Driven headless over a real hub (SQLite); the crossed edits reach the hub through the real
protocol.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta

from sqlalchemy import update

from app.hub.admin import issue_pairing_code, register_household
from app.hub.casework.allocation import allocate
from app.hub.db import conflicts
from tests.hub.hub_device import HubDevice, record
from tests.hub.worker.worker_ui_kit import hub_engine, signed_in  # noqa: F401 - SQLite only
from tests.hub.worker_family import Family
from tests.hubkit import RunningHub
from tests.views.headless import FakeClock, run


def _sealed(words: bytes) -> dict[str, object]:
    return record("kept-1", collection="houses_for_worker", body=None,
                  sealed_body=base64.b64encode(words).decode())


def test_sealed_words_that_crossed_are_shown_sealed_and_settled(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    tablet = HubDevice.pair(hub.url, issue_pairing_code(hub.engine, hub.household_id).code,
                            mode="join")
    assert okafors.phone.statuses(okafors.phone.push([_sealed(b"\x01\x02 from A")])) == [
        "stored"]
    assert tablet.statuses(tablet.push([_sealed(b"\x01\x03 from B")])) == ["conflict"]

    async def go() -> None:
        d = await signed_in(hub, clock)
        d.page.navigate(f"/household/{hub.household_id}")
        await d.settle(60)
        assert d.has_text("The Okafor household")
        d.page.navigate(f"/household/{hub.household_id}/conflicts")
        await d.settle(60)
        assert d.has_text("Both versions are sealed words kept for you")
        assert not d.has_text("from A") and not d.has_text("from B")
        await d.tap("Use the family's version")
        await d.settle(60)
        assert d.has_text("Nothing to settle.")

    run(go())


def test_a_filed_version_that_is_not_a_document_leaves_the_tab_working(
    hub: RunningHub, clock: FakeClock, now: datetime, worker_id: int, okafors: Family
) -> None:
    adams_id = register_household(hub.engine, "The Adams household")
    allocate(hub.engine, adams_id, worker_id, now)
    Family(hub, adams_id, now).checkin("mia", now - timedelta(hours=1))
    tablet = HubDevice.pair(hub.url, issue_pairing_code(hub.engine, hub.household_id).code,
                            mode="join")
    chore = {"id": "chore-1", "name": "Feed the cat"}
    okafors.phone.push([record("chore-1", collection="chores", body=chore)])
    crossed = tablet.push([record("chore-1", collection="chores", body={**chore, "name": "x"})])
    assert tablet.statuses(crossed) == ["conflict"]
    with hub.engine.begin() as connection:  # ciphertext an older hub filed as a chore
        connection.execute(update(conflicts).values(body=b"\xde\xad\xbe\xef"))

    async def go() -> None:
        d = await signed_in(hub, clock)
        d.page.navigate(f"/household/{hub.household_id}/conflicts")
        await d.settle(60)
        assert d.has_text("The family's version can't be read.")
        assert not d.has_text("Use the family's version")
        d.page.navigate(f"/household/{hub.household_id}")
        await d.settle(60)
        assert d.has_text("The Okafor household")
        d.page.navigate(f"/household/{adams_id}")
        await d.settle(60)
        assert d.has_text("The Adams household")
        d.page.navigate("/")
        await d.settle(60)
        assert d.has_text("The Adams household") and d.has_text("The Okafor household")

    run(go())
