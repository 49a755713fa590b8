"""The served app in Chromium: it renders at a phone size, with our CSP, icons and manifest,
and nothing it loads comes from anywhere but this device."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from app.server import content_security_policy
from app.web.accessible_page import VIEWPORT

ICON_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_app_renders_at_phone_size_with_csp_and_no_foreign_requests(
    served_app,
    page: Page,
    request_log,
    wait_for_app,
    enable_semantics,
    shot: Callable[[Page, str], Path],
) -> None:
    response = page.goto(served_app.url + "/")
    assert response is not None and response.ok
    host = served_app.url.split("://", 1)[1]
    # The page may open its own websocket and nothing else.
    assert response.headers.get("content-security-policy") == content_security_policy(host)
    assert f"connect-src 'self' ws://{host} wss://{host};" in content_security_policy(host)
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("referrer-policy") == "no-referrer"

    wait_for_app(page)
    enable_semantics(page)
    page.get_by_text("Homeward").first.wait_for()
    assert page.viewport_size == {"width": 390, "height": 844}
    assert page.title() == "Homeward"
    # Flutter writes a viewport that forbids zoom once it starts; the page puts ours back.
    contents = page.eval_on_selector_all('meta[name="viewport"]', "ms => ms.map(m => m.content)")
    assert contents and set(contents) == {VIEWPORT}, contents
    assert page.get_attribute("flutter-view", "role") == "main"
    path = shot(page, "first-screen")
    assert path.stat().st_size > 0

    assert request_log.urls, "the harness saw no requests"
    assert request_log.sent_elsewhere() == []
    assert request_log.aborted == []


def test_served_manifest_and_icons_are_homewards(served_app, page: Page) -> None:
    page.goto(served_app.url + "/")
    manifest = page.request.get(served_app.url + "/manifest.json")
    assert manifest.ok
    host = served_app.url.split("://", 1)[1]
    assert manifest.headers.get("content-security-policy") == content_security_policy(host)
    data = manifest.json()
    assert data["name"] == "Homeward"
    assert data["short_name"] == "Homeward"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#1B6E63"

    project_assets = Path(__file__).resolve().parents[2] / "assets"
    for icon in data["icons"]:
        served = page.request.get(f"{served_app.url}/{icon['src']}")
        assert served.ok, icon["src"]
        body = served.body()
        assert body.startswith(ICON_MAGIC)
        assert body == (project_assets / icon["src"]).read_bytes(), icon["src"]
    favicon = page.request.get(served_app.url + "/favicon.png")
    assert favicon.body() == (project_assets / "favicon.png").read_bytes()
