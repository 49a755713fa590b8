"""Which ``Host`` the hub answers to: a web page in a worker's browser must not reach the
hub by a name of its own (DNS rebinding), however the hub listens."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.cli import build_parser
from app.hub.db import open_database
from app.hub.server import build_hub_asgi

PATHS = ("/", "/v1/health")


def client_for(tmp_path: Path, **hosts: object) -> TestClient:
    engine = open_database(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    return TestClient(build_hub_asgi(engine, **hosts),  # type: ignore[arg-type]
                      base_url="http://192.0.2.7:8560")


def status(client: TestClient, path: str, host: str) -> int:
    return client.get(path, headers={"Host": host}).status_code


@pytest.mark.parametrize("path", PATHS)
def test_a_hub_on_every_address_refuses_a_name_it_was_not_given(tmp_path: Path,
                                                                  path: str) -> None:
    with client_for(tmp_path, host="0.0.0.0") as client:
        assert status(client, path, "evil.example:8560") == 403
        assert status(client, path, "192.0.2.99:8560") == 403
        for own in ("127.0.0.1:8560", "localhost:8560", "192.0.2.7:8560",
                    f"{socket.gethostname()}:8560"):
            assert status(client, path, own) == 200, own


@pytest.mark.parametrize("path", PATHS)
def test_the_agency_names_the_address_its_proxy_passes_on(tmp_path: Path, path: str) -> None:
    with client_for(tmp_path, host="127.0.0.1",
                    allowed_hosts=["Hub.Riverside.example"]) as client:
        assert status(client, path, "hub.riverside.example") == 200
        assert status(client, path, "127.0.0.1:8560") == 200
        assert status(client, path, "evil.example") == 403
    with client_for(tmp_path, host="0.0.0.0", allowed_hosts=["hub.riverside.example"]) as client:
        assert status(client, path, "hub.riverside.example:443") == 200
        assert status(client, path, "evil.example") == 403


def test_the_hub_command_takes_allowed_hosts() -> None:
    args = build_parser().parse_args(["hub", "--host", "0.0.0.0", "--allowed-host", "a.example",
                                      "--allowed-host", "b.example"])
    assert args.allowed_hosts == ["a.example", "b.example"]
    assert build_parser().parse_args(["hub"]).allowed_hosts == []
