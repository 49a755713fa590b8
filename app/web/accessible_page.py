"""What every served page adds for people who zoom or use a screen reader.

Flutter's web engine replaces any ``<meta name="viewport">`` with its own, which sets
``maximum-scale=1.0, user-scalable=no``: a person who needs larger text cannot zoom
(WCAG 1.4.4; axe-core's ``meta-viewport``). And Flet cannot give a screen a landmark role, so
a screen reader finds no region to jump to. :class:`AccessiblePages` gives every HTML page
Homeward serves (the family app and the hub's worker UI) a viewport that allows zoom, and a
small inline script that puts it back whenever the engine writes its own and marks the
app's view (``flutter-view``, which holds the whole screen) as the page's main landmark.
"""

from __future__ import annotations

import html

from app.downloads import ROUTE as DOWNLOADS
from app.server import ASGIApp, Message, Receive, Scope, Send
from app.web.delivery import editing_pages

#: Fits the phone's width and leaves zoom to the person.
VIEWPORT = "width=device-width, initial-scale=1"

_KEEPER = """<script>
(() => {
  const wanted = "__VIEWPORT__";
  const keepZoom = () => {
    for (const meta of document.querySelectorAll('meta[name="viewport"]')) {
      if (meta.content !== wanted) meta.content = wanted;
    }
  };
  const markMain = () => {
    const view = document.querySelector("body > flutter-view");
    if (view && view.getAttribute("role") !== "main") view.setAttribute("role", "main");
  };
  new MutationObserver(keepZoom).observe(document.head, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["content"] });
  keepZoom();
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver(markMain).observe(document.body, { childList: true });
    markMain();
  });
})();
</script>""".replace("__VIEWPORT__", VIEWPORT)


def head_additions() -> bytes:
    """What goes at the top of every page's ``<head>``: the viewport and the keeper script."""
    meta = f'<meta name="viewport" content="{html.escape(VIEWPORT)}">'
    return (meta + _KEEPER).encode("utf-8")


class AccessiblePages:
    """Pure ASGI middleware: every whole HTML page gains :func:`head_additions`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._addition = head_additions()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request, adding the viewport and keeper to a page."""
        if (scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD")
                or str(scope.get("path", "")).startswith(DOWNLOADS + "/")):
            await self.app(scope, receive, send)
            return
        # HEAD is answered as the GET it stands for, without the body, so the length and
        # validators it tells are those of the page a GET then sends (with the additions).
        # Never for a download: its GET makes the family's file and spends its one-time link,
        # so a link checker's HEAD would leave the real download saying the link is gone.
        head = scope["method"] == "HEAD"
        await self.app({**scope, "method": "GET"} if head else scope, receive,
                       editing_pages(_headers_only(send) if head else send,
                                     lambda page: _add_to_head(page, self._addition)))


def _headers_only(send: Send) -> Send:
    """Wrap ``send`` to pass the response's start as it is and its body as nothing."""
    async def without_body(message: Message) -> None:
        if message["type"] != "http.response.body":
            await send(message)
        elif not message.get("more_body", False):
            await send({"type": "http.response.body", "body": b""})

    return without_body


def _add_to_head(page: bytes, addition: bytes) -> bytes:
    """``page`` with ``addition`` right after its ``<head>``; a page that sets its own
    viewport (Homeward's offline page) or has no ``<head>`` is left as it is."""
    at = page.find(b"<head>")
    if at < 0 or b'name="viewport"' in page:
        return page
    end = at + len(b"<head>")
    return page[:end] + addition + page[end:]
