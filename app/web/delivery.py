"""Serving the web client's files compressed, with validators, ahead of Flet's own server.

Plain ASGI in front of the Flet app: a GET or HEAD for a file of the client (in Homeward's
``assets/`` or flet-web's ``web/`` folder, in Flet's order) is answered here with the best
ready copy the browser accepts (brotli, else gzip, else the file itself), a strong ``ETag``
per copy and ``Cache-Control: no-cache``, so a repeat visit asks "still the same?" and hears
"304" in a few hundred bytes instead of fetching 8 MB again. The files Flet rewrites for
this server (``index.html``, ``manifest.json``, ``assets/FontManifest.json``), every app
route, the websocket and the downloads pass through untouched, except that a page gains the
one script that registers Homeward's service worker (see :mod:`app.web.offline`).
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

import anyio.to_thread
from starlette.responses import FileResponse, Response

from app.server import ASGIApp, Message, Receive, Scope, Send, request_header
from app.web.encodings import BROTLI, GZIP, IDENTITY, Precompressed, Source, accepted_encodings

mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("font/otf", ".otf")

#: Files Flet rewrites for this server (names, websocket address): Flet serves those.
REWRITTEN_BY_FLET = frozenset({"index.html", "manifest.json", "assets/FontManifest.json"})
#: Every client file is checked again on each use (its name does not change with its content).
CACHE_CONTROL = "no-cache"


def _matches(if_none_match: str | None, etag: str) -> bool:
    """True when the browser's ``If-None-Match`` names ``etag`` (weak comparison, RFC 9110)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


def etag_for(source: Source, encoding: str) -> str:
    """A strong validator for one copy: the content's hash, and which copy it is."""
    suffix = "" if encoding == IDENTITY else f"-{encoding}"
    return f'"{source.digest}{suffix}"'


class ClientFiles:
    """Find a request path among the client's files, the way Flet's static server does."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [root.resolve() for root in roots]

    def find(self, path: str) -> Path | None:
        """The file serving ``path``, or None (a route, Flet's own, or nothing at all)."""
        relative = PurePosixPath(path.lstrip("/"))
        if (not relative.parts or str(relative) in REWRITTEN_BY_FLET
                or any(part in ("..", ".") or part.startswith(".") for part in relative.parts)):
            return None
        for root in self.roots:
            candidate = root.joinpath(*relative.parts)
            try:
                if candidate.is_file() and candidate.resolve().is_relative_to(root):
                    return candidate
            except OSError:  # a name too long for the disk, say: no file of ours
                continue
        return None

    def fingerprint(self) -> str:
        """A short hash of every file's name, size and time: changes when any file does."""
        digest = hashlib.sha256()
        for root in self.roots:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    digest.update(f"{path.relative_to(root)}:{stat.st_size}:"
                                  f"{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()[:16]


class Delivery:
    """Pure ASGI middleware serving the client's files compressed and revalidated.

    Args:
        app: the Flet app, which answers everything else.
        files: where the client's files are.
        copies: the precompressed copies.
        generated: small files made by Homeward itself, by path (the service worker, the
            offline page): served with their own validators, never compressed.
        page_script: the path of the script every page loads to register the worker.
        alive: the path that answers 204 and is never kept, for "is the server back?".
    """

    def __init__(self, app: ASGIApp, files: ClientFiles, copies: Precompressed, *,
                 generated: dict[str, tuple[bytes, str]], page_script: str, alive: str) -> None:
        self.app = app
        self.files = files
        self.copies = copies
        self.generated = generated
        self.alive = alive
        self._script_tag = f'<script src="{page_script}" defer></script>'.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request."""
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path == self.alive:
            await Response(status_code=204, headers={"cache-control": "no-store"})(
                scope, receive, send)
            return
        if path in self.generated:
            await self._generated(scope, receive, send, *self.generated[path])
            return
        found = None if request_header(scope, b"range") else self.files.find(path)
        if found is None:
            page_send = self._with_page_script(send) if scope["method"] == "GET" else send
            await self.app(scope, receive, page_send)
            return
        await self._file(scope, receive, send, found)

    async def _file(self, scope: Scope, receive: Receive, send: Send, found: Path) -> None:
        source = await anyio.to_thread.run_sync(self.copies.source, found)
        encoding, body = await self._best_copy(source, request_header(scope, b"accept-encoding"))
        etag = etag_for(source, encoding)
        headers = {"cache-control": CACHE_CONTROL, "etag": etag}
        if source.compressible:
            headers["vary"] = "Accept-Encoding"
        if _matches(request_header(scope, b"if-none-match"), etag):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        if encoding != IDENTITY:
            headers["content-encoding"] = encoding
        media_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        await FileResponse(body, headers=headers, media_type=media_type)(scope, receive, send)

    async def _best_copy(self, source: Source, accept: str | None) -> tuple[str, Path]:
        """Brotli if ready, else gzip (made now if need be), else the file itself."""
        if not source.compressible:
            return IDENTITY, source.path
        accepted = accepted_encodings(accept)
        if BROTLI in accepted:
            ready = self.copies.copy(source, BROTLI)
            if ready is not None:
                return BROTLI, ready
            self.copies.make_later(source, BROTLI)
        if GZIP in accepted:
            made = self.copies.copy(source, GZIP) or await anyio.to_thread.run_sync(
                self.copies.make_now, source, GZIP)
            if made is not None:
                return GZIP, made
        return IDENTITY, source.path

    @staticmethod
    async def _generated(scope: Scope, receive: Receive, send: Send,
                         body: bytes, media_type: str) -> None:
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        headers = {"cache-control": CACHE_CONTROL, "etag": etag}
        if _matches(request_header(scope, b"if-none-match"), etag):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        await Response(body, headers=headers, media_type=media_type)(scope, receive, send)

    def _with_page_script(self, send: Send) -> Send:
        """Wrap ``send`` so that a whole HTML page gains the service worker's script."""
        return editing_pages(
            send, lambda page: page.replace(b"</head>", self._script_tag + b"</head>", 1),
            headers=((b"cache-control", CACHE_CONTROL.encode("ascii")),))


def editing_pages(send: Send, edit: Callable[[bytes], bytes], *,
                  headers: Sequence[tuple[bytes, bytes]] = ()) -> Send:
    """Wrap ``send`` so that a whole, uncompressed HTML page (status 200) goes through
    ``edit`` before it leaves, with its length (and ``headers``) set anew; anything else
    passes as it is. Shared by every layer that adds to Homeward's pages."""
    held: list[Message] = []
    chunks: list[bytes] = []
    replaced = (b"content-length", *(name for name, _value in headers))

    async def send_page(message: Message) -> None:
        if message["type"] == "http.response.start":
            if message.get("status") == 200 and _is_html(message.get("headers", [])):
                held.append(message)
                return
            await send(message)
            return
        if not held or message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(bytes(message.get("body", b"")))
        if message.get("more_body", False):
            return
        body = edit(b"".join(chunks))
        start = held.pop()
        start["headers"] = [*_without(start.get("headers", []), replaced),
                            (b"content-length", str(len(body)).encode("ascii")), *headers]
        await send(start)
        await send({"type": "http.response.body", "body": body})

    return send_page


def _is_html(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """True for an uncompressed HTML response (a compressed one cannot be edited)."""
    found = {bytes(key).lower(): bytes(value).lower() for key, value in headers}
    return (found.get(b"content-type", b"").startswith(b"text/html")
            and found.get(b"content-encoding", b"identity") == b"identity")


def _without(headers: Iterable[tuple[bytes, bytes]],
             names: tuple[bytes, ...]) -> list[tuple[bytes, bytes]]:
    return [(key, value) for key, value in headers if bytes(key).lower() not in names]
