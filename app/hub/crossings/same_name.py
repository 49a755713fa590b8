"""One person added on two devices at once: a new member named like another is a conflict.

Each device refuses a second "Ella" (``same_name_key``), but only against its own copy. Jo adds
"Ella" on the phone and "ella" on the tablet, both offline: each is fine where it was made,
yet after a sync every device would list two Ellas, her check-ins and chores split between
them. So the hub, which sees each device's people in turn under the household's lock, answers
a new person whose name a child could not tell from another's (held here, or new earlier in
the same push) ``conflict`` and files them for a worker, without storing them yet: the device
shows its "crossed" note until the worker says whether they are two people.

While they wait, what the device records as them (a check-in the tablet's Ella makes) is
still taken (``waiting_people``): whichever way the worker settles it, nothing of hers is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from app.domain.people import clean_name, same_name_key
from app.hub.db import conflicts
from app.hub.record_rows import MEMBERS
from app.hub.sync import Record


def active_name(deleted: bool, body: bytes | dict[str, Any] | None) -> str | None:
    """The name of a ``members`` revision who is still in the household, else None."""
    if deleted or body is None:
        return None
    try:
        member: Any = json.loads(body) if isinstance(body, bytes) else body
    except ValueError:
        return None
    if not isinstance(member, dict) or member.get("removed_at") is not None:
        return None
    name = member.get("name")
    return name if isinstance(name, str) and name.strip() else None


@dataclass
class NamesTaken:
    """The names of the household's people as a push goes on, by person."""

    keys: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, held: Mapping[str, Record]) -> NamesTaken:
        """The names of the people the hub holds (``held``: its ``members`` revisions)."""
        taken = cls()
        for record in held.values():
            taken.stored(record)
        return taken

    def taken_by_another(self, record: Record, held: object | None) -> bool:
        """True if ``record`` is a new person named like someone already in the household."""
        if record.collection != MEMBERS or held is not None or record.sealed:
            return False
        name = active_name(record.deleted, record.body)
        if name is None:
            return False
        key = _key(name)
        return any(kept == key for who, kept in self.keys.items() if who != record.id)

    def stored(self, record: Record) -> None:
        """Note a stored ``members`` revision (someone added, renamed or taken off)."""
        if record.collection != MEMBERS or record.sealed:
            return
        name = active_name(record.deleted, record.body)
        if name is None:
            self.keys.pop(record.id, None)
        else:
            self.keys[record.id] = _key(name)


def _key(name: str) -> str:
    """What a name is compared by, as the device compares it: spaces collapsed first."""
    return same_name_key(clean_name(name))


def waiting_people(connection: Connection, household_id: str, incoming: Iterable[Record],
                   people: set[str]) -> set[str]:
    """The authors in ``incoming`` who are not yet the household's people but wait for a worker
    to say whether they are (a same-name person filed as a conflict, not yet settled)."""
    unknown = {record.author for record in incoming
               if record.author is not None and record.author not in people}
    if not unknown:
        return set()
    return set(connection.execute(select(conflicts.c.record_id).where(
        conflicts.c.household_id == household_id, conflicts.c.collection == MEMBERS,
        conflicts.c.resolved_at.is_(None), conflicts.c.record_id.in_(unknown),
    )).scalars())
