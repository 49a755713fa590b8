"""Chores: the jobs each child does, with turns, stars and a week to look back on.

Parents plan chores and see each child's week; the worker sees the same, read-only; a child
sees "My jobs today" on their home and ticks off what they did.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import plural, t
from app.views import widgets as w
from app.views.chores.child import MyJobsToday
from app.views.chores.parts import (
    service,
)
from app.views.chores.screens import AddChoreScreen, ChoreScreen, ChoresScreen
from app.views.chores.week import ChildWeekScreen
from app.views.feature import Feature
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The Chores card on a parent's or worker's home."""
    if member.role is Role.CHILD:
        return []
    chores = service(session)
    due = sum(len(chores.jobs_today(k.id)) for k in chores.children())
    subtitle = plural(due, "chores.tile") if due else t(
        "chores.tile.none")
    return [w.tile(ft.Icons.CHECKLIST, t("chores.title"), subtitle,
                   guarded(session, lambda: go("/chores")))]


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """'My jobs today' on a child's home."""
    if member.role is not Role.CHILD:
        return []
    return [MyJobsToday(member.id)]


FEATURE = Feature(
    routes=[
        ft.Route(path="chores", component=ChoresScreen),
        ft.Route(path="chores/add", component=AddChoreScreen),
        ft.Route(path="chores/week/:child_id", component=ChildWeekScreen),
        ft.Route(path="chores/:chore_id", component=ChoreScreen),
    ],
    tiles=tiles,
    child_parts=child_parts,
)
