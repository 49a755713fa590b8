"""A real household syncing through interruptions: the hub stopping in the middle of a push,
an answer lost after the hub stored a batch, and the household closed and opened again lose
nothing and store nothing twice.

Each test that uses a hub runs twice: against a hub on SQLite and against one on a real
PostgreSQL server.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from device_kit import Family, hub_records
from device_sync_steps import _many_checkins, _paired, _same

from tests.hubkit import RunningHub


def test_the_hub_stopping_in_the_middle_of_a_push_loses_nothing(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    _many_checkins(family, 450)  # three batches
    first = family.transport.pushes + 1

    def stop_after_first_push(request: httpx.Request) -> None:
        if request.url.path == "/v1/push" and family.transport.pushes == first:
            hub.server.stop()

    family.transport.after = stop_after_first_push
    status = family.sync().sync_now()
    assert status.problem == "unreachable" and 0 < status.waiting < 450
    family.transport.after = lambda request: None
    restarted = hub.server.__class__(hub.server.server.config.app, hub.server.port)
    restarted.start()
    try:
        assert family.sync().sync_now().problem is None
        _same(family, hub)
    finally:
        restarted.stop()


def test_an_answer_lost_after_the_hub_stored_the_batch_is_resent_as_a_duplicate(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    _many_checkins(family, 20)
    lost: list[int] = []

    def lose_first_answer(request: httpx.Request) -> None:
        if request.url.path == "/v1/push" and not lost:
            lost.append(1)
            raise httpx.ReadError("connection dropped", request=request)

    family.transport.after = lose_first_answer
    status = family.sync().sync_now()
    assert status.problem == "unreachable" and status.waiting == 20
    assert len(hub_records(hub.engine, hub.household_id)) >= 20  # the hub did store them
    answers: list[str] = []
    family.transport.after = lambda request: None
    original = family.transport.handle_request

    def spy(request: httpx.Request) -> httpx.Response:
        response = original(request)
        if request.url.path == "/v1/push":
            answers.extend(r["status"] for r in response.json()["results"])
        return response

    family.transport.handle_request = spy  # type: ignore[method-assign]
    assert family.sync().sync_now().problem is None
    assert answers == ["duplicate"] * 20
    _same(family, hub)


def test_sync_survives_closing_and_reopening_the_household(
    family: Family, hub: RunningHub, tmp_path: Path
) -> None:
    from tests.services.taylors import reopen

    _paired(family, hub)
    _many_checkins(family, 5)
    household = reopen(family.gate, tmp_path / "taylors", family.household.clock)
    again = Family(family.gate, household, family.transport)
    assert again.sync().status().waiting == 5
    assert again.sync().sync_now().problem is None
    _same(again, hub)
