"""Benchmark: what a family's phone downloads to open Homeward, first time and again.

In the same run it serves a fresh household twice, with Homeward's delivery (precompressed
files, validators, the service worker: ``app.web``) and without it (Flet's own static serving,
``build_asgi_app(delivery=False)``), and opens each in headless Chromium at phone size, on
loopback and on a throttled link (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip). Each
case is a first visit in a fresh browser profile, then a repeat visit (a new tab in the same
profile). A TCP relay between the browser and the server counts the bytes on the wire
(everything: headers, bodies, the websocket, the service worker's own fetches) and, for the
throttled link, shapes them: DevTools' network emulation applies to the page's requests but
not to a service worker's, which would flatter the delivered figures. The time is from
asking for the page to the first screen drawn (Flet's loading image gone). Before
measuring, an untimed visit to the delivered server finds which files a first visit loads,
and each is asked for until its brotli copy is ready (made once per machine, up to a minute
or two the first time).

Targets (issue 15): first visit <= 5 MB, repeat <= 300 KB, first screen on the throttled
link <= 35 s first and <= 5 s repeat.

Usage::

    .venv/bin/python benchmarks/delivery.py            # a table
    .venv/bin/python benchmarks/delivery.py --json     # one JSON object
    .venv/bin/python benchmarks/delivery.py --no-throttle   # loopback only (quick)

JSON shape::

    {"plain": {"loopback": {"first": {"bytes": 14500000, "first_screen_s": 1.3},
                            "repeat": {...}}, "throttled": {...}},
     "delivered": {...}, "ratios": {"first_bytes": 3.2, "repeat_bytes": 40.0},
     "targets": {...}, "met": true}
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent

#: The throttled link: bytes per second each way, and the one-way delay (half the round trip).
DOWN_BYTES_S = 1_600_000 / 8
UP_BYTES_S = 750_000 / 8
ONE_WAY_S = 0.075
TARGETS = {"first_bytes": 5_000_000, "repeat_bytes": 300_000, "throttled_first_s": 35.0,
           "throttled_repeat_s": 5.0}
SERVE = """
import sys
from pathlib import Path
import uvicorn
from app.server import build_asgi_app
uvicorn.run(build_asgi_app(Path(sys.argv[1]), delivery=sys.argv[3] == "1"), host="127.0.0.1",
            port=int(sys.argv[2]), log_level="warning", ws="websockets-sansio")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Relay:
    """A TCP relay on 127.0.0.1 that counts the bytes both ways and can act as a slow link."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.bytes = 0
        self.throttled = False
        #: When each direction of the link is next free: one link, shared by every connection.
        self._free_at = {UP_BYTES_S: 0.0, DOWN_BYTES_S: 0.0}
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait()

    def reset(self) -> int:
        """Return the bytes counted so far and start again from zero."""
        counted, self.bytes = self.bytes, 0
        return counted

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._connection, "127.0.0.1", self.port))
        self._ready.set()
        self._loop.run_until_complete(server.serve_forever())

    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pump(reader, up_writer, UP_BYTES_S),
                             self._pump(up_reader, writer, DOWN_BYTES_S))

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter,
                    bytes_s: float) -> None:
        """Copy one direction; when throttled, each chunk leaves after the one-way delay and
        no sooner than the link's rate allows after the chunk before it on any connection."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            with contextlib.suppress(OSError):
                while True:
                    due, chunk = await queue.get()
                    if not chunk:
                        break
                    await asyncio.sleep(max(0.0, due - time.monotonic()))
                    sink.write(chunk)
                    await sink.drain()
            with contextlib.suppress(OSError):
                sink.close()

        sending = asyncio.create_task(deliver())
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while chunk := await source.read(16384):
                self.bytes += len(chunk)
                now = time.monotonic()
                if self.throttled:
                    due = max(now + ONE_WAY_S, self._free_at[bytes_s]) + len(chunk) / bytes_s
                    self._free_at[bytes_s] = due
                    await queue.put((due, chunk))
                else:
                    await queue.put((now, chunk))
        await queue.put((0.0, b""))
        await sending


@contextlib.contextmanager
def served(delivery: bool) -> Iterator[str]:
    """Serve a fresh household; yield the server's address."""
    folder = Path(tempfile.mkdtemp(prefix="homeward-delivery-"))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVE, str(folder), str(port),
                                "1" if delivery else "0"], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)


def loaded_paths(browser: Browser, url: str) -> list[str]:
    """The paths of every file an untimed first visit loads that came compressed."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB",
                                  service_workers="block")
    page = context.new_page()
    paths: list[str] = []
    page.on("response", lambda answer: paths.append(answer.url.split("/", 3)[-1])
            if answer.headers.get("content-encoding") else None)
    page.goto(url)
    page.wait_for_selector("#loading", state="detached", timeout=300_000)
    page.wait_for_timeout(3000)
    context.close()
    return sorted(set(paths))


def warm(url: str, paths: list[str], limit_s: float = 600) -> float:
    """Ask for each file until its brotli copy is served; return the seconds it took.

    Otherwise a file whose brotli copy became ready between the two visits would come again
    in full on the repeat visit (its validator names the gzip copy), once per release.
    """
    started = time.monotonic()
    waiting = [f"/{path}" for path in paths]
    while waiting and time.monotonic() - started < limit_s:
        waiting = [path for path in waiting
                   if httpx.get(url + path, headers={"Accept-Encoding": "br, gzip"}, timeout=60)
                   .headers.get("content-encoding", "br") != "br"]
        if waiting:
            time.sleep(1)
    return time.monotonic() - started


def visit(context: Any, url: str, relay: Relay, throttled: bool,
          delivery: bool) -> dict[str, float]:
    """Open the app in a new tab of ``context``; bytes on the wire and time to first screen."""
    page = context.new_page()
    relay.throttled = throttled
    relay.reset()
    started = time.monotonic()
    page.goto(url, wait_until="commit", timeout=300_000)
    page.wait_for_selector("flutter-view", state="attached", timeout=300_000)
    page.wait_for_selector("#loading", state="detached", timeout=300_000)
    first_screen = time.monotonic() - started
    if delivery:  # the worker keeps the shell in the background: its bytes count too
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_timeout(3000)
    counted = relay.reset()
    page.close()
    return {"bytes": counted, "first_screen_s": round(first_screen, 2)}


def measure(browser: Browser, delivery: bool, throttles: list[bool]) -> dict[str, Any]:
    """Both visits, on each link, for one way of serving."""
    results: dict[str, Any] = {}
    with served(delivery) as url:
        if delivery:
            ready_s = warm(url, loaded_paths(browser, url))
            print(f"brotli copies ready after {ready_s:.0f} s", file=sys.stderr)
        relay = Relay(int(url.rsplit(":", 1)[1]))
        address = f"http://127.0.0.1:{relay.port}/"
        for throttled in throttles:
            context = browser.new_context(viewport={"width": 390, "height": 844},
                                          locale="en-GB", service_workers="allow")
            first = visit(context, address, relay, throttled, delivery)
            repeat = visit(context, address, relay, throttled, delivery)
            context.close()
            results["throttled" if throttled else "loopback"] = {"first": first,
                                                                "repeat": repeat}
    return results


def verdict(delivered: dict[str, Any]) -> bool:
    """True when the delivered figures meet every target measured."""
    met = all(case["first"]["bytes"] <= TARGETS["first_bytes"]
              and case["repeat"]["bytes"] <= TARGETS["repeat_bytes"]
              for case in delivered.values())
    if "throttled" in delivered:
        slow = delivered["throttled"]
        met = met and slow["first"]["first_screen_s"] <= TARGETS["throttled_first_s"]
        met = met and slow["repeat"]["first_screen_s"] <= TARGETS["throttled_repeat_s"]
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-throttle", action="store_true", help="loopback only")
    args = parser.parse_args()
    throttles = [False] if args.no_throttle else [False, True]
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"])
        plain = measure(browser, False, throttles)
        delivered = measure(browser, True, throttles)
        browser.close()
    loop_plain, loop_ours = plain["loopback"], delivered["loopback"]
    ratios = {f"{kind}_bytes": round(loop_plain[kind]["bytes"] / max(loop_ours[kind]["bytes"], 1),
                                     1) for kind in ("first", "repeat")}
    report = {"plain": plain, "delivered": delivered, "ratios": ratios, "targets": TARGETS,
              "met": verdict(delivered)}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{'serving':<10} {'link':<10} {'visit':<7} {'MB on the wire':>15} "
          f"{'first screen s':>15}")
    for name, cases in (("plain", plain), ("delivered", delivered)):
        for link, visits in cases.items():
            for kind, figures in visits.items():
                print(f"{name:<10} {link:<10} {kind:<7} {figures['bytes'] / 1e6:>15.2f} "
                      f"{figures['first_screen_s']:>15.2f}")
    print(f"first visit {ratios['first_bytes']}x fewer bytes, repeat "
          f"{ratios['repeat_bytes']}x; targets met: {report['met']}")


if __name__ == "__main__":
    main()
