"""Visit mode: the worker starts a visit, works through the agenda with the family, ends it.

The visit in progress lives on this device only until "End visit" saves it. The worker can
start a circle from here, and hand the phone to a child (``child``) to tell them something in
pictures or their own words, sealed for the agency so nobody at home can read it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Generic, TypeVar, cast

import flet as ft

from app.domain.people import Member, Role
from app.domain.programme.visits import AgendaItem, Visit
from app.i18n import plural, t
from app.services.gate import InvalidText
from app.services.household import InvalidInput, NotAllowed
from app.services.programme.network import network_for
from app.services.visits import visits_for
from app.sync.service import sync_for
from app.views import widgets as w
from app.views.chores.parts import date_words
from app.views.drafts import Draft
from app.views.network.parts import who_line
from app.views.state import (
    Session,
    error_message,
    go,
    guarded,
    signed_in_only,
    start_at_home,
    use_session,
)
from app.views.visits.agenda import (
    action_rows,
    children_part,
    item_card,
    opener,
    since_for,
    since_lines,
)

ROUTE = "/visit"
NEXT_VISIT_WEEKS = (1, 2, 4)
DUE_DAYS = {"week": 7, "fortnight": 14, "month": 28}


T = TypeVar("T")


class Kept(Generic[T]):
    """Words typed on the visit screen, kept in the tab's memory as they are typed (a Draft).

    Read and set as ``current``. Leaving the screen puts them in the visit; if it cannot (a
    new passphrase from another tab shut this one first), they wait here for the worker.
    """

    def __init__(self, draft: Draft, empty: T) -> None:
        self.draft = draft
        self.empty = empty

    @property
    def current(self) -> T:
        """What is kept, or nothing typed."""
        return self.draft.read(self.empty)

    @current.setter
    def current(self, typed: T) -> None:
        self.draft.keep(typed, self.empty)


#: What the worker has typed on the visit screen and not yet saved: notes by agenda item, and
#: an action not yet added (what, who, by when). Ending the visit, leaving the screen,
#: locking or a new passphrase keeps them, so nothing typed is lost for want of a tap.
Typed = Kept[dict[str, str]]
TypedAction = Kept[tuple[str, str, str] | None]


@ft.component
def NoteBox(session: Session, item: AgendaItem, saved: str,
            on_save: Callable[[AgendaItem, str], None], typed: Typed,
            key: str | None = None) -> ft.Control:
    """The worker's note for one part: typed freely, kept when "Save note" is pressed (or the
    visit screen keeps it when the worker moves on)."""
    text, set_text = ft.use_state((typed.current or {}).get(item.value, saved))

    def typing(words: str) -> None:
        set_text(words)
        typed.current = {**(typed.current or {}), item.value: words}

    return ft.Column([
        w.text_field(t("visits.note", item=t(f"visits.item.{item.value}")), text, typing,
                     multiline=True, max_length=2000),
        ft.Row([w.secondary(t("visits.note.save"), guarded(session, lambda: on_save(item, text)))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
def AddVisitAction(session: Session, on_add: Callable[[str, str, str | None], None],
                   typed: TypedAction, key: str | None = None) -> ft.Control:
    """What was agreed, who will do it, and by when.

    The visit screen keys this form by how many actions there are, so an action added brings
    a fresh, empty form, and one refused leaves what was typed in place to be put right.
    """
    kept = typed.current or ("", "", "none")
    what, set_what = ft.use_state(kept[0])
    who, set_who = ft.use_state(kept[1])
    due, set_due = ft.use_state(kept[2])

    def changed(field: int) -> Callable[[str], None]:
        def change(value: str) -> None:
            (set_what, set_who, set_due)[field](value)
            now = [what, who, due]
            now[field] = value
            typed.current = (now[0], now[1], now[2])
        return change

    def add() -> None:
        typed.current = None  # added, or refused in plain sight with the words left in place
        on_add(what, who, due_day(session, due))

    return ft.Column([
        w.text_field(t("visits.actions.what"), what, changed(0), max_length=300),
        w.text_field(t("visits.actions.who"), who, changed(1), max_length=40),
        w.named_choice(ft.Dropdown(
            label=t("visits.actions.when"), value=due,
            options=[ft.DropdownOption(key=k, text=t(f"visits.due.{k}"))
                     for k in ("none", *DUE_DAYS)],
            on_select=lambda e: changed(2)(e.control.value or "none"))),
        ft.Row([w.secondary(t("visits.actions.add"), guarded(session, add))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def due_day(session: Session, due: str) -> str | None:
    """The day an action is due, from the choice "in a week", "in a fortnight", ..."""
    days = DUE_DAYS.get(due)
    return None if days is None else (
        date.fromtimestamp(session.clock()) + timedelta(days=days)).isoformat()


def _start_form(session: Session, me: Member, members: list[Member], present: list[str],
                set_present: Callable[[list[str]], None], start: Callable[[], None],
                error: str) -> list[ft.Control]:
    def toggle(member_id: str, on: bool) -> None:
        set_present([m for m in present if m != member_id] + ([member_id] if on else []))

    family = [(m.id, m.name) for m in members if m.role is not Role.WORKER]
    others = [(p.id, f"{p.name} ({who_line(p)})") for p in network_for(
        session.require_service()).people(me)]
    return [
        w.para(t("visits.start.intro")),
        w.para(t("visits.start.who"), bold=True),
        *[w.tick_box(name, i in present, partial(toggle, i)) for i, name in family],
        *([w.para(t("network.visit.others"), bold=True)] if others else []),
        *[w.tick_box(name, i in present, partial(toggle, i)) for i, name in others],
        *([w.message(error)] if error else []),
        w.primary(t("visits.start.button"), guarded(session, start)),
    ]


@ft.component
@signed_in_only
def VisitScreen() -> ft.Control:
    """Start a visit, or carry on with the one going on."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    visits = visits_for(household)
    members = household.members()
    present, set_present = ft.use_state(
        cast(list[str], [m.id for m in members if m.role is not Role.WORKER]))
    # what went wrong, and where: shown beside what was tapped, not at the top of a long page
    error, set_error = ft.use_state(cast(tuple[str, str], ("", "")))
    _version, set_version = ft.use_state(0)
    typed: Typed = Kept(Draft.of(session, "visit-notes", "current"), {})
    typed_action: TypedAction = Kept(Draft.of(session, "visit-action", "current"), None)
    if me.role is not Role.WORKER:
        return w.screen(t("visits.title"), [w.message(t("visits.workers_only"))],
                        on_back=guarded(session, lambda: go("/")),
                        on_lock=guarded(session, session.lock), identifier="visit-screen")

    def attempt_in(where: str) -> Callable[[Callable[[Visit], Visit]], None]:
        def attempt(change: Callable[[Visit], Visit]) -> None:
            try:
                visits.change(me, change)
            except (InvalidInput, NotAllowed) as exc:
                set_error((where, error_message(exc)))
                return
            set_error(("", ""))
            set_version(lambda n: n + 1)

        return attempt

    def start() -> None:
        try:
            network = {p.id for p in network_for(household).people(me)}
            visits.start(me, [i for i in present if i not in network],
                         [i for i in present if i in network])
        except (InvalidInput, NotAllowed) as exc:
            set_error(("start", error_message(exc)))
            return
        typed.current, typed_action.current = {}, None  # left from a visit ended elsewhere
        set_error(("", ""))
        set_version(lambda n: n + 1)

    def keep_typed() -> None:
        """Keep what was typed and not saved (see ``Typed``)."""
        visit = visits.current(me)
        notes = {k: v for k, v in (typed.current or {}).items()
                 if visit is not None and v != visit.notes.get(k, "")}
        action = typed_action.current
        if visit is None:
            return

        def change(v: Visit) -> Visit:
            for item_value, text in notes.items():
                v = v.with_note(AgendaItem(item_value), text)
            if action and action[0].strip():
                v = v.with_action(str(uuid.uuid4()), action[0], action[1],
                                  due_day(session, action[2]))
            return v

        if notes or action and action[0].strip():
            visits.change(me, change)
        typed.current = {}
        typed_action.current = None

    def kept_on_leaving() -> None:
        # However the screen goes (Back, Lock, the auto-lock, "Someone else's turn"), the
        # words are kept for the worker who typed them (``me``): a lock has already let go of
        # who was signed in by now. They go in this worker's visit draft, which only the
        # worker reads (``VisitService.current``), so whoever signs in next never sees them.
        # A new passphrase from another tab has shut the household first: they wait in the
        # tab's memory (``Kept``) for the worker to come back.
        try:
            if session.service is not None:
                keep_typed()
        except (InvalidInput, NotAllowed, InvalidText):
            pass  # leaving: the draft keeps what was saved before (a tap on End says why)

    ft.use_effect(lambda: None, [], cleanup=kept_on_leaving)

    def end() -> None:
        try:
            keep_typed()
            visits.end(me, sync_for(household).agency_public_key())
        except (InvalidInput, NotAllowed) as exc:
            set_error(("end", error_message(exc)))
            return
        # The phone is the family's: whoever picks it up next must not be the worker, able
        # to take away the agency's bottom lines. Home, then "Who's using Homeward?" says so.
        start_at_home()
        session.switch_person()
        session.notice = t("visits.ended", name=me.name)

    visit = visits.current(me)
    if visit is None:
        form = _start_form(session, me, members, present, set_present, start, error[1])
        return w.screen(t("visits.start.title"), form, on_back=guarded(session, lambda: go("/")),
                        on_lock=guarded(session, session.lock), identifier="visit-start-screen")
    names = {m.id: m.name for m in members}
    here = [names.get(p, "?") for p in visit.present]
    here += [network_for(household).names().get(p, "?") for p in visit.network_present]
    body: list[ft.Control] = [
        w.para(t("visits.here_today", names=", ".join(here))),
    ]
    count = len(visit.agenda)
    for position, item in enumerate(visit.agenda):
        attempt = attempt_in(item.value)

        def move(step: int, position: int = position) -> None:
            order = list(visit.agenda)
            order.insert(position + step, order.pop(position))
            attempt_in(visit.agenda[position].value)(lambda v: v.with_agenda(tuple(order)))

        parts: list[ft.Control] = []
        if item is AgendaItem.SINCE_LAST_VISIT:
            parts += since_lines(since_for(session, me), names)
        elif item is AgendaItem.CHILDREN:
            parts += children_part(session, visit, members, attempt,
                                   sync_for(household).agency_public_key() is not None)
        elif item is AgendaItem.ACTIONS:
            parts += action_rows(visit, attempt, session)
            parts.append(AddVisitAction(session, _adder(attempt), typed_action,
                                        key=f"add-action-{len(visit.actions)}"))
        elif item is AgendaItem.NEXT_VISIT:
            parts += _next_visit(session, visit, attempt)
        if error[0] == item.value:
            parts.append(w.message(error[1]))
        parts += opener(session, item)
        if item is not AgendaItem.NEXT_VISIT:
            parts.append(NoteBox(session, item, visit.notes.get(item.value, ""),
                                 _noter(attempt), typed, key=f"note-{item.value}"))
        body.append(item_card(item, position, count, parts, move, session))
    body += [
        w.secondary(t("visits.circle"), guarded(session, lambda: go("/circles/start"))),
        *([w.message(error[1])] if error[0] == "end" else []),
        w.primary(t("visits.end"), guarded(session, end)),
    ]
    return w.screen(t("visits.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock),
                    identifier="visit-screen")


Attempt = Callable[[Callable[[Visit], Visit]], None]


def _adder(attempt: Attempt) -> Callable[[str, str, str | None], None]:
    """Add an action to the visit (what, who, by when)."""
    return lambda what, who, due: attempt(
        lambda v: v.with_action(str(uuid.uuid4()), what, who, due))


def _noter(attempt: Attempt) -> Callable[[AgendaItem, str], None]:
    """Keep the worker's note for one part of the visit."""
    return lambda item, text: attempt(lambda v: v.with_note(item, text))


def _next_visit(session: Session, visit: Visit,
                attempt: Callable[[Callable[[Visit], Visit]], None]) -> list[ft.Control]:
    today = date.fromtimestamp(session.clock())
    chosen = visit.next_visit
    rows: list[ft.Control] = [w.para(t("visits.next.chosen", day=date_words(
        date.fromisoformat(chosen))) if chosen else t("visits.next.none"), bold=bool(chosen))]
    for weeks in NEXT_VISIT_WEEKS:
        day = (today + timedelta(weeks=weeks)).isoformat()
        words = plural(weeks, "visits.next.in_weeks",
                       day=date_words(date.fromisoformat(day)))
        rows.append(w.secondary(words, guarded(session, lambda d=day: attempt(
            lambda v: v.with_next_visit(d)))))
    return rows
