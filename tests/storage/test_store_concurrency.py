"""Several threads (Flet handlers, several sessions) sharing one store lose nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from app.storage import HouseholdStore

PASSPHRASE = "kettle on, shoes by the door"


def test_several_threads_writing_at_once_lose_nothing(
    new_store: tuple[HouseholdStore, str], folder: Path
) -> None:
    store, _ = new_store
    writers, per_writer = 6, 40
    errors: list[BaseException] = []
    start = threading.Barrier(writers + 2)

    def write(worker: int) -> None:
        try:
            start.wait()
            for n in range(per_writer):
                shard = f"2026-{1 + n % 12:02d}"
                if n % 5 == 0:
                    store.put_many(
                        [
                            ("checkins", {"id": f"c-{worker}-{n}", "w": worker}, shard),
                            ("chores", {"id": f"t-{worker}-{n}", "w": worker}, shard),
                        ]
                    )
                else:
                    store.put("checkins", {"id": f"c-{worker}-{n}", "w": worker}, shard=shard)
                # Everyone rewrites the same shared document too.
                store.put("plans", {"id": "family-plan", "by": worker, "n": n})
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    def read() -> None:
        try:
            start.wait()
            for _ in range(200):
                store.find("checkins", lambda d: d["w"] % 2 == 0)
                store.counts()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    threads += [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    expected = {"checkins": writers * per_writer, "chores": writers * per_writer // 5, "plans": 1}
    assert store.counts() == expected
    store.close()
    reopened = HouseholdStore.open(folder, PASSPHRASE)
    assert reopened.counts() == expected
    assert reopened.verify() == expected
    reopened.close()
