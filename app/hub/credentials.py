"""Secrets the hub hands out or keeps: worker passwords, pairing codes, device tokens, agency key.

Low-entropy secrets (passwords) are hashed with scrypt; high-entropy ones (random tokens and
one-time codes that expire in a day) with SHA-256, so they can be looked up by hash. The
agency's private sealing key is kept only wrapped under a key derived from its passphrase.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.storage.crypto import (
    SALT_BYTES,
    EnvelopeError,
    KdfParams,
    derive_passphrase_key,
    seal,
    unseal,
)

#: Crockford's base32: no I, L, O or U, so a code read aloud or handwritten survives.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})

_SCRYPT_N = 2**15
_SCRYPT_R = 8
_SCRYPT_P = 1
_AGENCY_AAD = b"homeward agency sealing key v1\x00"


class WrongPassphrase(ValueError):
    """The agency passphrase does not open the agency's private key."""


def hash_password(password: str) -> str:
    """Return a salted scrypt hash of a worker's password, with its parameters."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(
        password.encode("utf-8")
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    """Return True if ``password`` is the one hashed into ``stored``."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        kdf = Scrypt(salt=bytes.fromhex(salt), length=32, n=int(n), r=int(r), p=int(p))
        kdf.verify(password.encode("utf-8"), bytes.fromhex(digest))
    except (ValueError, InvalidKey):
        return False
    return True


def new_pairing_code() -> str:
    """Return a fresh one-time pairing code, e.g. ``7KQ2M-XD9VA`` (50 random bits)."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(code: str) -> str:
    """Return a typed code in canonical form: upper case, no separators, look-alikes fixed."""
    cleaned = "".join(ch for ch in code.upper() if ch not in " -_").translate(_LOOKALIKES)
    return cleaned


def code_hash(code: str) -> str:
    """Return the stored form of a pairing code."""
    return hashlib.sha256(b"pairing:" + normalise_code(code).encode("ascii", "replace")).hexdigest()


def new_device_token() -> str:
    """Return a fresh device token (256 random bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Return the stored form of a device token."""
    return hashlib.sha256(b"device-token:" + token.encode("utf-8", "replace")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Compare a presented token with its stored hash in constant time."""
    return hmac.compare_digest(token_hash(token), stored_hash)


@dataclass(frozen=True)
class SealedAgencyKey:
    """The agency's sealing key pair as stored: public key in clear, private key wrapped."""

    public_key: bytes
    private_key_sealed: bytes
    salt: bytes
    params: KdfParams


def new_agency_key(passphrase: str, params: KdfParams) -> SealedAgencyKey:
    """Generate the agency's X25519 key pair and wrap the private half under ``passphrase``."""
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    salt = secrets.token_bytes(SALT_BYTES)
    wrapping = derive_passphrase_key(passphrase, salt, params)
    sealed = seal(wrapping, private.private_bytes_raw(), _AGENCY_AAD + public)
    return SealedAgencyKey(public, sealed, salt, params)


def open_agency_key(stored: SealedAgencyKey, passphrase: str) -> X25519PrivateKey:
    """Unwrap the agency's private sealing key; raise WrongPassphrase if it does not open."""
    wrapping = derive_passphrase_key(passphrase, stored.salt, stored.params)
    try:
        raw = unseal(wrapping, stored.private_key_sealed, _AGENCY_AAD + stored.public_key)
    except EnvelopeError as exc:
        raise WrongPassphrase("the agency passphrase does not open the key") from exc
    return X25519PrivateKey.from_private_bytes(raw)
