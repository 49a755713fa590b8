"""Several devices of one household pushing at once while another pulls: nothing is skipped."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from hub_device import HubDevice, record

from tests.hubkit import RunningHub

Pair = Callable[[RunningHub], HubDevice]


def test_concurrent_pushes_lose_nothing_and_a_racing_puller_misses_nothing(
    hub: RunningHub, pair: Pair
) -> None:
    pushers = [pair(hub) for _ in range(4)]
    reader = pair(hub)
    sent = {f"d{d}-b{b}-r{r}" for d in range(4) for b in range(5) for r in range(40)}
    seen: set[str] = set()
    cursor = ""

    def push_all(index: int) -> None:
        device = pushers[index]
        for b in range(5):
            batch = [record(f"d{index}-b{b}-r{r}") for r in range(40)]
            assert set(device.statuses(device.push(batch))) == {"stored"}

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(push_all, index) for index in range(4)]
        while not all(future.done() for future in futures):
            found, cursor = reader.pull_all(cursor)
            seen.update(r["id"] for r in found)
        for future in futures:
            future.result()
    found, cursor = reader.pull_all(cursor)
    seen.update(r["id"] for r in found)
    assert seen == sent
