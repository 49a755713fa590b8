"""Strengths and proud moments: what each child is good at and has done well.

Anyone in the household may add a note about a child (``form``); notes are never taken away.
A child sees their own proud moments on their home.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.state import Session, go, guarded
from app.views.strengths.form import AddStrengthScreen, service
from app.views.strengths.screens import StrengthsScreen, my_proud_moments


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The 'Strengths and proud moments' card on a parent's or worker's home."""
    if member.role is Role.CHILD:
        return []
    count = len(service(session).notes())
    subtitle = t("strengths.tile.count", count=count) if count else t("strengths.tile.none")
    return [w.tile(ft.Icons.EMOJI_EVENTS_OUTLINED, t("strengths.title"), subtitle,
                   guarded(session, lambda: go("/strengths")))]


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """'My proud moments' on a child's home."""
    if member.role is not Role.CHILD:
        return []
    return my_proud_moments(session, member)


FEATURE = Feature(
    routes=[
        ft.Route(path="strengths", component=StrengthsScreen),
        ft.Route(path="strengths/add", component=AddStrengthScreen),
        ft.Route(path="strengths/add/:child_id", component=AddStrengthScreen),
    ],
    child_routes=("strengths/add",),
    tiles=tiles,
    child_parts=child_parts,
)
