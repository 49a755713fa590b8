"""Family group conference: the extended family meets with staff and writes its own plan.

The coordinator (the family's worker) prepares it; on the day come the information stage and
then private family time, when the device shows only the family's plan being written and
nothing of the worker's notes or views on any screen; the family shares its plan; the worker
records whether the agency agrees and why; the plan's actions are ticked over time, and it
prints. Parents and the worker see the card on their home; in private family time it comes
first on every home.
"""

from __future__ import annotations

import flet as ft

from app import theme
from app.domain.people import Member, Role
from app.domain.programme.conference import Stage
from app.i18n import t
from app.services.programme.conference import conferences_for
from app.views import widgets as w
from app.views.conference.screens import ConferenceScreen
from app.views.feature import Feature
from app.views.state import Session, go, guarded


def urgent(session: Session, member: Member) -> list[ft.Control]:
    """In private family time, the family's plan comes before everything on a grown-up's home."""
    if member.role is Role.CHILD:
        return []
    if not conferences_for(session.require_service()).in_private_time():
        return []
    words = t("conference.private.tile_parent" if member.role is Role.PARENT
              else "conference.private.tile_worker")
    # it stands out from the everyday cards below: today it is the one thing to do
    return [ft.Semantics(identifier="conference-private-tile", container=True, content=(
        ft.Container(w.tile(ft.Icons.DIVERSITY_1_OUTLINED, t("conference.private.title"), words,
                            guarded(session, lambda: go("/conference"))),
                     border=ft.Border.all(3, theme.BRAND), border_radius=16)))]


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """"Family group conference" on the worker's home, and a parent's once there is one."""
    if member.role is Role.CHILD:
        return []
    current = conferences_for(session.require_service()).current()
    if current is None and member.role is not Role.WORKER:
        return []
    stage = current.stage.value if current is not None else "none"
    if current is not None and current.stage is Stage.PRIVATE_TIME:
        return []  # the urgent card stands for it
    return [w.tile(ft.Icons.DIVERSITY_1_OUTLINED, t("conference.title"),
                   t(f"conference.tile.{stage}"), guarded(session, lambda: go("/conference")))]


FEATURE = Feature(
    routes=[ft.Route(path="conference", component=ConferenceScreen)],
    urgent=urgent,
    tiles=tiles,
)
