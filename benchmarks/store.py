"""Benchmark: saving one record and unlocking a household, against stock TinyDB.

For each size (1k, 10k, 50k records by default) it builds a household of realistic records
(check-ins, chore ticks and diary entries from a family of four recording about 30 things a
day, sharded by month) in a ``HouseholdStore`` with the DEFAULT Argon2id parameters, and the
same records in stock TinyDB with ``JSONStorage`` (one table per collection). In the same run it
measures the median time to save one more record in each; the median time of a Homeward save
that also queues the record for sync, as a paired household's app does (``SyncTracker``: the
record is stamped and its outbox entry saved in the same commit); and the median time to open
(unlock, including key derivation) the Homeward store.

Usage::

    .venv/bin/python benchmarks/store.py            # prints a table
    .venv/bin/python benchmarks/store.py --json     # prints one JSON object

JSON shape::

    {"sizes": {"1000": {"homeward_save_ms": 0.9, "synced_save_ms": 1.1, "tinydb_save_ms": 5.1,
                        "ratio": 5.6, "open_ms": 380.0, "kdf_ms": 350.0, "record_bytes": 210,
                        "homeward_samples": 60, "tinydb_samples": 20}, ...},
     "kdf": {"memory_cost": 65536, "iterations": 7, "lanes": 1}}

Milliseconds are medians: ``homeward_save_ms`` a plain save, ``synced_save_ms`` a save with
the sync queue (``homeward_samples`` of each); ``ratio`` is tinydb_save_ms / homeward_save_ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from tinydb import TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from app.storage import HouseholdStore, KdfParams  # noqa: E402
from app.storage.crypto import derive_passphrase_key  # noqa: E402
from app.sync.hlc import HybridClock  # noqa: E402
from app.sync.tracker import SyncTracker  # noqa: E402

PASSPHRASE = "a long family passphrase for the benchmark"
MEMBERS = ["m-parent-alex", "m-parent-sam", "m-child-jo", "m-child-kit"]
FEELINGS = ["calm", "happy", "worried", "cross", "tired", "sad", "excited"]
CHORES = ["feed the cat", "set the table", "tidy bedroom", "homework", "bins out"]
DIARY = [
    "Jo managed the school run without a wobble today.",
    "Tricky evening; we used the calm-down plan and it helped.",
    "Kit asked to call their worker about the weekend visit.",
    "Family game night: everyone stayed to the end.",
]
Record = tuple[str, dict[str, Any], str]  # (collection, document, month shard)


def family_records(count: int, seed: int = 7) -> Iterator[Record]:
    """Yield ``count`` realistic records, about 30 a day, oldest first."""
    rng = random.Random(seed)
    start = datetime(2022, 1, 3, 7, 0, tzinfo=UTC)
    for n in range(count):
        at = start + timedelta(minutes=48 * n + rng.randint(0, 40))  # ~30 a day
        stamp = at.isoformat(timespec="seconds")
        member = rng.choice(MEMBERS)
        common = {"id": str(uuid.UUID(int=rng.getrandbits(128))), "at": stamp, "member": member}
        kind = n % 5
        if kind in (0, 1):
            doc = {
                **common,
                "feeling": rng.choice(FEELINGS),
                "scale": rng.randint(1, 5),
                "with": rng.sample(MEMBERS, 2),
                "rev": 1,
            }
            collection = "checkins"
        elif kind in (2, 3):
            doc = {**common, "chore": rng.choice(CHORES), "done": True, "stars": 1, "rev": 1}
            collection = "chores"
        else:
            doc = {**common, "text": rng.choice(DIARY), "private": False, "rev": 1}
            collection = "diary"
        yield collection, doc, stamp[:7]


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def _time(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bench_size(size: int, work: Path, kdf: KdfParams, homeward_saves: int) -> dict[str, Any]:
    """Build both stores at ``size`` records and measure them; return one result row."""
    records = list(family_records(size + 2 * homeward_saves))
    existing, extra = records[:size], records[size:]
    record_bytes = statistics.mean(len(json.dumps(d)) for _, d, _ in existing[:500])

    folder = work / f"homeward-{size}"
    store, _ = HouseholdStore.create(folder, PASSPHRASE, kdf=kdf)
    for month_start in range(0, size, 1000):
        store.put_many(existing[month_start : month_start + 1000])
    homeward = []
    for collection, doc, shard in extra[:homeward_saves]:
        started = time.perf_counter()
        store.put(collection, doc, shard=shard)
        homeward.append(time.perf_counter() - started)
    # The app's real path: a paired household stamps each change and queues it for the agency
    # in the same commit.
    store.set_tracker(SyncTracker(HybridClock("bench"), paired=True))
    synced = []
    for collection, doc, shard in extra[homeward_saves:]:
        started = time.perf_counter()
        store.put(collection, doc, shard=shard)
        synced.append(time.perf_counter() - started)
    store.close()

    opens = []
    for _ in range(3):
        started = time.perf_counter()
        opened = HouseholdStore.open(folder, PASSPHRASE)
        opens.append(time.perf_counter() - started)
        assert opened.counts()["checkins"] > 0
        opened.close()
    salt = os.urandom(16)
    kdf_time = min(_time(lambda: derive_passphrase_key(PASSPHRASE, salt, kdf)) for _ in range(3))

    db = TinyDB(work / f"tinydb-{size}.json", storage=JSONStorage)
    by_collection: dict[str, list[dict[str, Any]]] = {}
    for collection, doc, _ in existing:
        by_collection.setdefault(collection, []).append(doc)
    for collection, docs in by_collection.items():
        db.table(collection).insert_multiple(docs)
    tinydb_saves = 5 if size >= 50_000 else 20  # each save rewrites everything (~0.35 s at 50k)
    tinydb = []
    for collection, doc, _ in extra[:tinydb_saves]:
        started = time.perf_counter()
        db.table(collection).insert(doc)
        tinydb.append(time.perf_counter() - started)
    db.close()

    homeward_ms, tinydb_ms = _median_ms(homeward), _median_ms(tinydb)
    return {
        "homeward_save_ms": homeward_ms,
        "synced_save_ms": _median_ms(synced),
        "tinydb_save_ms": tinydb_ms,
        "ratio": round(tinydb_ms / homeward_ms, 1),
        "open_ms": _median_ms(opens),
        "kdf_ms": round(kdf_time * 1000, 1),
        "record_bytes": round(record_bytes),
        "homeward_samples": len(homeward),
        "tinydb_samples": len(tinydb),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated sizes")
    parser.add_argument("--saves", type=int, default=60, help="Homeward save samples per size")
    args = parser.parse_args(argv)
    kdf = KdfParams()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="homeward-bench-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            results[str(size)] = bench_size(size, Path(tmp), kdf, args.saves)
            if not args.json:
                print(f"... {size} records done", file=sys.stderr)
    if args.json:
        print(json.dumps({"sizes": results, "kdf": asdict(kdf)}))
        return 0
    print(f"Argon2id default: {asdict(kdf)}")
    header = ("records", "homeward save ms", "+sync queue ms", "tinydb save ms", "ratio",
              "open ms", "kdf ms")
    print("{:>8} {:>17} {:>14} {:>15} {:>7} {:>8} {:>7}".format(*header))
    for label, row in results.items():
        print(
            f"{label:>8} {row['homeward_save_ms']:>17.2f} {row['synced_save_ms']:>14.2f} "
            f"{row['tinydb_save_ms']:>15.2f} "
            f"{row['ratio']:>6.0f}x {row['open_ms']:>8.0f} {row['kdf_ms']:>7.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
