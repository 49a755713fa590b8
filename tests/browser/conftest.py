"""Browser-test harness: the served app in a real Chromium at a phone viewport (390×844).

How a browser test reads::

    def test_home_shows_the_household_name(served_app, page, open_app, shot):
        open_app(page)                      # goto + wait for Flutter + turn on semantics
        page.get_by_text("Homeward").first.wait_for()
        shot(page, "home")                  # test-artifacts/screens/<test>/01-home.png

Fixtures:
    app_data_dir   module scope; an empty household folder. Override it in a test module
                   to seed a household before the server starts (e.g. with
                   ``create_household(..., kdf=KdfParams.fast_for_tests())``).
    served_app     module scope; ``python -m app run --data-dir <app_data_dir> --port <free>``
                   as a subprocess, logging to ``<tmp>/server.log``; a :class:`ServedApp`.
    browser        session scope; Debian's Chromium through Playwright (headless).
    context        a fresh browser context per test (390×844, en-GB, service workers off).
    page           a page that records every request. At teardown the test FAILS if any
                   request went to a host other than 127.0.0.1/localhost (unless the
                   browser refused to send it because of our CSP), if the page shows
                   "Error running app", or if the server log gained "Unhandled error" or
                   "Traceback" during the test.
    open_app, wait_for_app, enable_semantics, shot
                   the helper functions below, handed out as fixtures so test modules
                   need no imports from this file.

Flutter paints on a canvas: text and controls are only in the DOM once semantics are on
(``enable_semantics``); then use ``get_by_role("button", name=...)``,
``get_by_role("textbox", name=<label>)`` or ``get_by_text``. ``ft.Semantics(identifier="x")``
renders as ``[flt-semantics-identifier="x"]``.

:func:`start_server` is public for tests that need a server of their own (for example
to restart the app on the same folder and check that data survived).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Request,
    Route,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from tests.browser.axe import check_page

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HUB_START_TIMEOUT = 30.0
SCREENS_DIR = PROJECT_ROOT / "test-artifacts" / "screens"
VIEWPORT = {"width": 390, "height": 844}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: any host but this device fails to resolve, so even a request the
    # harness did not foresee cannot leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
#: URLs to any host but this device. Routing only these matters: intercepting every
#: request (``"**/*"``) stops Flutter's wasm renderer from painting (blank screenshots).
FOREIGN_URL = re.compile(
    r"^(?:https?|wss?|ftp)://(?!(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/?#]|$))", re.I
)
SERVER_START_TIMEOUT = 30.0
APP_READY_TIMEOUT_MS = 30_000
#: Text in the server log that means the app failed where the family would see it.
SERVER_LOG_FAILURES = ("Unhandled error", "Traceback")
#: What Flet paints instead of the app when an exception escapes a handler.
PAGE_FAILURE_TEXT = "Error running app"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser`` (select with ``-m browser``)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --- the served app ---------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServedApp:
    """A running ``homeward run`` subprocess."""

    url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes]
    _log_mark: int = field(default=0, repr=False)

    def log_text(self) -> str:
        """The whole server log so far (stdout and stderr together)."""
        return self.log_path.read_text("utf-8", errors="replace")

    def mark_log(self) -> None:
        """Remember the current end of the log; :meth:`new_log` returns what follows."""
        self._log_mark = self.log_path.stat().st_size

    def new_log(self) -> str:
        """The log written since the last :meth:`mark_log`."""
        with self.log_path.open("rb") as handle:
            handle.seek(self._log_mark)
            return handle.read().decode("utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextlib.contextmanager
def start_server(data_dir: Path, log_path: Path, *extra_args: str,
                 port: int | None = None) -> Iterator[ServedApp]:
    """Run ``python -m app run`` on ``port`` (else a free one) until the block ends; wait
    until it serves.

    Raises:
        RuntimeError: the server exited or did not answer within ``SERVER_START_TIMEOUT``.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app",
                "run",
                "--data-dir",
                str(data_dir),
                "--port",
                str(port),
                *extra_args,
            ],
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    app = ServedApp(url=url, data_dir=data_dir, log_path=log_path, process=process)
    try:
        _wait_until_serving(app)
        yield app
    finally:
        app.stop()


@contextlib.contextmanager
def running_hub(folder: Path, database_url: str) -> Iterator[ServedApp]:
    """``python -m app hub`` on a free port until the block ends; wait until it answers."""
    port = free_port()
    log_path = folder / "hub.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "hub", "--db", database_url, "--port", str(port)],
            cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    hub = ServedApp(url=f"http://127.0.0.1:{port}", data_dir=folder, log_path=log_path,
                    process=process)
    try:
        deadline = time.monotonic() + HUB_START_TIMEOUT
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start:\n{hub.log_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(hub.url + "/v1/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.1)
        yield hub
    finally:
        hub.stop()


def _wait_until_serving(app: ServedApp) -> None:
    """Poll ``/`` until it answers 200, failing early if the process dies."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"homeward run exited early:\n{app.log_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(app.url + "/", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(
        f"homeward run did not serve within {SERVER_START_TIMEOUT} s:\n{app.log_text()}"
    )


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty household folder for this module; override to seed one."""
    return tmp_path_factory.mktemp("household")


@pytest.fixture(scope="module")
def served_app(app_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """The app served from ``app_data_dir`` for the whole test module."""
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with start_server(app_data_dir, log_path) as app:
        yield app


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (Playwright's own browser download is not used)."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh phone-sized browser context; service workers are blocked so every
    request is seen (and checked) by the harness."""
    ctx = browser.new_context(
        viewport=VIEWPORT, locale="en-GB", service_workers="block", device_scale_factor=1
    )
    ctx.set_default_timeout(APP_READY_TIMEOUT_MS)
    yield ctx
    ctx.close()


def is_local(url: str) -> bool:
    """True for 127.0.0.1/localhost URLs and for in-page ``blob:``/``data:`` URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("blob", "data", "about"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class RequestLog:
    """Every request a page made, and which of them tried to leave this device."""

    urls: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    blocked_by_csp: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)

    def sent_elsewhere(self) -> list[str]:
        """Foreign requests the browser did not refuse itself because of the CSP."""
        return [url for url in self.foreign if url not in self.blocked_by_csp]


@pytest.fixture
def request_log() -> RequestLog:
    """The requests made by ``page`` during this test."""
    return RequestLog()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[
        None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's outcome on the test, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"outcome_{report.when}", report)
    return report


@pytest.fixture
def page(context: BrowserContext, request_log: RequestLog, served_app: ServedApp,
         request: pytest.FixtureRequest) -> Iterator[Page]:
    """A phone-sized page that fails the test on foreign requests or app errors.

    When the test fails, the page as it was and the server's log since the test began are
    kept beside its screenshots, to tell why.
    """

    def on_request(request: Request) -> None:
        request_log.urls.append(request.url)
        if not is_local(request.url):
            request_log.foreign.append(request.url)

    def on_failed(request: Request) -> None:
        if request.failure == "csp":
            request_log.blocked_by_csp.append(request.url)

    def guard(route: Route) -> None:
        request_log.aborted.append(route.request.url)
        route.abort("blockedbyclient")

    context.on("request", on_request)
    context.on("requestfailed", on_failed)
    context.route(FOREIGN_URL, guard)
    served_app.mark_log()
    pg = context.new_page()
    yield pg

    outcome = getattr(request.node, "outcome_call", None)
    server_log = served_app.new_log()
    if outcome is not None and outcome.failed:
        folder = _screens_folder(request.node.name)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "failed-server.log").write_text(server_log, "utf-8")
        if not pg.is_closed():
            (folder / "failed-page.png").write_bytes(pg.screenshot())
    problems: list[str] = []
    sent = request_log.sent_elsewhere()
    if sent:
        problems.append("requests left 127.0.0.1:\n  " + "\n  ".join(sent))
    if not pg.is_closed() and _page_shows_error(pg):
        problems.append(f'the page shows "{PAGE_FAILURE_TEXT}"')
    for marker in SERVER_LOG_FAILURES:
        if marker in server_log:
            problems.append(f'the server log contains "{marker}":\n{server_log}')
            break
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _page_shows_error(page: Page) -> bool:
    """True when Flet replaced the app with its error screen."""
    with contextlib.suppress(PlaywrightError):  # a page that never loaded cannot show it
        enable_semantics(page, wait=False)
        if page.get_by_text(PAGE_FAILURE_TEXT).count() > 0:
            return True
        return PAGE_FAILURE_TEXT in page.content()
    return False


# --- helpers ----------------------------------------------------------------------------


def wait_for_app(page: Page, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    """Wait until Flutter has started and drawn its view (the loading splash is gone)."""
    page.wait_for_selector("flutter-view", state="attached", timeout=timeout_ms)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=timeout_ms)
    page.wait_for_selector("#loading", state="detached", timeout=timeout_ms)


def enable_semantics(page: Page, *, wait: bool = True) -> None:
    """Turn on Flutter's semantics tree so text and controls appear in the DOM."""
    placeholder = page.locator("flt-semantics-placeholder")
    if placeholder.count() > 0:
        placeholder.dispatch_event("click")
    if wait:
        page.wait_for_selector("flt-semantics-host flt-semantics", state="attached")


def open_app(page: Page, url: str, path: str = "/") -> None:
    """Open the served app at ``path``, wait for it, and turn semantics on."""
    response = page.goto(url + path)
    assert response is not None and response.ok, f"GET {path} failed: {response}"
    wait_for_app(page)
    enable_semantics(page)


def settled_screenshot(
    page: Page, *, interval_s: float = 0.2, still_s: float = 0.5, limit_s: float = 6.0
) -> bytes:
    """A screenshot taken once the picture has not changed for ``still_s`` seconds.

    Flutter's semantics tree (what locators wait for) is ready a few frames before the
    canvas is painted (measured: ~0.25 s blank), and transitions animate: waiting for a
    still picture keeps screenshots from catching a blank or half-drawn screen.
    """
    previous = page.screenshot()
    still_since = time.monotonic()
    deadline = still_since + limit_s
    while time.monotonic() < deadline:
        time.sleep(interval_s)
        current = page.screenshot()
        if current != previous:
            previous, still_since = current, time.monotonic()
        elif time.monotonic() - still_since >= still_s:
            break
    return previous


def _screens_folder(test_name: str) -> Path:
    """The screenshot folder for one test, with characters unsafe in paths replaced."""
    return SCREENS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)


@pytest.fixture(name="wait_for_app")
def wait_for_app_fixture() -> Callable[..., None]:
    """:func:`wait_for_app`, as a fixture."""
    return wait_for_app


@pytest.fixture(name="enable_semantics")
def enable_semantics_fixture() -> Callable[..., None]:
    """:func:`enable_semantics`, as a fixture."""
    return enable_semantics


@pytest.fixture(name="open_app")
def open_app_fixture(served_app: ServedApp) -> Callable[..., None]:
    """``open_app(page, path="/")`` on this module's server."""

    def opener(page: Page, path: str = "/") -> None:
        open_app(page, served_app.url, path)

    return opener


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """``shot(page, name)`` saves ``test-artifacts/screens/<test>/<NN>-<name>.png``, axe-checked."""
    folder = _screens_folder(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    counter = iter(range(1, 100))

    def take(page: Page, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{next(counter):02d}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
        path.write_bytes(settled_screenshot(page))
        check_page(page, path)
        return path

    return take
