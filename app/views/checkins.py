"""Mood check-ins as the shell sees them: routes, home cards, and a child's home part.

The screens live beside this module: ``checkins_flow`` (the three-tap check-in and "Do you
feel safe right now?"), ``checkins_family`` (the grown-ups' strip, chart and notes),
``checkins_carer`` (a parent's own check-in) and ``checkins_alerts`` (the worker's card).
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.checkins_alerts import AlertsCard
from app.views.checkins_carer import CarerCheckinScreen
from app.views.checkins_family import ChildFeelingsScreen, FamilyFeelingsScreen
from app.views.checkins_flow import CheckinScreen
from app.views.feature import Feature
from app.views.safety_parts import big_button
from app.views.state import Session, go, guarded


def urgent(_session: Session, member: Member) -> list[ft.Control]:
    """The worker's safety alerts, at the very top of their home.

    A parent's home never shows anything about an alert.
    """
    return [AlertsCard()] if member.role is Role.WORKER else []


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The "How everyone is feeling" card, for parents and the worker."""
    if member.role is Role.CHILD:
        return []
    return [w.tile(ft.Icons.MOOD, t("checkins.family.title"), t("checkins.tile_subtitle"),
                   guarded(session, lambda: go("/checkins")))]


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """The big "How do I feel?" card on a child's home."""
    if member.role is not Role.CHILD:
        return []
    return [ft.Semantics(identifier="how-do-i-feel", container=True, content=big_button(
        "happy", t("checkins.child_card"), guarded(session, lambda: go("/checkins/new")),
        height=96))]


FEATURE = Feature(
    routes=[
        ft.Route(path="checkins", component=FamilyFeelingsScreen),
        ft.Route(path="checkins/new", component=CheckinScreen),
        ft.Route(path="checkins/me", component=CarerCheckinScreen),
        ft.Route(path="checkins/child/:child_id", component=ChildFeelingsScreen),
    ],
    urgent=urgent,
    tiles=tiles,
    child_parts=child_parts,
)
