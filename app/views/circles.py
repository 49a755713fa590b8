"""The family circles screens: the history, starting a circle, and how the feature plugs in.

A parent starts and runs circles (``circles_run``) and turns what was agreed into a chore,
a house rule or a safety-plan step (``circles_become``); the worker reads the history.
"""

from __future__ import annotations

from typing import cast

import flet as ft

from app import theme
from app.domain.circles import KIND_PICTURES, CircleKind
from app.domain.people import Member, Role
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores_parts import choice
from app.views.circles_become import BecomeScreen
from app.views.circles_parts import (
    agreed_words,
    heading,
    kind_button,
    kind_name,
    names_of,
    people_by_id,
    service,
    when_words,
)
from app.views.circles_run import CircleScreen
from app.views.feature import Feature
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session


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
    if me.role is Role.PARENT:
        body.append(w.primary(t("circles.start"), guarded(session, lambda: go("/circles/start"))))
    body.append(heading(t("circles.history")))
    if not circles:
        body.append(w.para(t("circles.none_yet"), muted=True))
    for circle in circles:
        line = [when_words(circle.started_at), names_of(circle.present, people)]
        line.append(agreed_words(circle) if circle.finished else t("circles.row.going"))
        body.append(ft.ListTile(
            leading=w.picture(KIND_PICTURES[circle.kind], 40),
            title=ft.Text(kind_name(circle.kind), size=18, weight=ft.FontWeight.W_600),
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
    """A parent chooses the kind of circle and who is sitting in it."""
    session = use_session()
    me = session.require_member()
    circles = service(session)
    everyone = circles.who_can_sit()
    kind, set_kind = ft.use_state("")
    here, set_here = ft.use_state(
        cast(list[str], [m.id for m in everyone if m.role is not Role.WORKER]))
    error, set_error = ft.use_state("")
    back = guarded(session, lambda: go("/circles"))
    if me.role is not Role.PARENT:
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


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The Family circles card on a parent's or worker's home."""
    if member.role is Role.CHILD:
        return []
    circles = service(session).circles()
    if any(not c.finished for c in circles) and member.role is Role.PARENT:
        subtitle = t("circles.tile.open")
    elif circles:
        subtitle = t("circles.tile.last", date=when_words(circles[0].started_at))
    else:
        subtitle = t("circles.tile.none")
    return [w.tile(ft.Icons.GROUPS_OUTLINED, t("circles.title"), subtitle,
                   guarded(session, lambda: go("/circles")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="circles", component=CirclesScreen),
        ft.Route(path="circles/start", component=StartCircleScreen),
        ft.Route(path="circles/:circle_id/make/:agreement_id/:what", component=BecomeScreen),
        ft.Route(path="circles/:circle_id", component=CircleScreen),
    ],
    tiles=tiles,
)
