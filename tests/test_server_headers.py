"""The household server's security headers, checked on the ASGI layer itself.

The page may open a websocket back to the very host it came from and to nothing else; a
``Host`` header made to smuggle something into the policy gets the bare same-origin policy.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from app.server import CONTENT_SECURITY_POLICY, SecurityHeaders, content_security_policy


async def hello(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"hello"})


def connect_sources(policy: str) -> list[str]:
    part = next(p for p in policy.split("; ") if p.startswith("connect-src "))
    return part.split()[1:]


def test_the_page_may_reach_its_own_websocket_only() -> None:
    client = TestClient(SecurityHeaders(hello, loopback_only=False))
    answer = client.get("/", headers={"Host": "homeward.example.org:8443"})
    assert connect_sources(answer.headers["content-security-policy"]) == [
        "'self'", "ws://homeward.example.org:8443", "wss://homeward.example.org:8443"]


@pytest.mark.parametrize("host", [
    "evil.example; script-src *", "a b", "x.example/*", "", "é.example", "[::1", "h:99999999",
])
def test_a_host_header_that_is_not_a_plain_host_gets_the_bare_policy(host: str) -> None:
    assert content_security_policy(host) == CONTENT_SECURITY_POLICY
    assert connect_sources(CONTENT_SECURITY_POLICY) == ["'self'"]


def test_no_scheme_wide_websocket_source_is_ever_allowed() -> None:
    for host in ("127.0.0.1:8550", "[::1]:8550", "localhost", None):
        sources = connect_sources(content_security_policy(host))
        assert "ws:" not in sources and "wss:" not in sources and "*" not in sources
