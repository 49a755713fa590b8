"""What is sealed for the worker is the same size however much was written (rule 7).

A child's message waits at home, sealed, until it reaches the agency, and a visit keeps its
sealed notes for good; the household's files hold them. Sealed as written, their size told
anyone at home how much a child had said: "Hi" and two thousand letters differed by kilobytes,
and a Welsh "ŵ" took six bytes where an "a" took one.
"""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from device_kit import Family
from device_sync_steps import _paired

from app.sync.catalogue import SEALED_FIELD, WORKER_MESSAGES
from app.sync.sealing import open_sealed, seal_json
from tests.hubkit import RunningHub

SHORT = "Hi"
LONG_WELSH = "ŵ" * 2000
LONG_EMOJI = "🙂" * 2000
#: Letters JSON writes as escapes, and half of an emoji pair (from a broken keyboard or paste).
LONG_CONTROL = "\x01" * 2000
HALF_PAIRS = "🙂" * 1999 + "\ud83d"
ODD_AND_EVEN = (SHORT, LONG_WELSH, LONG_EMOJI, LONG_CONTROL, HALF_PAIRS)


def _sealed_size(family: Family, words: str) -> int:
    sent = family.sync().send_to_worker(family.member("Sam"), words)
    stored = family.store.get(WORKER_MESSAGES, sent.id)
    assert stored is not None
    return len(stored[SEALED_FIELD])


def test_every_message_for_the_worker_is_sealed_at_one_size(
    family: Family, hub: RunningHub
) -> None:
    _paired(family, hub)
    sizes = {words[:4]: _sealed_size(family, words) for words in ODD_AND_EVEN}
    assert len(set(sizes.values())) == 1, sizes


@pytest.mark.parametrize("words", [SHORT, LONG_WELSH, LONG_EMOJI, LONG_CONTROL])
def test_sealed_words_open_at_the_agency_as_written(words: str) -> None:
    agency = X25519PrivateKey.generate()
    public = agency.public_key().public_bytes_raw()
    sealed = seal_json(public, {"text": words, "from_name": "Sam"}, "m-1")
    assert json.loads(open_sealed(agency, sealed, "m-1")) == {"text": words, "from_name": "Sam"}


def test_half_an_emoji_pair_reaches_the_agency_as_a_question_mark() -> None:
    agency = X25519PrivateKey.generate()
    public = agency.public_key().public_bytes_raw()
    sealed = seal_json(public, {"text": "I am \ud800 sad"}, "m-1")
    assert json.loads(open_sealed(agency, sealed, "m-1")) == {"text": "I am ? sad"}


def test_a_visits_notes_are_sealed_at_one_size_however_long() -> None:
    public = X25519PrivateKey.generate().public_key().public_bytes_raw()
    short = seal_json(public, {"priya": "Fine.", "sam": "ok"}, "v-1")
    long = seal_json(public, {"priya": "Talked about school. " * 80, "sam": "ŵ" * 900}, "v-2")
    assert len(base64.b64encode(short)) == len(base64.b64encode(long))
