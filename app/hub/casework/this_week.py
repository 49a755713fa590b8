"""How much of something each household did lately, counted in SQL for the caseload.

Check-ins and strengths are counted by row: each is its own moment. A ritual is different: a
household has several devices, and the bedtime story marked done on the tablet and on a
parent's phone while apart is two rows for one evening. The family's own screens count it once
a day, by its first mark (``app.domain.rituals.rituals_done``), so the caseload does the same:
rows are grouped by the fields that say which thing was done when (the ritual and its day),
and a group counts only if its first mark is in the stretch. The grouping is done by the
database, and every count comes back in one query: a few numbers a household, never the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Engine,
    Select,
    String,
    Text,
    case,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)

from app.hub.db import records

#: The marks of one thing on one day are all made that day, on whichever device's clock; so
#: reading from this long before the stretch finds the first mark of every day that reaches
#: into it, without reading a household's whole history.
SAME_DAY_MARKS = timedelta(days=2)


def stamp(moment: datetime) -> str:
    """The clock stamp a record made at ``moment`` starts with (milliseconds, 13 digits), which
    the records index orders by."""
    return f"{int(moment.timestamp() * 1000):013d}"


#: How JSON writes a NUL character, which PostgreSQL's JSON cannot hold: it refuses the whole
#: query on meeting one, in any row it reads. The hub refuses such a body now
#: (``app.hub.intake``), but a row stored before must not stop every worker's caseload
#: (rule 1), so the escape is read as U+FFFD, the character for one that cannot be shown.
#: Swapping six characters for six keeps any body valid JSON: where the backslash is the
#: second of an escaped backslash ("\\u0000", words that only look like the escape), the
#: rest is plain text either way.
NUL_ESCAPE, STAND_IN = "\\u0000", "\\ufffd"


def _readable_body(dialect: str) -> ColumnElement[Any]:
    """A record's body as JSON the database can read; NULL for a sealed one (ciphertext).

    The CASE, not the query's filter on ``sealed``, keeps ciphertext from ever being decoded:
    the database may test the filters in any order.
    """
    if dialect == "postgresql":
        text = func.replace(func.convert_from(records.c.body, literal("UTF8")),
                            literal(NUL_ESCAPE), literal(STAND_IN))
        return case((records.c.sealed.is_(False), cast(text, JSON)), else_=null())
    return case((records.c.sealed.is_(False), cast(records.c.body, Text)), else_=null())


def body_text(dialect: str, name: str) -> ColumnElement[str]:
    """A top-level field of a record's JSON body, as the database reads it (None if missing).

    The hub stores every readable body as compact UTF-8 JSON (``app.hub.intake``).
    """
    if dialect == "postgresql":
        return _readable_body(dialect)[name].as_string()
    return func.json_extract(_readable_body(dialect), f"$.{name}")


def body_has_text(dialect: str, name: str) -> ColumnElement[bool]:
    """True where a top-level field of a record's JSON body is a string: a mark whose ritual
    or day is a number or an object (no device writes one) is left out, as the pages do."""
    if dialect == "postgresql":
        return func.json_typeof(_readable_body(dialect)[name]) == "string"
    return func.json_type(_readable_body(dialect), f"$.{name}") == "text"


def counted_since(engine: Engine, homes: Select[tuple[str]], since: datetime,
                  collections: Iterable[str], once_each: Mapping[str, tuple[str, ...]]
                  ) -> dict[str, dict[str, int]]:
    """How many records of each collection these households made since ``since``, by
    household and then collection, in one query.

    A record counts one, by its clock stamp (the time the device made it), which the records
    index starts with collection and household for, so no body is read. A collection in
    ``once_each`` counts once for each thing its body's fields name instead (a ritual and its
    day), by its first mark (``first_marked``). Every count comes back together: one round
    trip to the database, as when every kind was counted by row.
    """
    wanted = tuple(collections)
    by_row = tuple(c for c in wanted if c not in once_each)
    parts = [first_marked(engine.dialect.name, homes, c, once_each[c], since)
             for c in wanted if c in once_each]
    if by_row:
        parts.append(
            select(records.c.household_id, records.c.collection, func.count().label("n"))
            .where(records.c.collection.in_(by_row), records.c.household_id.in_(homes),
                   records.c.hlc >= stamp(since), records.c.deleted.is_(False))
            .group_by(records.c.household_id, records.c.collection))
    found: dict[str, dict[str, int]] = {}
    if not parts:
        return found
    with engine.connect() as connection:
        for row in connection.execute(union_all(*parts)):
            found.setdefault(row.household_id, {})[row.collection] = int(row.n)
    return found


def first_marked(dialect: str, homes: Select[tuple[str]], collection: str,
                 fields: tuple[str, ...], since: datetime) -> Select[Any]:
    """How many things each household first marked done since ``since``: (household_id,
    collection, n) rows.

    A thing is what ``fields`` of the body name (a ritual and its day): marked on two devices
    it is one thing, and one first marked before ``since`` is not new, however late a second
    device's mark of it came. A mark missing any of the fields is left out, as the household's
    pages leave out a record they cannot read.
    """
    marks = (
        select(records.c.household_id, records.c.hlc,
               *(body_text(dialect, name).label(f"f{n}") for n, name in enumerate(fields)))
        .where(records.c.collection == collection, records.c.household_id.in_(homes),
               records.c.hlc >= stamp(since - SAME_DAY_MARKS), records.c.deleted.is_(False),
               records.c.sealed.is_(False),
               *(body_has_text(dialect, name) for name in fields))
        .subquery()
    )
    named = [marks.c[f"f{n}"] for n in range(len(fields))]
    things = (
        select(marks.c.household_id)
        .where(*(column.is_not(None) for column in named))
        .group_by(marks.c.household_id, *named)
        .having(func.min(marks.c.hlc) >= stamp(since))
        .subquery()
    )
    return select(things.c.household_id, literal(collection, String).label("collection"),
                  func.count().label("n")).group_by(things.c.household_id)
