"""A minimal device for the hub tests: pairs, signs, compresses and sends like a real phone."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.hub.protocol import b64encode, compress, signed_headers

#: The ``uid`` of the household the tests' devices set up, as a family's own devices share.
FAMILY_UID = "a3c2e1d0-4b5f-4e6a-8c7d-9e0f1a2b3c4d"


def public_key_text(key: Ed25519PrivateKey) -> str:
    """Return a device key's public half as the hub expects it (base64 of raw bytes)."""
    return b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def record(record_id: str, revision: int = 1, **fields: Any) -> dict[str, Any]:
    """Return a record for a push, with sensible defaults."""
    made: dict[str, Any] = {
        "id": record_id,
        "collection": "checkins",
        "revision": revision,
        "base_revision": revision - 1,
        "hlc": f"{1_700_000_000_000 + revision:013d}-0000-dev",
        "shard": None,
        "author": None,
        "schema": 1,
        "deleted": False,
        "withdrawn": False,
        "urgent": False,
        "body": {"id": record_id, "mood": "ok", "revision": revision},
    }
    made.update(fields)
    if isinstance(made["body"], dict) and "id" not in made["body"]:
        made["body"] = {"id": record_id, **made["body"]}  # as every app record has
    return made


@dataclass
class HubDevice:
    """A paired device: its key, ids and token, and an HTTP client to the hub."""

    base_url: str
    key: Ed25519PrivateKey
    device_id: str
    token: str
    household_id: str
    agency_public_key: str
    client: httpx.Client = field(repr=False)

    @classmethod
    def pair(cls, base_url: str, code: str, mode: str = "new",
             household_uid: str | None = FAMILY_UID) -> HubDevice:
        """Pair a new device with a code; fail the test if the hub refuses.

        A "new" device names the ``uid`` of the household it holds: the test family's, by
        default, so its several devices all hold one household (None: a device from before
        households had one)."""
        key = Ed25519PrivateKey.generate()
        client = httpx.Client(base_url=base_url, timeout=30)
        asked = {"code": code, "device_public_key": public_key_text(key), "mode": mode}
        if household_uid is not None:
            asked["household_uid"] = household_uid
        answer = client.post("/v1/pair", json=asked)
        assert answer.status_code == 200, answer.text
        got = answer.json()
        return cls(base_url, key, got["device_id"], got["device_token"], got["household_id"],
                   got["agency_public_key"], client)

    def send(
        self,
        method: str,
        target: str,
        payload: Any = None,
        *,
        raw: bytes | None = None,
        gzip: bool = True,
        sign_with: Ed25519PrivateKey | None = None,
        now: float | None = None,
        nonce: str | None = None,
        drop: tuple[str, ...] = (),
        extra: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Send a signed request; the keyword arguments spoil it in the ways attackers would."""
        if raw is not None:
            body = raw
        elif payload is None:
            body = b""
        else:
            plain = json.dumps(payload).encode()
            body = compress(plain) if gzip else plain
        headers = signed_headers(sign_with or self.key, self.device_id, self.token, method,
                                 target, body, now=now, nonce=nonce)
        if body:
            headers["Content-Type"] = "application/json"
            if gzip:
                headers["Content-Encoding"] = "gzip"
        for name in drop:
            headers.pop(name, None)
        headers.update(extra or {})
        return self.client.request(method, target, content=body, headers=headers)

    def push(self, records: list[dict[str, Any]], batch_id: str | None = None) -> httpx.Response:
        """Push a batch of records."""
        batch = {"batch_id": batch_id or str(uuid.uuid4()), "records": records}
        return self.send("POST", "/v1/push", batch)

    def pull(self, cursor: str = "", limit: int | None = None) -> httpx.Response:
        """Pull changes after a cursor."""
        query = [f"cursor={cursor}"] if cursor else []
        if limit is not None:
            query.append(f"limit={limit}")
        return self.send("GET", "/v1/pull" + ("?" + "&".join(query) if query else ""))

    def pull_all(self, cursor: str = "") -> tuple[list[dict[str, Any]], str]:
        """Pull until nothing more is waiting; return every record and the final cursor."""
        found: list[dict[str, Any]] = []
        while True:
            answer = self.pull(cursor)
            assert answer.status_code == 200, answer.text
            page = answer.json()
            found.extend(page["records"])
            cursor = page["cursor"]
            if not page["more"]:
                return found, cursor

    def statuses(self, answer: httpx.Response) -> list[str]:
        """Return the per-record answers of a push, failing the test on a refusal."""
        assert answer.status_code == 200, answer.text
        return [result["status"] for result in answer.json()["results"]]
