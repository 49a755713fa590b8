"""The family safety plan screen: the Signs of Safety map and the agency's bottom lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.records import read_day
from app.domain.safety import Action, ActionTick, Point, Section, may_set_bottom_lines
from app.i18n import plural, t
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.safety import SafetyService, children
from app.views import widgets as w
from app.views.drafts import Draft
from app.views.safety.parts import (
    AGENCY,
    AGENCY_BG,
    AddLine,
    day_words,
    empty_line,
    name_of,
    points_list,
    problem_words,
    remove_button,
    safety_of,
    section_card,
    when_words,
)
from app.views.state import Session, go, guarded, signed_in_only, use_session
from app.views.text_size import sized
from app.views.way_back import go_back

#: "By when" choices, in days from today (None: no date).
DUE_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("none", None), ("today", 0), ("tomorrow", 1), ("week", 7), ("fortnight", 14),
    ("month", 28),
)

Change = Callable[[], object]
Attempt = Callable[[Change], None]


@ft.component
@signed_in_only
def SafetyPlanScreen() -> ft.Control:
    """The map: working well, worries, what needs to happen, bottom lines, then the scale."""
    session = use_session()
    me = session.require_member()
    household = session.require_service()
    safety = safety_of(session)
    version, set_version = ft.use_state(0)
    error, set_error = ft.use_state("")

    def changed() -> None:
        set_error("")
        set_version(version + 1)

    def attempt(change: Change) -> None:
        try:
            change()
        except (InvalidInput, NotAllowed) as exc:
            set_error(problem_words(exc))
            return
        changed()

    if me.role is Role.CHILD:
        return w.screen(t("safety.title"), [w.para(t("safety.grown_ups_only"))],
                        on_back=guarded(session, lambda: go_back(session, "/safety")),
                        on_lock=guarded(session, session.lock), identifier="safety-plan-screen")
    plan = safety.plan()

    def adder(section: Section) -> ft.Control:
        def add(text: str) -> None:
            safety.add_point(me, section, text)
            changed()

        if section is Section.BOTTOM_LINES:  # only the worker adds these, and says why
            return AddBottomLine(changed, key="add-bottom-line")
        return AddLine(t(f"safety.{section.value}.add_label"),
                       t(f"safety.{section.value}.add_button"), add,
                       key=f"add-{section.value}")

    def remover(section: Section) -> Callable[[str], None]:
        return lambda point_id: guarded(session, lambda: attempt(
            lambda: safety.remove_point(me, section, point_id)))()

    body: list[ft.Control] = [w.para(t("safety.intro"), muted=True)]
    if error:
        body.append(w.message(error))
    news = plan.new_from_worker()
    if news:
        body.append(_new_from_worker(session, household, news, me, attempt))
    for section, picture in ((Section.WORKING_WELL, "sparkles"), (Section.WORRIES, "worried")):
        body.append(section_card(picture, t(f"safety.{section.value}.title"), [
            *points_list(household, plan.points(section), t(f"safety.{section.value}.empty"),
                         on_remove=remover(section)),
            adder(section),
        ], subtitle=t(f"safety.{section.value}.hint")))
    body.append(_actions_card(session, safety, household, me, attempt, changed))
    body.append(_bottom_lines_card(household, safety, me, remover(Section.BOTTOM_LINES),
                                   lambda: adder(Section.BOTTOM_LINES)))
    body.append(w.tile(ft.Icons.SHOW_CHART, t("safety.scale.title"), _scale_words(safety),
                       guarded(session, lambda: go("/safety/scale"))))
    for child in children(household):
        body.append(w.tile(ft.Icons.CHILD_CARE, t("safety.child.title", name=child.name),
                           t("safety.child.tile_subtitle"),
                           guarded(session, lambda c=child: go(f"/safety/child/{c.id}"))))
    return w.screen(t("safety.title"), body,
                    on_back=guarded(session, lambda: go_back(session, "/safety")),
                    on_lock=guarded(session, session.lock), identifier="safety-plan-screen")


def _scale_words(safety: SafetyService) -> str:
    latest = safety.latest_ratings()
    if not latest:
        return t("safety.scale.none_yet")
    newest = max(latest.values(), key=lambda r: r.created_at)
    return plural(len(latest), "safety.scale.tile_subtitle", score=newest.score)


def _actions_card(session: Session, safety: SafetyService, household: HouseholdService,
                  me: Member, attempt: Attempt, changed: Callable[[], None]) -> ft.Control:
    plan = safety.plan()
    states = safety.action_states()
    today = datetime.fromtimestamp(session.clock()).date()

    def ticker(action_id: str) -> Callable[[bool], None]:
        return lambda done: attempt(lambda: safety.tick_action(me, action_id, done))

    def remover(action_id: str) -> Callable[[], None]:
        return lambda: attempt(lambda: safety.remove_action(me, action_id))

    rows: list[ft.Control] = [
        _action_row(session, household, action, states.get(action.id), today,
                    ticker(action.id), remover(action.id))
        for action in plan.current_actions()
    ]
    if not rows:
        rows.append(empty_line(t("safety.actions.empty")))
    rows.append(AddAction(today, changed, key="add-action"))
    return section_card("sun", t("safety.actions.title"), rows,
                        subtitle=t("safety.actions.hint"))


def _action_row(session: Session, household: HouseholdService, action: Action,
                tick: ActionTick | None, today: date, on_tick: Callable[[bool], None],
                on_remove: Callable[[], None]) -> ft.Control:
    done = tick is not None and tick.done
    notes: list[str] = []
    if action.who:
        notes.append(t("safety.actions.who", who=action.who))
    due = read_day(action.due)  # None too for words another device kept that are no day
    if due is not None:
        late = not done and due < today
        notes.append(t("safety.actions.was_due" if late else "safety.actions.due",
                       day=day_words(due)))
    if tick is not None:
        key = "safety.actions.done_by" if tick.done else "safety.actions.undone_by"
        notes.append(t(key, name=name_of(household, tick.created_by),
                       day=when_words(tick.created_at)))
    return ft.Container(ft.Column([
        w.tick_box(action.what, done, lambda on: guarded(session, lambda: on_tick(on))()),
        ft.Row([
            ft.Text(" · ".join(notes), size=sized(14), color=theme.MUTED, expand=True),
            remove_button(t("safety.remove_named", text=action.what),
                          guarded(session, on_remove)),
        ], vertical_alignment=ft.CrossAxisAlignment.CENTER),
    ], spacing=0), padding=ft.Padding.only(bottom=6),
        border=ft.Border.only(bottom=ft.BorderSide(1, "#EFE9E1")))


def _new_from_worker(session: Session, household: HouseholdService,
                     news: tuple[Point | Action, ...], me: Member,
                     attempt: Attempt) -> ft.Control:
    """What the worker added that no parent has read yet, each with why; a parent says so."""
    rows: list[ft.Control] = []
    for item in news:
        words = item.text if isinstance(item, Point) else item.what
        rows += [
            ft.Text(words, size=sized(18), weight=ft.FontWeight.W_600, color=theme.TEXT),
            w.para(t("safety.new.why", name=name_of(household, item.created_by),
                     reason=item.reason or ""), size=16),
        ]
        if me.role is Role.PARENT:
            rows.append(ft.Row([w.secondary(t("safety.new.read"), guarded(
                session, lambda i=item: attempt(lambda: safety_of(session).acknowledge(
                    me, i.id))))], wrap=True))
    return ft.Semantics(identifier="new-from-worker", container=True, content=section_card(
        "worker", t("safety.new.title"), rows, bgcolor=AGENCY_BG))


@ft.component
@signed_in_only
def AddBottomLine(on_added: Callable[[], None], key: str | None = None) -> ft.Control:
    """The worker's form for a bottom line: the words, and why (the family reads both).

    What is typed and not yet added is kept for the worker (``Draft``) through a lock or Back.
    """
    session = use_session()
    unsaved = Draft.of(session, "safety-bottom-line", "new")
    kept: dict[str, str] = unsaved.read({})
    text, set_text = ft.use_state(kept.get("text", ""))
    reason, set_reason = ft.use_state(kept.get("reason", ""))
    error, set_error = ft.use_state("")
    ft.use_effect(lambda: unsaved.keep({"text": text, "reason": reason},
                                       {"text": "", "reason": ""}), [text, reason])

    def add() -> None:
        try:
            safety_of(session).add_point(session.require_member(), Section.BOTTOM_LINES, text,
                                         reason)
        except (InvalidInput, NotAllowed) as exc:
            set_error(problem_words(exc))
            return
        unsaved.forget()
        set_text("")
        set_reason("")
        set_error("")
        on_added()

    return ft.Column([
        w.text_field(t("safety.bottom_lines.add_label"), text, set_text, max_length=300),
        w.text_field(t("safety.why.bottom_line"), reason, set_reason, max_length=300,
                     helper=t("safety.why.helper")),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(t("safety.bottom_lines.add_button"), guarded(session, add))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


@ft.component
@signed_in_only
def AddAction(today: date, on_added: Callable[[], None], key: str | None = None) -> ft.Control:
    """The form for something that needs to happen: what, who, and by when (``key``: Flet's).

    The worker also says why; a parent or carer need not. What is typed and not yet added is
    kept for the person who typed it (``Draft``) through a lock or Back.
    """
    session = use_session()
    unsaved = Draft.of(session, "safety-action", "new")
    kept: dict[str, str] = unsaved.read({})
    what, set_what = ft.use_state(kept.get("what", ""))
    who, set_who = ft.use_state(kept.get("who", ""))
    due, set_due = ft.use_state(kept.get("due", "none"))
    reason, set_reason = ft.use_state(kept.get("reason", ""))
    error, set_error = ft.use_state("")
    ft.use_effect(lambda: unsaved.keep(
        {"what": what, "who": who, "due": due, "reason": reason},
        {"what": "", "who": "", "due": "none", "reason": ""}), [what, who, due, reason])
    worker = session.require_member().role is Role.WORKER

    def add() -> None:
        days = dict(DUE_CHOICES).get(due)
        on = None if days is None else (today + timedelta(days=days)).isoformat()
        try:
            safety_of(session).add_action(session.require_member(), what, who, on, reason)
        except (InvalidInput, NotAllowed) as exc:
            set_error(problem_words(exc))
            return
        unsaved.forget()
        set_what("")
        set_who("")
        set_due("none")
        set_reason("")
        set_error("")
        on_added()

    return ft.Column([
        w.text_field(t("safety.actions.what"), what, set_what, max_length=300),
        w.text_field(t("safety.actions.who_label"), who, set_who, max_length=40),
        *([w.text_field(t("safety.why.step"), reason, set_reason, max_length=300,
                        helper=t("safety.why.helper"))] if worker else []),
        w.named_choice(ft.Dropdown(
            label=t("safety.actions.when"), value=due,
            options=[ft.DropdownOption(key=k, text=t(f"safety.due.{k}")) for k, _ in DUE_CHOICES],
            on_select=lambda e: set_due(e.control.value or "none"),
        )),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(t("safety.actions.add"), guarded(session, add))],
               alignment=ft.MainAxisAlignment.END, wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def _bottom_lines_card(household: HouseholdService, safety: SafetyService, me: Member,
                       remover: Callable[[str], None],
                       adder: Callable[[], ft.Control]) -> ft.Control:
    """The agency's bottom lines: the worker changes them; the family reads them."""
    worker = may_set_bottom_lines(me)
    lines = safety.plan().points(Section.BOTTOM_LINES)
    badge = ft.Container(
        ft.Row([ft.Icon(ft.Icons.VERIFIED_USER_OUTLINED, color="#FFFFFF", size=18),
                ft.Text(t("safety.bottom_lines.badge"), color="#FFFFFF", size=sized(15),
                        weight=ft.FontWeight.BOLD)], spacing=6, tight=True),
        bgcolor=AGENCY, border_radius=20, padding=ft.Padding.symmetric(horizontal=12, vertical=6),
    )
    body: list[ft.Control] = [
        ft.Row([badge]),
        w.para(t("safety.bottom_lines.worker_hint" if worker else "safety.bottom_lines.hint"),
               size=15, muted=True),
        *points_list(household, lines, t("safety.bottom_lines.empty"),
                     on_remove=remover if worker else None),
    ]
    if worker:
        body.append(adder())
    return section_card("shield", t("safety.bottom_lines.title"), body, bgcolor=AGENCY_BG)
