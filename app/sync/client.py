"""Talking to the agency's hub over HTTP: pairing, and signed, compressed push and pull.

Network trouble and hub trouble (5xx) become ``HubUnreachable``: the family is told "we'll try
again" and nothing is lost. A refusal (4xx) becomes ``HubRefused`` with the hub's error code,
except a removed device, which is ``DeviceRevoked``.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.hub.protocol import b64decode, b64encode, compress, signed_headers

TIMEOUT_SECONDS = 20.0
#: The most this device reads of one answer: a pull page is far smaller, and a hub (or
#: something pretending to be one) that sends more is not believed.
MAX_ANSWER_BYTES = 32 * 1024 * 1024
#: The hub's time (Unix seconds) a device believes when the hub says it: from 2020 to 2200.
#: Any phone clock may be out (a dead clock battery reads 1970); an answer outside these years
#: is not a clock but something not to be believed.
BELIEVED_HUB_TIMES = range(1_577_836_800, 7_258_118_400)
#: A host name (letters, digits, dots, hyphens) or an IPv4/IPv6 address.
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+$|^[0-9a-fA-F:.]+$")


class HubUnreachable(Exception):
    """The hub could not be reached, or failed to answer properly; try again later."""


class HubRefused(Exception):
    """The hub refused the request; ``code`` is its error code."""

    def __init__(self, status: int, code: str, detail: str, hub_time: int | None = None) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        #: The hub's clock (Unix seconds) when it refused a request for its time (``stale``).
        self.hub_time = hub_time


class DeviceRevoked(HubRefused):
    """The agency has removed this device."""


class BadHubAddress(ValueError):
    """A hub address that is not an http(s) URL."""


@dataclass(frozen=True)
class DeviceKeys:
    """What a paired device needs to sign its requests."""

    device_id: str
    token: str
    key: Ed25519PrivateKey

    def private_text(self) -> str:
        """The private key as stored in the (encrypted) household store."""
        return b64encode(self.key.private_bytes_raw())

    @classmethod
    def from_text(cls, device_id: str, token: str, private: str) -> DeviceKeys:
        """Rebuild the keys from their stored form."""
        return cls(device_id, token, Ed25519PrivateKey.from_private_bytes(b64decode(private)))


def clean_hub_url(text: str) -> str:
    """Return a hub address in canonical form (no trailing slash); raise BadHubAddress."""
    url = text.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    url = url.rstrip("/")
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    host = parts.hostname or ""
    if (parts.scheme not in ("http", "https") or not port_ok or parts.query or parts.fragment
            or parts.username or parts.password or parts.netloc.endswith(":")
            or " " in url or not _HOST.match(host)):
        raise BadHubAddress(text)
    return url


def _read_capped(response: httpx.Response) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise ValueError("the hub's answer is too large")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise ValueError("the hub's answer is too large")
        chunks.append(chunk)
    return b"".join(chunks)


class HubClient:
    """One hub's HTTP API, as a device uses it."""

    def __init__(
        self,
        base_url: str,
        *,
        wall: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
        offset: float = 0.0,
        on_offset: Callable[[float], None] | None = None,
    ) -> None:
        """``offset``: what an earlier client learnt of the hub's time; ``on_offset`` is told
        when this one learns it anew."""
        self._http = httpx.Client(base_url=base_url, timeout=TIMEOUT_SECONDS,
                                  transport=transport, follow_redirects=False)
        self._wall = wall
        #: Seconds to add to this device's clock to read the hub's: 0 until the hub has said
        #: the device's requests are more than five minutes out (``stale``).
        self.offset = offset
        self._on_offset = on_offset

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def pair(self, code: str, key: Ed25519PrivateKey, *, joining: bool = False,
             known_household: str | None = None,
             household_uid: str | None = None) -> dict[str, Any]:
        """Spend a pairing code; return the hub's answer (household, device id, token, key).

        ``joining``: this device has nothing yet and joins a household another device set up.
        ``known_household``: the household this device was connected to before, if any.
        ``household_uid``: the id made when the household was set up on this device.
        """
        public = b64encode(key.public_key().public_bytes_raw())
        asked: dict[str, Any] = {"code": code, "device_public_key": public,
                                 "mode": "join" if joining else "new"}
        if known_household:
            asked["household_id"] = known_household
        if household_uid:
            asked["household_uid"] = household_uid
        return self._send("POST", "/v1/pair", asked)

    def push(self, keys: DeviceKeys, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Push one batch; return the hub's answer for each record."""
        batch = {"batch_id": str(uuid.uuid4()), "records": records}
        answer = self._send("POST", "/v1/push", batch, keys)
        results = answer.get("results")
        if not isinstance(results, list):
            raise HubUnreachable("the hub's answer had no results")
        return results

    def pull(self, keys: DeviceKeys, cursor: str, limit: int = 500) -> dict[str, Any]:
        """Pull one page of changes after ``cursor``."""
        target = f"/v1/pull?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        return self._send("GET", target, None, keys)

    def _send(self, method: str, target: str, payload: Any,
              keys: DeviceKeys | None = None) -> dict[str, Any]:
        body = b"" if payload is None else compress(
            json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
        try:
            return self._exchange(method, target, body, keys)
        except HubRefused as refused:
            # Signed by a clock more than five minutes out (a phone's time set by hand, or
            # wrong network time): sign again by the hub's time, once, and keep going by it.
            hub_time = refused.hub_time
            if (refused.code != "stale" or keys is None or hub_time is None
                    or hub_time not in BELIEVED_HUB_TIMES):
                raise
            offset = hub_time - self._wall()
            self.offset = offset
            if self._on_offset is not None:
                self._on_offset(offset)
            return self._exchange(method, target, body, keys)

    def _exchange(self, method: str, target: str, body: bytes,
                  keys: DeviceKeys | None) -> dict[str, Any]:
        headers: dict[str, str] = {}
        if body:
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        if keys is not None:
            headers.update(signed_headers(keys.key, keys.device_id, keys.token, method, target,
                                          body, now=self._wall() + self.offset))
        try:
            with self._http.stream(method, target, content=body, headers=headers) as response:
                content = _read_capped(response)
            answer = json.loads(content) if content else {}
        except (httpx.HTTPError, ValueError) as exc:
            raise HubUnreachable(type(exc).__name__) from exc
        if response.status_code >= 500 or not isinstance(answer, dict):
            raise HubUnreachable(f"hub answered {response.status_code}")
        if response.status_code >= 400:
            code, detail = str(answer.get("error", "refused")), str(answer.get("detail", ""))
            kind = DeviceRevoked if code == "revoked" else HubRefused
            hub_time = answer.get("hub_time")
            raise kind(response.status_code, code, detail,
                       hub_time if type(hub_time) is int else None)
        if response.status_code != 200:
            raise HubUnreachable(f"hub answered {response.status_code}")
        return answer
