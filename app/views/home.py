"""Each person's own home screen: a parent's, a child's, a worker's."""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.features import CHILD_HOME, FEATURES
from app.views.state import Session, guarded, signed_in_only, use_session


def _switch(session: Session) -> ft.Control:
    return w.secondary(t("home.switch_person"), guarded(session, session.switch_person))


@ft.component
@signed_in_only
def Home() -> ft.Control:
    """The signed-in person's home, by role: urgent cards, a welcome, then each feature's cards."""
    session = use_session()
    member = session.require_member()
    if member.role is Role.CHILD:
        return _child_home(session, member)
    household = session.require_service().household()
    greeting = t("home.hello", name=member.name)
    intro = t(f"home.{member.role.value}.intro", household=household.name)
    body: list[ft.Control] = []
    for feature in FEATURES:
        body += feature.urgent(session, member)
    body.append(w.para(intro))
    for feature in FEATURES:
        body += feature.tiles(session, member)
    body.append(_switch(session))
    return w.screen(greeting, body, on_lock=guarded(session, session.lock),
                    identifier=f"home-{member.role.value}")


def _child_home(session: Session, member: Member) -> ft.Control:
    """A child's home: their picture and name, then each feature's big, picture-led part."""
    parts: list[ft.Control] = []
    for feature in CHILD_HOME:
        parts += feature.child_parts(session, member)
    return w.screen(
        t("home.child.hello", name=member.name),
        [
            ft.Row([w.picture(member.avatar.value, 96 if parts else 120)],
                   alignment=ft.MainAxisAlignment.CENTER),
            *(parts or [w.para(t("home.child.intro"), size=20)]),
            _switch(session),
        ],
        on_lock=guarded(session, session.lock),
        identifier="home-child",
        read_aloud=True,
    )
