"""The worker's home visits, newest first: who was there, who was seen alone, notes, actions.

A visit reaches the hub when the worker ends it on the family's device; it never changes
after that. What a child said to the worker alone is not in it: that was sealed as a message.
The worker's notes are sealed for the agency when the visit ends (a parent may read the visit
record at home): they open here with the agency key the worker unlocks for this tab, like the
sealed messages, and each opening goes to the access log.
"""

from __future__ import annotations

import base64
import binascii
import json

import flet as ft

from app import theme
from app.domain.people import Role
from app.domain.programme.visits import AgendaItem, Visit
from app.hub.casework.allocation import OPENED_VISIT_NOTES
from app.hub.worker import frame
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.gate import note
from app.hub.worker.household.messages import UnlockMessages
from app.hub.worker.household.parts import Unreadable, section_page, use_household
from app.hub.worker.session import WorkerSession
from app.hub.worker.words import day_words_iso, person
from app.i18n import plural, t
from app.sync.sealing import CannotOpen, open_sealed

VISITS_SHOWN = 24


def names(records: HouseholdRecords, ids: tuple[str, ...]) -> str:
    """People's names, in one line."""
    return ", ".join(person(records, member) for member in ids)


def seen_alone_words(records: HouseholdRecords, visit: Visit) -> str:
    """Which children were seen on their own, or that none were (said plainly, either way)."""
    if visit.seen_alone:
        return t("hub.visits.seen_alone", names=names(records, visit.seen_alone))
    children = [m for m in visit.present
                if (member := records.members.get(m)) is not None and member.role is Role.CHILD]
    return t("hub.visits.none_alone") if children else t("hub.visits.no_children")


def open_notes(session: WorkerSession, visit: Visit) -> dict[str, str] | None:
    """The worker's notes of a visit: sealed ones opened with the tab's agency key.

    None while they are sealed and the key is not open here (or it does not open them).
    """
    if not visit.sealed_notes:
        return dict(visit.notes)  # a visit from before notes were sealed
    if session.agency_key is None:
        return None
    try:
        sealed = base64.b64decode(visit.sealed_notes, validate=True)
        opened = json.loads(open_sealed(session.agency_key, sealed, visit.id))
    except (CannotOpen, binascii.Error, ValueError):
        return None
    return {str(k): str(v) for k, v in opened.items()} if isinstance(opened, dict) else None


def visit_card(session: WorkerSession, records: HouseholdRecords, visit: Visit) -> ft.Control:
    """One visit: when and by whom, who was there, seen alone, the notes, actions, next visit."""
    rows: list[ft.Control] = [
        frame.line(t("hub.visits.present", names=names(records, visit.present)),
                   note=t("hub.visits.by", name=person(records, visit.worker_id)), bold=True),
        frame.line(seen_alone_words(records, visit)),
    ]
    notes = open_notes(session, visit)
    if notes is None:
        rows.append(frame.empty(t("hub.visits.notes_sealed")))
    for item in [*visit.agenda, *(i for i in AgendaItem if i not in visit.agenda)]:
        words = (notes or {}).get(item.value)
        if words:
            rows.append(frame.line(t(f"hub.visits.item.{item.value}"), note=words))
    for action in visit.actions:
        who = [t("hub.safety.who", who=action.who)] if action.who else []
        due = [t("hub.safety.due", day=day_words_iso(action.due))] if action.due else []
        rows.append(frame.line(t("hub.visits.action", what=action.what),
                               note=" · ".join(who + due)))
    rows.append(frame.line(
        t("hub.visits.next", day=day_words_iso(visit.next_visit)) if visit.next_visit
        else t("hub.visits.no_next"), colour=theme.BRAND_DARK))
    title = t("hub.visits.title", day=day_words_iso(visit.started_at))
    return frame.card(title, rows, identifier=f"hub-visit-{visit.id}")


@ft.component
def VisitsScreen() -> ft.Control:
    """Every visit the hub has, newest first; sealed notes open with the agency passphrase."""
    session, household_id, records = use_household()
    shown, set_shown = ft.use_state(VISITS_SHOWN)
    every = [] if records is None else sorted(records.visits, key=lambda v: v.started_at,
                                              reverse=True)
    visits = every[:shown]
    sealed = any(visit.sealed_notes for visit in visits)
    opened = sealed and session.agency_key is not None

    def note_opened() -> None:
        if opened:  # the worker's sealed notes are on screen: an opening of sealed words
            note(session, household_id, OPENED_VISIT_NOTES)

    ft.use_effect(note_opened, dependencies=[household_id, opened])
    if records is None:
        return Unreadable()
    body: list[ft.Control] = [frame.empty(t("hub.visits.intro"))]
    if sealed and not opened:
        body.append(UnlockMessages("hub.visits.unlock_title", "hub.visits.unlock_body",
                                   "hub.visits.open"))
    body += [visit_card(session, records, visit) for visit in visits] or [
        frame.empty(t("hub.visits.none"))]
    if len(every) > shown:  # older ones a click away, never silently left off
        body.append(frame.small_button(
            plural(min(VISITS_SHOWN, len(every) - shown), "hub.visits.older"),
            lambda: set_shown(shown + VISITS_SHOWN)))
    return section_page(session, records, t("hub.section.visits"), body,
                        identifier="hub-visits")
