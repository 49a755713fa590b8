"""Each person's own home screen: a parent's, a child's, a worker's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.people import Role
from app.i18n import t
from app.views import widgets as w
from app.views.state import Session, go, guarded, signed_in_only, use_session


def tile(icon: ft.IconData, title: str, subtitle: str, on_click: Callable[..., Any]) -> ft.Control:
    """A big card that opens one part of the app."""
    return ft.Card(
        content=ft.ListTile(
            leading=ft.Icon(icon, color=theme.BRAND, size=32),
            title=ft.Text(title, size=18, weight=ft.FontWeight.W_600),
            subtitle=ft.Text(subtitle, color=theme.MUTED),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
            on_click=on_click,
            min_height=72,
        ),
        bgcolor=theme.SURFACE,
    )


def _switch(session: Session) -> ft.Control:
    return w.secondary(t("home.switch_person"), guarded(session, session.switch_person))


@ft.component
@signed_in_only
def Home() -> ft.Control:
    """The signed-in person's home, by role."""
    session = use_session()
    member = session.require_member()
    if member.role is Role.CHILD:
        return _child_home(session)
    household = session.require_service().household()
    greeting = t("home.hello", name=member.name)
    intro = t(f"home.{member.role.value}.intro", household=household.name)
    body: list[ft.Control] = [w.para(intro)]
    if member.role is Role.PARENT:
        body += [
            tile(ft.Icons.PEOPLE_OUTLINE, t("people.title"), t("home.people.subtitle"),
                 guarded(session, lambda: go("/people"))),
            tile(ft.Icons.SETTINGS_OUTLINED, t("settings.title"), t("home.settings.subtitle"),
                 guarded(session, lambda: go("/settings"))),
        ]
    else:
        body += [
            tile(ft.Icons.PEOPLE_OUTLINE, t("people.title"), t("home.people.worker_subtitle"),
                 guarded(session, lambda: go("/people"))),
        ]
    body.append(_switch(session))
    return w.screen(greeting, body, on_lock=guarded(session, session.lock),
                    identifier=f"home-{member.role.value}")


def _child_home(session: Session) -> ft.Control:
    """A child's home: their picture, their name, big and friendly."""
    member = session.require_member()
    return w.screen(
        t("home.child.hello", name=member.name),
        [
            ft.Row([w.picture(member.avatar.value, 120)],
                   alignment=ft.MainAxisAlignment.CENTER),
            w.para(t("home.child.intro"), size=20),
            _switch(session),
        ],
        on_lock=guarded(session, session.lock),
        identifier="home-child",
    )
