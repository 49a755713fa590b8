"""The hub's input limits: every malformed or oversized request is a 4xx with a reason.

A pairing request is read and unzipped no further than a few KiB (a gzip bomb is never
inflated); a push is unzipped and parsed in a worker thread, within the decompressed, value
and nesting limits; numbers too long to read, lone surrogates, non-finite numbers and wrong
types are refused with a sentence, and nothing is stored. Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hub_device import HubDevice, public_key_text, record

from app.hub import api
from app.hub.admin import issue_pairing_code
from app.hub.protocol import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    MAX_JSON_VALUES,
    MAX_PAIR_BYTES,
    TIMESTAMP_HEADER,
    compress,
)
from tests.hubkit import RunningHub, row_counts

Pair = Callable[[RunningHub], HubDevice]


def gzip_of_zeros(size: int) -> bytes:
    """A gzip bomb: ``size`` bytes of ``0`` characters, compressed without holding them."""
    packer = zlib.compressobj(9, wbits=31)
    block = b"0" * 65536
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.flush()


def refused(hub: RunningHub, answer: httpx.Response, status: int, error: str,
            before: dict[str, int] | None = None) -> str:
    """Check a refusal: its status, code and a sentence; nothing stored. Return the sentence."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error"] == error, body
    assert body["detail"]
    if before is not None:
        assert row_counts(hub.engine) == before
    return str(body["detail"])


@pytest.fixture
def phone(hub: RunningHub, pair: Pair) -> HubDevice:
    """A paired device whose household already holds one record."""
    device = pair(hub)
    assert device.statuses(device.push([record("already-there")])) == ["stored"]
    return device


def _pair(hub: RunningHub, body: bytes, **headers: str) -> httpx.Response:
    return httpx.post(f"{hub.url}/v1/pair", content=body, headers=headers, timeout=30)


def test_pairing_reads_no_more_than_a_few_kib_sent_or_unzipped(hub: RunningHub) -> None:
    code = issue_pairing_code(hub.engine, hub.household_id).code
    before = row_counts(hub.engine)
    asked = {"code": code, "device_public_key": public_key_text(Ed25519PrivateKey.generate())}
    padded = json.dumps({**asked, "pad": "x" * MAX_PAIR_BYTES}).encode()
    sentence = refused(hub, _pair(hub, padded), 413, "too_large", before)
    assert "4 KiB" in sentence

    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 1 MiB, with no Content-Length to refuse up front
            yield b" " * 16384

    refused(hub, httpx.post(f"{hub.url}/v1/pair", content=chunks(), timeout=30), 413,
            "too_large", before)
    # The issue's bomb: 16 KiB of gzip that would inflate to 16 MiB. It is not even read.
    bomb = gzip_of_zeros(16 * 1024 * 1024)
    assert MAX_PAIR_BYTES < len(bomb) < 20 * 1024
    refused(hub, _pair(hub, bomb, **{"Content-Encoding": "gzip"}), 413, "too_large", before)
    # Cut to fit, it inflates past the limit before its end: stopped there, never inflated.
    refused(hub, _pair(hub, bomb[:MAX_PAIR_BYTES], **{"Content-Encoding": "gzip"}), 413,
            "too_large", before)
    refused(hub, _pair(hub, b"\x1f\x8b\x08\x00not gzip", **{"Content-Encoding": "gzip"}), 400,
            "bad_compression", before)
    small_bomb = gzip_of_zeros(1024 * 1024)
    assert len(small_bomb) <= MAX_PAIR_BYTES
    sentence = refused(hub, _pair(hub, small_bomb, **{"Content-Encoding": "gzip"}), 413,
                       "too_large", before)
    assert "once unzipped" in sentence
    # The code was never spent: the real device still pairs with it.
    good = _pair(hub, compress(json.dumps(asked).encode()), **{"Content-Encoding": "gzip"})
    assert good.status_code == 200, good.text


@pytest.mark.parametrize("body, error", [
    (b"[" * 2000 + b"]" * 2000, "too_deep"),  # deeper than Python's own recursion limit
    (b'{"code":' * (MAX_JSON_DEPTH + 1) + b"1" + b"}" * (MAX_JSON_DEPTH + 1), "too_deep"),
    (b'{"code": "7KQ2M-XD9VA", "device_public_key": ' + b"9" * 3000 + b"}", "malformed"),
    (b'{"code": 1e999, "device_public_key": "x"}', "malformed"),
    (b'{"code": NaN, "device_public_key": "x"}', "malformed"),
    (b'{"code": "\xff\xfe", "device_public_key": "x"}', "malformed"),
    (b"\x1f\x8b\x08\x00not gzip at all", "malformed"),
])
def test_malformed_pairing_bodies_are_a_4xx_with_a_reason(
    hub: RunningHub, body: bytes, error: str
) -> None:
    before = row_counts(hub.engine)
    answer = _pair(hub, body)
    assert answer.status_code in (400, 413, 422), answer.text
    refused(hub, answer, answer.status_code, error, before)


@pytest.mark.parametrize("asked", [
    {"code": "\ud800", "device_public_key": "\udfff"},
    {"code": ["7KQ2M"], "device_public_key": 5},
    {"code": "7KQ2M-XD9VA", "device_public_key": "AAAA", "\ud800" * 50: 1},
    {"code": "7KQ2M-XD9VA", "device_public_key": "AAAA", "mode": "steal"},
    [1, 2, 3],
])
def test_wrong_types_and_lone_surrogates_are_refused_without_echoing_them(
    hub: RunningHub, asked: Any
) -> None:
    before = row_counts(hub.engine)
    answer = _pair(hub, json.dumps(asked).encode())
    assert answer.status_code == 422, answer.text
    sentence = refused(hub, answer, 422, "malformed", before)
    assert "\\ud800" not in sentence and "\ud800" not in sentence


def test_push_bodies_are_parsed_in_a_worker_thread_and_pairing_on_the_loop(
    hub: RunningHub, phone: HubDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = api.parse_json

    def noted(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(api, "parse_json", noted)
    assert phone.statuses(phone.push([record("parsed-off-the-loop")])) == ["stored"]
    code = issue_pairing_code(hub.engine, hub.household_id).code
    HubDevice.pair(hub.url, code, mode="join").client.close()
    push_thread, pair_thread = threads
    assert pair_thread is hub.server.thread  # a few KiB: quicker parsed where it is
    assert push_thread is not hub.server.thread


def test_push_limits_unzipped_size_values_and_nesting(hub: RunningHub, phone: HubDevice) -> None:
    before = row_counts(hub.engine)
    bomb = gzip_of_zeros(64 * 1024 * 1024)
    sentence = refused(hub, phone.send("POST", "/v1/push", raw=bomb), 413, "too_large", before)
    assert f"{MAX_JSON_BYTES // (1024 * 1024)} MiB once unzipped" in sentence
    dense = b"[" + b"0," * MAX_JSON_VALUES + b"0]"
    sentence = refused(hub, phone.send("POST", "/v1/push", raw=compress(dense)), 413,
                       "too_large", before)
    assert "JSON values" in sentence
    deep: Any = {"id": "deep"}
    for _ in range(MAX_JSON_DEPTH):
        deep = {"id": "deep", "inner": deep}
    refused(hub, phone.push([record("deep", body=deep)]), 400, "too_deep", before)
    # Commas inside text are not values: a record with many of them is stored.
    commas = record("commas", body={"text": "," * (MAX_JSON_VALUES + 10)})
    assert phone.statuses(phone.push([commas])) == ["stored"]


def test_a_large_push_within_the_limits_is_stored(phone: HubDevice) -> None:
    words = "A long day, and a good one. " * 40_000  # ~1.1 MB of text: the large lane
    big = [record(f"big-{n}", body={"text": words}) for n in range(3)]
    assert phone.statuses(phone.push(big)) == ["stored"] * 3


def test_timestamps_too_long_to_read_are_malformed_not_a_crash(
    hub: RunningHub, phone: HubDevice
) -> None:
    before = row_counts(hub.engine)
    for stamp in ("9" * 5000, "²³".encode("latin-1"), "1" * 13, "-1"):
        answer = phone.send("POST", "/v1/push", {"batch_id": "b", "records": []},
                            extra={TIMESTAMP_HEADER: stamp})
        refused(hub, answer, 400, "malformed_signature", before)
    answer = phone.send("GET", "/v1/pull?limit=" + "9" * 5000)
    refused(hub, answer, 422, "malformed", before)


def test_bad_records_are_refused_one_by_one_without_echoing_them(
    hub: RunningHub, phone: HubDevice
) -> None:
    before = row_counts(hub.engine)
    bad = [
        record("surrogate", body={"text": "\ud800 on its own"}),
        {**record("huge-revision"), "revision": 2 ** 60},
        {**record("\ud800"), "body": {"id": "\ud800"}},
        {**record("big-base"), "base_revision": "9" * 4000},
        "not a record",
    ]
    answer = phone.push([*bad, record("fine")])
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["refused"] * 5 + ["stored"]
    assert {r["reason"] for r in results[:5]} == {"malformed"}
    assert [r["id"] for r in results[:3]] == ["surrogate", "huge-revision", None]
    assert results[1]["revision"] is None  # a number no device makes is not sent back
    after = row_counts(hub.engine)
    assert after["records"] == before["records"] + 1
    # A number too long to read is not a record's mistake but a body no device makes.
    answer = phone.push([{**record("longer"), "revision": 10 ** 4000}, record("fine-too")])
    assert "more than 64 digits" in refused(hub, answer, 400, "malformed", after)


def test_unknown_paths_and_methods_answer_with_a_reason(hub: RunningHub) -> None:
    for method, path, status, error in (("GET", "/v1/nothing", 404, "not_found"),
                                        ("DELETE", "/v1/push", 405, "method_not_allowed"),
                                        ("POST", "/v1/health", 405, "method_not_allowed")):
        answer = httpx.request(method, f"{hub.url}{path}", timeout=10)
        refused(hub, answer, status, error)
