"""The sync benchmark's table: its results, and where the hub's time went under ``--profile``."""

from __future__ import annotations

from typing import Any


def print_table(result: dict[str, Any], target_records_per_s: int, target_p95_ms: int) -> None:
    """Print the sync benchmark's result as a table, with the hub's timings if it has them."""
    met = {name: "met" if ok else "MISSED" for name, ok in result["targets"].items()}
    pull = result["pull"]
    print(f"Sync benchmark: {result['devices']} devices ({result['households']} households) x "
          f"{result['records'] // max(result['devices'], 1)} records, batches of "
          f"{result['batch']}, at most {result['connections']} requests in flight")
    load = result["load_average"]
    print(f"Hub on PostgreSQL in its own process; load average before {load['before']}"
          f", after {load['after']}; record fields: "
          f"{', '.join(result['record_fields'])}")
    rows = [
        ("push records/s", f"{result['records_per_s']:,.0f}", f">= {target_records_per_s:,}",
         met["records_per_s"]),
        ("push p50 ms", f"{result['p50_ms']:.1f}", "", ""),
        ("push p95 ms", f"{result['p95_ms']:.1f}", f"< {target_p95_ms}", met["p95_ms"]),
        ("push p95 ms incl. queueing", f"{result['push_wait_p95_ms']:.1f}", "", ""),
        ("errors", str(result["errors"]), "0", met["errors"]),
        ("lost", str(result["lost"]), "0", met["lost"]),
        ("answers not 'stored'", str(result["unexpected_answers"]), "", ""),
        ("retries after a dropped connection", str(result["retries"]), "", ""),
        ("push seconds", f"{result['push_seconds']:.1f}", "", ""),
        ("pull records/s", f"{pull['records_per_s']:,.0f}", "", ""),
        ("pull p50 / p95 ms", f"{pull['p50_ms']:.0f} / {pull['p95_ms']:.0f}", "", ""),
    ]
    print(f"{'':30} {'value':>12} {'target':>10}")
    for name, value, target, verdict in rows:
        print(f"{name:30} {value:>12} {target:>10}  {verdict}")
    cpu = result["cpu_cores_during_push"]
    print("CPU during the push, in cores (of 2): " + ", ".join(
        f"{name} {cpu[name]:.2f}" for name in ("hub", "postgres", "devices", "others", "machine")))
    if result["error_samples"]:
        print("first errors: " + " | ".join(result["error_samples"]))
    initial = result.get("initial_sync")
    if initial:
        print(f"\nInitial sync of {initial['records']:,} records in batches of "
              f"{initial['batch']} ({initial['push_seconds']:.1f} s, lost {initial['lost']}, "
              f"errors {initial['errors']}):")
        print(f"  uncompressed JSON       {initial['json_bytes_per_record']:>7.1f} bytes/record")
        print(f"  sent, gzip bodies       {initial['body_bytes_per_record']:>7.1f} bytes/record "
              f"({initial['compression_ratio']}x smaller)")
        print(f"  sent, with HTTP headers {initial['wire_bytes_per_record']:>7.1f} bytes/record")
        print(f"  answers received        {initial['answer_bytes_per_record']:>7.1f} bytes/record")
        print(f"  a new device's pull     {initial['pull_bytes_per_record']:>7.1f} bytes/record")
        by_batch = initial["body_bytes_per_record_by_batch"]
        print("  gzip bodies by batch size (computed): "
              + ", ".join(f"{size}: {value}" for size, value in by_batch.items()))
    timings = result.get("hub_timings")
    if timings:
        print_timings(timings)


def print_timings(timings: dict[str, Any]) -> None:
    """Print where the hub's time went (``sync_hub.py --timings``), slowest step first."""
    steps = timings["steps"]
    print(f"\nWhere the hub's time went (whole run; hub CPU {timings['cpu_s']} s in "
          f"{timings['wall_s']} s). Wall ms include waiting for the GIL, the thread pool, "
          "the database and its locks; CPU ms is the step's own thread's CPU (steps that run "
          "without awaiting):")
    print(f"  {'step':44} {'calls':>7} {'wall ms':>9} {'mean ms':>9} {'CPU ms':>8} "
          f"{'CPU ms/call':>11}")
    for name, step in sorted(steps.items(), key=lambda item: -item[1]["total_ms"]):
        calls = step["calls"] or 1
        print(f"  {name:44} {step['calls']:>7} {step['total_ms']:>9.0f} {step['mean_ms']:>9.2f} "
              f"{step['cpu_ms']:>8.0f} {step['cpu_ms'] / calls:>11.3f}")
