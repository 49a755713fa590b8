"""Served pages let a person zoom and give a screen reader a main landmark.

Flutter's engine writes its own viewport (which forbids zoom) once it starts; the page's
inline keeper puts Homeward's back and marks the app's view as ``main``. The browser side is
checked in ``tests/browser/test_served_app.py`` and by axe-core at every screenshot; here,
what the server sends.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.hub.db import open_database
from app.hub.server import build_hub_asgi
from app.server import Receive, Scope, Send, build_asgi_app
from app.web import cache_folder
from app.web.accessible_page import VIEWPORT, AccessiblePages

VIEWPORT_META = re.compile(r'<meta name="viewport" content="([^"]*)">')


def viewports(page: str) -> list[str]:
    return VIEWPORT_META.findall(page)


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_folder().is_relative_to(tmp_path)
    household = tmp_path / "household"
    household.mkdir()
    return TestClient(build_asgi_app(household), base_url="http://127.0.0.1:8550")


def test_the_viewport_allows_zoom() -> None:
    assert "user-scalable" not in VIEWPORT and "maximum-scale" not in VIEWPORT
    assert VIEWPORT == "width=device-width, initial-scale=1"


@pytest.mark.parametrize("path", ["/", "/checkin", "/some/deep/route"])
def test_every_app_page_sets_a_zoomable_viewport_and_a_main_landmark(client: TestClient,
                                                              path: str) -> None:
    with client:
        page = client.get(path)
    assert page.status_code == 200
    assert viewports(page.text) == [VIEWPORT]
    assert "user-scalable=no" not in page.text
    assert "new MutationObserver(keepZoom)" in page.text
    assert 'setAttribute("role", "main")' in page.text
    assert int(page.headers["content-length"]) == len(page.content)


def test_the_offline_page_keeps_its_own_single_viewport(client: TestClient) -> None:
    with client:
        page = client.get("/offline.html")
    assert viewports(page.text) == [VIEWPORT]
    assert "MutationObserver" not in page.text


def test_the_hubs_worker_pages_set_a_zoomable_viewport(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    with TestClient(build_hub_asgi(engine), base_url="http://127.0.0.1:8560") as client:
        page = client.get("/")
        api = client.get("/v1/health")
    assert viewports(page.text) == [VIEWPORT]
    assert "MutationObserver" not in api.text


async def _page(scope: Scope, receive: Receive, send: Send) -> None:
    body = scope["path"].encode()
    kind = b"text/plain" if scope["path"] == "/plain" else b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", kind), (b"content-length", b"1")]})
    await send({"type": "http.response.body", "body": b"<html><head>" + body, "more_body": True})
    await send({"type": "http.response.body", "body": b"</head></html>"})


def test_only_whole_html_pages_are_changed() -> None:
    client = TestClient(AccessiblePages(_page))
    page = client.get("/a")
    assert viewports(page.text) == [VIEWPORT] and page.text.endswith("/a</head></html>")
    assert int(page.headers["content-length"]) == len(page.content)
    assert client.get("/plain").text == "<html><head>/plain</head></html>"


@pytest.mark.parametrize("path", ["/", "/checkin"])
def test_a_head_request_tells_the_length_a_get_sends(client: TestClient, path: str) -> None:
    """A checker (or a proxy deciding what to cache) asks HEAD first: the length and the
    validators it is told must be those of the page it then gets."""
    with client:
        page, head = client.get(path), client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == page.headers["content-length"]
    assert head.headers.get("etag") == page.headers.get("etag")
    assert head.headers["content-type"] == page.headers["content-type"]
