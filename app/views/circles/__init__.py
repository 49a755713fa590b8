"""Family circles: a prompt, a round with a talking piece, and what was agreed.

A parent starts and runs a circle (``run``) and turns what was agreed into a chore, a house
rule or a safety-plan step (``become``); the worker reads the history.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.circles.become import BecomeScreen
from app.views.circles.parts import (
    service,
    when_words,
)
from app.views.circles.run import CircleScreen
from app.views.circles.screens import CirclesScreen, StartCircleScreen
from app.views.feature import Feature
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The Family circles card on a parent's or worker's home."""
    if member.role is Role.CHILD:
        return []
    circles = service(session).circles()
    if any(not c.finished for c in circles) and service(session).may_run(member):
        subtitle = t("circles.tile.open")
    elif circles:
        subtitle = t("circles.tile.last", date=when_words(circles[0].started_at))
    else:
        subtitle = t("circles.tile.none")
    return [w.tile(ft.Icons.GROUPS_OUTLINED, t("circles.title"), subtitle,
                   guarded(session, lambda: go("/circles")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="circles", component=CirclesScreen),
        ft.Route(path="circles/start", component=StartCircleScreen),
        ft.Route(path="circles/:circle_id/make/:agreement_id/:what", component=BecomeScreen),
        ft.Route(path="circles/:circle_id", component=CircleScreen),
    ],
    tiles=tiles,
)
