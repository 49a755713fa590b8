"""Benchmark: the hub's reads at an agency's real size, on PostgreSQL.

It starts a throwaway PostgreSQL cluster on 127.0.0.1 (or uses ``--db``, an empty database),
brings the hub's schema up to date, loads an agency (default 2,000 households and 5 million
records over a year, with COPY: ``hub_scale_load.py``), then times with the hub's own
functions, each ``--runs`` times:

- ``caseload``: a worker's caseload (their ~30 allocated households), as the worker UI reads it;
- ``household_page``: the queries of a household's page (its records, open conflicts, the
  family group conference, the programme plan and the sealed words nobody has opened);
- ``timeline_month``: a worker's timeline of one household for last month (the timeline
  screen with last month chosen);
- ``pull_day``: one of the household's devices pulling a day's changes by cursor.

Households are drawn at random; the busiest household is timed as well (``busiest``), because
a p95 over typical households hides it. A manager's caseload of every household is timed once
for the record (``caseload_all_ms``), with no target. Each p95 must be <= 300 ms.

Usage::

    .venv/bin/python benchmarks/hub_scale.py                 # the full agency (a few minutes)
    .venv/bin/python benchmarks/hub_scale.py --households 200 --records 500000   # quick
    .venv/bin/python benchmarks/hub_scale.py --explain       # also each query's plan
    .venv/bin/python benchmarks/hub_scale.py --json          # one JSON object

JSON shape::

    {"households": 2000, "records": 5000000, "caseload_p95_ms": 40.0,
     "household_page_p95_ms": 90.0, "timeline_month_p95_ms": 60.0, "pull_day_p95_ms": 3.0,
     "busiest": {...}, "caseload_all_ms": 900.0, "load_seconds": 300.0,
     "records_table_bytes": {"with_indexes": ..., "rows": ...}, "targets": {...}}
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from hub_scale_load import Agency, load_agency  # noqa: E402
from sqlalchemy import Engine, event, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.hub import devices, sync  # noqa: E402
from app.hub.caseload import caseload  # noqa: E402
from app.hub.casework.unopened import unopened_in  # noqa: E402
from app.hub.conflict_queue import list_conflicts  # noqa: E402
from app.hub.db import open_database, records  # noqa: E402
from app.hub.worker.household.data import from_day, household_records, to_day  # noqa: E402
from app.hub.worker.household.page import PAGE_STRETCH  # noqa: E402
from app.hub.worker.household.programme.conference import latest_conference  # noqa: E402
from app.hub.worker.household.programme.plan_data import plan_records  # noqa: E402
from app.hub.worker.household.timeline import FILTERED_LENGTH, timeline  # noqa: E402
from tests.hubkit import fresh_postgres_database, postgres_cluster  # noqa: E402

TARGET_P95_MS = 300
OPERATIONS = ("caseload", "household_page", "timeline_month", "pull_day")


def _p95_ms(seconds: list[float]) -> float:
    if len(seconds) < 2:
        return round(seconds[0] * 1000, 1) if seconds else 0.0
    return round(statistics.quantiles(seconds, n=100, method="inclusive")[94] * 1000, 1)


def last_month(now: datetime) -> tuple[date, date]:
    """The first and last day of the month before ``now``'s."""
    end = now.date().replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


class Reads:
    """The hub's reads as the worker UI and a device make them, over a loaded agency."""

    def __init__(self, engine: Engine, agency: Agency) -> None:
        self.engine = engine
        self.agency = agency
        self._cursors: dict[str, int] = {}

    def caseload(self, worker_id: int) -> None:
        """A worker's caseload."""
        caseload(self.engine, self.agency.now, allocated_to=worker_id)

    def household_page(self, household_id: str) -> None:
        """Everything a household's page reads (``HouseholdScreen``)."""
        household_records(self.engine, household_id, since=self.agency.now - PAGE_STRETCH)
        list_conflicts(self.engine, household_id)
        latest_conference(self.engine, household_id)
        plan_records(self.engine, household_id)
        unopened_in(self.engine, household_id)

    def timeline_month(self, household_id: str) -> None:
        """A household's timeline for last month, as a worker asks for it."""
        start, end = last_month(self.agency.now)
        found = household_records(self.engine, household_id, since=from_day(start),
                                  until=to_day(end))
        assert found is not None
        timeline(found, FILTERED_LENGTH, start, end)

    def cursor_before_yesterday(self, household_id: str) -> int:
        """The cursor a device held after its last pull the day before yesterday."""
        if household_id not in self._cursors:
            day = datetime.combine(self.agency.now.date() - timedelta(days=1),
                                   datetime.min.time(), self.agency.now.tzinfo)
            with self.engine.connect() as connection:
                self._cursors[household_id] = int(connection.execute(
                    select(func.coalesce(func.max(records.c.seq), 0)).where(
                        records.c.household_id == household_id, records.c.received_at < day)
                ).scalar_one())
        return self._cursors[household_id]

    def pull_day(self, household_id: str) -> None:
        """A device's pull of yesterday's changes, from the cursor it held before them: the
        device's lookup and the pull, as a request to /v1/pull makes them."""
        after = self.cursor_before_yesterday(household_id)
        device = devices.find_device(self.engine, self.agency.devices[household_id][0])
        assert device is not None
        sync.pull(self.engine, device, uuid.uuid4().hex, after, 1000, self.agency.now)

    def subject(self, operation: str, household_id: str) -> Any:
        """What ``operation`` is run on for this household: it, or its worker."""
        if operation == "caseload":
            return self.agency.workers[self.agency.households.index(household_id)
                                       % len(self.agency.workers)]
        return household_id


def time_runs(call: Callable[[Any], None], subjects: list[Any]) -> list[float]:
    """Run ``call`` on each subject; return the seconds each took."""
    taken = []
    for subject in subjects:
        started = time.perf_counter()
        call(subject)
        taken.append(time.perf_counter() - started)
    return taken


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Collect the SELECT statements run on ``engine`` (with their parameters) meanwhile."""
    seen: list[tuple[str, Any]] = []

    def _keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
              many: bool) -> None:
        if not many and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", _keep)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", _keep)


def explain(engine: Engine, reads: Reads, household_id: str) -> dict[str, list[str]]:
    """Each operation's SELECTs with PostgreSQL's plan (EXPLAIN ANALYZE, BUFFERS)."""
    plans: dict[str, list[str]] = {}
    for operation in OPERATIONS:
        with captured(engine) as statements:
            getattr(reads, operation)(reads.subject(operation, household_id))
        lines: list[str] = []
        with engine.connect() as connection:
            for statement, parameters in statements:
                plan = connection.exec_driver_sql(
                    "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement, parameters).all()
                lines += [" ".join(statement.split())[:300], *(f"    {row[0]}" for row in plan)]
            connection.rollback()
        plans[operation] = lines
    return plans


def measure(engine: Engine, agency: Agency, runs: int, seed: int) -> dict[str, Any]:
    """Time every operation on random households and on the busiest; return the p95s."""
    reads = Reads(engine, agency)
    rng = random.Random(seed)
    sample = [rng.choice(agency.households) for _ in range(runs)]
    busiest = max(agency.households, key=lambda household: agency.sizes[household])
    result: dict[str, Any] = {"busiest": {"records": agency.sizes[busiest]}}
    for household_id in {*sample, busiest}:  # the cursors the devices hold, looked up first
        reads.cursor_before_yesterday(household_id)
    for operation in OPERATIONS:
        call = getattr(reads, operation)
        call(reads.subject(operation, sample[0]))  # warm the connection pool and caches
        taken = time_runs(call, [reads.subject(operation, h) for h in sample])
        result[f"{operation}_p95_ms"] = _p95_ms(taken)
        result[f"{operation}_median_ms"] = round(statistics.median(taken) * 1000, 1)
        slowest = time_runs(call, [reads.subject(operation, busiest)] * max(3, runs // 4))
        result["busiest"][f"{operation}_p95_ms"] = _p95_ms(slowest)
    started = time.perf_counter()
    caseload(engine, agency.now)
    result["caseload_all_ms"] = round((time.perf_counter() - started) * 1000, 1)
    result["typical_household_records"] = int(statistics.median(agency.sizes.values()))
    return result


def _targets(result: dict[str, Any]) -> dict[str, bool]:
    found = {}
    for operation in OPERATIONS:
        key = f"{operation}_p95_ms"
        found[operation] = (result[key] <= TARGET_P95_MS
                            and result["busiest"][key] <= TARGET_P95_MS)
    return found


def _print_table(result: dict[str, Any]) -> None:
    print(f"Hub at scale: {result['households']:,} households, {result['records']:,} records "
          f"(typical household {result['typical_household_records']:,}, busiest "
          f"{result['busiest']['records']:,}); loaded in {result['load_seconds']:.0f} s; "
          f"{result['runs']} runs each")
    print(f"{'operation':18} {'median ms':>10} {'p95 ms':>8} {'busiest p95':>12} {'target':>8}")
    for operation in OPERATIONS:
        verdict = "met" if result["targets"][operation] else "MISSED"
        print(f"{operation:18} {result[f'{operation}_median_ms']:>10.1f} "
              f"{result[f'{operation}_p95_ms']:>8.1f} "
              f"{result['busiest'][f'{operation}_p95_ms']:>12.1f} {'<= 300':>8}  {verdict}")
    print(f"a manager's caseload of every household: {result['caseload_all_ms']:.0f} ms "
          "(no target)")
    size = result["records_table_bytes"]
    print(f"records table: {size['rows'] / 2**30:.2f} GiB of rows, "
          f"{size['with_indexes'] / 2**30:.2f} GiB with its indexes")
    for operation, lines in result.get("plans", {}).items():
        print(f"\n== {operation} ==")
        print("\n".join(lines))


def run(args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    """Load the agency into ``db_url`` and measure it."""
    engine = open_database(db_url)
    dsn = make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)
    started = time.perf_counter()
    agency = load_agency(engine, dsn, args.households, args.records, log=sys.stderr)
    load_seconds = time.perf_counter() - started
    with engine.connect() as connection:
        size = connection.exec_driver_sql(
            "SELECT pg_total_relation_size('records'), pg_relation_size('records')").one()
    try:
        result = measure(engine, agency, args.runs, args.seed)
        result["records_table_bytes"] = {"with_indexes": int(size[0]), "rows": int(size[1])}
        if args.explain:
            busiest = max(agency.households, key=lambda household: agency.sizes[household])
            result["plans"] = explain(engine, Reads(engine, agency), busiest)
    finally:
        engine.dispose()
    result.update(households=args.households, records=agency.records, runs=args.runs,
                  load_seconds=round(load_seconds, 1))
    result["targets"] = _targets(result)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--households", type=int, default=2000, help="households to load")
    parser.add_argument("--records", type=int, default=5_000_000, help="records to load")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each operation")
    parser.add_argument("--seed", type=int, default=2026, help="which households are drawn")
    parser.add_argument("--db", help="an empty PostgreSQL database to load into (default: a "
                                     "throwaway cluster)")
    parser.add_argument("--explain", action="store_true", help="print each query's plan")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if min(args.households, args.records, args.runs) < 1:
        parser.error("--households, --records and --runs must be >= 1")
    if args.db:
        result = run(args, args.db)
    else:
        with postgres_cluster() as server:
            result = run(args, fresh_postgres_database(server))
    if args.json:
        print(json.dumps(result))
    else:
        _print_table(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
