"""Loads an agency of the size ``hub_scale.py`` measures straight into PostgreSQL with COPY.

Not through the API: five million records pushed at 10,000 a second would take most of the
run. The rows are what pushes would have left behind: each household's people first, then a
year of family records (check-ins, chore ticks, notes, diary entries, circle turns, safety
ratings and now and then a safety alert that a worker marks seen), in time order with server
sequence numbers, from one to three devices per household, sharded by month. Households differ
in size (a lognormal spread: the busiest writes several times what a typical one does) and in
when they joined; each is allocated to one of the agency's workers (about thirty each).

Bodies follow the shapes the devices send (``sync_records``); they are made from a few
templates per kind with the ids and times filled in, which is quick enough to write millions.
"""

from __future__ import annotations

import json
import random
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from sqlalchemy import Engine, insert, text
from sync_records import Household, _body, people_records

from app.hub.casework.allocation import OPENED_HOUSES, OPENED_SEALED
from app.hub.db import access_log, allocations, households, records, workers

HOUSEHOLDS_PER_WORKER = 30
TEMPLATES_PER_KIND = 40
#: Kinds of family record by ``sync_records._body``'s numbering, with alerts added here.
ALERT_SHARE = 0.0005
#: Sealed words for the worker (messages, things a child kept in the three houses): a few a
#: year in a typical household; the caseload counts the ones nobody has opened.
SEALED_SHARE = 0.002
SEALED_KINDS = ("worker_messages", "houses_for_worker")
SEEN_AFTER = timedelta(hours=2)
COLUMNS = ("household_id", "record_id", "collection", "revision", "hlc", "deleted", "urgent",
           "sealed", "body", "device_id", "received_at", "seq", "shard", "base_revision",
           "author", "schema", "withdrawn_at")
_TEMPLATE_HOME = Household(("{p0}", "{p1}"), ("{p2}", "{p3}"),
                           tuple(f"{{c{n}}}" for n in range(6)), "{circle}")


@dataclass(frozen=True)
class Agency:
    """What the loader made: the ids ``hub_scale`` picks its samples from."""

    households: list[str]
    sizes: dict[str, int]
    devices: dict[str, list[str]]
    workers: list[int]
    now: datetime
    records: int


def _template(kind: int, rng: random.Random) -> tuple[str, str, str]:
    """(collection, body format string, the placeholder of its author) for one kind."""
    collection, body = _body(kind, rng, _TEMPLATE_HOME, datetime(2026, 1, 1, tzinfo=UTC))
    author = body["created_by"].strip("{}")
    body["id"] = "{id}"
    body["created_at"] = "{at}"
    for name in ("day",):
        if name in body:
            body[name] = "{day}"
    for name in ("checkin_id", "entry_id"):
        if name in body:
            body[name] = "{id}"
    plain = json.dumps(body, separators=(",", ":"))
    # Escape JSON's own braces, then let the placeholders through.
    escaped = plain.replace("{", "{{").replace("}", "}}")
    for name in ("id", "at", "day", "p0", "p1", "p2", "p3", "circle",
                 *(f"c{n}" for n in range(6))):
        escaped = escaped.replace("{{" + name + "}}", "{" + name + "}")
    return collection, escaped, author


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _sizes(count: int, total: int, rng: random.Random) -> list[int]:
    weights = [rng.lognormvariate(0, 0.5) for _ in range(count)]
    scale = total / sum(weights)
    return [max(8, round(weight * scale)) for weight in weights]


def _household_rows(household_id: str, size: int, devices: list[str], start: datetime,
                    now: datetime, templates: list[list[tuple[str, str, str]]],
                    rng: random.Random) -> Iterator[tuple[Any, ...]]:
    """One household's record rows, oldest first, with sequence numbers from 1."""
    home = Household.make(rng)
    names = {"p0": home.parents[0], "p1": home.parents[1], "p2": home.children[0],
             "p3": home.children[1], "circle": home.circle,
             **{f"c{n}": chore for n, chore in enumerate(home.chores)}}
    seq = 0
    first = devices[0]
    for made in people_records(home, first[:8], start):
        seq += 1
        yield (household_id, made["id"], "members", 1, made["hlc"], False, False, False,
               json.dumps(made["body"]).encode(), first, start, seq, None, 0, None, 1, None)
    span = (now - start).total_seconds()
    moments = sorted(rng.random() * span for _ in range(size - seq))
    for offset in moments:
        at = start + timedelta(seconds=offset)
        millis = int(at.timestamp() * 1000)
        device = rng.choice(devices)
        hlc = f"{millis:013d}-0000-{device[:8]}"
        stamp = at.isoformat(timespec="seconds")
        record_id = _uuid(rng)
        seq += 1
        if rng.random() < ALERT_SHARE:
            child = rng.choice(home.children)
            body = {"id": record_id, "child_id": child, "source": "help_button",
                    "created_by": child, "created_at": stamp,
                    "visible_to": ["household", "worker"], "urgent": True, "synced": True}
            yield (household_id, record_id, "safety_alerts", 1, hlc, False, True, False,
                   json.dumps(body).encode(), device, at, seq, stamp[:7], 0, child, 1, None)
            if rng.random() < 0.9:
                seen_at = at + SEEN_AFTER
                seen = {"id": _uuid(rng), "alert_id": record_id, "created_by": "agency:1",
                        "created_at": seen_at.isoformat(timespec="seconds")}
                seq += 1
                yield (household_id, seen["id"], "safety_alerts_seen", 1,
                       f"{int(seen_at.timestamp() * 1000):013d}-0000-hub", False, False, False,
                       json.dumps(seen).encode(), None, seen_at, seq, None, 0, "agency:1", 1,
                       None)
            continue
        if rng.random() < SEALED_SHARE:
            child = rng.choice(home.children)
            yield (household_id, record_id, rng.choice(SEALED_KINDS), 1, hlc, False, False, True,
                   rng.randbytes(rng.randint(150, 600)), device, at, seq, None, 0, child, 1,
                   None)
            continue
        collection, template, author = rng.choice(templates[rng.randrange(20)])
        filled = template.format(id=record_id, at=stamp, day=stamp[:10], **names).encode()
        yield (household_id, record_id, collection, 1, hlc, False, False, False, filled, device,
               at, seq, stamp[:7], 0, names[author], 1, None)


def _open_sealed_words(engine: Engine, ids: list[str], worker_count: int, now: datetime,
                       rng: random.Random) -> None:
    """The access log of a year: each household's worker opened its sealed words now and then
    (every week or so, the last time up to a month ago), so some words wait and most do not."""
    rows = []
    for n, hid in enumerate(ids):
        worker = n % worker_count + 1
        for what in (OPENED_SEALED, OPENED_HOUSES):
            last = now - timedelta(days=rng.uniform(0, 30))
            rows += [{"worker_id": worker, "household_id": hid, "what": what,
                      "at": last - timedelta(days=7 * week)} for week in range(52)]
    with engine.begin() as connection:
        connection.execute(insert(access_log), rows)


def _drop_record_indexes(engine: Engine) -> None:
    with engine.begin() as connection:
        for index in records.indexes:
            index.drop(connection, checkfirst=True)
        connection.execute(text("ALTER TABLE records DROP CONSTRAINT IF EXISTS records_pkey"))


def _build_record_indexes(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("SET maintenance_work_mem = '1GB'"))
        connection.execute(text("ALTER TABLE records ADD PRIMARY KEY (household_id, record_id)"))
        for index in records.indexes:
            index.create(connection, checkfirst=True)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE records"))
        connection.execute(text("ANALYZE"))


def load_agency(engine: Engine, dsn: str, household_count: int, record_count: int,
                seed: int = 2026, log: Any = sys.stderr) -> Agency:
    """Load an agency into a migrated, empty hub database; return what ``hub_scale`` samples."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    year_ago = now - timedelta(days=365)
    ids = [_uuid(rng) for _ in range(household_count)]
    sizes = dict(zip(ids, _sizes(household_count, record_count, rng), strict=True))
    starts = {hid: year_ago + timedelta(days=rng.choice([0, 0, 0, rng.uniform(0, 300)]))
              for hid in ids}
    devices = {hid: [_uuid(rng) for _ in range(rng.choice([1, 2, 2, 2, 3]))] for hid in ids}
    worker_count = max(1, -(-household_count // HOUSEHOLDS_PER_WORKER))
    with engine.begin() as connection:
        connection.execute(insert(workers), [
            {"id": n + 1, "name": f"Worker {n + 1}", "username": f"worker{n + 1}",
             "password_hash": "-", "created_at": year_ago, "role": "worker"}
            for n in range(worker_count)])
        connection.execute(insert(households), [
            {"id": hid, "name": f"Household {n + 1}", "created_at": starts[hid],
             "last_seq": 0} for n, hid in enumerate(ids)])
        connection.execute(insert(allocations), [
            {"household_id": hid, "worker_id": n % worker_count + 1, "allocated_at": starts[hid]}
            for n, hid in enumerate(ids)])
        connection.execute(text(
            "INSERT INTO devices (id, household_id, public_key, token_hash, paired_at) "
            "VALUES (:id, :household, :key, :token, :at)"),
            [{"id": device, "household": hid, "key": rng.randbytes(32), "token": "0" * 64,
              "at": starts[hid]} for hid in ids for device in devices[hid]])
    templates = [[_template(kind, rng) for _ in range(TEMPLATES_PER_KIND)] for kind in range(20)]
    _drop_record_indexes(engine)
    started = time.perf_counter()
    written = 0
    last_seq: dict[str, int] = {}
    with psycopg.connect(dsn) as raw, raw.cursor() as cursor, cursor.copy(
            f"COPY records ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for n, hid in enumerate(ids):
            for row in _household_rows(hid, sizes[hid], devices[hid], starts[hid], now,
                                       templates, rng):
                copy.write_row(row)
                last_seq[hid] = row[11]
                written += 1
            if n % 100 == 99:
                rate = written / (time.perf_counter() - started)
                print(f"  {n + 1:,} households, {written:,} records ({rate:,.0f}/s)", file=log)
    print(f"  copied {written:,} records in {time.perf_counter() - started:.0f} s; "
          "building indexes", file=log)
    with engine.begin() as connection:
        connection.execute(text("UPDATE households SET last_seq = :seq WHERE id = :id"),
                           [{"seq": seq, "id": hid} for hid, seq in last_seq.items()])
    _build_record_indexes(engine)
    _open_sealed_words(engine, ids, worker_count, now, rng)
    actual = {hid: 0 for hid in ids}
    with engine.connect() as connection:
        for hid, count in connection.execute(text(
                "SELECT household_id, count(*) FROM records GROUP BY household_id")):
            actual[hid] = int(count)
    return Agency(ids, actual, devices, list(range(1, worker_count + 1)), now, written)
