"""The family circles screens: the history of circles and starting a new one.

A parent starts a circle here; ``run`` holds the round itself and ``become`` what was agreed.
"""

from __future__ import annotations

from typing import cast

import flet as ft

from app import theme
from app.domain.circles import KIND_PICTURES, CircleKind
from app.domain.people import Role
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import choice
from app.views.circles.parts import (
    agreed_words,
    heading,
    kind_button,
    kind_name,
    names_of,
    people_by_id,
    service,
    when_words,
)
from app.views.state import error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized


@ft.component
@signed_in_only
def CirclesScreen() -> ft.Control:
    """The circles the family has held, newest first, and (for a parent) a way to start one."""
    session = use_session()
    me = session.require_member()
    circles = service(session).circles()
    people = people_by_id(session)
    body: list[ft.Control] = [
        ft.Row([w.picture("feather", 56), ft.Container(w.para(
            t("circles.intro") if me.role is Role.PARENT else t("circles.worker.intro")),
            expand=True)], spacing=12),
    ]
    if service(session).may_run(me):
        body.append(w.primary(t("circles.start"), guarded(session, lambda: go("/circles/start"))))
    body.append(heading(t("circles.history")))
    if not circles:
        body.append(w.para(t("circles.none_yet"), muted=True))
    for circle in circles:
        line = [when_words(circle.started_at), names_of(circle.present, people)]
        line.append(agreed_words(circle) if circle.finished else t("circles.row.going"))
        body.append(ft.ListTile(
            leading=w.picture(KIND_PICTURES[circle.kind], 40),
            title=ft.Text(kind_name(circle.kind), size=sized(18), weight=ft.FontWeight.W_600),
            subtitle=ft.Text("\n".join(part for part in line if part), color=theme.MUTED),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
            on_click=guarded(session, lambda c=circle: go(f"/circles/{c.id}")),
            min_height=72,
            bgcolor=theme.SURFACE,
        ))
    return w.screen(t("circles.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="circles-screen")


@ft.component
@signed_in_only
def StartCircleScreen() -> ft.Control:
    """A parent (or the worker, at a visit) chooses the kind of circle and who sits in it."""
    session = use_session()
    me = session.require_member()
    circles = service(session)
    everyone = circles.who_can_sit()
    kind, set_kind = ft.use_state("")
    here, set_here = ft.use_state(
        cast(list[str], [m.id for m in everyone if m.role is not Role.WORKER]))
    error, set_error = ft.use_state("")
    back = guarded(session, lambda: go("/circles"))
    if not circles.may_run(me):
        return w.screen(t("circles.start.title"), [w.message(t("error.not_allowed"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="circle-start-screen")

    def toggle(member_id: str) -> None:
        set_here([m for m in here if m != member_id] if member_id in here
                 else [m.id for m in everyone if m.id in here or m.id == member_id])

    def start() -> None:
        if not kind:
            set_error(t("circles.start.kind_missing"))
            return
        try:
            circle = circles.start(me, CircleKind(kind), here)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        go(f"/circles/{circle.id}")

    body: list[ft.Control] = [heading(t("circles.start.kind"))]
    def choose(option: CircleKind) -> None:
        set_kind(option.value)
        set_error("")

    body += [kind_button(option, option.value == kind,
                         guarded(session, lambda o=option: choose(o)))
             for option in CircleKind]
    body += [
        heading(t("circles.start.who")),
        w.para(t("circles.start.who_help"), muted=True, size=15),
        ft.Row([choice(m.name, m.id in here, guarded(session, lambda m=m: toggle(m.id)))
                for m in everyone], wrap=True, spacing=8, run_spacing=8),
    ]
    if error:
        body.append(w.message(error))
    body.append(w.primary(t("circles.start.go"), guarded(session, start)))
    return w.screen(t("circles.start.title"), body, on_back=back,
                    on_lock=guarded(session, session.lock), identifier="circle-start-screen")
