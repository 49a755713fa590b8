"""``homeward run``, started as a real server on a free loopback port: every response carries
the security headers, other hosts and other websites' websockets are refused, serving on
every interface warns that TLS is needed, and a busy port is a plain message."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from app.i18n import t
from app.server import content_security_policy
from tests.clikit import PROJECT_ROOT, run_cli
from tests.hubkit import free_port


@contextmanager
def serving(folder: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``homeward run`` on a free port with ``options``, until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "run", "--data-dir", str(folder), "--port", str(port),
         *options],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``homeward run`` on a free port, until the test ends."""
    with serving(tmp_path / "home") as running:
        yield running


def assert_security_headers(response: httpx.Response) -> None:
    policy = content_security_policy(response.request.url.netloc.decode("ascii"))
    assert response.headers["content-security-policy"] == policy
    assert "ws: " not in policy and f"ws://{response.request.url.netloc.decode()}" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in response.headers


def test_run_serves_every_response_with_the_csp(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    url, process = served
    page = httpx.get(url + "/")
    assert page.status_code == 200 and "<title>Homeward</title>" in page.text
    assert_security_headers(page)
    for path in ("/flutter_bootstrap.js", "/manifest.json", "/icons/icon-192.png"):
        response = httpx.get(url + path)
        assert response.status_code == 200, path
        assert_security_headers(response)
    assert httpx.get(url + "/manifest.json").json()["name"] == "Homeward"
    missing = httpx.get(url + "/no-such-file.png")
    assert missing.status_code == 404
    assert_security_headers(missing)
    assert httpx.get(url + "/docs").status_code == 404
    assert httpx.get(url + "/", headers={"Host": "rebound.example"}).status_code == 403

    process.terminate()
    out, _ = process.communicate(timeout=15)
    assert t("cli.run.address", url=url) in out


def test_run_on_every_interface_warns_that_tls_is_needed(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "run",
            "--data-dir",
            str(tmp_path / "home"),
            "--host",
            "0.0.0.0",
            "--port",
            str(free_port()),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        first_line = process.stderr.readline()
    finally:
        process.kill()
        process.wait(timeout=15)
    assert first_line.strip() == t("cli.run.network_warning", host="0.0.0.0")
    assert "TLS (https)" in first_line


def test_run_on_a_busy_port_says_so_plainly(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run_cli("run", "--data-dir", tmp_path / "home", "--port", str(port))
    assert result.returncode == 1
    assert "--port" in result.stderr


def test_run_refuses_websockets_opened_by_other_websites(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    url, _ = served
    ws_url = url.replace("http://", "ws://") + "/ws"
    with pytest.raises(InvalidStatus) as refused:
        connect(ws_url, origin="http://elsewhere.example", open_timeout=5)  # type: ignore[arg-type]
    assert refused.value.response.status_code == 403
    with connect(ws_url, origin=url, open_timeout=5):  # type: ignore[arg-type]
        pass


def test_run_answers_a_name_the_family_allowed_and_refuses_others(tmp_path: Path) -> None:
    """``--allowed-host`` (repeatable) names what the tablet types to reach this device."""
    help_text = run_cli("run", "--help").stdout
    assert "--allowed-host" in help_text
    with serving(tmp_path / "home", "--allowed-host", "family-pc.home",
                 "--allowed-host", "homeward.lan") as (url, _process):
        for name in ("family-pc.home", "homeward.lan:8550", "localhost"):
            assert httpx.get(url + "/", headers={"Host": name}).status_code == 200, name
        refused = httpx.get(url + "/", headers={"Host": "rebound.example"})
        assert refused.status_code == 403 and refused.text == "Forbidden"
