"""One version of the agreement signed on several devices at once: put together at the hub.

Jo signs on the phone, Sam on the tablet and Mia on the carer's phone before any of them
syncs: the three revisions of the version cross, but none changed its words, so a worker
would only be asked to choose whose signatures to lose. Instead the hub keeps them all
(``signed_together``) as its next revision, which every device pulls. Versions whose words
differ still cross, and so does anything the hub cannot read whole, or a signature or "Not
yet" of someone who is not one of this household's people: a device cannot slip a signature
into the agreement by having it put together.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from app.domain.agreement import AgreementVersion
from app.domain.agreement.signing_together import signed_together
from app.hub.record_rows import Held, held_bodies
from app.hub.revisions import CONFLICT, DUPLICATE, compact_json
from app.hub.sync import Record, hub_hlc

AGREEMENTS = "agreement_versions"


def put_together(connection: Connection, household_id: str, record: Record, held: Held,
                 people: set[str], now: datetime) -> tuple[str, Record | None]:
    """The answer for a pushed revision that crossed with the hub's, and the hub's next
    revision with both signings in it.

    ``duplicate`` with that revision (or with none, when the hub's has every signing already)
    if they can be put together; else ``conflict``, with none, as any crossed revision.
    """
    crossed = (CONFLICT, None)
    if (record.collection != AGREEMENTS or record.deleted or record.sealed or held.withdrawn
            or record.body is None):
        return crossed
    held_body = held_bodies(connection, household_id, {record.id}).get(record.id)
    mine, theirs = _version(held_body), _version(record.body)
    if mine is None or theirs is None:
        return crossed
    together = signed_together(mine, theirs)
    if together is None or not _signed_by_people(together, people):
        return crossed
    if together == mine:
        return DUPLICATE, None
    return DUPLICATE, Record(
        record.id, AGREEMENTS, held.revision + 1, max(record.hlc, hub_hlc(now)), False, False,
        False, compact_json(together.to_json()), record.shard, held.revision, record.author,
        record.schema)


def _version(body: bytes | None) -> AgreementVersion | None:
    """The version in ``body``, only if it reads back whole: nothing the hub does not know
    of a newer Homeward's version is ever dropped by putting it together."""
    if body is None:
        return None
    try:
        found: Any = json.loads(body)
        version = AgreementVersion.from_json(found)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return version if version.to_json() == found else None


def _signed_by_people(version: AgreementVersion, people: set[str]) -> bool:
    """True if everyone who signed or said "Not yet" is one of the household's people."""
    return (all(signature.member_id in people for signature in version.signatures)
            and all(said.member_id in people for said in version.not_yet))
