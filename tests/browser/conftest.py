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
                   helpers from ``flutter_start`` and ``screenshots``, handed out as
                   fixtures so test modules need no imports for them.

Flutter paints on a canvas: text and controls are only in the DOM once semantics are on
(``enable_semantics``); then use ``get_by_role("button", name=...)``,
``get_by_role("textbox", name=<label>)`` or ``get_by_text``. ``ft.Semantics(identifier="x")``
renders as ``[flt-semantics-identifier="x"]``.

What the fixtures stand on lives beside this file, for tests to import by name:
``servers`` (the app and the hub as subprocesses: ``start_server``, ``running_hub``),
``phone_browser`` (the viewport and the guard that keeps requests on this device),
``flutter_start`` (waiting for Flutter, turning semantics on) and ``screenshots``.
"""

from __future__ import annotations

import datetime
import re
import shutil
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from flutter_start import (
    APP_READY_TIMEOUT_MS,
    PAGE_FAILURE_TEXT,
    enable_semantics,
    open_app,
    shows_error_screen,
    wait_for_app,
)
from phone_browser import CHROMIUM_ARGS, FOREIGN_URL, VIEWPORT, RequestLog, is_local
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Request,
    Route,
    sync_playwright,
)
from screenshots import screens_folder, settled_screenshot
from servers import ServedApp, start_server

from tests.browser.axe import check_page

#: Text in the server log that means the app failed where the family would see it.
SERVER_LOG_FAILURES = ("Unhandled error", "Traceback")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser`` (select with ``-m browser``), and give each
    module's first test the time to wait for midnight as well (``_not_across_midnight`` runs in
    its set-up, which the per-test timeout covers)."""
    here = Path(__file__).parent
    started: set[str] = set()
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if str(item.fspath) not in started:
                started.add(str(item.fspath))
                usual = float(item.config.getini("timeout") or 0)
                if usual:
                    waits = MODULE_LONGEST.total_seconds() + MIDNIGHT_MARGIN_SECONDS
                    item.add_marker(pytest.mark.timeout(usual + waits))


# --- the served app ---------------------------------------------------------------------


#: No journey module takes this long; one that starts closer to midnight waits for the new day.
MODULE_LONGEST = datetime.timedelta(minutes=5)
#: How long after midnight a waiting module starts.
MIDNIGHT_MARGIN_SECONDS = 5


@pytest.fixture(scope="module", autouse=True)
def _not_across_midnight() -> None:
    """Start a module after midnight rather than just before it.

    The journeys use the real clock (the app runs as the family runs it), and "today" moves
    at midnight: a chore added at 23:59 was no longer today's when ticked at 00:01. The hub
    counts days in UTC and the app in local time, so both midnights are kept clear.
    """
    for now in (datetime.datetime.now(), datetime.datetime.now(datetime.UTC)):
        midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1),
                                             datetime.time(), now.tzinfo)
        if midnight - now < MODULE_LONGEST:
            time.sleep((midnight - now).total_seconds() + MIDNIGHT_MARGIN_SECONDS)


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
        folder = screens_folder(request.node.name)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "failed-server.log").write_text(server_log, "utf-8")
        if not pg.is_closed():
            (folder / "failed-page.png").write_bytes(pg.screenshot())
    problems: list[str] = []
    sent = request_log.sent_elsewhere()
    if sent:
        problems.append("requests left 127.0.0.1:\n  " + "\n  ".join(sent))
    if not pg.is_closed() and shows_error_screen(pg):
        problems.append(f'the page shows "{PAGE_FAILURE_TEXT}"')
    for marker in SERVER_LOG_FAILURES:
        if marker in server_log:
            problems.append(f'the server log contains "{marker}":\n{server_log}')
            break
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# --- helpers as fixtures ---------------------------------------------------------------


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
    folder = screens_folder(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    counter = iter(range(1, 100))

    def take(page: Page, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{next(counter):02d}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
        path.write_bytes(settled_screenshot(page))
        check_page(page, path)
        return path

    return take
