"""The people of the household: who they are, their PINs and pictures, and who has left.

Parents add people, rename them, give them a new PIN or new pictures and remove them (their
history stays); the worker sees the list. ``screens`` holds the list and a person's page,
``form`` the fields for a new person, shared with the first run.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.people.screens import AddPersonScreen, PeopleScreen, PersonScreen
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The "People" card on a parent's or the worker's home."""
    if member.role is Role.CHILD:
        return []
    subtitle = "home.people.subtitle" if member.role is Role.PARENT else (
        "home.people.worker_subtitle")
    return [w.tile(ft.Icons.PEOPLE_OUTLINE, t("people.title"), t(subtitle),
                   guarded(session, lambda: go("/people")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="people", component=PeopleScreen),
        ft.Route(path="people/add/:role", component=AddPersonScreen),
        ft.Route(path="people/:member_id", component=PersonScreen),
    ],
    tiles=tiles,
)
