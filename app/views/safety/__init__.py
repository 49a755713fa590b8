"""Safety: the family's Signs of Safety plan, the safety scale, and each child's own plan.

Parents and the worker see ``plan`` (what is working well, the worries, what needs to happen,
and the agency's bottom lines, which only the worker changes) and ``scale`` (everyone's 0-10
ratings and the chart); ``child`` is a child's plan written by the grown-ups. A child sees
``help`` ("I need help", always with Childline and 999) and their own plan on their home.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.safety.child import ChildPlanScreen
from app.views.safety.help import HelpScreen, MyPlanScreen, child_home_parts, need_help_part
from app.views.safety.parts import safety_of
from app.views.safety.plan import SafetyPlanScreen
from app.views.safety.scale import RateScreen, SafetyScaleScreen
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The "Safety plan" card on a parent's or the worker's home."""
    if member.role is Role.CHILD:
        return []
    news = len(safety_of(session).plan().new_from_worker())
    subtitle = t("safety.tile.new", count=news) if news and member.role is Role.PARENT else (
        t("safety.tile_subtitle"))
    return [w.tile(ft.Icons.SHIELD_OUTLINED, t("safety.title"), subtitle,
                   guarded(session, lambda: go("/safety")))]


def child_parts(session: Session, member: Member) -> list[ft.Control]:
    """"My safety plan" and the safety scale, for a child."""
    if member.role is not Role.CHILD:
        return []
    return child_home_parts(session)


def need_help(session: Session, member: Member) -> list[ft.Control]:
    """The big "I need help" button, for a child."""
    return need_help_part(session) if member.role is Role.CHILD else []


FEATURE = Feature(
    routes=[
        ft.Route(path="safety", component=SafetyPlanScreen),
        ft.Route(path="safety/scale", component=SafetyScaleScreen),
        ft.Route(path="safety/rate", component=RateScreen),
        ft.Route(path="safety/help", component=HelpScreen),
        ft.Route(path="safety/mine", component=MyPlanScreen),
        ft.Route(path="safety/child/:child_id", component=ChildPlanScreen),
    ],
    child_routes=("safety/help", "safety/mine", "safety/rate"),
    tiles=tiles,
    child_parts=child_parts,
)

#: "I need help" on a child's home, placed on its own near the top (see ``features``).
NEED_HELP = Feature(child_parts=need_help)
