"""Serving Homeward as a web app: the Flet ASGI app, security headers and the web server.

``homeward run`` serves the Flet web client (bundled in ``flet-web``, no CDN) and the
app's own ``assets/`` from one origin. Every response carries a Content-Security-Policy
that lets the page talk only to that origin: the prebuilt Flet client would otherwise
fetch a Rive script from cdn.jsdelivr.net, and a family's screen must never reach out
to a third party. The middleware is plain ASGI because Starlette's ``BaseHTTPMiddleware``
does not see websocket traffic and gets in the way of streaming responses.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

import uvicorn

from app import paths
from app.net import EVERY_ADDRESS, HostGuard
from app.net import is_loopback as is_loopback  # the CLIs ask the server module

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})

#: Only the app's own origin; 'wasm-unsafe-eval' lets the Flutter engine compile its
#: WebAssembly, 'unsafe-inline' covers the small config scripts Flet writes into index.html.
#: The websocket back to this server is named per request (see :func:`security_headers`):
#: a bare ``ws:`` would let a page injected into the app talk to any host.
_POLICY_PARTS = (
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data:",  # "Read this to me": the player gets the sound as a data: URL
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
#: The policy when the request names no usable host: same origin only.
CONTENT_SECURITY_POLICY = "; ".join(_POLICY_PARTS)
#: What a ``Host`` header may hold to be named in the policy (a name or address, a port).
_HOST_HEADER = re.compile(r"^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$")


def content_security_policy(host_header: str | None) -> str:
    """The policy for a page asked for at ``host_header``: its own websocket and nothing else.

    CSP Level 3 counts same-host ``ws:``/``wss:`` as 'self', but older mobile browsers do not,
    so the websocket origins of this very host are named as well. A ``Host`` that is not a
    plain name or address (as a hostile request might send) gets the bare policy.
    """
    if not host_header or not _HOST_HEADER.match(host_header):
        return CONTENT_SECURITY_POLICY
    host = host_header.lower()
    return CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'", f"connect-src 'self' ws://{host} wss://{host}")


_OTHER_SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    *_OTHER_SECURITY_HEADERS,
)


def security_headers(host_header: str | None) -> list[tuple[bytes, bytes]]:
    """Every security header for a response to a request that named ``host_header``."""
    policy = content_security_policy(host_header).encode("ascii")
    return [(b"content-security-policy", policy), *_OTHER_SECURITY_HEADERS]


#: Headers we own or refuse: Flet adds ``Access-Control-Allow-Origin: *``, which would let
#: any website read what this server answers.
_REPLACED = frozenset(name for name, _ in SECURITY_HEADERS) | {b"access-control-allow-origin"}

#: FastAPI adds interactive API docs that load Swagger UI from a CDN; Homeward has no API
#: to document, so these paths answer 404.
_DOC_ROUTES = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})

logger = logging.getLogger(__name__)


def request_header(scope: Scope, name: bytes) -> str | None:
    """Return one request header from an ASGI scope, decoded as Latin-1."""
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class SecurityHeaders:
    """Pure ASGI middleware: adds the security headers and guards the websocket.

    Args:
        app: the ASGI app to wrap.
        loopback_only: when the server listens on this device only, refuse requests whose
            ``Host`` is not a loopback name, so a web page cannot reach the household
            through DNS rebinding.
        hosts: which ``Host`` names to answer to, however the server listens; when given,
            it decides instead of ``loopback_only``.
    """

    def __init__(self, app: ASGIApp, *, loopback_only: bool = False,
                 hosts: HostGuard | None = None) -> None:
        self.app = app
        self.hosts = hosts or (HostGuard("127.0.0.1") if loopback_only else None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self._host_allowed(scope) or (kind == "websocket" and not _same_origin(scope)):
            await self._refuse(scope, send)
            return
        if kind == "http" and scope.get("path") in _DOC_ROUTES:
            await self._not_found(send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.http.response.start"):
                kept = [
                    (key, value)
                    for key, value in message.get("headers", [])
                    if bytes(key).lower() not in _REPLACED
                ]
                message["headers"] = kept + security_headers(request_header(scope, b"host"))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _host_allowed(self, scope: Scope) -> bool:
        """Check the ``Host`` header against the names this server answers to."""
        if self.hosts is None:
            return True
        return self.hosts.allows(request_header(scope, b"host"), scope.get("server"))

    async def _refuse(self, scope: Scope, send: Send) -> None:
        """Answer 403 to a request from somewhere this server does not serve."""
        if scope["type"] == "websocket":
            # Closing before accepting makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008})
            return
        await self._plain(send, 403, b"Forbidden")

    async def _not_found(self, send: Send) -> None:
        """Answer 404 with the security headers."""
        await self._plain(send, 404, b"Not Found")

    @staticmethod
    async def _plain(send: Send, status: int, body: bytes) -> None:
        """Send a short plain-text response carrying the security headers."""
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode("ascii")),
            *SECURITY_HEADERS,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _same_origin(scope: Scope) -> bool:
    """True when a websocket handshake comes from a page served by this server.

    Browsers do not apply CORS to websockets, so without this check any website the
    family visits could open a session on the local Homeward server.
    """
    origin = request_header(scope, b"origin")
    host = request_header(scope, b"host")
    if origin is None:
        return True  # not a browser: nothing to protect against here
    if host is None:
        return False
    return origin.split("://", 1)[-1].rstrip("/").lower() == host.lower()


def build_asgi_app(data_dir: Path, *, host: str = DEFAULT_HOST, allowed_hosts: Iterable[str] = (),
                   delivery: bool = True) -> ASGIApp:
    """Build the ASGI app serving the household in ``data_dir``, wrapped in the security headers.

    Whatever ``host`` it listens on, it answers only to this machine's own names and addresses
    and to ``allowed_hosts``: on a home network, any website a browser there visits could
    otherwise rebind its name to this server and reach the passphrase screen.

    ``delivery=False`` leaves out compression, validators and the service worker (Flet's own
    static serving only): the delivery benchmark compares against it in the same run.
    """
    import flet_web.fastapi as flet_fastapi
    from fastapi import Response
    from fastapi.responses import PlainTextResponse

    from app.downloads import ROUTE, Shelf, attachment
    from app.i18n import t
    from app.ui import build_main
    from app.web import client_roots, deliver
    from app.web.accessible_page import AccessiblePages

    shelf = Shelf()
    flet_app = flet_fastapi.app(
        build_main(data_dir, downloads=shelf),
        assets_dir=str(paths.assets_dir()),
        app_name="Homeward",
        app_short_name="Homeward",
        app_description="A family companion for restorative and therapeutic parenting.",
        no_cdn=True,
    )
    flet_app.router.routes = [
        route for route in flet_app.router.routes if getattr(route, "path", "") not in _DOC_ROUTES
    ]

    async def download(token: str) -> Response:
        # Made when fetched, handed over once, never cached: see app.downloads.
        try:
            found = shelf.take(token)
        except Exception as failed:  # noqa: BLE001 - a page in words, never a stack trace
            logger.error("a download could not be made (%s)", type(failed).__name__)
            return PlainTextResponse(t("web.download.failed"), status_code=500,
                                     headers={"Cache-Control": "no-store"})
        if found is None:
            return Response(status_code=404)
        name, media_type, body = found
        return Response(body, media_type=media_type, headers={
            "Content-Disposition": attachment(name), "Cache-Control": "no-store"})

    async def described(token: str) -> Response:
        # A HEAD (a download manager, a link checker) learns the name and type only: the
        # file is not made and the link stays for the real download. No length is told,
        # since the file does not exist yet.
        found = shelf.describe(token)
        if found is None:
            return Response(status_code=404)
        name, media_type = found
        answer = Response(media_type=media_type, headers={
            "Content-Disposition": attachment(name), "Cache-Control": "no-store"})
        del answer.headers["content-length"]
        return answer

    flet_app.router.add_api_route(ROUTE + "/{token}", download, methods=["GET"])
    flet_app.router.add_api_route(ROUTE + "/{token}", described, methods=["HEAD"])
    # Flet's catch-all route serves the web client for any path: ours must come first.
    ours = flet_app.router.routes[-2:]
    flet_app.router.routes[:] = ours + flet_app.router.routes[:-2]
    served: ASGIApp = flet_app
    if delivery:
        served = deliver(flet_app, client_roots())
    return SecurityHeaders(AccessiblePages(served), hosts=HostGuard(host, allowed_hosts))


def page_url(host: str, port: int) -> str:
    """Return the address a browser on this device opens for ``host`` and ``port``."""
    shown = DEFAULT_HOST if host in EVERY_ADDRESS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def bind_socket(host: str, port: int) -> socket.socket:
    """Open the listening socket, so a busy port is reported before anything starts.

    Raises:
        OSError: the address cannot be used (port busy, unknown host, no permission).
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        DEFAULT_HOST if host == "localhost" else host,
        port,
        type=socket.SOCK_STREAM,
        flags=socket.AI_PASSIVE,
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class ReadyServer(uvicorn.Server):
    """A uvicorn server that reports once it is listening."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Start as uvicorn does, then call ``on_ready``."""
        await super().startup(sockets=sockets)
        if self.started:
            self._on_ready()


def serve(
    data_dir: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allowed_hosts: Iterable[str] = (),
    on_ready: Callable[[], None] = lambda: None,
) -> None:
    """Serve the app until interrupted; never opens a browser.

    Raises:
        OSError: the address cannot be used.
    """
    sock = bind_socket(host, port)
    config = uvicorn.Config(
        build_asgi_app(data_dir, host=host, allowed_hosts=allowed_hosts),
        log_level="warning",
        access_log=False,
        ws="websockets-sansio",
        server_header=False,
        proxy_headers=False,
        # Open sessions (a tab left open) must not keep Ctrl+C from stopping the server.
        timeout_graceful_shutdown=3,
    )
    ReadyServer(config, on_ready).run(sockets=[sock])
