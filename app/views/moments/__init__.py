"""The hard moments log: a parent's or the worker's record of a difficult time with a child.

What happened, what the child might have needed (connection before correction), the agreed
consequence used, the repair and how it ended; with patterns by time of day and by what set it
off. An honest account of a smack is kept as written, answered warmly with the law, and marked
for the worker. Parents and the worker see it; children never do: it has
no part on a child's home, and its screens and service refuse a child.
"""

from __future__ import annotations

import flet as ft

from app.domain.people import Member, Role
from app.i18n import t
from app.views import widgets as w
from app.views.feature import Feature
from app.views.moments.screens import AddMomentScreen, MomentScreen, MomentsScreen
from app.views.state import Session, go, guarded


def tiles(session: Session, member: Member) -> list[ft.Control]:
    """The 'Hard moments' card on a parent's or worker's home: no count, nothing of the log."""
    if member.role is Role.CHILD:
        return []
    return [w.tile(ft.Icons.SPA_OUTLINED, t("moments.title"), t("moments.tile"),
                   guarded(session, lambda: go("/moments")))]


FEATURE = Feature(
    routes=[
        ft.Route(path="moments", component=MomentsScreen),
        ft.Route(path="moments/add", component=AddMomentScreen),
        ft.Route(path="moments/:moment_id", component=MomentScreen),
    ],
    tiles=tiles,
)
