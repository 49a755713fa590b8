"""The household server's security headers and host guard, checked on the ASGI layer itself.

The page may open a websocket back to the very host it came from and to nothing else; a
``Host`` header made to smuggle something into the policy gets the bare same-origin policy.
Whatever address the server listens on, a website that rebinds its own name to it is refused.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app.net import HostGuard
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


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "home"


def websocket_opens(client: TestClient, host: str) -> bool:
    try:
        with client.websocket_connect(f"ws://{host}/ws",
                                      headers={"Host": host, "Origin": f"http://{host}"}):
            return True
    except WebSocketDisconnect:
        return False


@pytest.mark.parametrize("listen", ["127.0.0.1", "0.0.0.0", "::", "192.0.2.7"])
def test_a_rebound_page_cannot_reach_the_household(cache: Path, listen: str) -> None:
    """DNS rebinding: a website the family visits points its own name at this server, so its
    Host and Origin match each other. Listening on the network must not let it in."""
    from app.server import build_asgi_app

    client = TestClient(build_asgi_app(cache, host=listen), base_url="http://evil.example:8550")
    page = client.get("/", headers={"Host": "evil.example:8550"})
    assert page.status_code == 403 and page.text == "Forbidden"
    assert not websocket_opens(client, "evil.example:8550")


def test_on_every_address_this_machines_own_addresses_still_work(cache: Path) -> None:
    """The tablet opens the address the server sees itself on; this device opens 127.0.0.1."""
    from app.server import build_asgi_app

    app = build_asgi_app(cache, host="0.0.0.0")
    for seen_at in ("127.0.0.1:8550", "192.0.2.7:8550", "localhost:8550", "[::1]:8550"):
        client = TestClient(app, base_url=f"http://{seen_at}")
        assert client.get("/", headers={"Host": seen_at}).status_code == 200, seen_at
        assert websocket_opens(client, seen_at), seen_at
    elsewhere = TestClient(app, base_url="http://192.0.2.7:8550")
    assert elsewhere.get("/", headers={"Host": "192.0.2.99:8550"}).status_code == 403


def test_a_name_allowed_by_the_family_works_and_others_do_not(cache: Path) -> None:
    from app.server import build_asgi_app

    app = build_asgi_app(cache, host="0.0.0.0", allowed_hosts=["Tablet-Hub.home"])
    client = TestClient(app, base_url="http://tablet-hub.home:8550")
    assert client.get("/", headers={"Host": "tablet-hub.home:8550"}).status_code == 200
    assert websocket_opens(client, "tablet-hub.home:8550")
    assert client.get("/", headers={"Host": "hub.home:8550"}).status_code == 403


def test_the_guard_knows_this_machine_by_its_own_address_and_name() -> None:
    guard = HostGuard("0.0.0.0")
    assert guard.allows("127.0.0.1:8550", None)
    assert guard.allows("10.1.2.3:8550", ("10.1.2.3", 8550))
    assert guard.allows("10.1.2.3", ("::ffff:10.1.2.3", 8550))
    assert guard.allows(f"{socket.gethostname()}:8550", None)
    assert not guard.allows("evil.example", ("evil.example", 8550))
    assert not HostGuard("192.0.2.7").allows("192.0.2.8:8550", None)
    assert HostGuard("192.0.2.7").allows("192.0.2.7:8550", None)
