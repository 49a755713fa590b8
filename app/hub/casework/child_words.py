"""What a child kept for their worker that nobody at the agency has opened yet.

A child's private message (``worker_messages``) and what they kept for the worker in their
three houses (``houses_for_worker``) arrive sealed: the hub cannot read them, so it cannot
judge them either. What it can say is that they are there and that nobody has opened them
since they came: the caseload puts the household near the top until someone at the agency
opens them (each screen notes its opening in the access log, and that is what is counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, Select, case, func, select

from app.hub.casework.allocation import OPENED_HOUSES, OPENED_SEALED
from app.hub.db import access_log, records
from app.sync.catalogue import HOUSES_FOR_WORKER, WORKER_MESSAGES

#: Each sealed collection a child writes, and the opening (access-log ``what``) that reads it.
OPENED_BY = {WORKER_MESSAGES: OPENED_SEALED, HOUSES_FOR_WORKER: OPENED_HOUSES}


@dataclass(frozen=True)
class Unopened:
    """A household's sealed words from a child that nobody has opened since they came."""

    count: int
    newest: datetime


def unopened_words(engine: Engine, homes: Select[tuple[str]]) -> dict[str, Unopened]:
    """Each of these households' sealed words from a child received since the last opening of
    their kind (or ever, if never opened), by household."""
    opening = case(OPENED_BY, value=records.c.collection)
    last_opened = (
        select(func.max(access_log.c.at))
        .where(access_log.c.household_id == records.c.household_id, access_log.c.what == opening)
        .scalar_subquery()
    )
    query = (
        select(records.c.household_id, func.count().label("n"),
               func.max(records.c.received_at).label("newest"))
        .where(records.c.collection.in_(tuple(OPENED_BY)), records.c.household_id.in_(homes),
               records.c.deleted.is_(False), records.c.sealed.is_(True),
               last_opened.is_(None) | (records.c.received_at > last_opened))
        .group_by(records.c.household_id)
    )
    with engine.connect() as connection:
        return {row.household_id: Unopened(int(row.n), row.newest)
                for row in connection.execute(query)}
