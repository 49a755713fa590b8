"""Edits to settle: a shared document changed on a family's phone and on the hub at once.

Both versions are shown in plain words, side by side on a wide screen and one above the other
on a phone, with what is only in one of them marked. Settling keeps one of them as a new hub
revision, which the family's phones get on their next sync.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any, Literal

import flet as ft

from app import theme
from app.domain.people import Role, same_name_key
from app.hub import conflict_queue
from app.hub.casework.allocation import WriteRefused
from app.hub.crossings.last_parent import is_active_parent
from app.hub.crossings.same_name import active_name
from app.hub.record_rows import MEMBERS
from app.hub.worker import frame
from app.hub.worker.household import changes
from app.hub.worker.household.data import HouseholdRecords, current_doc
from app.hub.worker.household.documents import describe, record_words
from app.hub.worker.household.parts import (
    Unreadable,
    read,
    refused_words,
    section_page,
    use_household,
)
from app.hub.worker.session import WorkerSession, guarded
from app.hub.worker.words import ago, person
from app.i18n import t
from app.views import widgets as w
from app.views.text_size import sized


def version_column(title: str, note: str, lines: list[str], other: list[str]) -> ft.Control:
    """One version's lines; a line the other version lacks is bold and marked "only here"."""
    rows: list[ft.Control] = [
        ft.Text(title, size=sized(16), weight=ft.FontWeight.BOLD, color=theme.TEXT),
        ft.Text(note, size=sized(14), color=theme.MUTED),
    ]
    for text in lines:
        only = text not in other
        rows.append(ft.Text(t("hub.conflicts.only_here", text=text) if only else text,
                            size=sized(15), color=theme.TEXT,
                            weight=ft.FontWeight.W_600 if only else None))
    return ft.Container(ft.Column(rows, spacing=4), col={"xs": 12, "md": 6}, padding=10,
                        border_radius=10, border=ft.Border.all(1, frame.BORDER),
                        bgcolor=theme.BACKGROUND)


def last_parent_kept(conflict: conflict_queue.Conflict, records: HouseholdRecords) -> str | None:
    """The parent's name if the family's version takes off the household's last parent (the
    hub kept them, and keeping the family's version would leave nobody to run the household)."""
    held = records.members.get(conflict.record_id)
    if conflict.collection != MEMBERS or held is None or not held.active:
        return None
    family = None if conflict.body is None else json.dumps(conflict.body).encode("utf-8")
    if held.role is not Role.PARENT or is_active_parent(conflict.deleted, family):
        return None
    others = [m for m in records.members.values()
              if m.id != held.id and m.role is Role.PARENT and m.active]
    return None if others else held.name


def same_name_crossed(conflict: conflict_queue.Conflict,
                      records: HouseholdRecords) -> str | None:
    """The name, if the family's version is a new person named like someone the hub holds
    (one person added on two phones at once). The hub holds no version of them to keep."""
    if conflict.collection != MEMBERS or conflict.record_id in records.members:
        return None
    name = active_name(conflict.deleted, conflict.body)
    if name is None:
        return None
    key = same_name_key(name)
    alike = [m.name for m in records.members.values()
             if m.active and same_name_key(m.name) == key]
    return alike[0] if alike else name


def conflict_card(session: WorkerSession, records: HouseholdRecords,
                  conflict: conflict_queue.Conflict) -> ft.Control:
    """One conflicting edit: both versions and the two ways to settle it."""
    now = session.now()
    worker = session.worker
    if worker is None:  # signed out while this screen was being drawn again: it is going
        return ft.Container()
    hub_doc = current_doc(session.engine, records.household_id, conflict.record_id)
    hub_body = hub_doc.body if hub_doc else None
    hub_lines = describe(conflict.collection, hub_body, records)
    device_lines = describe(conflict.collection, conflict.body, records)
    hub_by = person(records, hub_doc.author) if hub_doc else t("hub.person.someone")
    hub_note = t("hub.conflicts.hub_note", name=hub_by,
                 when=ago(hub_doc.received_at, now) if hub_doc else t("hub.when.unknown"))
    device_note = t("hub.conflicts.device_note", name=person(records, conflict.author),
                    when=ago(conflict.received_at, now))

    def settle(keep: Literal["hub", "device"], said: str | None = None) -> Callable[..., Any]:
        async def resolve() -> None:
            mine = session.settled_here.ids
            if conflict.id in mine:  # a double tap: the first tap settles it and says so
                return
            mine.add(conflict.id)
            settled = False
            try:
                await asyncio.to_thread(changes.resolve, session.engine, conflict.id, keep,
                                        worker, session.now())
                settled = True
            except conflict_queue.UnknownConflict:
                session.changed(t("hub.conflicts.already_settled"))
                return
            except conflict_queue.NothingReadable:
                session.changed(t("hub.conflicts.unreadable"))
                return
            except WriteRefused as refused:
                session.changed(refused_words(refused))
                return
            finally:
                if not settled:  # not settled by this tab: a later tap may try again
                    mine.discard(conflict.id)
            session.changed(said or t("hub.conflicts.settled"))

        return guarded(session, resolve)

    what = record_words(conflict.collection, [hub_body, conflict.body], records)
    if conflict.sealed:  # words for the worker alone, never shown on the family's page
        return frame.card(t("hub.conflicts.card_title", what=what), [
            w.para(t("hub.conflicts.sealed"), size=15),
            w.secondary(t("hub.conflicts.keep_hub"), settle("hub")),
            w.secondary(t("hub.conflicts.use_device"), settle("device")),
        ], identifier=f"hub-conflict-{conflict.id}")
    if not conflict.readable:
        device_lines = [t("hub.conflicts.unreadable")]
    kept = last_parent_kept(conflict, records)
    twice = same_name_crossed(conflict, records)
    if twice:
        # The hub holds no version of the second person: keeping "what it has" would take
        # them off the phone that added them, and leave what they recorded pointing at nobody.
        ways = [w.secondary(t("hub.conflicts.keep_both"), settle("device")),
                w.secondary(t("hub.conflicts.same_person"), settle(
                    "device", t("hub.conflicts.same_person_settled", name=twice)))]
    else:
        ways = [w.secondary(t("hub.conflicts.keep_hub"), settle("hub")),
                # Never offered while it would leave nobody who may run the household.
                *([] if kept or not conflict.readable
                  else [w.secondary(t("hub.conflicts.use_device"), settle("device"))])]
    return frame.card(t("hub.conflicts.card_title", what=what), [
        *([w.para(t("hub.conflicts.last_parent", name=kept), size=15)] if kept else []),
        *([w.para(t("hub.conflicts.same_name", name=twice), size=15)] if twice else []),
        ft.ResponsiveRow([
            version_column(t("hub.conflicts.agency_version"), hub_note, hub_lines, device_lines),
            version_column(t("hub.conflicts.family_version"), device_note, device_lines,
                           hub_lines),
        ], spacing=10, run_spacing=10),
        *ways,
    ], identifier=f"hub-conflict-{conflict.id}")


@ft.component
def ConflictsScreen() -> ft.Control:
    """The household's conflicting edits still to settle, oldest first."""
    session, household_id, records = use_household()
    if records is None:
        return Unreadable()
    found = read(session, lambda: conflict_queue.list_conflicts(session.engine, household_id))
    body: list[ft.Control] = [w.para(t("hub.conflicts.intro"), size=15, muted=True)]
    if found is None:
        body.append(w.message(t("hub.error.database")))
    elif not found:
        body.append(frame.empty(t("hub.conflicts.none")))
    else:
        body.extend(conflict_card(session, records, conflict) for conflict in found)
    return section_page(session, records, t("hub.section.conflicts"), body,
                        identifier="hub-conflicts")
