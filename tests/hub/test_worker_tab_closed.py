"""A worker's closed tab does not stay signed in for the next person at the computer.

Priya signs in at a shared office computer and closes the tab without signing out. A browser
brings a closed tab's session id back ("reopen closed tab", session restore). Within a short
grace (a dropped connection) the tab comes back signed in; after it, the session has ended
and whoever reopens the tab meets the sign-in screen, with nothing of the family shown.
Spoken over Flet's own websocket protocol, as the browser does, to a real hub on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from app.hub.admin import create_agency, register_household
from app.hub.server import build_hub_asgi
from app.hub.worker.session import IDLE_SIGN_OUT_SECONDS, RECONNECT_GRACE_SECONDS
from app.storage.crypto import KdfParams
from tests.hub.flet_wire import Tab
from tests.hubkit import AGENCY_PASSPHRASE, RunningHub, ThreadedServer, allocated_worker, free_port

GRACE = 3  # seconds, for the test; Flet ends sessions on a 10-second tick after it
PASSWORD = "a long worker password"


def forget_a_stopped_eviction() -> None:
    """Flet keeps one session manager per process. A hub served earlier in this process (a
    test client's start-up and shut-down) cancelled its task that ends expired sessions but
    kept it, so a hub started after would never end one. Forget a task whose loop is gone,
    so this hub's start-up makes its own."""
    from flet_web.fastapi.flet_app_manager import app_manager

    name = "_FletAppManager__evict_sessions_task"
    task = getattr(app_manager, name, None)
    if task is not None and (task.done() or task.get_loop().is_closed()):
        setattr(app_manager, name, None)


@pytest.fixture
def hub_with_grace(hub_engine: Engine) -> Iterator[RunningHub]:
    forget_a_stopped_eviction()
    create_agency(hub_engine, "Riverside Family Service", AGENCY_PASSPHRASE,
                  KdfParams.fast_for_tests())
    household_id = register_household(hub_engine, "The Okafor household")
    server = ThreadedServer(build_hub_asgi(hub_engine, reconnect_grace=GRACE), free_port(),
                            lifespan=True)
    server.start()
    try:
        yield RunningHub(server.url, hub_engine, household_id, server)
    finally:
        server.stop()


@pytest.mark.parametrize("hub_engine", ["sqlite"], indirect=True)
def test_a_closed_tab_reopened_later_meets_the_sign_in_screen(
        hub_with_grace: RunningHub) -> None:
    hub = hub_with_grace
    allocated_worker(hub)

    async def go() -> None:
        tab = await Tab(hub.url).open()
        await tab.type("Username", "priya")
        await tab.type("Password", PASSWORD)
        await tab.tap("Sign in")
        assert "hub-caseload" in tab.sent_since(0)
        session_id = tab.session_id
        await tab.close()

        # a dropped connection comes straight back, still signed in
        again = await Tab(hub.url).open(session_id)
        start = len(again.messages)
        await again.go(f"/household/{hub.household_id}")
        assert again.session_id == session_id
        assert "The Okafor household" in again.sent_since(start)
        await again.close()

        await asyncio.sleep(GRACE + 12)
        reopened = await Tab(hub.url).open(session_id)
        start = len(reopened.messages)
        await reopened.go(f"/household/{hub.household_id}")
        sent = reopened.sent_since(0)
        assert "hub-sign-in" in sent
        assert "The Okafor household" not in reopened.sent_since(start)
        await reopened.close()

    asyncio.run(go())


def test_the_grace_is_for_a_dropped_connection_not_a_closed_tab() -> None:
    assert 30 <= RECONNECT_GRACE_SECONDS <= 120 < IDLE_SIGN_OUT_SECONDS
