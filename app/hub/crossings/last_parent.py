"""A household always keeps a parent: a pushed change that would leave none is a conflict.

Each device checks that nobody takes off the last parent, but only against its own copy. Jo
on the phone takes Alex off while Alex, on the carer's phone, takes Jo off: each change is
fine where it was made and they touch different records, yet together nobody could add a
parent back. So the hub, which sees every device's changes in turn under the household's
lock, answers the one that would leave no parent ``conflict`` and files it for a worker. The
parent is kept: written again as the hub's next revision, so the device that took them off
gets them back on its next pull, with its "crossed" note open until the worker settles it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from app.domain.people import Role
from app.hub.db import records
from app.hub.record_rows import MEMBERS
from app.hub.sync import Record, hub_hlc


def is_active_parent(deleted: bool, body: bytes | None) -> bool:
    """True if a ``members`` revision is a parent still in the household."""
    if deleted or body is None:
        return False
    try:
        member: Any = json.loads(body)
    except ValueError:
        return False
    return (isinstance(member, dict) and member.get("role") == Role.PARENT.value
            and member.get("removed_at") is None)


@dataclass
class ParentsKept:
    """The household's parents as a push goes on: who the hub holds, and whom it has stored.

    Only parents actually stored count as staying (held, or stored earlier in this push): a
    device adds Alex before it takes Jo off, and pushes its people oldest first. A new parent
    the push only brings (``same_name`` may file him for a worker, not store him) is not
    counted, or the hub could be left with no parent at all.

    Only read when the batch changes someone (``read``): most pushes never touch people.
    """

    held: dict[str, Record] = field(default_factory=dict)
    active: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, connection: Connection, household_id: str,
             incoming: Iterable[Record]) -> ParentsKept:
        """What the hub holds of the household's people, if the batch changes any of them."""
        people = [record for record in incoming if record.collection == MEMBERS]
        if not people:
            return cls()
        rows = connection.execute(select(
            records.c.record_id, records.c.revision, records.c.hlc, records.c.deleted,
            records.c.sealed, records.c.body, records.c.shard, records.c.author,
            records.c.schema,
        ).where(records.c.household_id == household_id, records.c.collection == MEMBERS))
        held = {row.record_id: Record(
            row.record_id, MEMBERS, row.revision, row.hlc, row.deleted, False, row.sealed,
            None if row.body is None else bytes(row.body), row.shard, author=row.author,
            schema=row.schema) for row in rows}
        active = {rid for rid, kept in held.items()
                  if not kept.sealed and is_active_parent(kept.deleted, kept.body)}
        return cls(held, active)

    def would_leave_none(self, record: Record) -> bool:
        """True if storing ``record`` takes off the household's last parent."""
        if record.id not in self.active or is_active_parent(record.deleted, record.body):
            return False
        return not self.active - {record.id}

    def stored(self, record: Record) -> None:
        """Note a stored ``members`` revision (a parent added, taken off, or kept again)."""
        if record.collection != MEMBERS:
            return
        self.held[record.id] = record
        if is_active_parent(record.deleted, record.body):
            self.active.add(record.id)
        else:
            self.active.discard(record.id)

    def kept_again(self, record_id: str, revision: int, now: datetime) -> Record:
        """The parent as the hub holds them, as its revision ``revision`` + 1, for every device
        (the one that took them off, above all) to pull."""
        kept = self.held[record_id]
        return replace(kept, revision=revision + 1, base_revision=revision,
                       hlc=max(kept.hlc, hub_hlc(now)))
