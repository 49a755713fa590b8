"""Delivering the web client: compressed copies, validators, pages and Homeward's own files.

Run against the real ASGI app ``homeward run`` serves (Flet included), with the compressed
copies kept in a cache folder of the test's own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.server import build_asgi_app
from app.web import cache_folder, client_roots
from app.web.delivery import ClientFiles
from app.web.encodings import BROTLI, GZIP, IDENTITY, accepted_encodings

BOOTSTRAP = "/flutter_bootstrap.js"
LOCAL = "http://127.0.0.1:8550"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return cache_folder()


@pytest.fixture
def household(tmp_path: Path) -> Path:
    folder = tmp_path / "household"
    folder.mkdir()
    return folder


@pytest.fixture
def client(cache: Path, household: Path) -> Iterator[TestClient]:
    with TestClient(build_asgi_app(household), base_url=LOCAL) as served:
        yield served


def web_file(path: str) -> bytes:
    """The file as it is on disk (found the way the server finds it)."""
    found = ClientFiles(client_roots()).find(path)
    assert found is not None, path
    return found.read_bytes()


def wait_for_brotli(client: TestClient, path: str, limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while client.get(path, headers={"Accept-Encoding": "br"}).headers.get(
            "content-encoding") != "br":
        assert time.monotonic() < deadline, f"no brotli copy of {path} within {limit_s} s"
        time.sleep(0.2)


def test_a_client_file_comes_gzipped_with_a_strong_validator(client: TestClient) -> None:
    answer = client.get(BOOTSTRAP, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200
    assert answer.headers["content-encoding"] == "gzip"
    assert answer.content == web_file(BOOTSTRAP)  # decoded by the client
    assert int(answer.headers["content-length"]) < len(answer.content) / 2
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.headers["vary"] == "Accept-Encoding"
    assert answer.headers["etag"].startswith('"') and answer.headers["etag"].endswith('-gzip"')
    assert answer.headers["content-type"].startswith("text/javascript")
    assert "content-security-policy" in answer.headers


def test_brotli_is_served_once_made_and_each_copy_has_its_own_validator(
        client: TestClient, cache: Path) -> None:
    gzipped = client.get(BOOTSTRAP, headers={"Accept-Encoding": "gzip, br"})
    wait_for_brotli(client, BOOTSTRAP)
    brotlied = client.get(BOOTSTRAP, headers={"Accept-Encoding": "gzip, br"})
    plain = client.get(BOOTSTRAP, headers={"Accept-Encoding": "identity"})
    assert brotlied.headers["content-encoding"] == "br"
    assert brotlied.content == plain.content == web_file(BOOTSTRAP)
    assert "content-encoding" not in plain.headers
    tags = {gzipped.headers["etag"], brotlied.headers["etag"], plain.headers["etag"]}
    assert len(tags) == 3 and not any(tag.startswith("W/") for tag in tags)
    assert sorted(path.suffix for path in cache.iterdir()) == [".br", ".gz"]


def test_a_repeat_visit_hears_not_modified_for_its_own_copy_only(client: TestClient) -> None:
    first = client.get(BOOTSTRAP, headers={"Accept-Encoding": "gzip"})
    again = client.get(BOOTSTRAP, headers={"Accept-Encoding": "gzip",
                                           "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    other = client.get(BOOTSTRAP, headers={"Accept-Encoding": "identity",
                                           "If-None-Match": first.headers["etag"]})
    assert other.status_code == 200 and other.content == web_file(BOOTSTRAP)


def test_head_range_and_images_are_answered_as_the_browser_expects(client: TestClient) -> None:
    head = client.head(BOOTSTRAP, headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-encoding"] == "gzip"
    part = client.get(BOOTSTRAP, headers={"Range": "bytes=0-9", "Accept-Encoding": "gzip"})
    assert part.status_code == 206 and part.content == web_file(BOOTSTRAP)[:10]
    assert "content-encoding" not in part.headers
    icon = client.get("/favicon.png", headers={"Accept-Encoding": "gzip, br"})
    assert icon.status_code == 200 and "content-encoding" not in icon.headers
    assert icon.content == web_file("/favicon.png")


@pytest.mark.parametrize("header, expected", [
    (None, {IDENTITY}),
    ("gzip, deflate, br, zstd", {GZIP, BROTLI, IDENTITY, "deflate", "zstd"}),
    ("gzip;q=0, br", {BROTLI, IDENTITY}),
    ("br;q=0.5, gzip;q=1.0", {BROTLI, GZIP, IDENTITY}),
    ("*", {BROTLI, GZIP, IDENTITY}),
    ("*;q=0", set()),
    ("gzip, identity;q=0", {GZIP}),
    ("gzip;q=nonsense", {IDENTITY}),
    (" , ;q=1, GZIP ", {GZIP, IDENTITY}),
])
def test_accept_encoding_is_read_as_http_says(header: str | None, expected: set[str]) -> None:
    assert accepted_encodings(header) == expected


def test_a_client_refusing_every_coding_still_gets_the_file(client: TestClient) -> None:
    answer = client.get(BOOTSTRAP, headers={"Accept-Encoding": "*;q=0"})
    assert answer.status_code == 200 and "content-encoding" not in answer.headers


@pytest.mark.parametrize("path", [
    "/../pyproject.toml", "/assets/../../pyproject.toml", "/.git/config", "/assets/.hidden",
    "/", "/index.html", "/manifest.json", "/assets/FontManifest.json", "/no-such-file.js",
])
def test_only_the_client_files_are_found(path: str) -> None:
    assert ClientFiles(client_roots()).find(path) is None


def test_pages_carry_the_service_worker_script_and_pass_through_flet(client: TestClient) -> None:
    for path in ("/", "/checkin", "/some/deep/route"):
        page = client.get(path)
        assert page.status_code == 200
        assert page.text.count('src="/register-service-worker.js"') == 1
        assert int(page.headers["content-length"]) == len(page.content)
        assert page.headers["cache-control"] == "no-cache"
    manifest = client.get("/manifest.json").json()
    assert manifest["name"] == "Homeward" and manifest["display"] == "standalone"
    assert client.get("/no-such-file.js").status_code == 404


def test_homewards_own_files(client: TestClient) -> None:
    worker = client.get("/service-worker.js")
    assert worker.status_code == 200 and worker.headers["cache-control"] == "no-cache"
    assert worker.headers["content-type"].startswith("text/javascript")
    assert "__VERSION__" not in worker.text
    again = client.get("/service-worker.js", headers={"If-None-Match": worker.headers["etag"]})
    assert again.status_code == 304
    offline = client.get("/offline.html")
    assert offline.status_code == 200 and "__" not in offline.text
    for words in ("Homeward can&#x27;t be reached right now.", "0800 1111", "080880 23456",
                  'href="tel:999"'):
        assert words in offline.text
    alive = client.get("/alive")
    assert alive.status_code == 204 and alive.headers["cache-control"] == "no-store"
    assert client.post("/alive").status_code != 204


def test_serving_leaves_nothing_in_the_household_folder(
        client: TestClient, household: Path, cache: Path) -> None:
    before = sorted(household.rglob("*"))
    for path in (BOOTSTRAP, "/main.dart.mjs", "/", "/offline.html", "/service-worker.js",
                 "/register-service-worker.js", "/alive"):
        client.get(path, headers={"Accept-Encoding": "gzip, br"})
    assert sorted(household.rglob("*")) == before
    assert all(path.suffix in (".gz", ".br") or path.name.startswith(".making-")
               for path in cache.iterdir())


def test_without_a_usable_cache_folder_the_files_are_served_as_they_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, household: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    with TestClient(build_asgi_app(household), base_url=LOCAL) as client:
        answer = client.get(BOOTSTRAP, headers={"Accept-Encoding": "gzip, br"})
    assert answer.status_code == 200 and "content-encoding" not in answer.headers
    assert answer.content == web_file(BOOTSTRAP)


def test_the_worker_version_follows_the_files(tmp_path: Path) -> None:
    root = tmp_path / "web"
    root.mkdir()
    (root / "a.js").write_text("one")
    first = ClientFiles([root]).fingerprint()
    assert ClientFiles([root]).fingerprint() == first
    (root / "a.js").write_text("two!")
    assert ClientFiles([root]).fingerprint() != first


def test_a_name_too_long_for_the_disk_is_not_found_not_a_crash(client: TestClient) -> None:
    """A path part over 255 bytes made the file lookup raise (500 from the server itself,
    with none of the security headers and a stack trace in the log)."""
    assert ClientFiles(client_roots()).find("/" + "a" * 300) is None
    for path in ("/" + "a" * 300, "/assets/" + "b" * 300 + ".js"):
        response = client.get(path)
        assert response.status_code < 500, path
        assert "content-security-policy" in response.headers
