"""The simulated phones of the sync benchmark: pairing, signed gzipped pushes, pulls by cursor.

All devices share one asyncio HTTP client whose pool holds at most ``limit`` connections, and
at most that many requests are in flight; each request is timed from the moment it gets a
slot (``latencies``) and from the moment the device wanted to send it (``waits``).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.hub.protocol import b64encode, compress, signed_headers


class PairingFailed(RuntimeError):
    """The hub refused to pair a simulated device."""


#: Tries per request when the connection drops (the hub may have stored the batch: then the
#: retry is answered "duplicate", which is fine).
ATTEMPTS = 3
OK_ANSWERS = ("stored", "duplicate")
KEEPALIVE_SECONDS = 3.0
#: Fields the hub hands back as they were pushed (base_revision is the device's own business).
COMPARED = ("id", "collection", "revision", "hlc", "deleted", "urgent", "body", "shard",
            "author", "schema")


@dataclass
class Device:
    """A simulated paired phone: its key and ids, and the records it will push."""

    key: Ed25519PrivateKey
    household: int
    device_id: str = ""
    token: str = ""
    household_id: str = ""
    records: list[dict[str, Any]] = field(default_factory=list)
    batches: list[bytes] = field(default_factory=list)
    pulled: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Stats:
    """What the devices saw: request latencies, failures and per-record answers."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    waits: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)
    sent_body_bytes: int = 0
    sent_header_bytes: int = 0
    received_bytes: int = 0
    retries: int = 0

    def failed(self, kind: str, why: str) -> None:
        """Count a failed request of ``kind``, keeping the first few reasons."""
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.error_samples) < 5:
            self.error_samples.append(f"{kind}: {why}"[:300])


class Client:
    """Sends the devices' requests through one connection pool, at most ``limit`` at once."""

    def __init__(self, base_url: str, limit: int, stats: Stats) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url, timeout=120,
            # Forget idle connections before the hub does (uvicorn closes them after 5 s):
            # reusing one the hub is closing at that moment fails the request.
            limits=httpx.Limits(max_connections=limit, max_keepalive_connections=limit,
                                keepalive_expiry=KEEPALIVE_SECONDS),
        )
        self._slots = asyncio.Semaphore(limit)
        self.stats = stats

    async def close(self) -> None:
        """Close every connection."""
        await self._http.aclose()

    async def send(
        self, kind: str, method: str, target: str, body: bytes, device: Device | None
    ) -> Any:
        """Send one request; return its JSON, or None if it failed (counted as an error).

        A dropped connection is retried, freshly signed, as a phone's sync would (pushes and
        pulls are idempotent); each failed attempt still counts as an error.
        """
        for attempt in range(1, ATTEMPTS + 1):
            wanted = time.perf_counter()
            async with self._slots:
                started = time.perf_counter()
                headers = {"Content-Type": "application/json"} if body else {}
                if body:
                    headers["Content-Encoding"] = "gzip"
                if device is not None:
                    headers.update(signed_headers(device.key, device.device_id, device.token,
                                                  method, target, body))
                request = self._http.build_request(method, target, content=body, headers=headers)
                try:
                    answer = await self._http.send(request)
                    data = answer.json() if answer.status_code == 200 else None
                except httpx.TransportError as exc:
                    self.stats.failed(kind, f"attempt {attempt}: {exc!r}")
                    self.stats.retries += attempt < ATTEMPTS
                    continue
                except (httpx.HTTPError, ValueError) as exc:
                    self.stats.failed(kind, repr(exc))
                    return None
                finished = time.perf_counter()
            self.stats.latencies.setdefault(kind, []).append(finished - started)
            self.stats.waits.setdefault(kind, []).append(finished - wanted)
            self.stats.sent_body_bytes += len(body)
            self.stats.sent_header_bytes += header_bytes(request)
            self.stats.received_bytes += answer.num_bytes_downloaded
            if data is None:
                self.stats.failed(kind, f"{answer.status_code} {answer.text[:200]}")
            return data
        return None


def header_bytes(request: httpx.Request) -> int:
    """Return the size of a request's HTTP/1.1 request line and headers."""
    line = len(request.method) + len(request.url.raw_path) + len(" HTTP/1.1\r\n") + 1
    return line + sum(len(k) + len(v) + 4 for k, v in request.headers.raw) + 2


def batch_json(records: list[dict[str, Any]]) -> bytes:
    """Return a push request's JSON for these records, with a fresh batch id."""
    return json.dumps({"batch_id": str(uuid.uuid4()), "records": records},
                      separators=(",", ":"), ensure_ascii=False).encode()


def batch_body(records: list[dict[str, Any]]) -> bytes:
    """Return a push request's body as sent: gzipped JSON."""
    return compress(batch_json(records))


def _public_key(key: Ed25519PrivateKey) -> str:
    return b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


async def pair(client: Client, device: Device, code: str, mode: str = "new") -> None:
    """Pair a device through the hub's /v1/pair ("new" household, or "join" one that has
    records); raise PairingFailed if refused."""
    body = compress(json.dumps({"code": code, "device_public_key": _public_key(device.key),
                                "mode": mode}).encode())
    got = await client.send("pair", "POST", "/v1/pair", body, None)
    if got is None:
        raise PairingFailed("pairing failed: " + "; ".join(client.stats.error_samples))
    device.device_id, device.token = got["device_id"], got["device_token"]
    device.household_id = got["household_id"]


async def push_all(client: Client, device: Device, batch: int) -> None:
    """Push a device's batches one after another, each when the last is answered."""
    for index, body in enumerate(device.batches):
        got = await client.send("push", "POST", "/v1/push", body, device)
        if got is None:
            continue
        sent = device.records[index * batch:(index + 1) * batch]
        results = got.get("results", [])
        answers = client.stats.answers
        for record, result in zip(sent, results, strict=False):
            status = result.get("status") if result.get("id") == record["id"] else "mismatched"
            answers[status] = answers.get(status, 0) + 1
        if len(results) != len(sent):
            answers["missing"] = answers.get("missing", 0) + abs(len(sent) - len(results))


async def pull_all(client: Client, device: Device, limit: int) -> None:
    """Pull everything of the device's household by cursor into ``device.pulled``."""
    cursor = ""
    while True:
        query = f"?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        got = await client.send("pull", "GET", "/v1/pull" + query, b"", device)
        if got is None:
            return
        device.pulled.extend(got["records"])
        cursor = got["cursor"]
        if not got["more"]:
            return


def count_lost(devices: list[Device]) -> tuple[int, int]:
    """Return (pushed records missing or different in any pull of their household,
    records pulled that nobody pushed)."""
    pushed: dict[str, dict[str, dict[str, Any]]] = {}
    for device in devices:
        mine = pushed.setdefault(device.household_id, {})
        mine.update((record["id"], record) for record in device.records)
    lost: set[str] = set()
    strangers = 0
    for device in devices:
        expected = pushed[device.household_id]
        seen: dict[str, dict[str, Any]] = {}
        for record in device.pulled:
            if record.get("id") in seen:
                lost.add(record["id"])  # the same revision twice: the cursor is wrong
            seen[record.get("id", "")] = record
        strangers += len(set(seen) - set(expected))
        for record_id, sent in expected.items():
            got = seen.get(record_id)
            if got is None or any(got.get(name) != sent[name] for name in COMPARED
                                  if name in sent):
                lost.add(record_id)
    return len(lost), strangers
