"""The hub as one ASGI app: the device API under ``/v1`` and, beside it, the worker web UI.

``homeward hub`` serves what ``build_hub_asgi`` returns; tests serve the same thing. Requests
for ``/v1`` (and only those) go to the API, so no page of the worker UI can shadow it;
``/downloads/<token>`` hands a signed-in tab the report it printed (``app.hub.downloads``);
every other path is the worker UI, a Flet app served from the local ``flet-web`` client (no
CDN).
Both sit inside the family app's own security layer (``app.server.SecurityHeaders``): the same
Content-Security-Policy, no cross-origin reads, and websockets only from the hub's own pages.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable

from sqlalchemy import Engine

from app import paths
from app.hub.api import create_hub_app
from app.hub.downloads import ROUTE as DOWNLOADS_PREFIX
from app.hub.downloads import ReportDesk, create_download_app
from app.hub.worker.app import build_worker_main
from app.hub.worker.session import RECONNECT_GRACE_SECONDS
from app.i18n import t
from app.net import HostGuard
from app.server import ASGIApp, Receive, Scope, SecurityHeaders, Send
from app.web.accessible_page import AccessiblePages

API_PREFIX = "/v1"
#: Objects made (and not yet freed) between the collector's quick passes; Python's is 700.
YOUNG_OBJECTS = 20_000


def build_worker_asgi(engine: Engine, *, clock: Callable[[], float] = time.time,
                      reports: ReportDesk | None = None,
                      reconnect_grace: float = RECONNECT_GRACE_SECONDS) -> ASGIApp:
    """The worker UI alone: Flet's web client and its websocket, over the hub database."""
    import flet_web.fastapi as flet_fastapi

    return flet_fastapi.app(  # type: ignore[no-any-return]
        build_worker_main(engine, clock=clock, reports=reports),
        assets_dir=str(paths.assets_dir()),
        app_name=t("hub.app_title"),
        app_short_name=t("hub.app_title"),
        app_description=t("hub.signin.footer"),
        no_cdn=True,
        # A tab that lost its connection keeps its session (and any opened agency key) only
        # long enough to come back from a dropped connection, not from a closed tab.
        session_timeout_seconds=max(1, round(reconnect_grace)),
    )


class HubRouter:
    """Plain ASGI: ``/v1`` to the device API, ``/downloads/`` to the report downloads,
    everything else (and lifespan) to the worker UI.

    Lifespan events go to the worker UI, whose Flet session manager needs them; the API and
    the downloads have none of their own.
    """

    def __init__(self, api: ASGIApp, worker_ui: ASGIApp, downloads: ASGIApp | None = None
                 ) -> None:
        self.api = api
        self.worker_ui = worker_ui
        self.downloads = downloads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hand one connection to the app that serves its path."""
        path = str(scope.get("path", ""))
        served = scope["type"] in ("http", "websocket")
        if served and (path == API_PREFIX or path.startswith(API_PREFIX + "/")):
            await self.api(scope, receive, send)
        elif (served and self.downloads is not None
              and path.startswith(DOWNLOADS_PREFIX + "/")):
            await self.downloads(scope, receive, send)
        else:
            await self.worker_ui(scope, receive, send)


def build_hub_asgi(
    engine: Engine, *, clock: Callable[[], float] = time.time, host: str | None = None,
    allowed_hosts: Iterable[str] = (), reconnect_grace: float = RECONNECT_GRACE_SECONDS,
) -> ASGIApp:
    """Return the whole hub over a migrated database engine.

    Args:
        reconnect_grace: seconds a tab that lost its connection stays signed in.
        host: the address the hub listens on. Given, requests naming a host the hub does
            not answer to are refused, as the family app does against DNS rebinding: its
            loopback names, the address it listens on (on every address, this computer's
            names and addresses) and ``allowed_hosts``, such as the public name a proxy in
            front passes on. Left out (tests), every host is answered.
    """
    api = create_hub_app(engine, clock=clock)
    reports = ReportDesk()  # shared by the worker UI's tabs and the download route
    worker_ui = AccessiblePages(build_worker_asgi(engine, clock=clock, reports=reports,
                                                  reconnect_grace=reconnect_grace))
    router = HubRouter(api, worker_ui,
                       create_download_app(engine, reports))
    hosts = HostGuard(host, allowed_hosts) if host is not None else None
    return SecurityHeaders(router, hosts=hosts)


def settle_heap() -> None:
    """Keep the garbage collector's passes off the hub's requests (call once, just before
    serving: ``homeward hub`` does).

    Starting builds hundreds of thousands of objects that live as long as the process (the
    worker UI, the API, the SQL statements): each full pass walked them all again, about a
    tenth of a second of CPU with every request stopped. Frozen (``gc.freeze``), they are never
    walked again. And at Python's 700 objects between quick passes, a quick pass ran about
    once a request, walking every batch then in flight each time; ``YOUNG_OBJECTS`` lets one
    pass serve many requests. Garbage is still collected, only less often.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
