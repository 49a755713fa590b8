"""Sealed words take the room of their letters, not of their escapes (rule 7).

A child's message waits at home sealed until it reaches the agency, and a visit keeps its sealed
notes for good. The household's files are padded to 4 KiB, which hides a short message's
arrival. Sealed as escaped JSON, a Welsh "ŵ" took six bytes and an emoji twelve, so a child
writing in Welsh pushed the file past its padding six times sooner than one writing in English.

Padding every sealed body to one large size was tried and undone: it pushed every message past
the files' padding, and ``test_nothing_at_home`` caught that a parent could then see one.
"""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.sync.sealing import open_sealed, seal, seal_json

SHORT = "Hi"
LONG_WELSH = "ŵ" * 2000
LONG_EMOJI = "🙂" * 2000
#: Letters JSON must write as escapes.
LONG_CONTROL = "\x01" * 2000
#: The seal's own bytes: version, ephemeral key, nonce and tag.
OVERHEAD = 1 + 32 + 12 + 16


def _agency() -> tuple[X25519PrivateKey, bytes]:
    key = X25519PrivateKey.generate()
    return key, key.public_key().public_bytes_raw()


@pytest.mark.parametrize(("words", "bytes_per_letter"), [(LONG_WELSH, 2), (LONG_EMOJI, 4)])
def test_welsh_letters_and_emoji_are_sealed_as_their_own_bytes(
        words: str, bytes_per_letter: int) -> None:
    _, public = _agency()
    doc = {"text": words, "from_name": "Sam"}
    escaped = seal(public, json.dumps(doc).encode("ascii"), "m-1")
    sealed = seal_json(public, doc, "m-1")
    assert len(sealed) <= OVERHEAD + len(words) * bytes_per_letter + 40
    assert len(sealed) * 2 < len(escaped)


@pytest.mark.parametrize("words", [SHORT, LONG_WELSH, LONG_EMOJI, LONG_CONTROL])
def test_sealed_words_open_at_the_agency_as_written(words: str) -> None:
    agency, public = _agency()
    sealed = seal_json(public, {"text": words, "from_name": "Sam"}, "m-1")
    assert json.loads(open_sealed(agency, sealed, "m-1")) == {"text": words, "from_name": "Sam"}


def test_half_an_emoji_pair_reaches_the_agency_as_a_question_mark() -> None:
    agency, public = _agency()
    sealed = seal_json(public, {"text": "I am \ud800 sad"}, "m-1")
    assert json.loads(open_sealed(agency, sealed, "m-1")) == {"text": "I am ? sad"}
