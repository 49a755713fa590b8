"""The browser the journeys run in: a phone-sized Chromium that cannot reach past this device.

The ``browser``, ``context`` and ``page`` fixtures in ``conftest.py`` set it up from these
settings; :class:`RequestLog` is what the ``page`` fixture checks at the end of each test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

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
