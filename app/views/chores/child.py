"""'My jobs today' on a child's home: big picture cards, one tap to tick, a celebration."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.chores import Chore, TickState
from app.i18n import plural, t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import names_by_id, service
from app.views.state import error_message, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height
from app.views.widgets import named

DONE_GREEN = "#1E7B34"  # 5.3:1 on OK_BG


def _card(content: ft.Control, *, bgcolor: str = theme.SURFACE,
          border: str = "#C9C2B8") -> ft.Control:
    return ft.Container(content, bgcolor=bgcolor, border_radius=24, padding=16,
                        border=ft.Border.all(2, border))


def _job_card(chore: Chore, done: TickState | None, names: dict[str, str],
              on_tick: Callable[..., Any]) -> ft.Control:
    top = ft.Row([
        w.picture(chore.picture, 80),
        ft.Text(chore.name, size=sized(24), weight=ft.FontWeight.BOLD, color=theme.TEXT,
                expand=True),
    ], spacing=16, vertical_alignment=ft.CrossAxisAlignment.CENTER)
    if done is not None:
        words = t("chores.child.done")
        if done.confirmed_by:
            words = t("chores.child.seen", name=names.get(done.confirmed_by, "?"))
        return ft.Semantics(
            label=t("chores.child.done_label", chore=chore.name), container=True,
            exclude_semantics=True,
            content=_card(ft.Column([top, ft.Row([
                ft.Icon(ft.Icons.CHECK_CIRCLE, color=DONE_GREEN, size=40),
                ft.Text(words, size=sized(22), weight=ft.FontWeight.BOLD, color=DONE_GREEN,
                        expand=True),
            ], spacing=10)], spacing=12), bgcolor=theme.OK_BG, border=DONE_GREEN),
        )
    button = ft.FilledButton(
        content=named(
            t("chores.child.tick_label", chore=chore.name),
            ft.Row([ft.Icon(ft.Icons.CHECK, size=34, color="#FFFFFF"),
                    ft.Text(t("chores.child.tick"), size=sized(24), weight=ft.FontWeight.BOLD,
                            color="#FFFFFF")],
                   alignment=ft.MainAxisAlignment.CENTER, spacing=10, tight=True),
        ),
        on_click=on_tick,
        height=tap_height(72),
        style=ft.ButtonStyle(shape=ft.RoundedRectangleBorder(radius=20)),
    )
    return _card(ft.Column([top, button], spacing=14,
                           horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


def _celebration(name: str, stars: int) -> ft.Control:
    words: list[ft.Control] = [ft.Text(t("chores.child.brilliant", name=name), size=sized(28),
                                       weight=ft.FontWeight.BOLD, color=theme.TEXT)]
    words.append(ft.Text(plural(stars, "chores.child.stars")
                         if stars else t("chores.child.well_done"), size=sized(20),
                         color=theme.TEXT))
    return ft.Semantics(
        live_region=True,
        content=_card(ft.Row([w.picture("sparkles", 72), ft.Column(words, spacing=4, expand=True)],
                             spacing=12, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                      bgcolor=theme.CHILD_ACCENT, border=theme.BRAND),
    )


@ft.component
@signed_in_only
def MyJobsToday(child_id: str) -> ft.Control:
    """The child's jobs for today; a tap ticks one and says well done."""
    session = use_session()
    celebrated, set_celebrated = ft.use_state("")  # the chore just ticked
    error, set_error = ft.use_state("")
    chores = service(session)
    names = names_by_id(session)
    jobs = chores.jobs_today(child_id)
    name = names.get(child_id, "")

    def tick(chore: Chore) -> None:
        try:
            chores.tick(session.require_member(), chore.id)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        set_error("")
        set_celebrated(chore.id)

    parts: list[ft.Control] = [
        ft.Semantics(header=True, content=ft.Text(t("chores.child.title"), size=sized(26),
                                                  weight=ft.FontWeight.BOLD, color=theme.TEXT)),
    ]
    if error:
        parts.append(w.message(error))
    if not jobs:
        parts.append(_card(ft.Row([w.picture("sun", 64), ft.Text(
            t("chores.child.none"), size=sized(22), color=theme.TEXT, expand=True)], spacing=16)))
    just_done: Chore | None = None
    for chore, done in jobs:
        if chore.id == celebrated and done is not None:
            # just above the card the child tapped, so it is on screen wherever they were
            just_done = chore
            parts.append(_celebration(name, chore.stars))
        parts.append(_job_card(chore, done, names, guarded(session, lambda c=chore: tick(c))))
    if jobs and all(done for _c, done in jobs) and just_done is None:
        parts.append(w.para(t("chores.child.all_done"), size=20, bold=True))
    week = chores.week(child_id)
    if week.stars:
        parts.append(ft.Row([w.picture("star", 48), ft.Container(w.para(
            plural(week.stars, "chores.child.week_stars"),
            size=20), expand=True)], spacing=12))
    if week.done:  # what was done, never a run that could be broken
        parts.append(ft.Row([w.picture("trophy", 48), ft.Container(w.para(
            plural(week.done, "chores.child.done_count"), size=20),
            expand=True)], spacing=12))
    return ft.Column(parts, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
