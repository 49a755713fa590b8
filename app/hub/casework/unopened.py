"""Sealed words for the worker that nobody at the agency has opened yet.

A private message for the worker (``worker_messages``: a child's, or a parent's) and what a
child kept for the worker in their three houses (``houses_for_worker``) arrive sealed,
without their author: the hub cannot read them, so it cannot judge them either. What it can
say is that they are there and that nobody has opened them since they came: the caseload
puts the household near the top until someone at the agency opens them (each screen notes
its opening in the access log, and that is what is counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, Select, case, func, literal, select

from app.hub.casework.allocation import OPENED_HOUSES, OPENED_SEALED
from app.hub.db import UtcDateTime, access_log, households, records
from app.sync.catalogue import HOUSES_FOR_WORKER, WORKER_MESSAGES

#: Before any opening: every sealed word counts until its kind is first opened.
NEVER = literal(datetime(1970, 1, 1, tzinfo=UTC), UtcDateTime())

#: Each sealed collection for the worker, and the opening (access-log ``what``) that reads it.
OPENED_BY = {WORKER_MESSAGES: OPENED_SEALED, HOUSES_FOR_WORKER: OPENED_HOUSES}


@dataclass(frozen=True)
class Unopened:
    """A household's sealed words for the worker that nobody has opened since they came."""

    count: int
    newest: datetime
    by_kind: dict[str, int]  # how many of each collection (messages, the houses' kept things)


def unopened_words(engine: Engine, homes: Select[tuple[str]]) -> dict[str, Unopened]:
    """Each of these households' sealed words for the worker received since the last opening
    of their kind (or ever, if never opened), by household."""
    opening = case(OPENED_BY, value=records.c.collection)
    last_opened = (
        select(func.max(access_log.c.at))
        .where(access_log.c.household_id == records.c.household_id, access_log.c.what == opening)
        .scalar_subquery()
    )
    query = (
        select(records.c.household_id, records.c.collection, func.count().label("n"),
               func.max(records.c.received_at).label("newest"))
        .where(records.c.collection.in_(tuple(OPENED_BY)), records.c.household_id.in_(homes),
               records.c.deleted.is_(False), records.c.sealed.is_(True),
               records.c.received_at > func.coalesce(last_opened, NEVER))
        .group_by(records.c.household_id, records.c.collection)
    )
    found: dict[str, Unopened] = {}
    with engine.connect() as connection:
        for row in connection.execute(query):
            before = found.get(row.household_id)
            kinds = {**(before.by_kind if before else {}), row.collection: int(row.n)}
            newest = row.newest if before is None else max(before.newest, row.newest)
            found[row.household_id] = Unopened(sum(kinds.values()), newest, kinds)
    return found


def unopened_in(engine: Engine, household_id: str) -> Unopened | None:
    """One household's sealed words for the worker that nobody has opened yet, if any."""
    return unopened_words(engine, select(households.c.id).where(
        households.c.id == household_id)).get(household_id)
