"""Requests the hub must refuse with a clear 4xx, storing nothing of them."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hub_device import HubDevice, record

from app.hub.admin import revoke_device
from app.hub.protocol import (
    MAX_BODY_BYTES,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TOKEN_HEADER,
    compress,
    signed_headers,
)
from tests.hubkit import RunningHub, row_counts

Pair = Callable[[RunningHub], HubDevice]


@pytest.fixture
def phone(hub: RunningHub, pair: Pair) -> HubDevice:
    """A paired device whose household already holds one record."""
    device = pair(hub)
    assert device.statuses(device.push([record("already-there")])) == ["stored"]
    return device


def _batch() -> dict[str, object]:
    return {"batch_id": "b-1", "records": [record("new-one")]}


def _refused(
    hub: RunningHub, send: Callable[[], httpx.Response], status: int, error: str
) -> None:
    before = row_counts(hub.engine)
    answer = send()
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == error
    assert answer.json()["detail"]
    assert row_counts(hub.engine) == before


def test_unsigned_requests_are_refused(hub: RunningHub, phone: HubDevice) -> None:
    _refused(hub, lambda: phone.client.post("/v1/push", json=_batch()), 401, "unsigned")
    _refused(hub, lambda: phone.send("POST", "/v1/push", _batch(), drop=(SIGNATURE_HEADER,)),
             401, "unsigned")
    _refused(hub, lambda: phone.client.get("/v1/pull"), 401, "unsigned")


def test_wrongly_signed_requests_are_refused(hub: RunningHub, phone: HubDevice) -> None:
    stranger = Ed25519PrivateKey.generate()
    _refused(hub, lambda: phone.send("POST", "/v1/push", _batch(), sign_with=stranger),
             401, "bad_signature")
    _refused(hub, lambda: phone.send("GET", "/v1/pull", sign_with=stranger), 401, "bad_signature")
    _refused(hub, lambda: phone.send("POST", "/v1/push", _batch(),
                                     extra={SIGNATURE_HEADER: "not base64!"}),
             401, "bad_signature")


def test_a_body_changed_after_signing_is_refused(hub: RunningHub, phone: HubDevice) -> None:
    signed_body = compress(json.dumps(_batch()).encode())
    other_body = compress(json.dumps({"batch_id": "b-2", "records": [record("evil")]}).encode())
    headers = signed_headers(phone.key, phone.device_id, phone.token, "POST", "/v1/push",
                             signed_body)
    headers["Content-Encoding"] = "gzip"
    _refused(hub, lambda: phone.client.post("/v1/push", content=other_body, headers=headers),
             401, "bad_signature")


def test_wrong_token_or_unknown_device_is_refused(hub: RunningHub, phone: HubDevice) -> None:
    _refused(hub, lambda: phone.send("POST", "/v1/push", _batch(),
                                     extra={TOKEN_HEADER: "guessed-token"}),
             401, "unknown_device")
    phone_id = phone.device_id
    phone.device_id = "no-such-device"
    try:
        _refused(hub, lambda: phone.send("GET", "/v1/pull"), 401, "unknown_device")
    finally:
        phone.device_id = phone_id


def test_stale_requests_are_refused(hub: RunningHub, phone: HubDevice) -> None:
    for skew in (-301.0, 301.0):
        def send(skew: float = skew) -> httpx.Response:
            # signed by a clock that is `skew` out when it goes (read then, not before: on a
            # busy machine a second or two passed, and 301 s ahead became 299 s)
            return phone.send("POST", "/v1/push", _batch(), now=time.time() + skew)

        _refused(hub, send, 401, "stale")
        # The refusal says the hub's time, so a device whose clock is out can sign by it.
        told = send().json()["hub_time"]
        assert type(told) is int and abs(told - time.time()) < 5


def test_replayed_requests_are_refused(hub: RunningHub, phone: HubDevice) -> None:
    moment, nonce = time.time(), "replay-me-0123456789"
    first = phone.send("POST", "/v1/push", _batch(), now=moment, nonce=nonce)
    assert phone.statuses(first) == ["stored"]
    _refused(hub, lambda: phone.send("POST", "/v1/push", _batch(), now=moment, nonce=nonce),
             409, "replayed")
    pulled = phone.send("GET", "/v1/pull", now=moment, nonce="pull-once-0123456789")
    assert pulled.status_code == 200
    _refused(hub, lambda: phone.send("GET", "/v1/pull", now=moment, nonce="pull-once-0123456789"),
             409, "replayed")


def test_a_revoked_device_is_refused(hub: RunningHub, phone: HubDevice) -> None:
    revoke_device(hub.engine, phone.device_id)
    _refused(hub, lambda: phone.push([record("after-revoke")]), 403, "revoked")
    _refused(hub, lambda: phone.pull(), 403, "revoked")


def test_oversized_bodies_are_refused(hub: RunningHub, phone: HubDevice) -> None:
    too_big = b"x" * (MAX_BODY_BYTES + 1)
    _refused(hub, lambda: phone.send("POST", "/v1/push", raw=too_big), 413, "too_large")

    def chunked() -> httpx.Response:
        headers = signed_headers(phone.key, phone.device_id, phone.token, "POST", "/v1/push",
                                 too_big)

        def pieces() -> Iterator[bytes]:
            for start in range(0, len(too_big), 65536):
                yield too_big[start:start + 65536]

        return phone.client.post("/v1/push", content=pieces(), headers=headers)

    _refused(hub, chunked, 413, "too_large")
    bomb = compress(b'{"batch_id": "b", "records": [], "pad": "' + b"0" * 20_000_000 + b'"}')
    assert len(bomb) < MAX_BODY_BYTES
    _refused(hub, lambda: phone.send("POST", "/v1/push", raw=bomb), 413, "too_large")


@pytest.mark.parametrize(
    "payload",
    [
        {"records": [record("x")]},
        {"batch_id": "b", "records": [record(str(n)) for n in range(1001)]},
        {"batch_id": "b", "records": "not a list"},
        ["not", "an", "object"],
    ],
)
def test_malformed_batches_are_refused(hub: RunningHub, phone: HubDevice, payload: object) -> None:
    _refused(hub, lambda: phone.send("POST", "/v1/push", payload), 422, "malformed")


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "x"},
        record("x", revision=0),
        {**record("x"), "revision": "2"},
        record("bad id with spaces"),
        record("x", collection="../etc"),
        record("x", sealed_body="@@@", body=None),
        record("x", surprise=1),
        "not a record",
    ],
)
def test_malformed_records_are_refused_one_by_one_and_store_nothing(
    hub: RunningHub, phone: HubDevice, bad: object
) -> None:
    before = row_counts(hub.engine)
    answer = phone.send("POST", "/v1/push", {"batch_id": "b", "records": [bad]})
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["status"] == "refused" and result["reason"] == "malformed"
    after = row_counts(hub.engine)
    for table in ("records", "revisions", "conflicts"):
        assert after[table] == before[table], table


def test_malformed_bodies_and_cursors_are_refused(hub: RunningHub, phone: HubDevice) -> None:
    _refused(hub, lambda: phone.send("POST", "/v1/push", raw=compress(b"{not json")),
             400, "malformed")
    _refused(hub, lambda: phone.send("POST", "/v1/push", raw=b"\x1f\x8bnot really gzip"),
             400, "bad_compression")
    _refused(hub, lambda: phone.send("POST", "/v1/push", raw=compress(b'{"a": NaN}')),
             400, "malformed")
    _refused(hub, lambda: phone.send("POST", "/v1/push", _batch(),
                                     extra={"Content-Encoding": "br"}),
             415, "unsupported_encoding")
    _refused(hub, lambda: phone.send("GET", "/v1/pull?cursor=bm9wZQ"), 400, "bad_cursor")
    _refused(hub, lambda: phone.send("GET", "/v1/pull?limit=0"), 422, "malformed")
    _refused(hub, lambda: phone.send("POST", "/v1/push", _batch(),
                                     extra={NONCE_HEADER: "short"}),
             400, "malformed_signature")


def test_a_nonce_racing_past_the_early_check_still_stores_nothing(
    hub: RunningHub, phone: HubDevice
) -> None:
    from datetime import UTC, datetime

    from app.hub import devices, sync

    device = devices.find_device(hub.engine, phone.device_id)
    assert device is not None
    now = datetime.now(UTC)
    first = sync.Record("raced", "checkins", 1, "h", False, False, False, b"{}")
    sync.push(hub.engine, device, "racing-nonce-0123456789", [first], now)
    before = row_counts(hub.engine)
    second = sync.Record("raced-too", "checkins", 1, "h", False, False, False, b"{}")
    with pytest.raises(devices.Replayed):
        sync.push(hub.engine, device, "racing-nonce-0123456789", [second], now)
    assert row_counts(hub.engine) == before


def test_each_request_spends_its_nonce_notes_the_device_and_forgets_stale_nonces(
    hub: RunningHub, phone: HubDevice
) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from app.hub import devices, sync
    from app.hub.db import devices as device_rows
    from app.hub.db import nonces

    device = devices.find_device(hub.engine, phone.device_id)
    assert device is not None
    then = datetime.now(UTC).replace(microsecond=0)
    later = then + devices.NONCE_MEMORY + timedelta(seconds=1)

    def state() -> tuple[list[str], datetime | None]:
        with hub.engine.connect() as connection:
            kept = connection.execute(select(nonces.c.nonce).where(
                nonces.c.device_id == device.id).order_by(nonces.c.nonce)).scalars().all()
            seen = connection.execute(select(device_rows.c.last_seen_at).where(
                device_rows.c.id == device.id)).scalar_one()
        return list(kept), seen

    sync.push(hub.engine, device, "early-nonce-0123456789", [], then)
    kept, seen = state()
    assert "early-nonce-0123456789" in kept and seen == then
    sync.pull(hub.engine, device, "late-nonce-01234567890", 0, 10, later)
    kept, seen = state()
    assert kept == ["late-nonce-01234567890"] and seen == later  # the stale one forgotten
    before = row_counts(hub.engine)
    with pytest.raises(devices.Replayed):
        sync.push(hub.engine, device, "late-nonce-01234567890", [], later)
    assert row_counts(hub.engine) == before and state() == (kept, seen)


def test_no_answer_of_the_sync_api_may_be_kept_by_a_cache(
        hub: RunningHub, phone: HubDevice) -> None:
    """A pull holds a household's records; a refusal or a push answer is for one device."""
    answers = [phone.send("GET", "/v1/pull"), phone.send("POST", "/v1/push", _batch()),
               phone.client.get("/v1/pull"), phone.client.get("/v1/no-such-thing")]
    assert [a.status_code for a in answers][:3] == [200, 200, 401]
    for answer in answers:
        assert answer.headers.get("cache-control") == "no-store", answer.request.url


def _push_held_back(hub: RunningHub, phone: HubDevice, record_id: str,
                    now: float | None = None) -> tuple[socket.socket, bytes]:
    """A push whose headers (checked on arrival) are sent, its body held back."""
    body = compress(json.dumps({"batch_id": record_id, "records": [record(record_id)]}).encode())
    headers = signed_headers(phone.key, phone.device_id, phone.token, "POST", "/v1/push", body,
                             now=now)
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    port = hub.server.port
    held = socket.create_connection(("127.0.0.1", port), timeout=30)
    held.sendall((f"POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                  f"Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                  f"Content-Length: {len(body)}\r\n{head}Connection: close\r\n\r\n").encode()
                 + body[:10])
    time.sleep(0.5)  # the hub has the headers and is reading the body
    return held, body[10:]


def _rest_sent(held: socket.socket, rest: bytes) -> tuple[int, str]:
    held.sendall(rest)
    answer = b""
    while chunk := held.recv(65536):
        answer += chunk
    held.close()
    head, body = answer.split(b"\r\n\r\n", 1)
    return int(head.split(b" ")[1]), body.decode()


def test_a_device_revoked_while_its_body_arrives_stores_nothing(
        hub: RunningHub, phone: HubDevice) -> None:
    """A lost phone's key could send a push's headers, wait for the worker to remove the
    phone, then send the body: it was stored (in a closed case's household too)."""
    held, rest = _push_held_back(hub, phone, "after-revoke")
    revoke_device(hub.engine, phone.device_id)
    before = row_counts(hub.engine)
    status, body = _rest_sent(held, rest)
    assert status == 403 and json.loads(body)["error"] == "revoked"
    assert row_counts(hub.engine) == before


def test_a_request_whose_body_comes_after_its_time_is_stale(
        hub: RunningHub, phone: HubDevice) -> None:
    """Fresh when its headers came (5 minutes less a second ago), stale when its body does: a
    nonce is remembered only as long as a request can be fresh."""
    held, rest = _push_held_back(hub, phone, "late-body", now=time.time() - 299)
    time.sleep(1.5)
    before = row_counts(hub.engine)
    status, body = _rest_sent(held, rest)
    assert status == 401 and json.loads(body)["error"] == "stale"
    assert row_counts(hub.engine) == before
