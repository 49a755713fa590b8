"""One child's week of chores: the days each job was done, stars, and the count of jobs done;
parents check the ticks. Days without a tick are marked neutrally, never as "not done"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import flet as ft

from app import theme
from app.domain.chore_week import ChildWeek, DayMark
from app.domain.chores import TickState
from app.domain.people import Role
from app.i18n import plural, t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import (
    date_words,
    day_name,
    heading,
    names_by_id,
    service,
    time_words,
)
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height
from app.views.widgets import named

CELL = 38
LEAD = 34  # the picture column
LIGHT = "#8A8A8A"  # not text: only marks days still to come

_MARKS: dict[DayMark, tuple[ft.IconData | None, str]] = {
    DayMark.DONE: (ft.Icons.CHECK_CIRCLE, theme.BRAND),
    DayMark.NOT_DONE: (ft.Icons.RADIO_BUTTON_UNCHECKED, theme.MUTED),
    DayMark.LATER: (ft.Icons.MORE_HORIZ, LIGHT),
    DayMark.NOT_DUE: (None, theme.MUTED),
}


def _named(icon: ft.IconData, name: str) -> ft.Icon:
    """An icon that tells screen readers its button's name (a tooltip alone does not)."""
    return ft.Icon(icon, semantics_label=name)


def _cell(mark: DayMark, label: str, highlight: bool) -> ft.Control:
    icon, colour = _MARKS[mark]
    inside: ft.Control = (ft.Icon(icon, color=colour, size=26) if icon
                          else ft.Text("–", color=colour, size=sized(18)))
    return ft.Semantics(
        label=label,
        container=True,  # its own node, so each day is read out (and found) on its own
        exclude_semantics=True,
        content=ft.Container(inside, width=CELL, height=sized(40), alignment=ft.Alignment.CENTER,
                             bgcolor=theme.WARN_BG if highlight else None, border_radius=8),
    )


def _grid(week: ChildWeek, today_index: int | None) -> ft.Control:
    """Each chore's name on its own line, then its picture and the seven days under the letters."""
    header = ft.Row(
        [ft.Container(width=LEAD), *[
            ft.Container(ft.Text(t(f"chores.day_letter.{n}"), weight=ft.FontWeight.BOLD,
                                 color=theme.TEXT), width=CELL, alignment=ft.Alignment.CENTER)
            for n in range(7)
        ]],
        spacing=2,
    )
    rows: list[ft.Control] = [ft.Semantics(exclude_semantics=True, content=header)]
    for row in week.rows:
        cells = [
            _cell(mark, t("chores.week.cell", chore=row.chore.name, day=day_name(day),
                          mark=t(f"chores.mark.{mark.value}")), n == today_index)
            for n, (mark, day) in enumerate(zip(row.marks, week.days, strict=True))
        ]
        rows += [
            ft.Text(row.chore.name, size=sized(15), weight=ft.FontWeight.W_600, color=theme.TEXT),
            ft.Row([ft.Container(w.picture(row.chore.picture, 28), width=LEAD), *cells],
                   spacing=2, vertical_alignment=ft.CrossAxisAlignment.CENTER),
        ]
    return ft.Container(ft.Column(rows, spacing=4), bgcolor=theme.SURFACE, border_radius=12,
                        padding=8)


def _legend() -> ft.Control:
    items: list[ft.Control] = []
    for mark in (DayMark.DONE, DayMark.NOT_DONE, DayMark.LATER, DayMark.NOT_DUE):
        icon, colour = _MARKS[mark]
        items.append(ft.Row([
            ft.Icon(icon, color=colour, size=20) if icon else ft.Text("–", color=colour),
            ft.Text(t(f"chores.mark.{mark.value}"), size=sized(14), color=theme.MUTED),
        ], spacing=4, tight=True))
    return ft.Semantics(exclude_semantics=True,
                        content=ft.Row(items, wrap=True, spacing=14, run_spacing=4))


def _tick_card(session: Session, state: TickState, names: dict[str, str],
               can_answer: bool, on_answer: Callable[[str, str], None]) -> ft.Control:
    chores = service(session)
    tick = state.tick
    try:
        chore = chores.chore(tick.chore_id)
        title, picture = chore.name, chore.picture
    except KeyError:
        title, picture = t("chores.missing"), "sparkles"
    what = t("chores.tick.line", day=day_name(tick.day), name=names.get(tick.by, "?"),
             time=time_words(tick.at))
    lines: list[ft.Control] = [ft.Text(title, size=sized(17), weight=ft.FontWeight.W_600),
                               ft.Text(what, color=theme.MUTED)]
    if state.confirmed_by:
        lines.append(ft.Text(t("chores.tick.seen", name=names.get(state.confirmed_by, "?")),
                             color=theme.BRAND_DARK))
    if state.undone_by:
        lines.append(ft.Text(t("chores.tick.undone", name=names.get(state.undone_by, "?")),
                             color=theme.MUTED, italic=True))
    body: list[ft.Control] = [ft.Row([w.picture(picture, 36), ft.Column(lines, spacing=2,
                                                                       expand=True)])]
    if can_answer and state.live:
        where = t("chores.tick.which", chore=title, day=day_name(tick.day))
        buttons: list[ft.Control] = []
        if not state.confirmed_by:
            buttons.append(_labelled(t("chores.confirm"), t("chores.confirm.for", which=where),
                                     guarded(session, lambda: on_answer("confirm", tick.id)),
                                     filled=True))
        buttons.append(_labelled(t("chores.undo"), t("chores.undo.for", which=where),
                                 guarded(session, lambda: on_answer("undo", tick.id))))
        body.append(ft.Row(buttons, spacing=12, wrap=True))
    return ft.Container(ft.Column(body, spacing=8), bgcolor=theme.SURFACE, border_radius=12,
                        padding=12)


def _labelled(text: str, label: str, on_click: Callable[..., Any],
              *, filled: bool = False) -> ft.Control:
    """A button whose accessible name says which tick it is for."""
    content = named(label, ft.Text(text, size=sized(16)))
    if filled:
        return ft.FilledButton(content=content, on_click=on_click, height=tap_height(48))
    return ft.OutlinedButton(content=content, on_click=on_click, height=tap_height(48))


@ft.component
@signed_in_only
def ChildWeekScreen() -> ft.Control:
    """A child's week, Monday to Sunday; a parent confirms or undoes ticks here."""
    session = use_session()
    child_id = ft.use_route_params().get("child_id", "")
    weeks_back, set_weeks_back = ft.use_state(0)
    note, set_note = ft.use_state("")
    me = session.require_member()
    chores = service(session)
    names = names_by_id(session)
    back = guarded(session, lambda: go("/chores"))
    if child_id not in {k.id for k in chores.children()}:
        return w.screen(t("chores.missing"), [w.para(t("chores.missing.body"))], on_back=back,
                        on_lock=guarded(session, session.lock), identifier="chores-week-screen")
    name = names[child_id]
    today = chores.today()
    week = chores.week(child_id, today - timedelta(weeks=weeks_back))
    today_index = today.weekday() if weeks_back == 0 else None

    def answer(kind: str, tick_id: str) -> None:
        try:
            state = (chores.confirm(me, tick_id) if kind == "confirm"
                     else chores.undo(me, tick_id))
        except (InvalidInput, NotAllowed) as exc:
            set_note(error_message(exc))
            return
        set_note(t(f"chores.{kind}.done", name=names.get(state.tick.child_id, "?")))

    body: list[ft.Control] = [
        ft.Row([
            ft.IconButton(_named(ft.Icons.CHEVRON_LEFT, t("chores.week.earlier")),
                          tooltip=t("chores.week.earlier"),
                          on_click=guarded(session, lambda: set_weeks_back(weeks_back + 1)),
                          width=theme.TAP, height=theme.TAP),
            ft.Text(t("chores.week.this") if weeks_back == 0 else
                    t("chores.week.of", date=date_words(week.monday)),
                    size=sized(17), weight=ft.FontWeight.W_600, expand=True,
                    text_align=ft.TextAlign.CENTER),
            ft.IconButton(_named(ft.Icons.CHEVRON_RIGHT, t("chores.week.later")),
                          tooltip=t("chores.week.later"),
                          on_click=guarded(session, lambda: set_weeks_back(weeks_back - 1)),
                          disabled=weeks_back == 0, width=theme.TAP, height=theme.TAP),
        ], vertical_alignment=ft.CrossAxisAlignment.CENTER),
    ]
    if note:
        body.append(w.message(note, kind="ok"))
    if week.rows:
        body += [_grid(week, today_index), _legend()]
    else:
        body.append(w.para(t("chores.week.empty", name=name), muted=True))
    if week.rows or week.stars:
        body.append(ft.Row([w.picture("star", 40), ft.Container(w.para(
            plural(week.stars, "chores.week.stars"), bold=True), expand=True)],
            spacing=12))
    if week.done:  # what was done, never a streak that could be broken
        body.append(ft.Row([w.picture("trophy", 40), ft.Container(w.para(
            plural(week.done, "chores.week.done")), expand=True)],
            spacing=12))
    history = chores.history(child_id, week.monday, week.monday + timedelta(days=6))
    body.append(heading(t("chores.week.ticks")))
    if not history:
        body.append(w.para(t("chores.week.no_ticks"), muted=True))
    can_answer = me.role is Role.PARENT
    body += [_tick_card(session, s, names, can_answer, answer) for s in reversed(history)]
    return w.screen(t("chores.week.title", name=name), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="chores-week-screen")
