"""What the hub holds for one household, written out: for the family, or for a court.

Under UK GDPR a family may ask for a copy of what the agency holds about them. The export is
one JSON file with the household's records (each record's collection, id, revision, author,
times and body), the edits still waiting to be settled, and the devices that were paired. If
the reports package is there, a readable PDF of the same records is written beside it.

The family's copy, the one made unless asked otherwise, leaves out what no screen at home
shows (rule 7): safety alerts, messages and Three Houses things sealed for the worker (not even
their number or dates), and a child's safety rating that raised an alert. It is read as the
whole family reads Homeward at home, as the device's own export without a named reader is
(rule 2): no parent's diary or carer's own wellbeing check-in (each downloads their own on the
device), and a child's "Why?" on the safety scale blanked unless the child said the grown-ups
may read it. The PDF is made from the same records, through the same filter (``at_home``).

The full copy, for the agency or a court, holds every record, is named
``-not-for-the-family``, and must never be given to the family; a sealed message stays sealed
in it (its bytes in base64): only the agency key opens it.

The JSON file is written first: a record the PDF cannot lay out leaves the family their file.
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

from app.domain.people import Role
from app.hub.admin import UnknownHousehold
from app.hub.caseload import body_json
from app.hub.casework.retention import HouseholdErased, case_state
from app.hub.db import conflicts, devices, records
from app.sync.catalogue import LEFT_OUT_AT_HOME, SEALED_COLLECTIONS
from app.sync.home import MEMBERS, read_at_home

log = logging.getLogger(__name__)

FORMAT = "homeward-household-export"
VERSION = 1
FOR_THE_FAMILY = "for-the-family"
NOT_FOR_THE_FAMILY = "full-not-for-the-family"
PdfMaker = Callable[..., bytes]


class ExportExists(FileExistsError):
    """An export of this household is already in the folder; it is not overwritten."""


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the JSON file, and the PDF beside it if reports could be made.

    ``not_printed``: the PDF was tried and could not be made (``app.reports.PrintFailed``).
    """

    json_path: Path
    pdf_path: Path | None
    records: int
    not_printed: bool = False


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
    # Only the sealed kinds are filed sealed (``app.hub.intake``): kept as sent, like a record.
    sealed = row.collection in SEALED_COLLECTIONS
    item = {
        "collection": row.collection, "id": row.record_id, "revision": int(row.revision),
        "author": row.author, "received_at": _time(row.received_at),
        "resolved_at": _time(row.resolved_at), "resolution": row.resolution,
        "deleted": bool(row.deleted), "sealed": sealed,
    }
    if sealed:
        item["sealed_body"] = base64.b64encode(bytes(row.body or b"")).decode("ascii")
    else:
        item["body"] = body_json(row.body)
    return item


def _roles(items: list[dict[str, Any]]) -> dict[str, Role]:
    """Everyone's role by member id, from the household's member records."""
    known = {role.value: role for role in Role}
    bodies = [item.get("body") or {} for item in items if item["collection"] == MEMBERS]
    return {str(body["id"]): known[role] for body in bodies
            if "id" in body and isinstance(role := body.get("role"), str) and role in known}


def at_home(item: dict[str, Any], roles: dict[str, Role]) -> dict[str, Any] | None:
    """A record (or an edit waiting to be settled) as the family's copy and the PDF hold it,
    or None when they leave it out: never one sealed for the worker, a safety alert, or a
    rating that raised one (rule 7), and read as the family reads it at home (rule 2,
    ``read_at_home``): no diary or carer's own check-in, no child's "Why?" for the worker."""
    collection = item["collection"]
    if collection in LEFT_OUT_AT_HOME or item.get("sealed"):
        return None
    body = item.get("body")
    read = read_at_home(collection, body if isinstance(body, dict) else {}, roles)
    if read is None:
        return None
    return {**item, "body": read} if isinstance(body, dict) else item


def _family_copy(items: list[dict[str, Any]], roles: dict[str, Role]) -> list[dict[str, Any]]:
    return [read for item in items if (read := at_home(item, roles)) is not None]


def household_export(engine: Engine, household_id: str, now: datetime, *,
                     for_the_family: bool = True) -> dict[str, Any]:
    """The export of one household as a JSON-ready dict: the family's copy, or with
    ``for_the_family=False`` the agency's full copy, which must not be given to the family.

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
    held = [_record(row) for row in rows]
    waiting = [_conflict(row) for row in crossed]
    if for_the_family:
        roles = _roles(held)
        held = _family_copy(held, roles)
        waiting = _family_copy(waiting, roles)
    return {
        "format": FORMAT, "version": VERSION, "made_at": now.isoformat(),
        "copy": FOR_THE_FAMILY if for_the_family else NOT_FOR_THE_FAMILY,
        "household": {"id": state.id, "name": state.name, "closed_at": _time(state.closed_at),
                      "retention_days": state.retention_days},
        "records": held,
        "conflicts": waiting,
        "devices": [{"id": d.id, "paired_at": _time(d.paired_at),
                     "last_seen_at": _time(d.last_seen_at), "revoked_at": _time(d.revoked_at)}
                    for d in paired],
    }


def readable_bodies(export: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The bodies of the export's records, by collection, in the order the hub received them.

    What the printed copy is made from, whichever copy ``export`` is: only what the family's
    copy holds (``at_home``), and of that only records with a body to print (removed and
    withdrawn ones have none; the JSON file still lists them).
    """
    grouped: dict[str, list[dict[str, Any]]] = {}
    for item in _family_copy(export["records"], _roles(export["records"])):
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


def _printed(make_pdf: PdfMaker, export: dict[str, Any]) -> bytes | None:
    """The readable PDF of ``export``, or None if a record could not be laid out on paper."""
    from app.reports import PrintFailed  # importable: ``make_pdf`` came from there

    try:
        # The printed copy says its times in words, on this computer's clock.
        return make_pdf(readable_bodies(export), export["household"]["name"],
                        datetime.fromisoformat(export["made_at"]).astimezone())
    except PrintFailed:
        household = export["household"]["id"]
        log.warning("No printed copy of household %s: a record cannot be laid out", household,
                    exc_info=True)
        return None


def export_household(engine: Engine, household_id: str, folder: Path, now: datetime, *,
                     for_the_family: bool = True,
                     printer: Callable[[], PdfMaker | None] = pdf_maker) -> Exported:
    """Write ``<folder>/<household id>.json`` (and ``.pdf`` when reports can be made): the
    family's copy, or with ``for_the_family=False`` the full copy, named
    ``<household id>-not-for-the-family``. ``printer`` finds what makes the PDF.

    Raises:
        UnknownHousehold, HouseholdErased: as :func:`household_export`.
        ExportExists: an export of this household is already in the folder.
        OSError: the folder cannot be made or written to.
    """
    export = household_export(engine, household_id, now, for_the_family=for_the_family)
    stem = household_id if for_the_family else f"{household_id}-not-for-the-family"
    json_path = folder / f"{stem}.json"
    pdf_path = folder / f"{stem}.pdf"
    for path in (json_path, pdf_path):
        if path.exists():
            raise ExportExists(str(path))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = json.dumps(export, ensure_ascii=False, indent=1, sort_keys=True)
    _write_new(json_path, text.encode("utf-8"))  # first: the file the family is owed
    count = len(export["records"])
    make_pdf = printer()
    if make_pdf is None:
        return Exported(json_path, None, count)
    pdf = _printed(make_pdf, export)
    if pdf is None:
        return Exported(json_path, None, count, not_printed=True)
    _write_new(pdf_path, pdf)
    return Exported(json_path, pdf_path, count)
