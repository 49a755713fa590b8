"""Sealed messages: written at home, readable only with the agency's private key.

A message "just for my worker" is sealed on save to the agency's X25519 public key: a fresh
ephemeral key pair per message, X25519 key agreement, HKDF-SHA256 to an AES-256-GCM key, and
the record's id as associated data, so a sealed body cannot be moved onto another record.
The household's own data key plays no part: nobody at home can open it, passphrase or not.

Layout: ``version (1 byte) || ephemeral public key (32) || nonce (12) || ciphertext+tag``.

Words are sealed as compact UTF-8 JSON (``seal_json``). A sealed body waits in the household's
files, and the files' own padding hides a short one: escaped, a Welsh "ŵ" took six bytes and an
emoji twelve, so a child's message in Welsh pushed the file past its padding six times sooner.
Padding every body to one large size was tried and undone: it made every message show.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = 1
_INFO = b"homeward sealed message v1"
_KEY_BYTES = 32
_NONCE_BYTES = 12
_HEADER = 1 + _KEY_BYTES + _NONCE_BYTES


class CannotOpen(ValueError):
    """A sealed body that this key cannot open: wrong key, other record, or altered bytes."""


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), _KEY_BYTES, salt=ephemeral + recipient, info=_INFO).derive(shared)


def seal(agency_public_key: bytes, plaintext: bytes, record_id: str) -> bytes:
    """Seal ``plaintext`` for the agency; only its private key opens the result."""
    recipient = X25519PublicKey.from_public_bytes(agency_public_key)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    key = _key(ephemeral.exchange(recipient), ephemeral_public, agency_public_key)
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plaintext, record_id.encode("utf-8"))
    return bytes([VERSION]) + ephemeral_public + nonce + sealed


def open_sealed(agency_private_key: X25519PrivateKey, sealed: bytes, record_id: str) -> bytes:
    """Open a sealed body with the agency's private key; raise CannotOpen if it does not."""
    if len(sealed) < _HEADER + 16 or sealed[0] != VERSION:
        raise CannotOpen("not a sealed message this version of Homeward knows")
    ephemeral_public = sealed[1 : 1 + _KEY_BYTES]
    nonce = sealed[1 + _KEY_BYTES : _HEADER]
    recipient = agency_private_key.public_key().public_bytes_raw()
    try:
        shared = agency_private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        key = _key(shared, ephemeral_public, recipient)
        return AESGCM(key).decrypt(nonce, sealed[_HEADER:], record_id.encode("utf-8"))
    except (InvalidTag, ValueError) as exc:
        raise CannotOpen("this key does not open that message") from exc


def seal_json(agency_public_key: bytes, doc: Mapping[str, Any], record_id: str) -> bytes:
    """Seal ``doc`` as compact JSON, its letters kept as UTF-8 (see the module's note).

    Half of an emoji pair, which UTF-8 cannot carry and which means nothing alone, is sealed as
    "?" rather than escaping the whole message for it.
    """
    plain = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return seal(agency_public_key, plain.encode("utf-8", errors="replace"), record_id)
