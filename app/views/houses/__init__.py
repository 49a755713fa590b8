"""The child's Three Houses: good things, worries and dreams, and their words for meetings.

A child adds pictures, words or drawings to their houses and chooses, thing by thing, whether
their grown-ups see it; what they keep is sealed for the worker (``child``). Grown-ups see only
what was shown, and the worker looks back with the child and turns a worry or a dream into a
step of the safety plan (``family``). "What I want my meeting to know" prints for a meeting
(``meeting``).
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.programme.three_houses import HOUSE_PICTURES, House
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.houses.child import AddToHouseScreen, TakeBackScreen
from app.views.houses.family import HistoryScreen, HousesScreen
from app.views.houses.meeting import MeetingScreen
from app.views.houses.parts import ROUTE
from app.views.state import Session, go, guarded
from app.views.text_size import sized


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The "Three houses" card on a parent's or worker's home: nothing of what is inside."""
    if member.role is Role.CHILD:
        return []
    return [w.tile(ft.Icons.HOME_OUTLINED, t("houses.title"), t("houses.tile"),
                   guarded(session, lambda: go(ROUTE)))]


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """A big "My three houses" card on a child's home, with the three houses' pictures."""
    if member.role is not Role.CHILD:
        return []
    return [ft.Semantics(identifier="houses-card", container=True, content=ft.Card(
        ft.Container(ft.Column([
            ft.Row([w.picture(HOUSE_PICTURES[h], 56) for h in House],
                   alignment=ft.MainAxisAlignment.SPACE_EVENLY),
            ft.Text(t("houses.child.card_sub"), size=sized(17), color=theme.TEXT,
                    text_align=ft.TextAlign.CENTER),
            w.primary(t("houses.child.card"), guarded(session, lambda: go(ROUTE))),
        ], spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH), padding=14),
        bgcolor=theme.SURFACE))]


FEATURE = Feature(
    routes=[
        ft.Route(path="houses", component=HousesScreen),
        ft.Route(path="houses/add/:house", component=AddToHouseScreen),
        ft.Route(path="houses/take-back/:item_id", component=TakeBackScreen),
        ft.Route(path="houses/meeting", component=MeetingScreen),
        ft.Route(path="houses/child/:child_id", component=HistoryScreen),
    ],
    child_routes=("houses", "houses/add/:house", "houses/take-back/:item_id", "houses/meeting",
                  "houses/child/:child_id"),
    tiles=tiles,
    child_parts=child_parts,
)
