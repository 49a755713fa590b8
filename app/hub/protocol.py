"""The hub's wire protocol, shared by the hub and the device: headers, signing and cursors.

A device request is signed with the device's Ed25519 key over a canonical message made of the
method, the path with its query string, the timestamp, a nonce and the SHA-256 of the body bytes
exactly as sent (so, compressed). Nothing here touches the database or the network.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import time
import zlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

DEVICE_HEADER = "X-Homeward-Device"
TOKEN_HEADER = "X-Homeward-Token"
TIMESTAMP_HEADER = "X-Homeward-Timestamp"
NONCE_HEADER = "X-Homeward-Nonce"
SIGNATURE_HEADER = "X-Homeward-Signature"

MAX_BODY_BYTES = 2 * 1024 * 1024
#: Decompressed bodies may be larger than what was sent, but not without bound (gzip bombs).
#: A device cuts its batches at 1 MiB of JSON, so this leaves room for a lone large record.
MAX_JSON_BYTES = 8 * 1024 * 1024
#: A pairing request is unsigned, so anyone may send one: it is a few short fields, and the
#: hub reads no more than this of it, sent or unzipped.
MAX_PAIR_BYTES = 4 * 1024
#: Arrays and objects inside one another, at most (a batch's records sit 3 deep).
MAX_JSON_DEPTH = 64
#: Values in one body at most (each array item, object member and container counts one):
#: what bounds the memory a parsed body takes, since a tiny value costs ~100 bytes parsed.
MAX_JSON_VALUES = 250_000
MAX_CLOCK_SKEW_SECONDS = 5 * 60
#: A record refused for a clock stamp too far ahead of the hub's clock. Never final: the answer
#: carries the hub's time (``hub_time``, Unix milliseconds) and the device keeps the change
#: queued and stamps it again.
FUTURE_STAMP = "future_stamp"

_SIGNING_PREFIX = b"homeward-request-v1"
_CURSOR_PREFIX = "c1:"


class BadCursor(ValueError):
    """A pull cursor that this hub did not hand out."""


class BadBody(ValueError):
    """A request body that cannot be decompressed within the limits."""


class TooLarge(BadBody):
    """A compressed body that would unzip to more than the limit (it is never unzipped)."""


def b64encode(data: bytes) -> str:
    """Return standard base64 text for bytes."""
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    """Decode standard base64 text strictly; raise ValueError on anything else."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("not base64") from exc


def signing_message(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """Return the canonical bytes a device signs for one request."""
    digest = hashlib.sha256(body).hexdigest()
    parts = [_SIGNING_PREFIX, method.upper().encode(), target.encode(), timestamp.encode(),
             nonce.encode(), digest.encode()]
    return b"\n".join(parts)


def signed_headers(
    key: Ed25519PrivateKey,
    device_id: str,
    token: str,
    method: str,
    target: str,
    body: bytes,
    *,
    now: float | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """Return the authentication headers for a request to ``target`` (path plus query)."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = nonce or secrets.token_urlsafe(18)
    signature = key.sign(signing_message(method, target, timestamp, nonce, body))
    return {
        DEVICE_HEADER: device_id,
        TOKEN_HEADER: token,
        TIMESTAMP_HEADER: timestamp,
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: b64encode(signature),
    }


def compress(data: bytes) -> bytes:
    """Gzip a request or response body."""
    return zlib.compress(data, 6, wbits=31)


def decompress(data: bytes, limit: int = MAX_JSON_BYTES) -> bytes:
    """Gunzip a body, refusing output beyond ``limit`` bytes; raise BadBody if it cannot."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise BadBody("not valid gzip") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLarge("too large once decompressed")
    if not inflater.eof or inflater.unused_data:
        raise BadBody("truncated or trailing gzip data")
    return out


def encode_cursor(sequence: int) -> str:
    """Return the opaque cursor for a household's server sequence number."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{sequence}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """Return the sequence number inside a cursor (0 for none); raise BadCursor if foreign."""
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise BadCursor(cursor) from exc
    number = text.removeprefix(_CURSOR_PREFIX)
    if text == number or not number.isdigit() or len(number) > 18:
        raise BadCursor(cursor)
    return int(number)


_FINGERPRINT_PREFIX = b"homeward agency key fingerprint v1\x00"
#: Crockford's base32 (no I, L, O or U), as pairing codes use: read aloud or compared by eye.
_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FINGERPRINT_GROUPS = 4
_GROUP = 5
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def agency_key_fingerprint(public_key: bytes) -> str:
    """Return the short fingerprint of the agency's public key, e.g. ``7KQ2M XD9VA 3FJ8K PQ2ZR``.

    Four groups of five Crockford base32 characters: the first 100 bits of SHA-256 over the
    key. The device shows it while pairing and the worker checks it against
    ``homeward hub-admin fingerprint``; a man in the middle would need a key of his own whose
    fingerprint matches, which costs about 2**100 tries.
    """
    digest = hashlib.sha256(_FINGERPRINT_PREFIX + bytes(public_key)).digest()
    bits = int.from_bytes(digest, "big") >> (256 - 5 * _GROUP * _FINGERPRINT_GROUPS)
    chars = [_BASE32[(bits >> (5 * n)) & 31] for n in reversed(range(_GROUP * _FINGERPRINT_GROUPS))]
    return " ".join("".join(chars[n:n + _GROUP]) for n in range(0, len(chars), _GROUP))


def fingerprint_matches(typed: str, public_key: bytes) -> bool:
    """True if ``typed`` (any case, spaces or dashes, O for 0, I or L for 1) is this key's."""
    cleaned = re.sub(r"[\s_-]", "", typed.upper()).translate(_LOOKALIKES)
    expected = agency_key_fingerprint(public_key).replace(" ", "")
    return cleaned.isascii() and hmac.compare_digest(cleaned, expected)
