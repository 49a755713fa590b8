"""Mood check-ins: how each child (and each parent) feels, in pictures first, and how it is going.

Children check in in three taps (``flow``), and saying they do not feel safe asks "Do you feel
safe right now?" and can raise an alert only the worker sees (``alerts``, the worker's card at
the top of their home). Parents and the worker see each child's strip, chart and notes
(``family``); a parent has their own check-in for their wellbeing (``carer``).
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.checkins.alerts import AlertsCard
from app.views.checkins.carer import CarerCheckinScreen
from app.views.checkins.family import ChildFeelingsScreen, FamilyFeelingsScreen
from app.views.checkins.flow import CheckinScreen
from app.views.feature import Feature
from app.views.safety.parts import big_button
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
    child_routes=("checkins/new",),
    urgent=urgent,
    tiles=tiles,
    child_parts=child_parts,
)
