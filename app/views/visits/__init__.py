"""The worker's visits: visit mode for the worker on the family's device, and the visits kept.

The worker starts a visit with the family, works through the agenda together (since the
last visit, the safety plan, the agreement, each child's voice, the carer's wellbeing,
strengths, actions, the next visit) and ends it; parents and the worker read the visits
kept, and print them.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.services.visits import visits_for
from app.views import widgets as w
from app.views.feature import Feature
from app.views.state import Session, go, guarded
from app.views.visits.child import HearFromChildScreen
from app.views.visits.history import VisitsScreen
from app.views.visits.screens import VisitScreen


def start_tile(session: Session, member: Member) -> list[ft.Control]:
    """The worker's "Start a visit" (or "Carry on with the visit"), near the top of their home."""
    if member.role is not Role.WORKER:
        return []
    going = visits_for(session.require_service()).current(member) is not None
    return [ft.Semantics(identifier="visit-tile", container=True, content=w.tile(
        ft.Icons.HOME_WORK_OUTLINED, t("visits.tile.going" if going else "visits.tile.start"),
        t("visits.tile.subtitle"), guarded(session, lambda: go("/visit"))))]


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """"Visits": the visits kept, for parents and the worker."""
    if member.role is Role.CHILD:
        return []
    return [w.tile(ft.Icons.EVENT_NOTE_OUTLINED, t("visits.history.title"),
                   t("visits.history.subtitle"), guarded(session, lambda: go("/visits")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="visit", component=VisitScreen),
        ft.Route(path="visit/child/:child_id", component=HearFromChildScreen),
        ft.Route(path="visits", component=VisitsScreen),
    ],
    urgent=start_tile,
    tiles=tiles,
)
