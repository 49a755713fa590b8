"""What the hub does when edits from different devices cross in ways ``revisions`` cannot see.

``revisions`` judges one record at a time. Three kinds of crossing need more than that:

* two parents, offline, each taking the other off: two different ``members`` records, so no
  revision crosses, yet together they leave nobody who may run the household
  (``last_parent``: the second removal is a conflict, and the parent is kept);
* one version of the agreement signed on several devices at once: one record, so the
  revisions cross, yet nothing needs choosing, since signing changes no words
  (``signatures``: the signings are put together);
* one person added on two devices at once, offline: two new ``members`` records whose names a
  child could not tell apart (``same_name``: the second is a conflict, not stored, for a worker
  to say whether they are two people; what the device records as them meanwhile is taken).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection

from app.hub.crossings.last_parent import ParentsKept
from app.hub.crossings.same_name import NamesTaken, waiting_people
from app.hub.crossings.signatures import put_together
from app.hub.record_rows import Held
from app.hub.revisions import CONFLICT, STORED
from app.hub.sync import Record


class Crossings:
    """What one push makes of these crossings, under the household's lock.

    ``people`` (the push's authors the hub accepts) gains anyone waiting for a worker to say
    whether they are a second person of the same name: what they record is kept meanwhile.
    """

    def __init__(self, connection: Connection, household_id: str, incoming: Iterable[Record],
                 people: set[str], now: datetime) -> None:
        incoming = list(incoming)
        self._connection = connection
        self._household_id = household_id
        people |= waiting_people(connection, household_id, incoming, people)
        self._people = people
        self._now = now
        self._parents = ParentsKept.read(connection, household_id, incoming)
        self._names = NamesTaken.of(self._parents.held)

    def decide(self, record: Record, held: Held | None, decided: str
               ) -> tuple[str, Record | None]:
        """The answer for ``record`` that ``verdict`` ``decided``, and the hub's own revision
        to store first, if any (the parent kept, or the signings put together)."""
        if decided == STORED and self._names.taken_by_another(record, held):
            return CONFLICT, None  # not stored: a worker says whether they are two people
        if decided == STORED and held is not None and self._parents.would_leave_none(record):
            return CONFLICT, self._parents.kept_again(record.id, held.revision, self._now)
        if decided == CONFLICT and held is not None:
            return put_together(self._connection, self._household_id, record, held,
                                self._people, self._now)
        return decided, None

    def stored(self, record: Record) -> None:
        """Note a revision the push stores (the household's parents or names may have changed)."""
        self._parents.stored(record)
        self._names.stored(record)
