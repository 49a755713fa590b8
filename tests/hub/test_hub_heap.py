"""The served hub leaves what it made while starting out of the garbage collector's passes."""

from __future__ import annotations

import gc

from app.hub.server import YOUNG_OBJECTS, settle_heap


def test_settling_the_heap_freezes_what_starting_made_and_still_collects_garbage() -> None:
    threshold = gc.get_threshold()
    made_while_starting: dict[str, object] = {"kept": [1, 2, 3]}
    try:
        settle_heap()
        assert gc.get_freeze_count() > 0
        assert not any(found is made_while_starting for found in gc.get_objects())
        assert gc.get_threshold() == (YOUNG_OBJECTS, *threshold[1:])
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # garbage made while serving is still collected
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
