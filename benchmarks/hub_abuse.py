"""Benchmark: do families' devices still sync while someone floods the hub with oversized pairings?

Two runs against a hub on PostgreSQL, each on a fresh database and a fresh hub process
(``sync_hub.py``, ``build_hub_asgi`` under uvicorn as ``homeward hub`` serves it): in the quiet
run 50 devices pair, push their records in batches and pull their household back; in the abuse
run the same work is done while one client (its own process, so it does not share the devices'
GIL) sends 20 oversized pairing requests a second, unsigned, as anyone on the network could:
the 16 KiB gzip bomb of issue 13 (16 MiB of ``[{},{},...]`` once unzipped, which the hub used
to inflate and parse on its event loop) and, in turn, a 64 KiB body sent chunked (no length to
refuse up front).

It prints the devices' p95 request latency (pushes and pulls) in each run and their ratio; the
target is at most 2x. The devices are the sync benchmark's (``sync_devices.py``): signed,
gzipped pushes, pulls by cursor, at most ``--connections`` requests in flight.

Usage::

    .venv/bin/python benchmarks/hub_abuse.py           # a table
    .venv/bin/python benchmarks/hub_abuse.py --json    # one JSON object

JSON shape::

    {"devices": 50, "quiet": {"p95_ms": ..., "p50_ms": ..., "requests": ..., "errors": 0,
     "lost": 0, ...}, "abuse": {..., "abuser": {"sent": ..., "per_s": 20.0,
     "answers": {"413": ...}, "p95_ms": ...}}, "ratio_p95": 1.3, "target_ratio": 2.0}
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import time
import zlib
from collections import Counter
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from sync import _ms, prepare, start_hub, stop_hub  # noqa: E402
from sync_devices import Client, Stats, count_lost, pair, pull_all, push_all  # noqa: E402

from tests.hubkit import free_port, fresh_postgres_database, postgres_cluster  # noqa: E402

TARGET_RATIO = 2.0
BOMB_BYTES = 16 * 1024 * 1024  # what the 16 KiB pairing bomb unzips to
CHUNKED_BYTES = 64 * 1024


def pairing_bomb() -> bytes:
    """The issue's bomb: about 16 KiB of gzip that unzips to 16 MiB of JSON, ``[{},{},...]``,
    millions of tiny objects once parsed."""
    packer = zlib.compressobj(9, wbits=31)
    block = b"{}," * 21845  # 65,535 bytes
    parts = [packer.compress(b"[")]
    parts += [packer.compress(block) for _ in range(BOMB_BYTES // len(block) - 1)]
    return b"".join(parts) + packer.compress(b"{}]") + packer.flush()


async def _flood(url: str, rate: float, stop: Event) -> dict[str, Any]:
    """Send oversized pairing requests at ``rate`` a second until ``stop`` is set."""
    bomb = pairing_bomb()
    padded = b'{"code": "7KQ2M-XD9VA", "pad": "' + b"x" * CHUNKED_BYTES + b'"}'
    answers: Counter[str] = Counter()
    latencies: list[float] = []

    async def chunks() -> Any:
        for start in range(0, len(padded), 8192):
            yield padded[start:start + 8192]

    async def one(client: httpx.AsyncClient, n: int) -> None:
        started = time.perf_counter()
        try:
            if n % 2 == 0:
                answer = await client.post("/v1/pair", content=bomb,
                                           headers={"Content-Encoding": "gzip"})
            else:
                answer = await client.post("/v1/pair", content=chunks())
            answers[str(answer.status_code)] += 1
        except httpx.HTTPError as exc:  # the hub may close a connection it refused early
            answers[type(exc).__name__] += 1
        latencies.append(time.perf_counter() - started)

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        tasks: set[asyncio.Task[None]] = set()
        sent = 0
        while not stop.is_set():
            task = asyncio.create_task(one(client, sent))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            sent += 1
            await asyncio.sleep(max(0.0, started + sent / rate - time.monotonic()))
        if tasks:
            await asyncio.gather(*tasks)
    seconds = time.monotonic() - started
    return {"sent": sent, "seconds": round(seconds, 1),
            "per_s": round(sent / seconds, 1) if seconds else 0.0,
            "answers": dict(answers), "p50_ms": _ms(latencies, 0.50),
            "p95_ms": _ms(latencies, 0.95)}


def _abuser(url: str, rate: float, stop: Event, out: Any) -> None:
    """The abusing client's process: flood until told to stop, then report."""
    out.put(asyncio.run(_flood(url, rate, stop)))


async def _devices_sync(url: str, args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    """Pair every device, then each pushes its records and pulls its household, all at once."""
    devices, codes = prepare(args, db_url)
    stats = Stats()
    client = Client(url, args.connections, stats)
    started = time.perf_counter()
    try:
        await asyncio.gather(*(pair(client, d, c, "join")
                               for d, c in zip(devices, codes, strict=True)))

        async def sync_one(device: Any) -> None:
            await push_all(client, device, args.batch)
            await pull_all(client, device, args.pull_limit)

        await asyncio.gather(*(sync_one(device) for device in devices))
    finally:
        await client.close()
    seconds = time.perf_counter() - started
    syncing = stats.latencies.get("push", []) + stats.latencies.get("pull", [])
    lost, _ = count_lost(devices)
    return {
        "requests": len(syncing),
        "p50_ms": _ms(syncing, 0.50),
        "p95_ms": _ms(syncing, 0.95),
        "push_p95_ms": _ms(stats.latencies.get("push", []), 0.95),
        "pull_p95_ms": _ms(stats.latencies.get("pull", []), 0.95),
        "pair_p95_ms": _ms(stats.latencies.get("pair", []), 0.95),
        "p95_incl_queueing_ms": _ms(stats.waits.get("push", []) + stats.waits.get("pull", []),
                                    0.95),
        "seconds": round(seconds, 1),
        "errors": sum(stats.errors.values()),
        "error_samples": stats.error_samples,
        "lost": lost,
    }


def run_phase(server: str, args: argparse.Namespace, abuse: bool) -> dict[str, Any]:
    """One run on a fresh database and hub: the devices' sync, with or without the flood."""
    db_url = fresh_postgres_database(server)
    port = free_port()
    hub_options = argparse.Namespace(cprofile=None, hub_threads=0, hub_pool=0)
    hub = start_hub(db_url, port, None, hub_options)
    url = f"http://127.0.0.1:{port}"
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    out = context.Queue()
    abuser = None
    try:
        if abuse:
            abuser = context.Process(target=_abuser, args=(url, args.rate, stop, out))
            abuser.start()
            time.sleep(1.0)  # the flood is under way before the first device asks anything
        result = asyncio.run(_devices_sync(url, args, db_url))
    finally:
        stop.set()
        flood = out.get(timeout=120) if abuser is not None else None
        if abuser is not None:
            abuser.join(timeout=30)
        stop_hub(hub)
    if flood is not None:
        result["abuser"] = flood
    return result


def _print_table(result: dict[str, Any]) -> None:
    quiet, abused = result["quiet"], result["abuse"]
    flood = abused["abuser"]
    print(f"Hub abuse benchmark: {result['devices']} devices x {result['records']} records "
          f"(batches of {result['batch']}, at most {result['connections']} requests in "
          f"flight), hub on PostgreSQL in its own process; load average before "
          f"{result['load_average']['before']}, after {result['load_average']['after']}")
    print(f"Abuser: {flood['sent']} oversized pairing requests in {flood['seconds']} s "
          f"({flood['per_s']}/s; answers {flood['answers']}; p95 {flood['p95_ms']} ms)")
    print(f"{'devices syncing':34} {'quiet':>9} {'abused':>9}")
    for name, key in (("p50 ms (pushes and pulls)", "p50_ms"),
                      ("p95 ms (pushes and pulls)", "p95_ms"),
                      ("push p95 ms", "push_p95_ms"), ("pull p95 ms", "pull_p95_ms"),
                      ("pair p95 ms", "pair_p95_ms"),
                      ("p95 ms incl. queueing", "p95_incl_queueing_ms"),
                      ("requests", "requests"), ("seconds", "seconds"), ("errors", "errors"),
                      ("lost", "lost")):
        print(f"{name:34} {quiet[key]:>9} {abused[key]:>9}")
    verdict = "met" if result["ratio_p95"] <= TARGET_RATIO else "MISSED"
    print(f"p95 abused / quiet: {result['ratio_p95']:.2f}x (target <= {TARGET_RATIO:.0f}x) "
          f"{verdict}")


def main(argv: list[str] | None = None) -> int:
    """Run the quiet and the abused sync and print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--devices", type=int, default=50, help="simulated devices")
    parser.add_argument("--records", type=int, default=600, help="records each device pushes")
    parser.add_argument("--batch", type=int, default=50, help="records per push request")
    parser.add_argument("--connections", type=int, default=10,
                        help="device requests in flight at most (their shared pool)")
    parser.add_argument("--pull-limit", type=int, default=200, help="records per pull request")
    parser.add_argument("--rate", type=float, default=20.0,
                        help="oversized pairing requests a second in the abuse run")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if min(args.devices, args.records, args.batch, args.connections, args.pull_limit) < 1:
        parser.error("--devices, --records, --batch, --connections and --pull-limit must be >= 1")
    load_before = round(os.getloadavg()[0], 2)
    with postgres_cluster() as server:
        quiet = run_phase(server, args, abuse=False)
        abused = run_phase(server, args, abuse=True)
    result = {
        "devices": args.devices, "records": args.records, "batch": args.batch,
        "connections": args.connections, "quiet": quiet, "abuse": abused,
        "ratio_p95": round(abused["p95_ms"] / quiet["p95_ms"], 2) if quiet["p95_ms"] else 0.0,
        "target_ratio": TARGET_RATIO,
        "load_average": {"before": load_before, "after": round(os.getloadavg()[0], 2)},
    }
    if args.json:
        print(json.dumps(result))
    else:
        _print_table(result)
    failed = quiet["errors"] + abused["errors"] + quiet["lost"] + abused["lost"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
