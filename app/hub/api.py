"""The hub's HTTP API for devices: pairing, then signed, compressed push and pull.

Every refusal is a 4xx with a JSON body ``{"error": <code>, "detail": <sentence>}`` and is
decided before anything is written: size, signature headers, freshness, device and token,
signature, nonce, then the body's shape. Database work runs in the thread pool.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from app.hub import devices, intake, sync
from app.hub.credentials import token_matches
from app.hub.intake import ID_PATTERN
from app.hub.protocol import (
    DEVICE_HEADER,
    MAX_BODY_BYTES,
    MAX_CLOCK_SKEW_SECONDS,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    TOKEN_HEADER,
    BadBody,
    BadCursor,
    b64decode,
    b64encode,
    decode_cursor,
    decompress,
    encode_cursor,
    signing_message,
)

_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_BATCH_RECORDS = 1000
MAX_PULL_RECORDS = 1000
DEFAULT_PULL_RECORDS = 500

_M = TypeVar("_M", bound=BaseModel)


class HubRefusal(Exception):
    """A request the hub refuses: an HTTP status, a stable error code and a sentence."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


class PushIn(BaseModel):
    """A batch of record revisions from one device."""

    model_config = ConfigDict(extra="forbid", strict=True)

    batch_id: str = Field(pattern=ID_PATTERN)
    # Each record is checked on its own (``intake``): a bad one is refused, not the batch.
    records: list[Any] = Field(max_length=MAX_BATCH_RECORDS)


class PairIn(BaseModel):
    """A pairing request: the code the worker gave and the device's new public key."""

    model_config = ConfigDict(extra="forbid", strict=True)

    code: str = Field(min_length=1, max_length=40)
    device_public_key: str = Field(min_length=1, max_length=100)
    # "new": this device set up its household itself; "join": it has nothing yet and joins
    # the household another device set up. ``household_id``: the household this device was
    # connected to before, if any (a phone the agency disconnected, connecting again).
    mode: Literal["new", "join"] = "new"
    household_id: str | None = Field(default=None, pattern=ID_PATTERN)


def _record_out(record: sync.Record) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": record.id, "collection": record.collection, "revision": record.revision,
        "hlc": record.hlc, "deleted": record.deleted, "urgent": record.urgent,
        "shard": record.shard, "base_revision": record.base_revision, "author": record.author,
        "schema": record.schema, "withdrawn": record.withdrawn,
    }
    if record.sealed:
        out["sealed_body"] = b64encode(record.body or b"")
    else:
        out["body"] = None if record.body is None else json.loads(record.body)
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise HubRefusal(413, "too_large", "The request body is larger than 2 MiB.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HubRefusal(413, "too_large", "The request body is larger than 2 MiB.")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_json(request: Request, raw: bytes) -> Any:
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("gzip", "identity"):
        raise HubRefusal(415, "unsupported_encoding", "Send the body gzip-compressed.")
    try:
        data = decompress(raw) if encoding == "gzip" else raw
        return json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except BadBody as exc:
        raise HubRefusal(400, "bad_compression", f"The body could not be unzipped: {exc}.") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise HubRefusal(400, "malformed", "The body is not valid JSON.") from exc


def _validate(model: type[_M], value: Any) -> _M:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise HubRefusal(422, "malformed", f"{where}: {first['msg']}") from exc


class _Auth:
    """Checks a device request's headers and signature against the database."""

    def __init__(self, engine: Engine, clock: Callable[[], float]) -> None:
        self._engine = engine
        self._clock = clock

    async def device(self, request: Request, body: bytes) -> tuple[devices.Device, str]:
        """Return the authenticated device and the request's nonce, or raise HubRefusal."""
        headers = request.headers
        names = (DEVICE_HEADER, TOKEN_HEADER, TIMESTAMP_HEADER, NONCE_HEADER, SIGNATURE_HEADER)
        values = [headers.get(name, "") for name in names]
        if not all(values):
            raise HubRefusal(401, "unsigned", "This request is not signed by a paired device.")
        device_id, token, timestamp, nonce, signature = values
        if not timestamp.isdigit() or not _NONCE.match(nonce) or len(device_id) > 64:
            raise HubRefusal(400, "malformed_signature", "The signature headers are malformed.")
        if abs(int(timestamp) - self._clock()) > MAX_CLOCK_SKEW_SECONDS:
            raise HubRefusal(401, "stale", "The request's time is more than 5 minutes off.")
        device = await run_in_threadpool(devices.find_device, self._engine, device_id)
        if device is None or not _token_ok(token, device):
            raise HubRefusal(401, "unknown_device", "This device is not paired with the hub.")
        query = request.scope.get("query_string", b"").decode("latin-1")
        target = request.url.path + (f"?{query}" if query else "")
        message = signing_message(request.method, target, timestamp, nonce, body)
        try:
            key = Ed25519PublicKey.from_public_bytes(device.public_key)
            key.verify(b64decode(signature), message)
        except (InvalidSignature, ValueError) as exc:
            raise HubRefusal(401, "bad_signature", "The request's signature is wrong.") from exc
        if device.revoked:
            raise HubRefusal(403, "revoked", "This device has been removed by the agency.")
        if await run_in_threadpool(devices.nonce_seen, self._engine, device.id, nonce):
            raise HubRefusal(409, "replayed", "This request has already been received.")
        return device, nonce

    def now(self) -> datetime:
        """Return the hub's current time."""
        return datetime.fromtimestamp(self._clock(), UTC)


def _token_ok(token: str, device: devices.Device) -> bool:
    return token_matches(token, device.token_hash)


def create_hub_app(engine: Engine, *, clock: Callable[[], float] = time.time) -> FastAPI:
    """Return the hub's FastAPI app over a migrated database engine."""
    app = FastAPI(title="Homeward hub", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    auth = _Auth(engine, clock)

    @app.exception_handler(HubRefusal)
    async def _refusal(_request: Request, exc: HubRefusal) -> JSONResponse:
        return JSONResponse({"error": exc.code, "detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(part) for part in first["loc"]) or "request"
        return JSONResponse({"error": "malformed", "detail": f"{where}: {first['msg']}"}, 422)

    @app.get("/v1/health")
    async def health() -> dict[str, str]:
        """Say the hub is up (no authentication, no data)."""
        return {"status": "ok"}

    @app.post("/v1/pair")
    async def pair(request: Request) -> dict[str, str]:
        """Spend a pairing code: register the device's key and hand it a token."""
        asked = _validate(PairIn, _parse_json(request, await _read_body(request)))
        try:
            public_key = b64decode(asked.device_public_key)
            Ed25519PublicKey.from_public_bytes(public_key)
        except ValueError as exc:
            raise HubRefusal(422, "malformed", "device_public_key is not an Ed25519 key.") from exc
        try:
            paired = await run_in_threadpool(
                devices.pair_device, engine, asked.code, public_key, auth.now(), asked.mode,
                asked.household_id,
            )
        except devices.PairingRefused as exc:
            status = 409 if exc.reason in devices.HOUSEHOLD_REFUSALS else 403
            raise HubRefusal(status, exc.reason, devices.PAIRING_SENTENCES[exc.reason]) from exc
        return {
            "household_id": paired.household_id,
            "device_id": paired.device_id,
            "device_token": paired.device_token,
            "agency_public_key": b64encode(paired.agency_public_key),
            "agency_name": paired.agency_name,
        }

    @app.post("/v1/push")
    async def push(request: Request) -> dict[str, Any]:
        """Store a signed batch of records; answer per record."""
        raw = await _read_body(request)
        device, nonce = await auth.device(request, raw)
        batch = _validate(PushIn, _parse_json(request, raw))
        incoming = [intake.check_record(record, clock()) for record in batch.records]
        try:
            answers = await run_in_threadpool(
                sync.push, engine, device, nonce, incoming, auth.now()
            )
        except devices.Replayed as exc:
            raise HubRefusal(409, "replayed", "This request has already been received.") from exc
        results: list[dict[str, Any]] = []
        for record, answer in zip(incoming, answers, strict=True):
            result: dict[str, Any] = {"id": record.id, "revision": record.revision,
                                      "status": answer.status}
            if answer.current_revision is not None:
                result["current_revision"] = answer.current_revision
            if answer.reason is not None:
                result.update(reason=answer.reason, detail=answer.detail)
            results.append(result)
        return {"batch_id": batch.batch_id, "results": results}

    @app.get("/v1/pull")
    async def pull(
        request: Request,
        cursor: Annotated[str, Query(max_length=64)] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_RECORDS)] = DEFAULT_PULL_RECORDS,
    ) -> dict[str, Any]:
        """Return the household's records changed since ``cursor`` and the next cursor."""
        raw = await _read_body(request)
        device, nonce = await auth.device(request, raw)
        try:
            after = decode_cursor(cursor)
        except BadCursor as exc:
            raise HubRefusal(400, "bad_cursor", "That cursor did not come from this hub.") from exc
        try:
            found, last, more = await run_in_threadpool(
                sync.pull, engine, device, nonce, after, limit, auth.now()
            )
        except devices.Replayed as exc:
            raise HubRefusal(409, "replayed", "This request has already been received.") from exc
        return {
            "records": [_record_out(record) for record in found],
            "cursor": encode_cursor(last),
            "more": more,
        }

    return app
