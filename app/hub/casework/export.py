"""Everything the hub holds for one household, written out: for the family, or for a court.

Under UK GDPR a family may ask for a copy of what the agency holds about them. The export is
one JSON file with every record the hub holds for the household (each record's collection,
id, revision, author, times and body), the edits still waiting to be settled, and the devices
that were paired. A sealed message stays sealed (its bytes in base64): only the agency key
opens it, and this file must not be a way round that. If the reports package is there, a
readable PDF of the same records is written beside it.
"""

from __future__ import annotations

import base64
import importlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from app.hub.admin import UnknownHousehold
from app.hub.caseload import body_json
from app.hub.casework.retention import HouseholdErased, case_state
from app.hub.db import conflicts, devices, records

log = logging.getLogger(__name__)

FORMAT = "homeward-household-export"
VERSION = 1


class ExportExists(FileExistsError):
    """An export of this household is already in the folder; it is not overwritten."""


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the JSON file, and the PDF beside it if reports could be made."""

    json_path: Path
    pdf_path: Path | None
    records: int


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _record(row: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "collection": row.collection, "id": row.record_id, "revision": int(row.revision),
        "author": row.author, "shard": row.shard, "hlc": row.hlc,
        "received_at": _time(row.received_at), "withdrawn_at": _time(row.withdrawn_at),
        "deleted": bool(row.deleted), "urgent": bool(row.urgent), "sealed": bool(row.sealed),
    }
    if row.sealed:
        item["sealed_body"] = base64.b64encode(bytes(row.body or b"")).decode("ascii")
    else:
        item["body"] = body_json(row.body)
    return item


def _conflict(row: Any) -> dict[str, Any]:
    return {
        "collection": row.collection, "id": row.record_id, "revision": int(row.revision),
        "author": row.author, "received_at": _time(row.received_at),
        "resolved_at": _time(row.resolved_at), "resolution": row.resolution,
        "deleted": bool(row.deleted), "body": body_json(row.body),
    }


def household_export(engine: Engine, household_id: str, now: datetime) -> dict[str, Any]:
    """The export of one household as a JSON-ready dict.

    Raises:
        UnknownHousehold: no household has this id.
        HouseholdErased: its records were erased; there is nothing left to export.
    """
    state = case_state(engine, household_id)
    if state is None:
        raise UnknownHousehold(household_id)
    if state.erased_at is not None:
        raise HouseholdErased(household_id)
    with engine.connect() as connection:
        rows = connection.execute(select(records).where(
            records.c.household_id == household_id).order_by(records.c.seq)).all()
        crossed = connection.execute(select(conflicts).where(
            conflicts.c.household_id == household_id).order_by(conflicts.c.id)).all()
        paired = connection.execute(select(devices).where(
            devices.c.household_id == household_id).order_by(devices.c.paired_at)).all()
    return {
        "format": FORMAT, "version": VERSION, "made_at": now.isoformat(),
        "household": {"id": state.id, "name": state.name, "closed_at": _time(state.closed_at),
                      "retention_days": state.retention_days},
        "records": [_record(row) for row in rows],
        "conflicts": [_conflict(row) for row in crossed],
        "devices": [{"id": d.id, "paired_at": _time(d.paired_at),
                     "last_seen_at": _time(d.last_seen_at), "revoked_at": _time(d.revoked_at)}
                    for d in paired],
    }


def readable_bodies(export: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The bodies of the export's records, by collection, in the order the hub received them.

    What the printed copy is made from: sealed, removed and withdrawn records have no body to
    print (the JSON file still lists them).
    """
    grouped: dict[str, list[dict[str, Any]]] = {}
    for item in export["records"]:
        if isinstance(item.get("body"), dict):
            grouped.setdefault(item["collection"], []).append(item["body"])
    return grouped


def pdf_maker() -> Callable[..., bytes] | None:
    """``app.reports.household_export`` if this installation has the reports package."""
    try:
        reports = importlib.import_module("app.reports")
    except ImportError:
        return None
    made = getattr(reports, "household_export", None)
    return made if callable(made) else None


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, readable by its owner only; a failed write
    leaves no part-written file behind."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def export_household(engine: Engine, household_id: str, folder: Path,
                     now: datetime) -> Exported:
    """Write ``<folder>/<household id>.json`` (and ``.pdf`` when reports can be made).

    Raises:
        UnknownHousehold, HouseholdErased: as :func:`household_export`.
        ExportExists: an export of this household is already in the folder.
        OSError: the folder cannot be made or written to.
    """
    export = household_export(engine, household_id, now)
    json_path = folder / f"{household_id}.json"
    pdf_path = folder / f"{household_id}.pdf"
    for path in (json_path, pdf_path):
        if path.exists():
            raise ExportExists(str(path))
    make_pdf = pdf_maker()
    # The printed copy says its times in words, on this computer's clock.
    pdf = None if make_pdf is None else make_pdf(readable_bodies(export),
                                                 export["household"]["name"], now.astimezone())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = json.dumps(export, ensure_ascii=False, indent=1, sort_keys=True)
    _write_new(json_path, text.encode("utf-8"))
    if pdf is None:
        return Exported(json_path, None, len(export["records"]))
    _write_new(pdf_path, pdf)
    return Exported(json_path, pdf_path, len(export["records"]))
