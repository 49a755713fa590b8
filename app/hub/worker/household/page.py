"""A household's page: unread safety alerts first, edits waiting to be settled, what is going
well and what is due, then its parts, and printing a case summary."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import flet as ft

from app import theme
from app.domain.alerts import AlertSource, SafetyAlert
from app.domain.rituals import first_done
from app.hub import conflict_queue
from app.hub.caseload import (
    CARER_CHECKINS,
    CHECKINS,
    current_ratings,
    parse_time,
    reasons_for,
)
from app.hub.casework.allocation import WriteRefused
from app.hub.casework.progress import WEEK, Good, due, going_well
from app.hub.casework.unopened import Unopened, unopened_in
from app.hub.worker import frame
from app.hub.worker.household import changes
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.parts import (
    Unreadable,
    closed_note,
    household_route,
    not_read_note,
    read,
    refused_words,
    sign_out_button,
    use_household,
)
from app.hub.worker.household.programme.conference import conference_card
from app.hub.worker.household.programme.plan import plan_notes
from app.hub.worker.household.programme.plan_data import plan_records
from app.hub.worker.household.programme.printing import PrintSummary
from app.hub.worker.session import WorkerSession, guarded
from app.hub.worker.words import (
    ago_iso,
    day_words_iso,
    due_words,
    going_well_words,
    month_words,
    person,
    reason_words,
)
from app.i18n import plural, t
from app.sync.catalogue import HOUSES_FOR_WORKER, WORKER_MESSAGES
from app.views import widgets as w
from app.views.text_size import sized

#: The page reads the daily kinds of record (check-ins, chore ticks, ...) for this long back:
#: what it shows of them is this week's and the totals, which are counted, not read.
PAGE_STRETCH = timedelta(weeks=2)

#: The parts of a household's page: (route section, icon, title key).
SECTIONS: tuple[tuple[str, ft.IconData, str], ...] = (
    ("timeline", ft.Icons.TIMELINE, "hub.section.timeline"),
    ("checkins", ft.Icons.MOOD, "hub.section.checkins"),
    ("safety", ft.Icons.SHIELD_OUTLINED, "hub.section.safety"),
    ("agreement", ft.Icons.HANDSHAKE_OUTLINED, "hub.section.agreement"),
    ("chores", ft.Icons.CLEANING_SERVICES_OUTLINED, "hub.section.chores"),
    ("circles", ft.Icons.GROUPS_OUTLINED, "hub.section.circles"),
    ("diary", ft.Icons.MENU_BOOK_OUTLINED, "hub.section.diary"),
    ("strengths", ft.Icons.STAR_OUTLINE, "hub.section.strengths"),
    ("rituals", ft.Icons.FAVORITE_OUTLINE, "hub.section.rituals"),
    ("carers", ft.Icons.SELF_IMPROVEMENT, "hub.section.carers"),
    ("visits", ft.Icons.HOME_WORK_OUTLINED, "hub.section.visits"),
    ("reviews", ft.Icons.INSIGHTS, "hub.section.reviews"),
    ("programme", ft.Icons.EVENT_NOTE_OUTLINED, "hub.section.programme"),
    ("moments", ft.Icons.SPA_OUTLINED, "hub.section.moments"),
    ("houses", ft.Icons.HOME_OUTLINED, "hub.section.houses"),
    ("messages", ft.Icons.MAIL_LOCK_OUTLINED, "hub.section.messages"),
    ("conflicts", ft.Icons.CALL_SPLIT, "hub.section.conflicts"),
)


def alert_words(records: HouseholdRecords, alert: SafetyAlert) -> str:
    """What the child did, in plain words."""
    key = {AlertSource.HELP_BUTTON: "hub.alert.help",
           AlertSource.SAFETY_SCALE: "hub.alert.low_rating",
           AlertSource.UNREADABLE: "hub.alert.unreadable"}.get(alert.source, "hub.alert.unsafe")
    return t(key, name=person(records, alert.child_id))


def alerts_card(session: WorkerSession, records: HouseholdRecords) -> ft.Control:
    """Unread alerts, newest first, each with "Mark as seen"; then how many were seen before."""
    worker = session.worker
    if worker is None:  # signed out while this screen was being drawn again: it is going
        return ft.Container()
    waiting = records.unseen_alerts()
    now = session.now()

    def seen_by_me(alert: SafetyAlert) -> Callable[..., Any]:
        pressed: list[bool] = []

        async def mark() -> None:
            if pressed:  # a second press before the page is drawn again marks nothing more
                return
            pressed.append(True)
            try:
                await asyncio.to_thread(changes.mark_alert_seen, session.engine,
                                        records.household_id, alert, worker, session.now())
            except WriteRefused as refused:
                session.changed(refused_words(refused))  # read again: the gate says why
                return
            session.changed(t("hub.alert.marked"))

        return guarded(session, mark)

    rows: list[ft.Control] = []
    for alert in waiting:
        button = frame.small_button(
            t("hub.alert.mark_seen"), seen_by_me(alert),
            name=t("hub.alert.mark_seen_named", what=alert_words(records, alert)))
        row = frame.line(alert_words(records, alert), note=ago_iso(alert.created_at, now),
                         bold=True, colour=theme.ERROR, trailing=button)
        # Each row and button is known by its alert: once one is marked its button goes with
        # it (and the focus with it), never handed on to the next child's alert, which a
        # second Enter would then mark unread.
        row.key, button.key = f"alert-{alert.id}", f"alert-seen-{alert.id}"
        rows.append(row)
    earlier = len(records.alerts) - len(waiting)
    if earlier:
        rows.append(frame.empty(plural(earlier, "hub.alert.earlier")))
    if not waiting and not earlier:
        rows.append(frame.empty(t("hub.alert.none")))
    background = theme.ERROR_BG if waiting else theme.SURFACE
    return frame.card(t("hub.alert.title"), rows, bgcolor=background, identifier="hub-alerts")


def section_tile(session: WorkerSession, household_id: str, section: str, icon: ft.IconData,
                 title: str, note: str) -> ft.Control:
    """A tile that opens one part of the household's page."""
    route = household_route(household_id, section)
    return ft.Card(content=ft.ListTile(
        leading=ft.Icon(icon, color=theme.BRAND, size=28),
        title=ft.Text(title, size=sized(17), weight=ft.FontWeight.W_600),
        subtitle=ft.Text(note, color=theme.MUTED, size=sized(14)) if note else None,
        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
        on_click=guarded(session, lambda: session.open(route)), min_height=60,
    ), bgcolor=theme.SURFACE, margin=0)


def notes_for(records: HouseholdRecords, open_conflicts: int | None,
              unopened: Unopened | None = None) -> dict[str, str]:
    """A short note under some tiles: how many there are, or what waits."""
    sealed = len(records.sealed)
    waiting = unopened.by_kind if unopened is not None else {}
    latest_visit = max((v.started_at for v in records.visits), default=None)
    latest_review = max((r.month for r in records.reviews), default=None)
    return {
        "strengths": plural(len(records.strengths), "hub.count.strengths"),
        "rituals": plural(sum(1 for r in records.rituals if not r.stopped),
                          "hub.count.rituals"),
        "carers": plural(records.total(CARER_CHECKINS, records.carer_checkins),
                         "hub.count.carers"),
        "visits": t("hub.count.last_visit", day=day_words_iso(latest_visit)) if latest_visit
        else t("hub.count.no_visit"),
        "reviews": t("hub.count.last_review", month=month_words(latest_review))
        if latest_review else t("hub.count.no_review"),
        "checkins": plural(records.total(CHECKINS, records.checkins),
                           "hub.count.checkins"),
        "messages": plural(sealed, "hub.count.messages") + (
            " · " + plural(waiting[WORKER_MESSAGES], "hub.count.unopened")
            if WORKER_MESSAGES in waiting else ""),
        "houses": plural(waiting[HOUSES_FOR_WORKER], "hub.count.houses_unopened")
        if HOUSES_FOR_WORKER in waiting else "",
        "diary": plural(len(records.diary), "hub.count.diary"),
        "conflicts": t("hub.count.unknown") if open_conflicts is None else plural(
            open_conflicts, "hub.count.conflicts"),
    }


def week_counts(records: HouseholdRecords, now: datetime) -> dict[Good, int]:
    """The household's check-ins, strengths and rituals done in the last seven days."""
    def recent(stamps: list[str]) -> int:
        return sum(1 for stamp in stamps
                   if (moment := parse_time(stamp)) is not None and now - moment <= WEEK)

    return {Good.CHECKINS: recent([c.created_at for c in records.checkins]),
            Good.STRENGTHS: recent([n.created_at for n in records.strengths]),
            # a ritual once a day, by its first mark, as the family's screens and the caseload
            Good.RITUALS: recent([d.at for d in first_done(records.rituals_done).values()])}


def progress_card(records: HouseholdRecords, now: datetime) -> ft.Control:
    """What is going well beside what is due, side by side at a desk."""
    names = records.names()
    ratings = current_ratings(records.ratings, records.members.values())
    good = going_well(ratings, week_counts(records, now), names)
    owed = due(records.reviews, records.visits, now)
    well = [frame.line(going_well_words(item)) for item in good] or [
        frame.empty(t("hub.household.nothing_new"))]
    to_do = [frame.line(due_words(item), bold=True) for item in owed] or [
        frame.empty(t("hub.household.nothing_due"))]
    return ft.ResponsiveRow([
        ft.Container(frame.card(t("hub.household.going_well"), well, bgcolor=theme.OK_BG,
                                identifier="hub-going-well"), col={"xs": 12, "md": 6}),
        ft.Container(frame.card(t("hub.household.due"), to_do,
                                bgcolor=theme.WARN_BG if owed else theme.SURFACE,
                                identifier="hub-due"), col={"xs": 12, "md": 6}),
    ], spacing=12, run_spacing=12)


@ft.component
def HouseholdScreen() -> ft.Control:
    """Why this household is on the list, its alerts, how it is going, and its parts."""
    session, household_id, records = use_household(recent=PAGE_STRETCH)
    if records is None:
        return Unreadable()
    now = session.now()
    last = records.last_checkin()
    names = records.names()
    unopened = read(session, lambda: unopened_in(session.engine, household_id))
    ratings = current_ratings(records.ratings, records.members.values())  # as the caseload
    reasons = reasons_for(records.alerts, records.alerts_seen, ratings, last, names, now,
                          unopened)
    conflicts = read(session, lambda: conflict_queue.list_conflicts(session.engine, household_id))
    body: list[ft.Control] = [
        *closed_note(records),
        *not_read_note(records),
        w.para(" · ".join(reason_words(reason, now) for reason in reasons)
               or t("hub.reason.settled"), bold=True),
        alerts_card(session, records),
    ]
    if conflicts:
        body.append(w.message(plural(len(conflicts), "hub.conflicts.waiting"), kind="warn"))
    body.append(progress_card(records, now))
    plan = read(session, lambda: conference_card(session.engine, household_id))
    if plan is not None:
        body.append(plan)
    notes = notes_for(records, None if conflicts is None else len(conflicts), unopened)
    notes.update(plan_notes(read(session, lambda: plan_records(session.engine, household_id)),
                            session.today().isoformat()))
    body += frame.grid([section_tile(session, household_id, section, icon, t(title),
                                     notes.get(section, ""))
                        for section, icon, title in SECTIONS], wide=session.desk, columns=3)
    body.append(PrintSummary(records))
    return frame.page(records.name, body, identifier="hub-household",
                      on_back=guarded(session, lambda: session.open("/")),
                      on_sign_out=sign_out_button(session), wide=session.desk)
