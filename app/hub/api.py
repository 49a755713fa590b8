"""The hub's HTTP API for devices: pairing, then signed, compressed push and pull.

Every refusal is a 4xx with a JSON body ``{"error": <code>, "detail": <sentence>}`` and is
decided before anything is written: the signature headers, freshness, device and token (all
before the body is read, so only a paired device can make the hub read a large body), size,
signature, nonce, then the body's shape. Bodies are unzipped and parsed within the limits of
``app.hub.limits``: an unsigned pairing request on the event loop (it is a few KiB at most), a
push in a worker thread, a few at a time and large ones one at a time, so a heavy body never
stalls other devices' requests. Database work runs in the thread pool.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Annotated, Any, Literal, TypeVar

from anyio import CapacityLimiter, to_thread
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.hub import devices, intake, sync
from app.hub.credentials import token_matches
from app.hub.intake import ID_PATTERN
from app.hub.limits import (
    ORDINARY_JSON_BYTES,
    HubRefusal,
    LargeBody,
    describe_location,
    digits,
    parse_json,
    read_body,
    unzip,
)
from app.hub.protocol import (
    DEVICE_HEADER,
    FUTURE_STAMP,
    MAX_BODY_BYTES,
    MAX_CLOCK_SKEW_SECONDS,
    MAX_JSON_BYTES,
    MAX_PAIR_BYTES,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    TOKEN_HEADER,
    BadCursor,
    b64decode,
    b64encode,
    decode_cursor,
    encode_cursor,
    signing_message,
)

__all__ = ["HubRefusal", "create_hub_app"]

_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_BATCH_RECORDS = 1000
MAX_PULL_RECORDS = 1000
DEFAULT_PULL_RECORDS = 500
#: A pull has no body; a few bytes are tolerated, and nothing more is read.
MAX_PULL_BODY_BYTES = MAX_PAIR_BYTES
#: Bodies parsed at once (parsing holds the GIL, so more would not be faster on 2 cores);
#: with the values limit this bounds the memory parsing takes.
PARSE_LANES = 4
_TIMESTAMP_DIGITS = 12

_M = TypeVar("_M", bound=BaseModel)
_T = TypeVar("_T")


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
    # ``household_uid``: the id made when the family set the household up on this device.
    mode: Literal["new", "join"] = "new"
    household_id: str | None = Field(default=None, pattern=ID_PATTERN)
    household_uid: str | None = Field(default=None, pattern=ID_PATTERN)


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


def _pull_answer(found: list[sync.Record], last: int, more: bool) -> JSONResponse:
    """A pull's answer, rendered (in a worker thread: it decodes every body)."""
    return JSONResponse({"records": [_record_out(record) for record in found],
                         "cursor": encode_cursor(last), "more": more})


_read_body = read_body  # a module name, so the benchmark's hub can time it


def _parse_json(encoding: str, raw: bytes, limit: int, ordinary: int | None = None) -> Any:
    """Unzip and parse a body within the limits (``ordinary``: see ``limits.unzip``)."""
    return parse_json(unzip(raw, encoding, limit, ordinary))


def _validate(model: type[_M], value: Any) -> _M:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise HubRefusal(422, "malformed",
                         f"{describe_location(first['loc'])}: {first['msg']}") from exc


def _read_batch(encoding: str, raw: bytes, now: float, ordinary: int | None
                ) -> tuple[PushIn, list[sync.Record | intake.Refused]]:
    """Unzip, parse and check a push, record by record (runs in a worker thread)."""
    text = unzip(raw, encoding, MAX_JSON_BYTES, ordinary)
    batch = _validate(PushIn, parse_json(text))
    return batch, intake.check_records(batch.records, text, now)


class _Lanes:
    """Where bodies are parsed: ``PARSE_LANES`` at a time, and a large one only alone."""

    def __init__(self) -> None:
        self.parse = CapacityLimiter(PARSE_LANES)
        self.large = CapacityLimiter(1)

    async def run(self, work: Callable[[int | None], _T]) -> _T:
        """Run ``work(ordinary)`` in a thread; again in the large lane if the body is large."""
        try:
            return await to_thread.run_sync(work, ORDINARY_JSON_BYTES, limiter=self.parse)
        except LargeBody:
            async with self.large:
                return await to_thread.run_sync(work, None, limiter=self.parse)


@dataclass(frozen=True)
class _Caller:
    """A request's signature headers, from a device whose token the hub recognised."""

    device: devices.Device
    timestamp: str
    nonce: str
    signature: str
    #: The device had sent this nonce before (told only once the signature is checked).
    replayed: bool = False


class _Auth:
    """Checks a device request's headers and signature against the database."""

    def __init__(self, engine: Engine, clock: Callable[[], float]) -> None:
        self._engine = engine
        self._clock = clock

    async def identify(self, request: Request) -> _Caller:
        """Check the headers, freshness, device and token (before the body is read)."""
        headers = request.headers
        names = (DEVICE_HEADER, TOKEN_HEADER, TIMESTAMP_HEADER, NONCE_HEADER, SIGNATURE_HEADER)
        values = [headers.get(name, "") for name in names]
        if not all(values):
            raise HubRefusal(401, "unsigned", "This request is not signed by a paired device.")
        device_id, token, timestamp, nonce, signature = values
        moment = digits(timestamp, _TIMESTAMP_DIGITS)
        if moment is None or not _NONCE.fullmatch(nonce) or len(device_id) > 64:
            raise HubRefusal(400, "malformed_signature", "The signature headers are malformed.")
        if abs(moment - self._clock()) > MAX_CLOCK_SKEW_SECONDS:
            raise self._stale()
        device, replayed = await run_in_threadpool(devices.find_caller, self._engine,
                                                   device_id, nonce)
        if device is None or not _token_ok(token, device):
            raise HubRefusal(401, "unknown_device", "This device is not paired with the hub.")
        return _Caller(device, timestamp, nonce, signature, replayed)

    async def device(self, request: Request, body: bytes, caller: _Caller | None = None
                     ) -> tuple[devices.Device, str]:
        """Return the authenticated device and the request's nonce, or raise HubRefusal."""
        if caller is None:
            caller = await self.identify(request)
        query = request.scope.get("query_string", b"").decode("latin-1")
        target = request.url.path + (f"?{query}" if query else "")
        message = signing_message(request.method, target, caller.timestamp, caller.nonce, body)
        try:
            key = Ed25519PublicKey.from_public_bytes(caller.device.public_key)
            key.verify(b64decode(caller.signature), message)
        except (InvalidSignature, ValueError) as exc:
            raise HubRefusal(401, "bad_signature", "The request's signature is wrong.") from exc
        if caller.device.revoked:
            raise HubRefusal(403, "revoked", "This device has been removed by the agency.")
        # Fresh when the body has come too, not only when the headers did: a nonce is
        # remembered only as long as a request can be fresh.
        moment = digits(caller.timestamp, _TIMESTAMP_DIGITS)
        if moment is None or abs(moment - self._clock()) > MAX_CLOCK_SKEW_SECONDS:
            raise self._stale()
        # Checked again, for certain, where the nonce is spent with the request's effects.
        if caller.replayed:
            raise HubRefusal(409, "replayed", "This request has already been received.")
        return caller.device, caller.nonce

    def _stale(self) -> HubRefusal:
        # The hub's time goes with the refusal: a device whose clock is out signs by it next.
        return HubRefusal(401, "stale", "The request's time is more than 5 minutes off.",
                          {"hub_time": int(self._clock())})

    def now(self) -> datetime:
        """Return the hub's current time."""
        return datetime.fromtimestamp(self._clock(), UTC)


def _token_ok(token: str, device: devices.Device) -> bool:
    return token_matches(token, device.token_hash)


def _refusal_body(code: str, detail: str, facts: dict[str, int] | None = None
                  ) -> dict[str, str | int]:
    return {"error": code, "detail": detail, **(facts or {})}


class _NoStore:
    """Every answer of the sync API is for one device of one household: ``no-store``, so a
    cache an agency puts in front of the hub never keeps a pull and hands it to another
    device (devices sign with headers of their own, which caches do not take as private)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", [])
                        if k.lower() != b"cache-control"]
                message = {**message, "headers": [*kept, (b"cache-control", b"no-store")]}
            await send(message)

        await self.app(scope, receive, sending)


def create_hub_app(engine: Engine, *, clock: Callable[[], float] = time.time) -> FastAPI:
    """Return the hub's FastAPI app over a migrated database engine."""
    app = FastAPI(title="Homeward hub", docs_url=None, redoc_url=None, openapi_url=None)
    # Level 6 rather than Starlette's 9: a 500-record pull's answer took 2.6 ms instead of 5.4
    # to compress, and came out 4% bigger.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(_NoStore)
    auth = _Auth(engine, clock)
    lanes = _Lanes()

    @app.exception_handler(HubRefusal)
    async def _refusal(_request: Request, exc: HubRefusal) -> JSONResponse:
        return JSONResponse(_refusal_body(exc.code, exc.detail, exc.facts),
                            status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        refusal = HubRefusal(422, "malformed",
                             f"{describe_location(first['loc'])}: {first['msg']}")
        return JSONResponse(_refusal_body(refusal.code, refusal.detail), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _not_served(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "refused")
        refusal = HubRefusal(exc.status_code, code, str(exc.detail))
        return JSONResponse(_refusal_body(refusal.code, refusal.detail), exc.status_code,
                            headers=exc.headers)

    @app.get("/v1/health")
    async def health() -> dict[str, str]:
        """Say the hub is up (no authentication, no data)."""
        return {"status": "ok"}

    @app.post("/v1/pair")
    async def pair(request: Request) -> dict[str, str]:
        """Spend a pairing code: register the device's key and hand it a token."""
        raw = await _read_body(request, MAX_PAIR_BYTES)
        encoding = request.headers.get("content-encoding", "identity")
        # A few KiB at most, sent or unzipped: quicker parsed here than handed to a thread.
        asked = _validate(PairIn, _parse_json(encoding, raw, MAX_PAIR_BYTES))
        try:
            public_key = b64decode(asked.device_public_key)
            Ed25519PublicKey.from_public_bytes(public_key)
        except ValueError as exc:
            raise HubRefusal(422, "malformed", "device_public_key is not an Ed25519 key.") from exc
        try:
            paired = await run_in_threadpool(
                devices.pair_device, engine, asked.code, public_key, auth.now(), asked.mode,
                asked.household_id, asked.household_uid,
            )
        except devices.PairingRefused as exc:
            status = 409 if exc.reason in devices.HOUSEHOLD_REFUSALS else 403
            raise HubRefusal(status, exc.reason, exc.detail) from exc
        return {
            "household_id": paired.household_id,
            "device_id": paired.device_id,
            "device_token": paired.device_token,
            "agency_public_key": b64encode(paired.agency_public_key),
            "agency_name": paired.agency_name,
            "household_name": paired.household_name,
        }

    @app.post("/v1/push")
    async def push(request: Request) -> JSONResponse:
        """Store a signed batch of records; answer per record."""
        caller = await auth.identify(request)
        raw = await _read_body(request, MAX_BODY_BYTES)
        device, nonce = await auth.device(request, raw, caller)
        encoding = request.headers.get("content-encoding", "identity")
        checked_at = clock()
        batch, incoming = await lanes.run(partial(_read_batch, encoding, raw, checked_at))
        try:
            answers = await run_in_threadpool(
                sync.push, engine, device, nonce, incoming, auth.now()
            )
        except devices.Replayed as exc:
            raise HubRefusal(409, "replayed", "This request has already been received.") from exc
        except devices.Revoked as exc:
            raise HubRefusal(403, "revoked", "This device has been removed by the agency.") from exc
        results: list[dict[str, Any]] = []
        for record, answer in zip(incoming, answers, strict=True):
            result: dict[str, Any] = {"id": record.id, "revision": record.revision,
                                      "status": answer.status}
            if answer.current_revision is not None:
                result["current_revision"] = answer.current_revision
            if answer.reason is not None:
                result.update(reason=answer.reason, detail=answer.detail)
            if answer.reason == FUTURE_STAMP:  # so the device can put its clock's stamps right
                result["hub_time"] = int(checked_at * 1000)
            results.append(result)
        # A response of our own: FastAPI would otherwise walk every answer to re-encode it.
        return JSONResponse({"batch_id": batch.batch_id, "results": results})

    @app.get("/v1/pull")
    async def pull(
        request: Request,
        cursor: Annotated[str, Query(max_length=64)] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_RECORDS)] = DEFAULT_PULL_RECORDS,
    ) -> JSONResponse:
        """Return the household's records changed since ``cursor`` and the next cursor."""
        caller = await auth.identify(request)
        raw = await _read_body(request, MAX_PULL_BODY_BYTES)
        device, nonce = await auth.device(request, raw, caller)
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
        except devices.Revoked as exc:
            raise HubRefusal(403, "revoked", "This device has been removed by the agency.") from exc
        # Decoding and encoding hundreds of bodies happens off the event loop.
        return await run_in_threadpool(_pull_answer, found, last, more)

    return app
