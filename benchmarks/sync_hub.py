"""The hub process of the sync benchmark: ``build_hub_asgi`` under uvicorn, as ``homeward hub``.

``benchmarks/sync.py`` starts this in its own process so the simulated devices do not take the
hub's GIL. With ``--timings FILE`` it also records where the hub's request time goes (body
reading, unzipping and JSON parsing, pydantic validation, signature checks, each database
function and each SQL statement, waits for the thread pool, the garbage collector's passes)
by wrapping the hub's functions from outside, and writes them as JSON when it is stopped with
SIGINT. With ``--cprofile FILE`` it writes a cProfile of the event loop and of every
thread-pool call (CPU time per thread).
``--threads`` and ``--pool`` try other thread-pool and connection-pool sizes than the hub's,
``--switch-ms`` another GIL switch interval.

Usage::

    .venv/bin/python benchmarks/sync_hub.py --db postgresql://... --port 8765
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import json
import pstats
import re
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

import uvicorn  # noqa: E402
from anyio import to_thread  # noqa: E402
from sqlalchemy import Engine, create_engine, event  # noqa: E402

from app.hub import api, devices, intake, sync  # noqa: E402
from app.hub.db import migrate, normalise_url, open_database  # noqa: E402
from app.hub.server import build_hub_asgi, settle_heap  # noqa: E402

Asgi = Callable[..., Awaitable[None]]


class Timings:
    """Wall time summed per named step, safe to add to from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        self.started = time.perf_counter()

    def add(self, name: str, seconds: float, cpu: float = 0.0) -> None:
        """Count one call of ``name`` that took ``seconds`` (and ``cpu`` of its thread)."""
        with self._lock:
            total = self._totals[name]
            total[0] += 1
            total[1] += seconds
            total[2] += cpu

    def as_json(self) -> dict[str, Any]:
        """Return {name: {"calls", "total_ms", "mean_ms", "cpu_ms"}} and the process's CPU.

        ``cpu_ms`` is the calling thread's CPU time: set for steps that run without awaiting
        (where wall time also counts waiting for the GIL), 0 for the others.
        """
        with self._lock:
            steps = {
                name: {"calls": int(calls), "total_ms": round(total * 1000, 1),
                       "mean_ms": round(total * 1000 / calls, 3) if calls else 0.0,
                       "cpu_ms": round(cpu * 1000, 1)}
                for name, (calls, total, cpu) in sorted(self._totals.items())
            }
        return {"steps": steps, "wall_s": round(time.perf_counter() - self.started, 2),
                "cpu_s": round(time.process_time(), 2)}

    def sync_wrapper(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """Return ``func`` timed under ``name``."""

        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - started, time.thread_time() - cpu)

        return timed

    def async_wrapper(self, name: str, func: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
        """Return the coroutine function ``func`` timed under ``name`` (wall, awaits included)."""

        @functools.wraps(func)
        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await func(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - started)

        return timed


_SQL_NAME = re.compile(r"\s+")


def _statement_name(statement: str) -> str:
    words = _SQL_NAME.sub(" ", statement).strip()
    verb = words.split(" ", 1)[0].upper()
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", words, re.IGNORECASE)
    lock = " FOR UPDATE" if words.upper().endswith("FOR UPDATE") else ""
    return f"sql {verb} {table.group(1) if table else ''}{lock}".rstrip()


def _time_sql(engine: Engine, timings: Timings) -> None:
    local = threading.local()

    @event.listens_for(engine, "before_cursor_execute")
    def _before(*_args: Any) -> None:
        local.started, local.cpu = time.perf_counter(), time.thread_time()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        timings.add(_statement_name(statement), time.perf_counter() - local.started,
                    time.thread_time() - local.cpu)

    @event.listens_for(engine, "connect")
    def _connected(*_args: Any) -> None:
        timings.add("pool: new PostgreSQL connection opened", 0.0)

    @event.listens_for(engine, "checkout")
    def _checked_out(*_args: Any) -> None:
        timings.add("pool: connection checked out", 0.0)


class _TimedKey:
    """An Ed25519 public key whose ``verify`` is timed."""

    def __init__(self, key: Any, timings: Timings) -> None:
        self._key = key
        self._timings = timings

    def verify(self, signature: bytes, message: bytes) -> None:
        """Verify, counting the time under "ed25519 verify"."""
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            self._key.verify(signature, message)
        finally:
            self._timings.add("ed25519 verify", time.perf_counter() - started,
                              time.thread_time() - cpu)


#: The hub's database functions the thread pool runs: (module, name, label in the timings).
#: ``api`` calls each through its module, so replacing the module's attribute reaches it.
_HUB_FUNCTIONS: tuple[tuple[Any, str, str], ...] = (
    (sync, "push", "db push (transaction)"),
    (sync, "pull", "db pull (transaction)"),
    (devices, "find_caller", "db find_caller (device and nonce)"),
    (devices, "pair_device", "db pair_device"),
    (api, "_read_batch", "push: unzip, parse, check records (thread)"),
)


def _instrument(engine: Engine, timings: Timings) -> None:
    """Wrap the hub's steps (from outside: nothing in app/hub is edited) to time them."""
    _time_sql(engine, timings)
    _time_gc(timings)
    for module, name, label in _HUB_FUNCTIONS:
        setattr(module, name, timings.sync_wrapper(label, getattr(module, name)))
    api._read_body = timings.async_wrapper("read body", api._read_body)  # type: ignore[method-assign]
    api._parse_json = timings.sync_wrapper("gunzip + json.loads", api._parse_json)  # type: ignore[method-assign]
    api._validate = timings.sync_wrapper("pydantic validation", api._validate)  # type: ignore[method-assign]
    api._record_out = timings.sync_wrapper("pull: record to JSON", api._record_out)  # type: ignore[method-assign]
    intake.check_record = timings.sync_wrapper(  # type: ignore[assignment]
        "push: check each record and make its row", intake.check_record
    )
    api._Auth.device = timings.async_wrapper(  # type: ignore[method-assign]
        "authenticate (all of it)", api._Auth.device
    )
    real_key = api.Ed25519PublicKey

    class TimedKeys:
        @staticmethod
        def from_public_bytes(data: bytes) -> _TimedKey:
            return _TimedKey(real_key.from_public_bytes(data), timings)

    api.Ed25519PublicKey = TimedKeys  # type: ignore[misc,assignment]
    real_run = api.run_in_threadpool

    async def run_timed(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        queued = time.perf_counter()

        def started_in_thread() -> Any:
            timings.add("thread pool: wait to start", time.perf_counter() - queued)
            return func(*args, **kwargs)

        return await real_run(started_in_thread)

    api.run_in_threadpool = run_timed  # type: ignore[assignment]


def _time_gc(timings: Timings) -> None:
    """Count the garbage collector's passes, by generation, with the CPU each took."""
    local = threading.local()

    def noted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            local.started, local.cpu = time.perf_counter(), time.thread_time()
        elif hasattr(local, "started"):
            timings.add(f"gc: generation {info['generation']}",
                        time.perf_counter() - local.started, time.thread_time() - local.cpu)

    gc.callbacks.append(noted)


def _timed_asgi(app: Asgi, timings: Timings) -> Asgi:
    async def timed(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await app(scope, receive, send)
        finally:
            timings.add(f"request {scope['method']} {scope['path']}", time.perf_counter() - started)

    return timed


def _thread_capped(app: Asgi, threads: int) -> Asgi:
    async def capped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        # anyio's limiter belongs to the running loop, so it is set from inside it.
        to_thread.current_default_thread_limiter().total_tokens = threads
        await app(scope, receive, send)

    return capped


class _ThreadProfiles:
    """One cProfile per thread-pool thread, enabled only while a hub function runs in it."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[cProfile.Profile] = []
        self._lock = threading.Lock()

    def wrap(self, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def profiled(*args: Any, **kwargs: Any) -> Any:
            profile = getattr(self._local, "profile", None)
            if profile is None:
                profile = self._local.profile = cProfile.Profile(time.thread_time)
                with self._lock:
                    self._all.append(profile)
            profile.enable()
            try:
                return func(*args, **kwargs)
            finally:
                profile.disable()

        return profiled

    def merged_into(self, stats: pstats.Stats) -> None:
        with self._lock:
            for profile in self._all:
                stats.add(profile)


def main(argv: list[str] | None = None) -> int:
    """Serve the hub until SIGINT; write timings or a profile on the way out if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", required=True, help="database URL")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--timings", type=Path, help="write step timings here as JSON")
    parser.add_argument("--cprofile", type=Path, help="write a cProfile (pstats) here")
    parser.add_argument("--threads", type=int,
                        help="experiment: cap the thread pool at this many (anyio's is 40)")
    parser.add_argument("--switch-ms", type=float,
                        help="experiment: the GIL switch interval in ms (Python's is 5)")
    parser.add_argument("--pool", type=int,
                        help="experiment: keep this many PostgreSQL connections (the hub: 10)")
    args = parser.parse_args(argv)
    if args.switch_ms:
        sys.setswitchinterval(args.switch_ms / 1000)
    if args.pool:
        engine = create_engine(normalise_url(args.db), pool_size=args.pool, max_overflow=20,
                               pool_pre_ping=True)
        migrate(engine)
    else:
        engine = open_database(args.db)
    timings = Timings() if args.timings else None
    threads = _ThreadProfiles() if args.cprofile else None
    if timings is not None:
        _instrument(engine, timings)
    if threads is not None:
        for module, name, _label in _HUB_FUNCTIONS:
            setattr(module, name, threads.wrap(getattr(module, name)))
    app: Asgi = build_hub_asgi(engine)
    if timings is not None:
        app = _timed_asgi(app, timings)
    if args.threads:
        app = _thread_capped(app, args.threads)
    settle_heap()  # as ``homeward hub`` does
    loop_profile = cProfile.Profile(time.thread_time) if args.cprofile else None
    # As ``homeward hub`` configures uvicorn (app/hub/cli.py), on loopback.
    config = uvicorn.Config(app, host="127.0.0.1", port=args.port, log_level="warning",
                            access_log=False, server_header=False, timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    try:
        if loop_profile is not None:
            loop_profile.enable()
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        if loop_profile is not None and threads is not None:
            loop_profile.disable()
            stats = pstats.Stats(loop_profile)
            threads.merged_into(stats)
            stats.dump_stats(str(args.cprofile))
        if timings is not None:
            args.timings.write_text(json.dumps(timings.as_json()))
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
