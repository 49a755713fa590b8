"""What the hub fuzz test sends: Hypothesis strategies for requests an attacker or a broken
device makes, each one certain to be refused (or, for a batch, every record in it refused).

An ``Attack`` is signed when it is sent, not when it is drawn, so its time is fresh and its
nonce new (``Signing`` says how to spoil the signature). Gzip bombs are made once and kept.
"""

from __future__ import annotations

import json
import re
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hub_device import HubDevice, public_key_text, record
from hypothesis import strategies as st

from app.hub.protocol import (
    DEVICE_HEADER,
    MAX_BODY_BYTES,
    MAX_JSON_BYTES,
    MAX_JSON_VALUES,
    MAX_PAIR_BYTES,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    TOKEN_HEADER,
    BadCursor,
    compress,
    decode_cursor,
    signed_headers,
)
from app.sync.catalogue import LOCAL_ONLY
from app.sync.hlc import STAMP_PATTERN

SIGNATURE_HEADERS = (DEVICE_HEADER, TOKEN_HEADER, TIMESTAMP_HEADER, NONCE_HEADER,
                     SIGNATURE_HEADER)
Replay = tuple[str, str, bytes, dict[str, str]]


@dataclass(frozen=True)
class Signing:
    """How an attack is signed: by whom, and what is spoiled."""

    key: Ed25519PrivateKey
    device_id: str
    token: str
    skew: float = 0.0
    nonce: str | None = None
    signed_body: bytes | None = None  # sign this instead of the body sent
    signed_target: str | None = None
    signed_method: str | None = None
    drop: tuple[str, ...] = ()
    extra: tuple[tuple[str, str | bytes], ...] = ()  # put in after signing


@dataclass(frozen=True)
class Attack:
    """One request to send at the hub, and what kind of attack it is."""

    family: str
    name: str
    method: str
    target: str
    body: bytes = b""
    headers: tuple[tuple[str, str | bytes], ...] = ()
    signing: Signing | None = None
    chunked: bool = False
    may_be_a_batch: bool = False  # well formed enough to be answered 200, every record refused
    raw_headers: dict[str, str] = field(default_factory=dict)  # a replay's, sent as they were

    def send(self, client: httpx.Client) -> httpx.Response:
        """Sign (if it is signed) and send; return the hub's answer."""
        headers: dict[str, str | bytes] = {**self.raw_headers, **dict(self.headers)}
        if self.signing is not None:
            how = self.signing
            body = self.body if how.signed_body is None else how.signed_body
            headers.update(signed_headers(
                how.key, how.device_id, how.token, how.signed_method or self.method,
                how.signed_target or self.target, body, now=time.time() + how.skew,
                nonce=how.nonce))
            for name in how.drop:
                headers.pop(name, None)
            headers.update(dict(how.extra))
        content: bytes | Iterator[bytes] = _pieces(self.body) if self.chunked else self.body
        return client.request(self.method, self.target, content=content, headers=headers)


def _pieces(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), 65536):
        yield body[start:start + 65536]


def zipped_zeros(size: int) -> bytes:
    """Gzip of ``size`` bytes of ``0`` characters, made without holding them."""
    packer = zlib.compressobj(9, wbits=31)
    block = b"0" * 65536
    return b"".join(packer.compress(block) for _ in range(size // 65536)) + packer.flush()


@cache
def bombs() -> tuple[tuple[str, bytes], ...]:
    """Bodies small when sent, huge or heavy once unzipped: made once, kept for every use."""
    dense = b"[" + b"0," * (MAX_JSON_VALUES + 1) + b"0]"
    empties = b"[" + b"{}," * (MAX_JSON_BYTES // 3 - 2) + b"{}]"
    return (
        ("16 MiB of zeros (the issue's pairing bomb)", zipped_zeros(16 * 2**20)),
        ("1 MiB of zeros", zipped_zeros(2**20)),
        ("256 MiB of zeros", zipped_zeros(256 * 2**20)),
        ("too many values", compress(dense)),
        ("8 MiB of empty objects", compress(empties)),
        ("a million brackets deep", compress(b"[" * 2**20 + b"]" * 2**20)),
    )


def heavy_bodies() -> list[tuple[str, str, bytes]]:
    """The heaviest bodies each limit lets through, or the bombs it stops: (name, path, body)."""
    text = "x" * (MAX_JSON_BYTES - 100)
    wide = "\U0001f600" + "x" * (MAX_JSON_BYTES // 4 - 100)  # one emoji: 4 bytes a character
    keys = {f"k{n:07d}": n for n in range(MAX_JSON_VALUES - 10)}
    heavy = [("/v1/pair", name, body) for name, body in bombs()[:2]]
    heavy += [("/v1/push", name, body) for name, body in bombs()]
    heavy += [
        ("/v1/push", "8 MiB of one string", compress(json.dumps([text]).encode())),
        ("/v1/push", "a string of wide characters", compress(json.dumps(
            [wide], ensure_ascii=False).encode())),
        ("/v1/push", "as many object members as allowed", compress(json.dumps(
            {"batch_id": "b", "records": keys}).encode())),
    ]
    return [(name, path, body) for path, name, body in heavy]


# --- JSON, text and numbers ---------------------------------------------------------------

_surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
texts = st.text(st.one_of(st.characters(), _surrogates), max_size=24)
_scalars = st.one_of(st.none(), st.booleans(), st.integers(),
                     st.floats(allow_nan=False, allow_infinity=False), texts)
json_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=16)


@st.composite
def raw_json_texts(draw: st.DrawFn) -> bytes:
    """Bodies ``json.dumps`` never makes: bad numbers, deep nesting, broken text."""
    depth = draw(st.integers(MAX_JSON_VALUES // 1000, 3000))
    digits = draw(st.integers(65, 6000))
    return draw(st.sampled_from([
        b"[" * depth + b"]" * depth,
        b'{"a":' * depth + b"1" + b"}" * depth,
        b'{"batch_id": "b", "records": [' + b"9" * digits + b"]}",
        b'{"batch_id": "b", "records": [NaN, Infinity, -Infinity]}',
        b'{"batch_id": "b", "records": [1e999]}',
        b'{"batch_id": "b", "records": [{"id": "\xed\xa0\x80"}]}',  # a surrogate as UTF-8
        b"\xef\xbb\xbf{}", b"{'single': 'quotes'}", b'{"trailing": 1,}', b"", b"\x00",
        "{}".encode("utf-16"), b'{"a": "\\ud800"', b"[" + b"1," * 50,
    ]))


def _encoded(draw: st.DrawFn, body: bytes) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    encoding = draw(st.sampled_from(["gzip", "identity", "none", "br", "gzip, gzip", "GZIP"]))
    if encoding == "none":
        return body, ()
    sent = compress(body) if encoding.strip().lower() == "gzip" else body
    return sent, (("Content-Encoding", encoding),)


# --- records that are certain to be refused -------------------------------------------------

_not_a_stamp = st.text(max_size=30).filter(lambda text: not re.fullmatch(STAMP_PATTERN, text))
_spoilers: st.SearchStrategy[tuple[str, Any]] = st.one_of(
    st.tuples(st.just("id"), st.one_of(st.integers(), st.none(), st.just(""), st.just("x" * 65),
                                       st.just("has a space"), _surrogates, st.lists(texts))),
    st.tuples(st.just("collection"), st.one_of(st.integers(), st.just(""), st.just("UPPER"),
                                               st.just("../etc"), _surrogates,
                                               st.sampled_from(sorted(LOCAL_ONLY)))),
    st.tuples(st.just("revision"), st.one_of(
        st.integers(max_value=0), st.integers(min_value=2**53 + 1, max_value=10**60),
        st.booleans(), st.floats(allow_nan=False, allow_infinity=False), st.none(), texts)),
    st.tuples(st.just("hlc"), st.one_of(_not_a_stamp, st.integers(),
                                        st.just("9999999999999-0000-dev"))),
    st.tuples(st.just("body"), st.one_of(st.lists(json_values, max_size=3), texts,
                                         st.integers(), st.just({"id": "someone-else"}),
                                         st.just({"no": "id"}))),
    st.tuples(st.just("text"), texts.filter(lambda text: any(
        0xD800 <= ord(ch) <= 0xDFFF for ch in text))),  # a lone surrogate in the body
    st.tuples(st.just("deleted"), st.one_of(st.integers(), texts)),
    st.tuples(st.just("schema"), st.one_of(st.integers(max_value=0),
                                           st.integers(min_value=1001), texts)),
    st.tuples(st.just("surprise"), json_values),
    st.tuples(st.just("withdrawn"), st.just(True)),
    st.tuples(st.just("author"), st.just("agency:1")),
    st.tuples(st.just("sealed_body"), st.one_of(st.just("@@@"), st.just("AAAA"))),
    st.tuples(st.just("base_revision"), st.integers(min_value=1, max_value=2**53)),
)


@st.composite
def bad_records(draw: st.DrawFn) -> Any:
    """A pushed record with one thing certainly wrong, or something that is not a record."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.one_of(_scalars, st.lists(json_values, max_size=3)))
    made = record(f"fuzz-{draw(st.integers(0, 10**6))}")
    name, value = draw(_spoilers)
    if name == "text":
        made["body"] = {**made["body"], "text": value}
    else:
        made[name] = value
    return made


# --- the attacks ---------------------------------------------------------------------------


@st.composite
def pair_attacks(draw: st.DrawFn) -> Attack:
    """Unsigned pairing requests: junk, wrong types, surrogates, oversized, deep."""
    kind = draw(st.sampled_from(["json", "shaped", "raw", "binary", "oversized"]))
    if kind == "json":
        body = json.dumps(draw(json_values)).encode()
    elif kind == "shaped":
        body = json.dumps({
            "code": draw(st.one_of(texts, st.integers(), st.lists(texts, max_size=2))),
            "device_public_key": draw(st.one_of(
                texts, st.just(public_key_text(Ed25519PrivateKey.generate())))),
            "mode": draw(st.one_of(st.sampled_from(["new", "join"]), texts)),
            **({"extra": draw(json_values)} if draw(st.booleans()) else {}),
        }).encode()
    elif kind == "raw":
        body = draw(raw_json_texts())
    elif kind == "binary":
        body = draw(st.binary(max_size=5000))
    else:
        body = b"{" + b" " * draw(st.integers(MAX_PAIR_BYTES, 200_000))
    sent, headers = _encoded(draw, body) if kind != "binary" else (body, ())
    return Attack("pair", f"pair {kind}", "POST", "/v1/pair", sent, headers,
                  chunked=draw(st.booleans()))


def _signed(phone: HubDevice, **spoiled: Any) -> Signing:
    return Signing(phone.key, phone.device_id, phone.token, **spoiled)


@st.composite
def push_body_attacks(draw: st.DrawFn, phone: HubDevice) -> Attack:
    """Correctly signed pushes whose body is not a batch, or cannot be read."""
    kind = draw(st.sampled_from(["json", "raw", "binary", "batch-shape"]))
    if kind == "json":
        body = json.dumps(draw(json_values)).encode()
    elif kind == "raw":
        body = draw(raw_json_texts())
    elif kind == "binary":
        body = draw(st.binary(max_size=5000))
    else:
        body = json.dumps({"batch_id": draw(st.one_of(texts, st.integers(), st.none())),
                           "records": draw(st.one_of(json_values, st.just([])))}).encode()
    sent, headers = _encoded(draw, body)
    return Attack("push-body", f"push {kind}", "POST", "/v1/push", sent, headers,
                  _signed(phone), may_be_a_batch=True)


@st.composite
def push_record_attacks(draw: st.DrawFn, phone: HubDevice) -> Attack:
    """A well-formed batch of records each certain to be refused: answered 200, none stored."""
    batch = {"batch_id": f"fuzz-{uuid.uuid4().hex[:12]}",
             "records": draw(st.lists(bad_records(), min_size=1, max_size=4))}
    body = compress(json.dumps(batch).encode())
    return Attack("push-records", "push bad records", "POST", "/v1/push", body,
                  (("Content-Encoding", "gzip"),), _signed(phone), may_be_a_batch=True)


_header_text = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=80)


@st.composite
def signature_attacks(draw: st.DrawFn, phone: HubDevice, stranger: Ed25519PrivateKey
                      ) -> Attack:
    """A batch that would be stored, sent with its signature spoiled one way or another."""
    good = compress(json.dumps({"batch_id": "sig", "records": [
        record(f"would-be-stored-{uuid.uuid4().hex[:12]}")]}).encode())
    header = draw(st.sampled_from(SIGNATURE_HEADERS))
    spoil = draw(st.sampled_from(["key", "body", "target", "method", "skew", "nonce", "drop",
                                  "junk", "digits", "latin1", "oversized"]))
    how: dict[str, Any] = {}
    body = good
    if spoil == "key":
        return Attack("signature", spoil, "POST", "/v1/push", good,
                      (("Content-Encoding", "gzip"),),
                      Signing(stranger, phone.device_id, phone.token))
    if spoil == "body":
        how["signed_body"] = compress(b'{"batch_id": "other", "records": []}')
    elif spoil == "target":
        how["signed_target"] = draw(st.sampled_from(["/v1/pull", "/v1/push?x=1", "/v1/pair"]))
    elif spoil == "method":
        how["signed_method"] = draw(st.sampled_from(["GET", "PUT"]))
    elif spoil == "skew":
        how["skew"] = draw(st.one_of(st.floats(301, 1e9), st.floats(-1e9, -301)))
    elif spoil == "nonce":
        # Never empty: signing would then make a good nonce of its own.
        how["nonce"] = draw(st.one_of(st.text("abc", min_size=1, max_size=15),
                                      st.text("abc", min_size=65, max_size=80),
                                      st.just("has space and more than 16"),
                                      st.just("dots.are.not.allowed.here")))
    elif spoil == "drop":
        how["drop"] = tuple(draw(st.lists(st.sampled_from(SIGNATURE_HEADERS), min_size=1,
                                          max_size=5, unique=True)))
    elif spoil == "junk":
        how["extra"] = ((header, draw(_header_text.filter(bool))),)
    elif spoil == "digits":
        how["extra"] = ((TIMESTAMP_HEADER, "9" * draw(st.integers(13, 6000))),)
    elif spoil == "latin1":
        how["extra"] = ((header, draw(st.sampled_from(["²³", "¹", "ÿ" * 70])).encode("latin-1")),)
    else:
        body = b"x" * (MAX_BODY_BYTES + 1)
    return Attack("signature", f"signature {spoil} {header}", "POST", "/v1/push", body,
                  (("Content-Encoding", "gzip"),), _signed(phone, **how),
                  chunked=spoil == "oversized" and draw(st.booleans()))


def _not_a_cursor(text: str) -> bool:
    try:
        decode_cursor(text)
    except BadCursor:
        return True
    return False


@st.composite
def pull_attacks(draw: st.DrawFn, phone: HubDevice) -> Attack:
    """Correctly signed pulls asking with a limit or cursor the hub never hands out."""
    limit = draw(st.one_of(st.integers(max_value=0).map(str), st.integers(min_value=1001)
                           .map(str), st.just("9" * 5000), st.just("1.5"), st.just("²"),
                           _header_text.filter(lambda text: not text.isdigit())))
    cursor = draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
                          max_size=100).filter(_not_a_cursor))
    parts = draw(st.sampled_from([("limit",), ("cursor",), ("limit", "cursor")]))
    query = "&".join(f"{name}={quote(limit if name == 'limit' else cursor, safe='')}"
                     for name in parts)
    if parts == ("limit",):
        query += "&cursor=" + quote(cursor, safe="")
    target = f"/v1/pull?{query}"
    return Attack("pull", f"pull {parts}", "GET", target, b"", (), _signed(phone))


@st.composite
def bomb_attacks(draw: st.DrawFn, phone: HubDevice) -> Attack:
    """Small sent, huge once unzipped: at pairing (unsigned) and pushing (signed)."""
    name, body = draw(st.sampled_from(bombs()))
    chunked = draw(st.booleans())
    draw(st.integers(0, 100))  # the same bomb again: Hypothesis would not repeat it otherwise
    if draw(st.booleans()):
        return Attack("bomb", f"pair {name}", "POST", "/v1/pair", body,
                      (("Content-Encoding", "gzip"),), chunked=chunked)
    return Attack("bomb", f"push {name}", "POST", "/v1/push", body,
                  (("Content-Encoding", "gzip"),), _signed(phone), chunked=chunked)


@st.composite
def elsewhere_attacks(draw: st.DrawFn) -> Attack:
    """Paths the API does not have, and methods its paths do not take."""
    path = draw(st.text(st.characters(min_codepoint=0x30, max_codepoint=0x7A), max_size=20)
                .filter(lambda text: text not in ("health", "pair", "push", "pull")))
    method = draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]))
    known = draw(st.sampled_from(["/v1/push", "/v1/pull", "/v1/pair", "/v1/health"]))
    if draw(st.booleans()):
        return Attack("elsewhere", f"{method} {path}", method, f"/v1/{quote(path)}")
    wrong = {"/v1/push": "GET", "/v1/pull": "POST", "/v1/pair": "PUT", "/v1/health": "DELETE"}
    return Attack("elsewhere", f"{wrong[known]} {known}", wrong[known], known)


def attacks(phone: HubDevice, replays: list[Replay], stranger: Ed25519PrivateKey
            ) -> st.SearchStrategy[Attack]:
    """Every kind of attack, mixed."""
    # The same request again and again (the number only makes Hypothesis repeat it).
    replayed = st.tuples(st.sampled_from(replays), st.integers(0, 1000)).map(
        lambda drawn: Attack("replay", f"replayed {drawn[0][0]} {drawn[0][1]}", drawn[0][0],
                             drawn[0][1], drawn[0][2], raw_headers=dict(drawn[0][3])))
    return st.one_of(pair_attacks(), push_body_attacks(phone), push_record_attacks(phone),
                     signature_attacks(phone, stranger), replayed, pull_attacks(phone),
                     bomb_attacks(phone), elsewhere_attacks())
